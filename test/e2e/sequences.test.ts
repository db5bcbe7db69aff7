import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUES } from '@sara/jobs';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { serializeLikeMeta } from '../support/meta.js';
import { textMessage } from '../support/meta-events.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN = { authorization: `Bearer ${TEST_SECRETS.ADMIN_API_KEY}` };
const SECRET = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
const FIRST = 'sara_carrinho_abandonado';
const REMINDER = 'sara_carrinho_lembrete';
let stack: RecoveryStack;

afterEach(() => stack.stop());

/** The cart sequence: FIRST at once, then each follow-up template at its delay in seconds. */
async function sequence(...followUps: [delaySeconds: number, template: string][]): Promise<void> {
  const steps = [{ delaySeconds: 0, template: FIRST }, ...followUps.map(([delaySeconds, template]) => ({ delaySeconds, template }))];
  const response = await request(stack.app).put('/admin/sequences/cart').set(ADMIN).send({ steps });
  expect(response.status).toBe(200);
}

async function abandon(overrides: Record<string, unknown> = {}): Promise<{ conversationId: string; abandonmentId: string; phone: string }> {
  const event = abandonmentBody(overrides);
  const response = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), SECRET);
  expect(response.status).toBe(200);
  return { conversationId: response.body.conversationId as string, abandonmentId: event.abandonmentId as string, phone: event.phone as string };
}

/** The template names the fake Graph API received for one buyer, in order. */
function templatesTo(phone: string): string[] {
  return stack.graph.requests
    .map((sent) => sent.body as { to?: string; type?: string; template?: { name?: string } })
    .filter((body) => body.to === phone.slice(1) && body.type === 'template')
    .map((body) => body.template?.name ?? '');
}

async function stepRow(abandonmentExternalId: string, step: number) {
  const abandonment = await stack.prisma.abandonment.findUnique({ where: { externalId: abandonmentExternalId } });
  if (!abandonment) return null;
  return stack.prisma.recoveryStep.findUnique({ where: { abandonmentId_step: { abandonmentId: abandonment.id, step } } });
}

describe('follow-up sequences', () => {
  it('follows up a silent buyer at the step delay, and the conversation shows each message step', async () => {
    stack = await new RecoveryStack().start();
    await sequence([2, REMINDER]);
    const buyer = await abandon({ phone: '+5511911110001' });
    await waitFor(() => templatesTo(buyer.phone).length === 1, 10_000, 'first template');
    const before = await request(stack.app).get(`/conversations/${buyer.conversationId}`).set(ADMIN);
    expect(before.body.cohort).toBe('treatment');
    expect(before.body.nextStep).toMatchObject({ step: 2, template: REMINDER });

    await waitFor(() => templatesTo(buyer.phone).length === 2, 15_000, 'the follow-up');
    expect(templatesTo(buyer.phone)).toEqual([FIRST, REMINDER]);
    await stack.waitForQueuesIdle();
    const after = await request(stack.app).get(`/conversations/${buyer.conversationId}`).set(ADMIN);
    expect(after.body.messages.map((message: { step: number | null }) => message.step)).toEqual([1, 2]);
    expect(after.body.nextStep).toBeNull();
  });

  it('stops when the buyer replies and when the sale is paid', async () => {
    stack = await new RecoveryStack().start();
    await sequence([4, REMINDER]);
    const replier = await abandon({ phone: '+5511911110002' });
    const payer = await abandon({ phone: '+5511911110003' });
    await waitFor(() => templatesTo(replier.phone).length === 1 && templatesTo(payer.phone).length === 1, 10_000, 'first templates');

    await postSigned(
      stack.app,
      '/webhook/messages',
      serializeLikeMeta(textMessage(replier.phone, 'Oi, ainda tá valendo?').body),
      TEST_SECRETS.WHATSAPP_APP_SECRET,
    );
    const paid = { abandonmentId: payer.abandonmentId, paymentId: `pay_${payer.abandonmentId}`, status: 'paid', amount: 250, linkType: 'original' };
    await postSigned(stack.app, '/webhook/payment', JSON.stringify(paid), SECRET);

    await waitFor(async () => (await stepRow(replier.abandonmentId, 2))?.status === 'skipped', 15_000, 'the replier skipped');
    await waitFor(async () => (await stepRow(payer.abandonmentId, 2))?.status === 'skipped', 15_000, 'the payer skipped');
    expect((await stepRow(replier.abandonmentId, 2))?.reason).toBe('buyer_replied');
    expect((await stepRow(payer.abandonmentId, 2))?.reason).toBe('paid');
    expect(templatesTo(replier.phone)).toEqual([FIRST]);
    expect(templatesTo(payer.phone).filter((name) => name === REMINDER)).toEqual([]);
  });

  it('sends each step exactly once with two replicas of every worker', async () => {
    stack = await new RecoveryStack().start({ replicas: 2 });
    await sequence([2, REMINDER], [3, 'sara_carrinho_ultima_chance']);
    const buyers = await Promise.all(Array.from({ length: 8 }, (_, index) => abandon({ phone: `+55119222200${String(index).padStart(2, '0')}` })));
    await waitFor(() => buyers.every((buyer) => templatesTo(buyer.phone).length >= 3), 20_000, 'three templates each');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const buyer of buyers) expect(templatesTo(buyer.phone)).toEqual([FIRST, REMINDER, 'sara_carrinho_ultima_chance']);
  });

  it('holds a template due inside quiet hours until they end, and one beyond the buyer cap for a day', async () => {
    stack = await new RecoveryStack().start();
    // Quiet from an hour ago to an hour from now in São Paulo (the 11 area code's zone), whatever the hour the suite runs.
    const local = (offsetMinutes: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(Date.now() + offsetMinutes * 60_000),
      );
    const quiet = await request(stack.app)
      .put('/admin/settings')
      .set(ADMIN)
      .send({ quietHours: { start: local(-60), end: local(60) } });
    expect(quiet.status).toBe(200);

    const night = await abandon({ phone: '+5511911110004' });
    await waitFor(async () => (await stepRow(night.abandonmentId, 1)) !== null, 10_000, 'the first template planned');
    const first = await stack.prisma.message.findFirstOrThrow({ where: { conversationId: night.conversationId } });
    const job = await stack.job(QUEUES.whatsappOutbound, first.id);
    expect(await job?.getState()).toBe('delayed');
    const row = await stepRow(night.abandonmentId, 1);
    expect(row?.reason).toBe('quiet_hours');
    expect(row!.sentAt!.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(row!.sentAt!.getTime() - Date.now()).toBeLessThan(61 * 60_000);
    expect(templatesTo(night.phone)).toEqual([]);

    await request(stack.app).put('/admin/settings').set(ADMIN).send({ quietHours: null, maxTemplatesPerBuyerPer24h: 1 });
    const phone = '+5511911110005';
    await abandon({ phone, productId: 'prod_a' });
    await waitFor(() => templatesTo(phone).length === 1, 10_000, 'the first recovery template');
    const second = await abandon({ phone, productId: 'prod_b' });
    await waitFor(async () => (await stepRow(second.abandonmentId, 1)) !== null, 10_000, 'the second recovery planned');
    const capped = await stepRow(second.abandonmentId, 1);
    expect(capped?.reason).toBe('buyer_cap');
    expect(capped!.sentAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(templatesTo(phone)).toHaveLength(1);
  });

  it('tries a step again a day later when Meta answers the per-user marketing limit (131049)', async () => {
    stack = await new RecoveryStack().start();
    await sequence();
    stack.graph.failNext(1, { status: 400, code: 131049, message: 'This message was not delivered to maintain healthy ecosystem engagement.' });
    const buyer = await abandon({ phone: '+5511911110006' });
    await waitFor(async () => (await stepRow(buyer.abandonmentId, 1))?.attempt === 2, 10_000, 'the step rescheduled');
    const row = await stepRow(buyer.abandonmentId, 1);
    expect(row).toMatchObject({ status: 'scheduled', reason: 'marketing_limit', messageId: null });
    expect(row!.dueAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const job = await stack.job(QUEUES.recoveryStep, `step-${row!.abandonmentId}-1-2`);
    expect(await job?.getState()).toBe('delayed');
  });

  it('never messages the holdout group, yet matches and records its payments', async () => {
    stack = await new RecoveryStack().start();
    expect((await request(stack.app).put('/admin/settings').set(ADMIN).send({ holdoutPercent: 50 })).body.holdoutPercent).toBe(50);
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, index) => abandon({ phone: `+55119333300${String(index).padStart(2, '0')}` })));
    await stack.waitForQueuesIdle();
    const rows = await stack.prisma.abandonment.findMany({ where: { externalId: { in: buyers.map((buyer) => buyer.abandonmentId) } } });
    const control = buyers.filter((buyer) => rows.find((row) => row.externalId === buyer.abandonmentId)?.cohort === 'control');
    const treatment = buyers.filter((buyer) => !control.includes(buyer));
    expect(control.length).toBeGreaterThan(2);
    expect(treatment.length).toBeGreaterThan(2);
    for (const buyer of control) expect(templatesTo(buyer.phone)).toEqual([]);
    for (const buyer of treatment) expect(templatesTo(buyer.phone)).toEqual([FIRST]);
    const shown = await request(stack.app).get(`/conversations/${control[0]!.conversationId}`).set(ADMIN);
    expect(shown.body).toMatchObject({ cohort: 'control', nextStep: null });

    const buyer = control[0]!;
    const paid = { abandonmentId: buyer.abandonmentId, paymentId: `pay_${buyer.abandonmentId}`, status: 'paid', amount: 250, linkType: 'original' };
    await postSigned(stack.app, '/webhook/payment', JSON.stringify(paid), SECRET);
    await stack.waitForQueuesIdle();
    expect(await stack.prisma.abandonment.findUniqueOrThrow({ where: { externalId: buyer.abandonmentId } })).toMatchObject({ status: 'converted' });
    expect(await stack.prisma.payment.findFirstOrThrow({ where: { externalId: paid.paymentId } })).toMatchObject({ matchStatus: 'matched' });
    expect(stack.graph.requests.filter((sent) => (sent.body as { to?: string }).to === buyer.phone.slice(1))).toEqual([]);
  });
});
