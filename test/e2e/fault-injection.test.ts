import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES } from '@sara/jobs';
import { WebhookLogRepository } from '@sara/domain';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { OutboxRelay } from '../../apps/ingress/src/webhooks/outbox-relay.js';
import { AppProcess } from '../support/app-process.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-env.js';
import { waitFor } from '../support/wait-for.js';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
let stack: RecoveryStack | undefined;
const processes: AppProcess[] = [];
let proxy: TcpProxy | undefined;

afterEach(async () => {
  await Promise.all(processes.splice(0).map((child) => child.stop()));
  await stack?.stop();
  stack = undefined;
  await proxy?.stop();
  proxy = undefined;
});

function conversationWorker(prefix: string, graphUrl: string): AppProcess {
  const child = new AppProcess('worker-conversation', {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    WHATSAPP_ACCESS_TOKEN: 'EAAG-test-token',
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    WHATSAPP_API_URL: graphUrl,
    METRICS_PORT: '0',
    WORKER_LOCK_DURATION_MS: '1000',
  });
  processes.push(child);
  return child;
}

describe('a worker killed with SIGKILL mid-job while another replica runs', () => {
  it('has its job finished once by the other replica, and the message is never sent twice', async () => {
    stack = await new RecoveryStack().start({ replicas: 0 });
    stack.startAbandonmentWorker();
    stack.graph.delayMs = 2_000;
    const doomed = conversationWorker(stack.prefix, stack.graph.url);
    await doomed.waitForLog('worker consuming');

    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(abandonmentBody()), SECRET);
    await waitFor(() => stack!.graph.requests.length === 1, 20_000, 'the send to reach the Graph API');
    const survivor = conversationWorker(stack.prefix, stack.graph.url);
    await survivor.waitForLog('worker consuming');
    doomed.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');

    const template = () => stack!.prisma.message.findFirstOrThrow({ where: { conversationId: accepted.body.conversationId } });
    await waitFor(async () => ['unknown', 'sent'].includes((await template()).status), 20_000, 'the survivor to settle the message');
    await stack.waitForQueuesIdle(20_000);
    const job = await stack.job(QUEUES.whatsappOutbound, (await template()).id);
    expect(await job?.isCompleted()).toBe(true);
    expect(stack.graph.requests).toHaveLength(1);

    // SIGTERM: the survivor closes its worker and exits cleanly.
    survivor.kill('SIGTERM');
    expect((await survivor.exited).code).toBe(0);
    expect(survivor.logs.some((line) => line.msg === 'worker stopped')).toBe(true);
  }, 60_000);
});

describe('Redis stopped during ingest, then started', () => {
  it('answers every webhook and processes each accepted one exactly once', async () => {
    const target = new URL(TEST_REDIS_URL);
    proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    // Jobs in flight at the cut lose their lock and come back through BullMQ's stalled check.
    stack = await new RecoveryStack({ redisUrl: proxy.url('redis') }).start({ lockDurationMs: 1_500 });
    const relay = new OutboxRelay(
      { webhookLog: new WebhookLogRepository(stack.prisma), producer: stack.producer, logger: stack.logger },
      { intervalMs: 100, graceMs: 0, batchSize: 50 },
    );
    relay.start();

    const events = Array.from({ length: 30 }, (_, index) => abandonmentBody({ phone: `+55319${String(30_000_000 + index)}` }));
    const statuses: number[] = [];
    for (const [index, event] of events.entries()) {
      if (index === 10) await proxy.stop();
      if (index === 20) {
        // While Redis was away the webhooks were answered from Postgres alone.
        expect(await stack.prisma.webhookLog.count({ where: { enqueuedAt: null } })).toBeGreaterThanOrEqual(10);
        await proxy.start();
      }
      statuses.push((await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET)).status);
    }
    expect(statuses).toEqual(Array(30).fill(200));

    await waitFor(async () => (await stack!.prisma.webhookLog.count({ where: { processed: true } })) === 30, 30_000, 'all 30 processed');
    await stack.waitForQueuesIdle(20_000);
    await relay.stop();
    expect(await stack.prisma.abandonment.count()).toBe(30);
    expect(await stack.prisma.message.count({ where: { status: 'sent' } })).toBe(30);
    expect(stack.graph.sent()).toHaveLength(30);
    expect(new Set(stack.graph.sent().map((body) => body.to)).size).toBe(30);
  }, 60_000);
});
