import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperatorAccounts, type OperatorRole } from '@sara/domain';
import { OutboundMessageQueue } from '@sara/jobs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RecoveryStack } from '../../../../test/support/recovery-stack.js';
import { truncateAll } from '../../../../test/support/database.js';
import { TEST_TEMPLATES } from '../../../ingress/src/test-support/test-recovery.js';
import { createConsoleApp } from '../app.js';
import { ChangeFeed } from '../live/change-feed.js';
import { CHROMIUM, collectPageErrors, launchChromium } from './browser.js';
import { TEST_CONSOLE_ENV } from './console-harness.js';

const WEB_ROOT = new URL('../../web/dist/', import.meta.url);
export const BROWSER_PASSWORD = 'senha forte da equipe';

/**
 * The real console beside the real ingress, workers and outbound sender (RecoveryStack: the
 * real Postgres and Redis, a fake Graph API), served on a port, and a headless Chromium.
 */
export class BrowserStack {
  stack!: RecoveryStack;
  baseUrl = '';
  private outbound!: OutboundMessageQueue;
  private feed!: ChangeFeed;
  private server!: Server;
  private browser!: Browser;

  async start(options: Parameters<RecoveryStack['start']>[0] = {}): Promise<this> {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run scripts/test.sh, which installs Debian's chromium`);
    if (!existsSync(new URL('index.html', WEB_ROOT))) throw new Error('The console page is not built: run scripts/pnpm.sh build');
    this.stack = await new RecoveryStack().start(options);
    await truncateAll(this.stack.prisma);
    this.outbound = new OutboundMessageQueue(this.stack.redis, this.stack.prefix);
    this.feed = new ChangeFeed(this.stack.prisma, this.stack.logger, { intervalMs: 200, lookBackMs: 5_000 });
    const app = createConsoleApp({
      env: TEST_CONSOLE_ENV,
      prisma: this.stack.prisma,
      redis: this.stack.redis,
      outbound: this.outbound,
      templates: TEST_TEMPLATES,
      logger: this.stack.logger,
      feed: this.feed,
    });
    this.server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await launchChromium();
    return this;
  }

  account(role: OperatorRole, email: string, name: string) {
    return new OperatorAccounts(this.stack.prisma).create({ email, password: BROWSER_PASSWORD, role, name });
  }

  /** A fresh browser profile and page, with every console error and page exception collected. */
  async page(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await this.browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    return { context, page, errors: collectPageErrors(page) };
  }

  async logIn(page: Page, email: string): Promise<void> {
    await page.goto(this.baseUrl);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Senha').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.feed?.close();
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    await this.outbound?.close();
    await this.stack?.stop();
  }
}
