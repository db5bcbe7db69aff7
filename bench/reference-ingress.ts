// Second baseline of benchmark 1: the least an abandonment webhook can durably cost, written
// plainly: Express 5 raw body, HMAC check, JSON.parse, a few type checks, one INSERT … ON
// CONFLICT DO NOTHING RETURNING into the same webhooks_log (node-postgres, pool of 10), one
// BullMQ add keyed by the row id, a JSON answer. No logging, metrics or outbox bookkeeping.
// Run as its own process; DATABASE_URL, REDIS_URL, QUEUE_PREFIX, PAYMENT_WEBHOOK_SECRET from env.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { listenAndAnnounce, requireEnv as env, signedWebhookApp } from './lib/express.js';

const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
const queue = new Queue('abandonment-received', { connection: new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null }), prefix: env('QUEUE_PREFIX') });

const app = signedWebhookApp(env('PAYMENT_WEBHOOK_SECRET'), async (raw, res) => {
  const event = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (typeof event.abandonmentId !== 'string' || typeof event.phone !== 'string' || typeof event.value !== 'number') {
    res.status(400).json({ error: 'invalid' });
    return;
  }
  const conversationId = randomUUID();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO webhooks_log (webhook_type, external_id, payload, conversation_id) VALUES ('abandonment', $1, $2, $3)
     ON CONFLICT (webhook_type, external_id) DO NOTHING RETURNING id`,
    [event.abandonmentId, raw.toString('utf8'), conversationId],
  );
  const id = rows[0]?.id;
  if (id) await queue.add('abandonment', { webhookLogId: id, webhookType: 'abandonment', payload: event, conversationId }, { jobId: id });
  res.json({ status: id ? 'received' : 'already_processed', abandonmentId: event.abandonmentId, conversationId });
});
listenAndAnnounce(app, 'reference ingress listening');
