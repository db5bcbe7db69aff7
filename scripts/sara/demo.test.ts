import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProductOfferCatalog } from '@sara/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { RecoveryStack } from '../../test/support/recovery-stack.js';
import { SaraClient } from './client.js';
import { DEMO_OFFERS } from './demo-catalog.js';
import { DEMO_FAQ } from './demo-faq.js';
import { DEMO_FOLLOW_UP_SECONDS, setUpDemoFollowUp } from './demo-follow-up.js';
import { formatFunnel, summarizeFunnel } from './funnel.js';
import { DEMO_JOURNEYS, playJourneys, type Journey } from './journeys.js';
import { seedDemoOffers } from './seed-offers.js';

let stack: RecoveryStack;
let server: Server;
let client: SaraClient;

// The whole of Sara in this process (ingress, workers, sandbox transport, offline brain), reached
// over real HTTP exactly as `bash scripts/up.sh` reaches the apps it starts.
beforeAll(async () => {
  stack = await new RecoveryStack().start({ transport: 'sandbox' });
  await seedDemoOffers(stack.prisma);
  server = stack.app.listen(0);
  await once(server, 'listening');
  client = new SaraClient({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paymentSecret: TEST_SECRETS.PAYMENT_WEBHOOK_SECRET,
    appSecret: TEST_SECRETS.WHATSAPP_APP_SECRET,
    adminKey: TEST_SECRETS.ADMIN_API_KEY,
  });
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

/** As demo.ts plays: the follow-up set for the run, and put back after it. */
async function play(journeys: readonly Journey[] = DEMO_JOURNEYS, timeoutMs = 15_000) {
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);
  const putBack = await setUpDemoFollowUp(client, say);
  const results = await playJourneys(client, { say, timeoutMs }, journeys).finally(putBack);
  return { results, output: lines.join('\n') };
}

// The silent buyer waits for its follow-up, DEMO_FOLLOW_UP_SECONDS after the abandonment.
const PLAY_TIMEOUT_MS = 60_000;

describe('the demo journeys, end to end over HTTP', () => {
  it('recovers with the discount link, recovers with the original link, opts out, and follows up the silent buyer', { timeout: PLAY_TIMEOUT_MS }, async () => {
    const { results, output } = await play();
    expect(results.map((result) => result.problems)).toEqual([[], [], [], []]);
    expect(results.map((result) => [result.journey.key, result.transcript?.status, result.transcript?.closedReason])).toEqual([
      ['discount', 'closed', 'converted'],
      ['doubt', 'closed', 'converted'],
      ['opt-out', 'closed', 'opted_out'],
      ['silent', 'awaiting_response', null],
    ]);

    const abandonments = await stack.prisma.abandonment.findMany({
      where: { conversationId: { in: results.map((result) => result.conversationId as string) } },
      include: { user: true },
    });
    const byConversation = (index: number) => abandonments.find((row) => row.conversationId === results[index]?.conversationId);
    expect(byConversation(0)).toMatchObject({ status: 'converted', conversionLink: 'discounted' });
    expect(byConversation(1)).toMatchObject({ status: 'converted', conversionLink: 'original' });
    expect(byConversation(2)).toMatchObject({ status: 'declined', user: { optedOut: true } });
    expect(byConversation(3)).toMatchObject({ status: 'initiated', convertedAt: null });
    expect(results[0]?.payment).toEqual({ amount: 267.3, linkType: 'discounted' });

    expect(summarizeFunnel(results)).toEqual({
      abandonments: 4,
      replied: 3,
      optedOut: 1,
      recovered: 2,
      revenue: 314.3,
      discounted: 1,
      discountedRevenue: 267.3,
      // Everyone got the first template; only the silent buyer the follow-up (the others answered first).
      steps: [
        { step: 1, sent: 4 },
        { step: 2, sent: 1 },
      ],
    });
    expect(formatFunnel(summarizeFunnel(results))).toMatch(/revenue\s+R\$ 314,30/);
    expect(formatFunnel(summarizeFunnel(results))).toMatch(/step 2 sent\s+1 \(25%\)/);

    // The silent buyer's follow-up: in the conversation as step 2, at its delay, and "sent" by the sandbox.
    const silent = results[3]?.transcript;
    expect(silent?.messages.map((message) => [message.from, message.step])).toEqual([
      ['sara', 1],
      ['sara', 2],
    ]);
    const [first, second] = (silent?.messages ?? []).map((message) => Date.parse(message.timestamp));
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual((DEMO_FOLLOW_UP_SECONDS - 1) * 1_000);
    expect(silent?.nextStep).toBeNull();
    expect(output).toMatch(/next: step 2 \(sara_carrinho_abandonado_lembrete\) due at \d\d:\d\d:\d\d/);
    expect(output).toMatch(/✓ Sara's follow-up, step 2 \(\d+\.\d s\)/);
    expect(output).toMatch(/sandbox → \+55 ••••\d{4}: \[template sara_carrinho_abandonado_lembrete\] Diego \| Curso Vendas pelo WhatsApp/);
    expect(output).toMatch(/Sara {5}\[template sara_carrinho_abandonado_lembrete\] Diego .* · step 2$/m);

    // What a person reads: names, the buyer's words, and which link each message offered.
    expect(output).toContain('Ana Paula Souza · demo_curso · R$ 297,00');
    expect(output).toMatch(/\d\d:\d\d:\d\d {2}Ana {6}achei caro, tem desconto\?/);
    expect(output).toContain('↳ offered: payment link, discount link (10% off)');
    expect(output).toMatch(/Sara {5}\[template sara_carrinho_abandonado\] Diego \| Curso Vendas pelo WhatsApp/);
    expect(output).not.toMatch(/\+55\d{10,}/);
  });

  it('plays again against the same database with new buyers and ids', { timeout: PLAY_TIMEOUT_MS }, async () => {
    const { results } = await play();
    expect(results.flatMap((result) => result.problems)).toEqual([]);
    expect(await stack.prisma.user.count({ where: { name: 'Ana Paula Souza' } })).toBe(2);
  });

  it('reports a journey that does not end as expected instead of passing it', async () => {
    const wrong: Journey[] = [
      { ...DEMO_JOURNEYS[1]!, key: 'doubt-wants-discount', answerOffers: ['payment', 'discount'] },
      { ...DEMO_JOURNEYS[0]!, key: 'paid-but-expected-opt-out', ending: { status: 'closed', closedReason: 'opted_out' } },
    ];
    const { results } = await play(wrong, 2_000);
    expect(results[0]?.problems).toEqual(["Sara's answer offered payment; expected discount, payment"]);
    expect(results[1]?.problems).toEqual([
      expect.stringMatching(/^timed out after 2\.0 s waiting for conversation closed as opted_out; conversation is closed \(converted\)/),
    ]);
    expect(summarizeFunnel(results).optedOut).toBe(0);
  });
});

describe("the demo's follow-up settings", () => {
  it('turns quiet hours and the holdout off for the run only, and puts the shop’s own cart sequence back', async () => {
    const shop = [
      { delaySeconds: 0, template: 'loja_carrinho' },
      { delaySeconds: 1_800, template: 'loja_lembrete' },
    ];
    await client.putSequence('cart', shop);
    const before = await client.putRecoverySettings({ quietHours: { start: '21:00', end: '09:00' }, holdoutPercent: 20 });
    const lines: string[] = [];
    const putBack = await setUpDemoFollowUp(client, (line) => lines.push(line));

    expect((await client.sequences()).find((sequence) => sequence.kind === 'cart')?.steps).toEqual([
      { delaySeconds: 0, template: 'loja_carrinho' },
      { delaySeconds: DEMO_FOLLOW_UP_SECONDS, template: 'loja_lembrete' },
    ]);
    expect(await client.recoverySettings()).toEqual({ ...before, quietHours: null, holdoutPercent: 0 });
    expect(lines.join('\n')).toContain('Turned off for the run: quiet hours (21:00-09:00) and the holdout group (PUT /admin/settings).');

    await putBack();
    expect((await client.sequences()).find((sequence) => sequence.kind === 'cart')).toEqual({ kind: 'cart', steps: shop, custom: true });
    expect(await client.recoverySettings()).toEqual(before);
  });

  it('leaves a shop that set nothing on the defaults, writing no settings row', async () => {
    await client.resetSequence('cart');
    await stack.prisma.recoverySettings.deleteMany();
    const putBack = await setUpDemoFollowUp(client, () => {});
    await putBack();
    expect((await client.sequences()).every((sequence) => !sequence.custom)).toBe(true);
    expect(await stack.prisma.recoverySettings.count()).toBe(0);
  });
});

describe('seeding the demo offers', () => {
  it('upserts the same three offers, each with its FAQ, on every run, replacing any edit', async () => {
    const catalog = new ProductOfferCatalog(stack.prisma);
    await stack.prisma.productOffer.update({ where: { productId: 'demo_curso' }, data: { paymentLink: 'https://pay.sara.example/edited', faq: [] } });
    expect((await catalog.find('demo_curso'))?.paymentLink).toBe('https://pay.sara.example/edited');

    await seedDemoOffers(stack.prisma);
    expect(await stack.prisma.productOffer.count({ where: { productId: { startsWith: 'demo_' } } })).toBe(DEMO_OFFERS.length);
    expect(await catalog.find('demo_curso')).toEqual({
      productId: 'demo_curso',
      productName: 'Curso Vendas pelo WhatsApp',
      paymentLink: 'https://pay.sara.example/c/demo-curso',
      discountLink: 'https://pay.sara.example/c/demo-curso?cupom=VOLTA10',
      discountPercent: 10,
      faq: DEMO_FAQ.demo_curso,
    });
  });
});
