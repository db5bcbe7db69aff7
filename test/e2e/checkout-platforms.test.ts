import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { hasFixtures, serializeLikeMeta } from '../support/meta.js';
import { textMessage } from '../support/meta-events.js';
import { authenticate, postGateway } from '../../apps/ingress/src/test-support/gateway-requests.js';
import { RecoveryStack } from '../support/recovery-stack.js';
import { waitFor } from '../support/wait-for.js';

// Real platform bodies (shapes from Hotmart's, Stripe's and Shopify's documentation and the
// anonymised Hotmart fixtures), posted as the platforms post them, through the whole stack.

let stack: RecoveryStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function startStack(options: ConstructorParameters<typeof RecoveryStack>[0] = {}) {
  stack = await new RecoveryStack(options).start();
  await stack.prisma.productOffer.create({
    data: { productId: '1355458', productName: 'Curso de Confeitaria', paymentLink: 'https://pay.hotmart.com/X1355458?off=0rgmjkb1', discountPercent: '10.00' },
  });
  return stack;
}

const templateOf = (index: number) =>
  stack?.graph.requests[index]?.body.template as { name: string; components: { parameters: { text: string }[] }[] } | undefined;
const parameters = (index: number) => templateOf(index)?.components[0]?.parameters.map((parameter) => parameter.text);

function hotmartCart(buyer: { phone: string; email: string }) {
  return {
    id: randomUUID(),
    creation_date: Date.now(),
    event: 'PURCHASE_OUT_OF_SHOPPING_CART',
    version: '2.0.0',
    data: {
      buyer: { name: 'Mariana Costa', email: buyer.email, phone: buyer.phone },
      product: { id: 1355458, name: 'Curso de Confeitaria (Hotmart)' },
      offer: { code: '0rgmjkb1' },
      checkout_country: { iso: 'BR', name: 'Brasil' },
    },
  };
}

function hotmartPurchase(event: string, buyer: { checkout_phone?: string; email: string }, purchase: { transaction: string; value: number; type?: string }) {
  return {
    id: randomUUID(),
    creation_date: Date.now(),
    event,
    version: '2.0.0',
    data: {
      product: { id: 1355458, name: 'Curso de Confeitaria (Hotmart)' },
      buyer: { name: 'Mariana Costa', email: buyer.email, checkout_phone: buyer.checkout_phone },
      purchase: {
        transaction: purchase.transaction,
        status: event === 'PURCHASE_EXPIRED' ? 'EXPIRED' : 'APPROVED',
        order_date: Date.now() - 10 * 60_000,
        approved_date: Date.now(),
        price: { value: purchase.value, currency_value: 'BRL' },
        payment: { type: purchase.type ?? 'CREDIT_CARD' },
      },
    },
  };
}

const post = (platform: Parameters<typeof postGateway>[1], body: unknown, options: Parameters<typeof authenticate>[2] = {}) => {
  const raw = JSON.stringify(body);
  return postGateway(stack!.app, platform, raw, authenticate(platform, raw, options));
};

const MARIANA = { phone: '+55 11 98765-4321', email: 'mariana@example.com' };

/** A Hotmart event about Mariana's R$ 1,497 Pix `transaction`, posted and worked through. */
async function postPix(event: string, transaction: string) {
  const buyer = { checkout_phone: MARIANA.phone, email: MARIANA.email };
  const response = await post('hotmart', hotmartPurchase(event, buyer, { transaction, value: 1497, type: 'PIX' }));
  await stack!.waitForQueuesIdle();
  return response;
}

/** A Stripe event around `object`, as Stripe posts it; `id` fixed where a test names it. */
function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${randomUUID().replace(/-/g, '')}`) {
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } };
}

describe('a Hotmart abandoned cart, recovered', () => {
  it('pitches the buyer with the offer link, then matches the approved purchase by phone and thanks them', async () => {
    await startStack();
    const cart = await post('hotmart', hotmartCart({ phone: '+55 11 98765-4321', email: 'Mariana@Example.com' }));
    expect(cart.status).toBe(200);
    await stack!.waitForQueuesIdle();
    expect(templateOf(0)?.name).toBe('sara_carrinho_abandonado');
    expect(parameters(0)).toEqual(['Mariana', 'Curso de Confeitaria', 'https://pay.hotmart.com/X1355458?off=0rgmjkb1']);
    expect(stack!.graph.requests[0]?.body.to).toBe('5511987654321');

    // Hotmart writes the purchase's phone without the country code.
    const paid = await post(
      'hotmart',
      hotmartPurchase('PURCHASE_APPROVED', { checkout_phone: '11987654321', email: 'other@example.com' }, { transaction: 'HP1000000001', value: 1497 }),
    );
    expect(paid.body).toMatchObject({ status: 'received', type: 'payment', paymentId: 'hotmart:HP1000000001' });
    await stack!.waitForQueuesIdle();

    const abandonment = await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: cart.body.abandonmentId }, include: { conversation: true } });
    expect(abandonment).toMatchObject({
      status: 'converted',
      paymentId: 'hotmart:HP1000000001',
      source: 'hotmart',
      kind: 'cart',
      buyerEmail: 'mariana@example.com',
    });
    expect(abandonment.conversation).toMatchObject({ status: 'closed', closedReason: 'converted' });
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({
      matchStatus: 'matched',
      matchedBy: 'phone',
      abandonmentId: abandonment.id,
      source: 'hotmart',
    });
    expect(templateOf(1)?.name).toBe('sara_pagamento_confirmado');

    // PURCHASE_COMPLETE of the same transaction later: nothing new.
    await post('hotmart', hotmartPurchase('PURCHASE_COMPLETE', { email: 'mariana@example.com' }, { transaction: 'HP1000000001', value: 1497 }));
    await stack!.waitForQueuesIdle();
    expect(stack!.graph.requests).toHaveLength(2);
    expect(await stack!.prisma.payment.count()).toBe(1);
  });

  it('matches by email when the purchase phone is unusable', async () => {
    await startStack();
    const cart = await post('hotmart', hotmartCart({ phone: '(21) 99876-5432', email: 'joana@example.com' }));
    await stack!.waitForQueuesIdle();
    await post(
      'hotmart',
      hotmartPurchase('PURCHASE_APPROVED', { checkout_phone: '+55 11 9abc1-2345', email: 'JOANA@example.com' }, { transaction: 'HP1000000002', value: 1347.3 }),
    );
    await stack!.waitForQueuesIdle();
    expect(await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: cart.body.abandonmentId } })).toMatchObject({ status: 'converted' });
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({ matchedBy: 'email' });
  });

  it('pitches once when Hotmart reports the same buyer and product twice', async () => {
    await startStack();
    await post('hotmart', hotmartCart(MARIANA));
    await stack!.waitForQueuesIdle();
    await post('hotmart', hotmartCart(MARIANA));
    await stack!.waitForQueuesIdle();
    expect(stack!.graph.requests).toHaveLength(1);
    expect(await stack!.prisma.abandonment.count()).toBe(1);
    expect(await stack!.prisma.webhookLog.count({ where: { webhookType: 'abandonment', processed: true } })).toBe(2);
  });

  it('tells the buyer their Pix expired, with a fresh link', async () => {
    await startStack();
    await postPix('PURCHASE_EXPIRED', 'HP1000000003');
    expect(templateOf(0)?.name).toBe('sara_pagamento_expirado');
    expect(parameters(0)).toEqual(['Mariana', 'Pix', 'Curso de Confeitaria', 'https://pay.hotmart.com/X1355458?off=0rgmjkb1']);
    expect(await stack!.prisma.abandonment.findFirstOrThrow()).toMatchObject({ kind: 'pix_expired', externalId: 'hotmart:HP1000000003:expired' });
  });
});

describe.skipIf(!hasFixtures)('the conversation after a Pix expired', () => {
  it('talks about generating a new Pix, with the link', async () => {
    await startStack();
    await postPix('PURCHASE_EXPIRED', 'HP1000000004');
    const said = await postSigned(
      stack!.app,
      '/webhook/messages',
      serializeLikeMeta(textMessage('+5511987654321', 'Quero pagar sim').body),
      TEST_SECRETS.WHATSAPP_APP_SECRET,
    );
    expect(said.status).toBe(200);
    await stack!.waitForQueuesIdle();
    const reply = stack!.graph.requests[1]?.body.text?.body as string;
    expect(reply).toMatch(/Pix/);
    expect(reply).toMatch(/expirou/);
    expect(reply).toContain('https://pay.hotmart.com/X1355458?off=0rgmjkb1');
  });
});

describe('a buyer who already paid', () => {
  it('is never reminded of the Pix they paid, even after the payment settled their earlier cart', async () => {
    await startStack({ env: { PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 0 } });
    await post('hotmart', hotmartCart(MARIANA));
    await stack!.waitForQueuesIdle();
    // The Pix is paid; the payment closes the cart's recovery with thanks.
    await postPix('PURCHASE_APPROVED', 'HP3000000001');
    expect(stack!.graph.requests.map((sent) => sent.body.template.name)).toEqual(['sara_carrinho_abandonado', 'sara_pagamento_confirmado']);

    // The Pix-generated event of that same transaction is processed only now.
    const pending = await postPix('PURCHASE_BILLET_PRINTED', 'HP3000000001');
    expect(pending.body).toMatchObject({ type: 'abandonment', abandonmentId: 'hotmart:HP3000000001' });
    expect(stack!.graph.requests).toHaveLength(2);
    const reminder = await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'hotmart:HP3000000001' }, include: { conversation: true } });
    expect(reminder.conversation).toMatchObject({ status: 'closed', closedReason: 'paid_before_contact' });
  });

  it('is left alone everywhere once one purchase pays: other recoveries close, a late expiry says nothing', async () => {
    await startStack({ env: { PENDING_PAYMENT_REMINDER_DELAY_MINUTES: 0 } });
    const cart = await post('hotmart', hotmartCart(MARIANA));
    await stack!.waitForQueuesIdle();
    await postPix('PURCHASE_BILLET_PRINTED', 'HP4000000001');
    expect(stack!.graph.requests.map((sent) => sent.body.template.name)).toEqual(['sara_carrinho_abandonado', 'sara_pagamento_pendente']);

    await postPix('PURCHASE_APPROVED', 'HP4000000001');
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({ matchedBy: 'checkout', matchStatus: 'matched' });
    const cartConversation = await stack!.prisma.conversation.findUniqueOrThrow({ where: { id: cart.body.conversationId } });
    expect(cartConversation).toMatchObject({ status: 'closed', closedReason: 'purchased' });

    // The Pix's expiry notice arrives late: the purchase it belonged to is paid.
    await postPix('PURCHASE_EXPIRED', 'HP4000000001');
    expect(stack!.graph.requests.map((sent) => sent.body.template.name)).toEqual([
      'sara_carrinho_abandonado',
      'sara_pagamento_pendente',
      'sara_pagamento_confirmado',
    ]);
  });

  it('stops being sold to when the amount paid does not fit, and the payment waits for review', async () => {
    await startStack();
    await post(
      'stripe',
      stripeEvent(
        'checkout.session.expired',
        {
          id: 'cs_test_r1',
          amount_total: 19_990,
          currency: 'brl',
          customer_details: { email: 'lucas@example.com', name: 'Lucas', phone: '+5548991234567' },
          metadata: { product_id: 'camiseta-azul' },
          after_expiration: { recovery: { enabled: true, url: 'https://buy.stripe.com/r/x1' } },
        },
        'evt_a1',
      ),
    );
    await stack!.waitForQueuesIdle();
    // Paid through the recovery URL with a promotion code: 150,00 instead of 199,90.
    await post(
      'stripe',
      stripeEvent(
        'checkout.session.completed',
        {
          id: 'cs_test_r2',
          recovered_from: 'cs_test_r1',
          payment_status: 'paid',
          payment_intent: 'pi_r2',
          amount_total: 15_000,
          currency: 'brl',
          customer_details: { email: 'lucas@example.com', name: 'Lucas', phone: null },
          metadata: { product_id: 'camiseta-azul' },
        },
        'evt_a2',
      ),
    );
    await stack!.waitForQueuesIdle();
    const payment = await stack!.prisma.payment.findFirstOrThrow();
    expect(payment).toMatchObject({ matchStatus: 'review', abandonmentId: null });
    expect(payment.reviewReason).toMatch(/amount 150.00 matches neither the original value 199.90/);
    const abandonment = await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'stripe:cs_test_r1' }, include: { conversation: true } });
    expect(abandonment.status).toBe('initiated');
    expect(abandonment.conversation).toMatchObject({ status: 'closed', closedReason: 'payment_review' });
  });
});

describe('events out of order', () => {
  it('keeps a payment that matches nothing for review, then closes the late abandonment quietly', async () => {
    await startStack();
    const buyer = { phone: '+55 31 99123-4567', email: 'pedro@example.com' };
    await post(
      'hotmart',
      hotmartPurchase('PURCHASE_APPROVED', { checkout_phone: buyer.phone, email: buyer.email }, { transaction: 'HP2000000001', value: 1497 }),
    );
    await stack!.waitForQueuesIdle();
    const unmatched = await stack!.prisma.payment.findFirstOrThrow();
    expect(unmatched).toMatchObject({ matchStatus: 'unmatched', abandonmentId: null, buyerPhone: '+5531991234567' });
    expect(unmatched.reviewReason).toMatch(/no open abandonment of product 1355458 by this phone or email in the 168 h before the payment/);
    expect(await stack!.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'payment' } })).toMatchObject({ processed: true });
    const review = await request(stack!.app).get('/admin/payments?status=unmatched').set('Authorization', `Bearer ${TEST_SECRETS.ADMIN_API_KEY}`);
    expect(review.status).toBe(200);
    expect(review.body.pagination).toEqual({ limit: 50, offset: 0, total: 1 });
    expect(review.body.payments[0]).toMatchObject({
      source: 'hotmart',
      paymentId: 'hotmart:HP2000000001',
      amount: '1497.00',
      matchStatus: 'unmatched',
      reviewReason: unmatched.reviewReason,
      buyer: { phone: '+5531••••••567', email: 'pe•••@example.com' },
    });

    const cart = await post('hotmart', hotmartCart(buyer));
    await stack!.waitForQueuesIdle();
    expect(stack!.graph.requests).toHaveLength(0);
    const abandonment = await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: cart.body.abandonmentId }, include: { conversation: true } });
    expect(abandonment).toMatchObject({ status: 'converted', paymentId: 'hotmart:HP2000000001' });
    expect(abandonment.conversation).toMatchObject({ status: 'closed', closedReason: 'paid_before_contact' });
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({ matchStatus: 'matched', matchedBy: 'phone', reviewReason: null });
  });
});

describe('a Stripe Checkout session, recovered', () => {
  const session = (overrides: Record<string, unknown>) => ({
    id: 'cs_test_a1B2c3',
    object: 'checkout.session',
    amount_total: 19_990,
    currency: 'brl',
    customer: null,
    customer_details: { email: 'lucas@example.com', name: 'Lucas Almeida', phone: '+5548991234567' },
    metadata: { product_id: '1355458' },
    ...overrides,
  });

  it('offers the recovery URL of the expired session, and converts when the recovered session is paid', async () => {
    await startStack();
    const recoveryUrl = 'https://buy.stripe.com/r/live_YWNjdF8xTjQ';
    const expired = await post(
      'stripe',
      stripeEvent(
        'checkout.session.expired',
        session({
          status: 'expired',
          payment_status: 'unpaid',
          after_expiration: { recovery: { enabled: true, url: recoveryUrl, allow_promotion_codes: false, expires_at: 1_766_000_000 } },
        }),
      ),
    );
    expect(expired.body).toMatchObject({ type: 'abandonment', abandonmentId: 'stripe:cs_test_a1B2c3' });
    await stack!.waitForQueuesIdle();
    // The shop's offer row wins for a cart; the recovery URL is the fallback when there is none.
    expect(parameters(0)).toEqual(['Lucas', 'Curso de Confeitaria', 'https://pay.hotmart.com/X1355458?off=0rgmjkb1']);

    const paid = await post(
      'stripe',
      stripeEvent(
        'checkout.session.completed',
        session({
          id: 'cs_test_z9Y8x7',
          status: 'complete',
          payment_status: 'paid',
          payment_intent: 'pi_3Q1',
          recovered_from: 'cs_test_a1B2c3',
          customer_details: { email: 'lucas@example.com', name: 'Lucas Almeida', phone: null },
        }),
      ),
    );
    expect(paid.body).toMatchObject({ type: 'payment', paymentId: 'stripe:pi_3Q1' });
    await stack!.waitForQueuesIdle();
    expect(await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'stripe:cs_test_a1B2c3' } })).toMatchObject({
      status: 'converted',
      paymentId: 'stripe:pi_3Q1',
      conversionLink: 'original',
    });
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({ matchedBy: 'checkout', matchStatus: 'matched' });
    expect(templateOf(1)?.name).toBe('sara_pagamento_confirmado');
  });

  it('uses the recovery URL when the product has no offer row', async () => {
    await startStack();
    const recoveryUrl = 'https://buy.stripe.com/r/live_b2ZmZXI';
    const metadata = { product_id: 'camiseta-azul', product_name: 'Camiseta Azul' };
    await post('stripe', stripeEvent('checkout.session.expired', session({ metadata, after_expiration: { recovery: { enabled: true, url: recoveryUrl } } })));
    await stack!.waitForQueuesIdle();
    expect(parameters(0)).toEqual(['Lucas', 'Camiseta Azul', recoveryUrl]);

    // Paid in a new session, not opened from the recovery URL: matched by the buyer's phone.
    await post('stripe', stripeEvent('checkout.session.completed', session({ id: 'cs_test_n3w', metadata, payment_status: 'paid', payment_intent: 'pi_3Q2' })));
    await stack!.waitForQueuesIdle();
    expect(await stack!.prisma.payment.findFirstOrThrow()).toMatchObject({ matchedBy: 'phone', matchStatus: 'matched' });
    expect(parameters(1)).toEqual(['Lucas', 'Camiseta Azul']);
  });
});

describe('a Shopify checkout', () => {
  const checkout = (token: string, minutesAgo: number, phone: string) => ({
    token,
    completed_at: null,
    created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    updated_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    email: 'carla@example.com',
    phone: null,
    billing_address: { first_name: 'Carla', phone },
    abandoned_checkout_url: `https://loja.example.com/checkouts/${token}/recover`,
    total_price: '149.90',
    currency: 'BRL',
    line_items: [{ product_id: 632910392, title: 'Camiseta Azul', price: '149.90' }],
  });

  it('becomes an abandonment once the delay has passed, and not when it was completed meanwhile', async () => {
    await startStack({ env: { SHOPIFY_ABANDONMENT_DELAY_MINUTES: 1 } });
    // Last touched more than a minute ago: abandoned now.
    await post('shopify', checkout('tok_abandoned', 2, '+55 41 99988-7766'), { shopifyTopic: 'checkouts/update' });
    // Touched 57 s ago: due in 3 s, and completed before that.
    const almost = checkout('tok_completed', 0.95, '+55 41 99911-2233');
    await post('shopify', almost, { shopifyTopic: 'checkouts/create' });
    await post('shopify', { ...almost, completed_at: new Date().toISOString() }, { shopifyTopic: 'checkouts/update' });
    await stack!.waitForQueuesIdle(20_000);

    expect(stack!.graph.requests).toHaveLength(1);
    expect(parameters(0)).toEqual(['Carla', 'Camiseta Azul', 'https://loja.example.com/checkouts/tok_abandoned/recover']);
    const completed = await stack!.prisma.abandonment.findUniqueOrThrow({ where: { externalId: 'shopify:tok_completed' }, include: { conversation: true } });
    expect(completed.conversation).toMatchObject({ status: 'closed', closedReason: 'checkout_completed' });
  });

  it('counts the delay from the last change: an older update does not pitch a buyer still editing', async () => {
    await startStack({ env: { SHOPIFY_ABANDONMENT_DELAY_MINUTES: 1 } });
    // Deliveries arrive out of order: the newest change (57 s ago) first, then an older one (2 min ago).
    const newest = checkout('tok_editing', 0.95, '+55 41 99988-7766');
    await post('shopify', newest, { shopifyTopic: 'checkouts/update' });
    await post('shopify', { ...checkout('tok_editing', 2, '+55 41 99988-7766') }, { shopifyTopic: 'checkouts/update' });
    await waitFor(async () => (await stack!.prisma.webhookLog.count({ where: { processed: true } })) === 1, 10_000, 'the older delivery to be settled');
    // It left the checkout to the newest delivery: nothing recorded, nothing queued yet.
    expect(await stack!.prisma.abandonment.count()).toBe(0);
    expect(await stack!.prisma.message.count()).toBe(0);

    await stack!.waitForQueuesIdle(20_000);
    expect(stack!.graph.requests).toHaveLength(1);
    expect(await stack!.prisma.abandonment.count()).toBe(1);
  });
});
