import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES, readStoredWebhook } from '@sara/jobs';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { waitFor } from '../support/wait-for.js';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
let stack: RecoveryStack;

afterEach(() => stack.stop());

async function abandon(overrides: Record<string, unknown> = {}) {
  const event = abandonmentBody(overrides);
  const response = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
  expect(response.status).toBe(200);
  return { event, conversationId: response.body.conversationId as string };
}

async function templateOf(conversationId: string) {
  return stack.prisma.message.findFirstOrThrow({ where: { conversationId, messageType: 'template' } });
}

async function templateStatus(conversationId: string): Promise<string | undefined> {
  return (await stack.prisma.message.findFirst({ where: { conversationId, messageType: 'template' } }))?.status;
}

describe('Graph API failures', () => {
  it.each([
    ['two HTTP 500s', { status: 500 }, 2],
    ['a throughput limit (130429)', { status: 400, code: 130429 }, 1],
    ['a dropped connection', 'drop-connection' as const, 1],
  ])('retries %s with backoff and sends exactly one message', async (_name, failure, times) => {
    stack = await new RecoveryStack().start();
    stack.graph.failNext(times, failure);
    const { conversationId } = await abandon();
    await waitFor(async () => (await templateStatus(conversationId)) === 'sent', 15_000);
    expect(stack.graph.requests).toHaveLength(times + 1);
    expect(stack.graph.sent()).toHaveLength(1);
    const message = await templateOf(conversationId);
    expect(message.whatsappMessageId).toMatch(/^wamid\./);
    expect((await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).messageCount).toBe(1);
  });

  it.each([
    ['131047 (outside the 24 h window)', 131047],
    ['190 (access token expired)', 190],
    ['131026 (undeliverable)', 131026],
  ])('fails the message on %s without retrying, keeping the code', async (_name, code) => {
    stack = await new RecoveryStack().start();
    stack.graph.failNext(1, { status: 400, code });
    const { conversationId } = await abandon();
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(1);
    expect(await templateOf(conversationId)).toMatchObject({ status: 'failed', errorCode: code, whatsappMessageId: null });
  });

  it('gives up after the bounded attempts and marks the message failed', async () => {
    stack = await new RecoveryStack().start();
    stack.graph.respondAlways({ status: 503 });
    const { conversationId } = await abandon();
    await waitFor(async () => (await templateStatus(conversationId)) === 'failed', 30_000);
    expect(stack.graph.requests).toHaveLength(5);
  }, 40_000);
});

describe('opt-out', () => {
  it('never messages a buyer who opted out: the abandonment is recorded, nothing is sent', async () => {
    stack = await new RecoveryStack().start();
    await stack.prisma.user.create({ data: { phoneNumber: '+5511911112222', name: 'Ana', optedOut: true, optedOutAt: new Date() } });
    const { event, conversationId } = await abandon({ phone: '+5511911112222' });
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(0);
    expect(await stack.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: 'closed', closedReason: 'opted_out' });
    expect((await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: event.abandonmentId as string } })).status).toBe('declined');
    expect(await stack.prisma.message.count()).toBe(0);
  });

  it('blocks an already queued message when the buyer opts out before it leaves', async () => {
    stack = await new RecoveryStack().start();
    await Promise.all(stack.workers.filter((worker) => worker.name === QUEUES.whatsappOutbound).map((worker) => worker.pause()));
    const { event, conversationId } = await abandon({ phone: '+5511933334444' });
    await waitFor(async () => (await stack.prisma.message.count({ where: { conversationId } })) === 1);
    await stack.prisma.user.update({ where: { phoneNumber: event.phone as string }, data: { optedOut: true } });
    await Promise.all(stack.workers.filter((worker) => worker.name === QUEUES.whatsappOutbound).map((worker) => worker.resume()));
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(0);
    const message = await templateOf(conversationId);
    expect(message.status).toBe('blocked');
    expect(message.metadata).toMatchObject({ blockedReason: 'opted_out' });
  });
});

describe('closed conversations', () => {
  it('never sends a queued pitch once the conversation closed (paid, closed by an admin)', async () => {
    stack = await new RecoveryStack().start();
    const outbound = stack.workers.filter((worker) => worker.name === QUEUES.whatsappOutbound);
    await Promise.all(outbound.map((worker) => worker.pause()));
    const { conversationId } = await abandon();
    await waitFor(async () => (await stack.prisma.message.count({ where: { conversationId } })) === 1);
    await stack.prisma.conversation.update({ where: { id: conversationId }, data: { status: 'closed', closedReason: 'manual_close' } });
    await Promise.all(outbound.map((worker) => worker.resume()));
    await stack.waitForQueuesIdle();
    expect(stack.graph.requests).toHaveLength(0);
    expect((await templateOf(conversationId)).metadata).toMatchObject({ blockedReason: 'conversation_closed' });
  });
});

describe('throughput limit', () => {
  it('never lets more messages per second reach the Graph API than the configured rate, across replicas', async () => {
    stack = await new RecoveryStack().start({ replicas: 0 });
    stack.startAbandonmentWorker();
    stack.startOutboundWorker({ ratePerSecond: 4 });
    stack.startOutboundWorker({ ratePerSecond: 4 });
    const events = Array.from({ length: 12 }, (_, index) => abandonmentBody({ phone: `+55219${String(20_000_000 + index)}` }));
    await Promise.all(events.map((event) => postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET)));
    await stack.waitForQueuesIdle(30_000);

    const arrivals = stack.graph.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(12);
    // 12 sends at 4/s need three limiter windows; unlimited, they all land within a few ms.
    // The bounds leave room for delivery jitter: this checks the limiter works, not its timing.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(1_500);
    for (let index = 4; index < arrivals.length; index++) {
      expect(arrivals[index]! - arrivals[index - 4]!).toBeGreaterThanOrEqual(500);
    }
  }, 40_000);
});

describe('crashes and replicas', () => {
  it('loses nothing and sends nothing twice when a sender dies mid-send and another takes over', async () => {
    stack = await new RecoveryStack().start({ replicas: 0 });
    stack.startAbandonmentWorker();
    const doomed = stack.startOutboundWorker({ lockDurationMs: 1_000, stalledIntervalMs: 500 });
    stack.graph.delayMs = 400;
    const { conversationId } = await abandon();
    await waitFor(() => stack.graph.requests.length === 1);
    await doomed.close(true);

    stack.startOutboundWorker({ lockDurationMs: 1_000, stalledIntervalMs: 500 });
    await waitFor(async () => ['sent', 'unknown'].includes((await templateStatus(conversationId)) ?? ''), 20_000);
    await stack.waitForQueuesIdle(20_000);
    expect(stack.graph.requests).toHaveLength(1);
  }, 40_000);

  it('turns 3 deliveries of each of 50 events, on two replicas of every worker, into exactly 50 templates', async () => {
    stack = await new RecoveryStack().start({ replicas: 2 });
    const events = Array.from({ length: 50 }, (_, index) => abandonmentBody({ phone: `+55119${String(10_000_000 + index)}` }));
    await Promise.all(events.flatMap((event) => [1, 2, 3].map(() => postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET))));
    // Also the same log rows queued twice under other job ids, as a relay racing the door could.
    const rows = await stack.prisma.webhookLog.findMany();
    for (const row of rows) {
      const stored = readStoredWebhook(row);
      if (!stored.ok) throw new Error(stored.reason);
      await stack.producer.enqueue(stored.job);
    }
    await stack.waitForQueuesIdle(30_000);

    expect(rows).toHaveLength(50);
    expect(stack.graph.sent()).toHaveLength(50);
    expect(new Set(stack.graph.sent().map((body) => body.to)).size).toBe(50);
    expect(await stack.prisma.abandonment.count()).toBe(50);
    expect(await stack.prisma.conversation.count()).toBe(50);
    expect(await stack.prisma.message.count({ where: { status: 'sent' } })).toBe(50);
  }, 60_000);
});
