import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openConversation } from '../../../../test/support/conversation-fixture.js';
import type { PaymentCandidatesResponse, PaymentLinkResponse, PaymentListResponse } from '../merchant-contract.js';
import { ConsoleHarness, type SignedIn } from '../test-support/console-harness.js';

const harness = new ConsoleHarness();
afterAll(() => harness.close());
beforeEach(() => harness.reset());

const BUYER = '+5511987654321';

/** A Hotmart sale Sara could not match: another phone than the checkout's, and the reason why. */
function unmatched(externalId: string, overrides: { amount?: number; buyerPhone?: string | null; productId?: string | null } = {}) {
  return harness.prisma.payment.create({
    data: {
      source: 'hotmart',
      externalId,
      amount: overrides.amount ?? 297,
      paidAt: new Date(),
      buyerPhone: overrides.buyerPhone === undefined ? '+5521987650000' : overrides.buyerPhone,
      productId: overrides.productId === undefined ? 'curso' : overrides.productId,
      matchStatus: 'unmatched',
      reviewReason: 'no open abandonment of product curso by this phone in the 168 h before the payment',
    },
  });
}

const post = (who: SignedIn, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrfToken).send(body);

describe('Pagamentos para revisar', () => {
  it('lists the payments to review with their reason, by status, ignored ones included', async () => {
    const admin = await harness.signIn('admin');
    const first = await unmatched('HP-1');
    const second = await unmatched('HP-2');
    expect((await post(admin, `/api/payments/${second.id}/ignore`, { reason: 'pedido de teste da loja' })).status).toBe(200);

    const open: PaymentListResponse = (await admin.agent.get('/api/payments?status=unmatched')).body;
    expect(open.payments.map((row) => row.id)).toEqual([first.id]);
    expect(open.payments[0]).toMatchObject({
      paymentId: 'HP-1',
      amount: '297.00',
      matchStatus: 'unmatched',
      reviewReason: expect.stringContaining('no open abandonment'),
    });
    expect(open.payments[0]!.buyer.phone).toBe('+5521••••••000');
    const ignored: PaymentListResponse = (await admin.agent.get('/api/payments?status=ignored')).body;
    expect(ignored.payments).toMatchObject([{ id: second.id, matchStatus: 'ignored', reviewReason: 'pedido de teste da loja' }]);
    expect((await admin.agent.get('/api/payments?status=pending')).body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'status' } });
  });

  it("offers the open abandonments of the payment's buyer or product as candidates", async () => {
    const admin = await harness.signIn('admin');
    const sameBuyer = await openConversation(harness.prisma, { phoneNumber: '+5521987650000', name: 'Dora Reis', productId: 'ebook' });
    const sameProduct = await openConversation(harness.prisma, { phoneNumber: BUYER, name: 'Carla Souza' });
    await openConversation(harness.prisma, { phoneNumber: '+5531987650000', name: 'Outro Comprador', productId: 'ebook' });
    const payment = await unmatched('HP-3');

    const answer: PaymentCandidatesResponse = (await admin.agent.get(`/api/payments/${payment.id}/candidates`)).body;

    expect(answer.abandonments.map((row) => [row.id, row.matchedBy])).toEqual([
      [sameProduct.abandonment.id, 'product'],
      [sameBuyer.abandonment.id, 'phone'],
    ]);
    expect(answer.abandonments[1]).toMatchObject({ buyerName: 'Dora Reis', productId: 'ebook', value: 297, kind: 'cart', status: 'active' });
  });

  it('links by hand exactly once: of two clicks at once one converts, the other is 409, and the buyer is thanked once', async () => {
    const admin = await harness.signIn('admin');
    const other = await harness.signIn('admin');
    const { abandonment, conversation } = await openConversation(harness.prisma, { phoneNumber: BUYER, name: 'Carla Souza' });
    const payment = await unmatched('HP-4');

    const answers = await Promise.all([
      post(admin, `/api/payments/${payment.id}/link`, { abandonmentId: abandonment.id }),
      post(other, `/api/payments/${payment.id}/link`, { abandonmentId: abandonment.id }),
    ]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const won: PaymentLinkResponse = answers.find((answer) => answer.status === 200)!.body;
    expect(won).toMatchObject({
      payment: { id: payment.id, matchStatus: 'matched', matchedBy: 'manual', abandonmentId: abandonment.id, reviewReason: null },
      abandonment: { id: abandonment.id, status: 'converted', conversionLink: 'original' },
      thanksMessageId: expect.any(String),
    });
    expect(answers.find((answer) => answer.status === 409)!.body.error.code).toBe('PAYMENT_ALREADY_MATCHED');
    const thanks = await harness.prisma.message.findMany({ where: { conversationId: conversation.id, intent: 'payment_thanks' } });
    expect(thanks).toMatchObject([{ id: won.thanksMessageId, status: 'queued', fromSender: 'sara' }]);
    expect(await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: 'closed',
      closedReason: 'converted',
    });
    expect(await harness.outbound.queue.getJob(won.thanksMessageId!)).toBeDefined();

    const again = await post(admin, `/api/payments/${payment.id}/link`, { abandonmentId: abandonment.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PAYMENT_ALREADY_MATCHED');
    await harness.settle();
    const audit = await harness.prisma.auditEvent.findMany({ where: { action: 'console.payments.link' } });
    expect(audit.map((row) => [row.target, row.outcome]).sort()).toEqual([
      [payment.id, 200],
      [payment.id, 409],
      [payment.id, 409],
    ]);
  });

  it('refuses an abandonment another payment converted (409), an amount that fits neither price (409), and unknown ids (404)', async () => {
    const admin = await harness.signIn('admin');
    const { abandonment } = await openConversation(harness.prisma, { phoneNumber: BUYER });
    const paid = await unmatched('HP-5');
    expect((await post(admin, `/api/payments/${paid.id}/link`, { abandonmentId: abandonment.id })).status).toBe(200);

    const second = await unmatched('HP-6');
    const taken = await post(admin, `/api/payments/${second.id}/link`, { abandonmentId: abandonment.id });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ABANDONMENT_ALREADY_CONVERTED');

    const open = await openConversation(harness.prisma, { phoneNumber: '+5511911112222' });
    const cheap = await unmatched('HP-7', { amount: 10 });
    const mismatch = await post(admin, `/api/payments/${cheap.id}/link`, { abandonmentId: open.abandonment.id });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error).toMatchObject({ code: 'PAYMENT_AMOUNT_MISMATCH', details: { reason: expect.stringContaining('amount 10.00') } });
    expect(await harness.prisma.payment.findUniqueOrThrow({ where: { id: cheap.id } })).toMatchObject({ matchStatus: 'unmatched' });

    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await post(admin, `/api/payments/${nobody}/link`, { abandonmentId: abandonment.id })).body.error.code).toBe('PAYMENT_NOT_FOUND');
    expect((await post(admin, `/api/payments/${cheap.id}/link`, { abandonmentId: nobody })).body.error.code).toBe('ABANDONMENT_NOT_FOUND');
    expect((await post(admin, `/api/payments/${cheap.id}/link`, { abandonmentId: 'ab_1' })).body.error).toMatchObject({ details: { field: 'abandonmentId' } });
  });

  it('ignores with a reason of 1 to 200 characters, never a matched payment', async () => {
    const admin = await harness.signIn('admin');
    const payment = await unmatched('HP-8');
    for (const reason of ['', 'x'.repeat(201)]) {
      const refused = await post(admin, `/api/payments/${payment.id}/ignore`, { reason });
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'reason' } });
    }
    const ignored = await post(admin, `/api/payments/${payment.id}/ignore`, { reason: '  cobrança duplicada, já estornada  ' });
    expect(ignored.body.payment).toMatchObject({ matchStatus: 'ignored', reviewReason: 'cobrança duplicada, já estornada' });

    const { abandonment } = await openConversation(harness.prisma, { phoneNumber: BUYER });
    // An ignored payment may still be linked once a person finds where it belongs.
    expect((await post(admin, `/api/payments/${payment.id}/link`, { abandonmentId: abandonment.id })).status).toBe(200);
    const matched = await post(admin, `/api/payments/${payment.id}/ignore`, { reason: 'engano' });
    expect(matched.status).toBe(409);
    expect(matched.body.error.code).toBe('PAYMENT_ALREADY_MATCHED');
    await harness.settle();
    expect(await harness.prisma.auditEvent.count({ where: { action: 'console.payments.ignore', target: payment.id } })).toBe(4);
  });
});
