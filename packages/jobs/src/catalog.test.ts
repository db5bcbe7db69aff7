import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOB_OPTIONS, JOBS, WEBHOOK_JOBS } from './catalog.js';
import { readStoredWebhook } from './producer.js';
import { QUEUES } from './queues.js';
import { ABANDONMENT_EVENT } from './test-support/abandonment-event.js';

const stored = (webhookType: string, payload: unknown) => ({ id: randomUUID(), webhookType, payload, requestId: 'r1', conversationId: null });

describe('the job catalog', () => {
  it('gives every queue one job and one retry policy', () => {
    expect(
      Object.values(JOBS)
        .map((job) => job.queue)
        .sort(),
    ).toEqual(Object.values(QUEUES).sort());
    expect(Object.keys(JOB_OPTIONS).sort()).toEqual(Object.values(QUEUES).sort());
    // A payment may arrive hours before its abandonment: it outlasts every other job's retries.
    expect(JOBS.payment.options.attempts).toBeGreaterThan(JOBS.abandonment.options.attempts ?? 0);
  });

  it('sends every WhatsApp webhook type to the inbound queue and each checkout type to its own', () => {
    expect(WEBHOOK_JOBS.abandonment.queue).toBe(QUEUES.abandonment);
    expect(WEBHOOK_JOBS.payment.queue).toBe(QUEUES.payment);
    for (const type of ['whatsapp_message', 'whatsapp_status', 'whatsapp_preference', 'whatsapp_event'] as const)
      expect(WEBHOOK_JOBS[type].queue).toBe(QUEUES.whatsappInbound);
  });
});

describe('readStoredWebhook', () => {
  it('reads a valid row as its job, keeping the payload exactly as stored (no defaults added)', () => {
    const row = stored('abandonment', ABANDONMENT_EVENT);
    expect(readStoredWebhook(row)).toEqual({
      ok: true,
      job: { webhookLogId: row.id, webhookType: 'abandonment', payload: ABANDONMENT_EVENT, requestId: 'r1' },
    });
  });

  it('refuses a payload its schema refuses, naming the fields and never their values', () => {
    const result = readStoredWebhook(stored('abandonment', { ...ABANDONMENT_EVENT, phone: '11987654321', value: -1 }));
    expect(result).toEqual({ ok: false, reason: 'invalid job data: payload.phone, payload.value' });
    expect(JSON.stringify(result)).not.toContain('11987654321');
  });

  it('refuses a type no job exists for', () => {
    expect(readStoredWebhook(stored('refund', {}))).toEqual({ ok: false, reason: 'unknown webhook type refund' });
  });

  it('refuses a payment that names nothing to match by', () => {
    const result = readStoredWebhook(stored('payment', { paymentId: 'p1', status: 'paid', amount: 10 }));
    expect(result.ok).toBe(false);
  });
});
