import { afterEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { QUEUES } from '@sara/jobs';
import { startHealthServer } from '@sara/observability';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { parsePrometheus, sampleValue } from '../support/prometheus.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { waitFor } from '../support/wait-for.js';

const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
const ADMIN = `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`;
let stack: RecoveryStack;
afterEach(() => stack?.stop());

async function scrape() {
  const response = await request(stack.app).get('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return parsePrometheus(response.text);
}

/** Sara's own payment webhook for `event`'s abandonment, signed, and every job it causes done. */
async function pay(event: Record<string, unknown>, paymentId: string, amount: number) {
  await postSigned(stack.app, '/webhook/payment', JSON.stringify({ abandonmentId: event.abandonmentId, paymentId, status: 'paid', amount }), SECRET);
  await stack.waitForQueuesIdle();
}

describe('GET /metrics', () => {
  it('exposes requests, webhooks, jobs, sends, revenue and database timings that move with the traffic', async () => {
    stack = await new RecoveryStack().start();
    const before = await scrape();
    const event = abandonmentBody({ value: 120 });
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await request(stack.app).post('/webhook/abandonment').send('{}');
    await stack.waitForQueuesIdle();
    await pay(event, 'pay_m1', 120);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);

    expect(delta('sara_http_requests_total', { route: '/webhook/abandonment', status: '200' })).toBe(2);
    expect(delta('sara_http_requests_total', { route: '/webhook/abandonment', status: '403' })).toBe(1);
    expect(delta('sara_http_request_duration_seconds_count', { route: '/webhook/abandonment' })).toBe(3);
    expect(delta('sara_webhooks_received_total', { type: 'abandonment', outcome: 'received' })).toBe(1);
    expect(delta('sara_webhooks_received_total', { type: 'abandonment', outcome: 'duplicate' })).toBe(1);
    expect(delta('sara_webhooks_received_total', { type: 'abandonment', outcome: 'rejected' })).toBe(1);
    expect(delta('sara_webhooks_processed_total', { type: 'abandonment', outcome: 'processed' })).toBe(1);
    expect(delta('sara_jobs_total', { queue: QUEUES.whatsappOutbound, outcome: 'completed' })).toBe(2);
    expect(delta('sara_job_duration_seconds_count', { queue: QUEUES.abandonment })).toBe(1);
    expect(delta('sara_messages_sent_total', { kind: 'template' })).toBe(2);
    expect(delta('sara_whatsapp_send_duration_seconds_count', { transport: 'graph', outcome: 'sent' })).toBe(2);
    expect(delta('sara_recovered_sales_total', { link: 'original' })).toBe(1);
    expect(delta('sara_recovered_revenue_brl_total', { link: 'original' })).toBe(120);
    expect(delta('sara_db_query_duration_seconds_count', { operation: 'INSERT' })).toBeGreaterThan(0);
  });
});

describe('failed jobs admin', () => {
  it('lists a job that failed for good, without its data, and retries it on request', async () => {
    stack = await new RecoveryStack().start();
    const event = abandonmentBody({ value: 100 });
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
    await stack.waitForQueuesIdle();
    await pay(event, 'pay_f1', 5);

    const listed = await request(stack.app).get(`/admin/queues/${QUEUES.payment}/failed`).set('Authorization', ADMIN);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    const [failed] = listed.body.jobs;
    expect(failed).toMatchObject({
      queue: QUEUES.payment,
      failedReason: expect.stringMatching(/^needs review: amount 5\.00/),
      attemptsMade: 1,
      webhookLogId: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(event.phone as string);

    await stack.prisma.abandonment.update({ where: { externalId: event.abandonmentId as string }, data: { value: 5 } });
    const retried = await request(stack.app).post(`/admin/queues/${QUEUES.payment}/failed/${failed.jobId}/retry`).set('Authorization', ADMIN);
    expect(retried.body).toEqual({ status: 'retried', queue: QUEUES.payment, jobId: failed.jobId });
    await waitFor(
      async () => (await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: event.abandonmentId as string } })).status === 'converted',
    );

    const missing = await request(stack.app).post(`/admin/queues/${QUEUES.payment}/failed/${failed.jobId}/retry`).set('Authorization', ADMIN);
    expect(missing.status).toBe(404);
  });

  it('is admin only and names bad queues', async () => {
    stack = await new RecoveryStack().start({ replicas: 0 });
    expect((await request(stack.app).get(`/admin/queues/${QUEUES.payment}/failed`)).status).toBe(401);
    const bad = await request(stack.app).get('/admin/queues/nope/failed').set('Authorization', ADMIN);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('queue');
  });
});

describe('worker health server', () => {
  it('answers /health, /ready with its checks, /metrics, and 404 elsewhere, on any free port', async () => {
    let redisUp: 'ok' | 'unavailable' = 'ok';
    const { server, port } = await startHealthServer(0, async () => ({ postgres: 'ok', redis: redisUp }));
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(port).toBeGreaterThan(0);
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      redisUp = 'unavailable';
      const notReady = await fetch(`${base}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'unavailable', checks: { postgres: 'ok', redis: 'unavailable' } });
      expect(parsePrometheus(await (await fetch(`${base}/metrics`)).text()).some((sample) => sample.name.startsWith('sara_'))).toBe(true);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
