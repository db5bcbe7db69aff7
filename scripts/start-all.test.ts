import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../apps/ingress/src/test-support/ingress-harness.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test/test-env.js';
import { waitFor } from '../test/support/wait-for.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The pid of the child of `parent` running apps/<app>, found by its working directory. */
function appPid(parent: number, app: string): number | undefined {
  let pids: number[];
  try {
    pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return undefined;
  }
  return pids.find((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).endsWith(`apps/${app}`);
    } catch {
      return false;
    }
  });
}

// Runs the built apps (scripts/pnpm.sh build first), as `scripts/up.sh --keep-running` leaves them.
describe.skipIf(process.platform !== 'linux')('scripts/start-all.mjs', () => {
  let output = '';
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('starts a crashed worker again and keeps the others running', async () => {
    // The secrets come with the test, not from a developer's .env: a fresh clone has none.
    const env = {
      ...process.env,
      ...TEST_SECRETS,
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(await freePort()),
      CONSOLE_PORT: String(await freePort()),
      CONSOLE_SESSION_SECRET: 'test-console-session-secret-0123456789',
      METRICS_PORT: '0',
    };
    child = spawn(process.execPath, ['scripts/start-all.mjs'], { cwd: ROOT, env: { ...env, QUEUE_PREFIX: `sara-test-${randomUUID().slice(0, 8)}` } });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const parent = child.pid!;

    await waitFor(
      () => ['worker-payment', 'ingress', 'console'].every((app) => appPid(parent, app) !== undefined) && /worker-payment\s+\|/.test(output),
      20_000,
      'the apps running',
    );
    // The console listens on CONSOLE_PORT, beside the ingress.
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${env.CONSOLE_PORT}/health`).catch(() => undefined))?.ok === true,
      20_000,
      'the console answering',
    );
    const first = appPid(parent, 'worker-payment')!;
    const ingress = appPid(parent, 'ingress')!;
    const consolePid = appPid(parent, 'console')!;
    process.kill(first, 'SIGKILL');

    await waitFor(() => /worker-payment exited \(SIGKILL\); starting it again in \d+ ms/.test(output), 5_000, 'the restart notice');
    await waitFor(() => (appPid(parent, 'worker-payment') ?? first) !== first, 10_000, 'a new worker-payment');
    expect(child.exitCode).toBeNull();
    expect(appPid(parent, 'ingress')).toBe(ingress);
    expect(appPid(parent, 'console')).toBe(consolePid);

    const exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 45_000);
});
