import { createLogger } from '@sara/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cart } from '../../packages/gateways/src/test-support/hotmart-bodies.js';
import { authenticate, postGateway } from '../../apps/ingress/src/test-support/gateway-requests.js';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { abandonmentBody, postSigned } from '../../apps/ingress/src/test-support/requests.js';
import { PHONE_NUMBER_ID, RecoveryStack } from '../support/recovery-stack.js';

/** Every line Sara logs during the journeys, at the most talkative level, kept instead of printed. */
const lines: string[] = [];
const logger = createLogger({
  service: 'test',
  level: 'trace',
  hooks: {
    streamWrite: (line) => {
      lines.push(line);
      return '';
    },
  },
});

const BUYER = { name: 'Marisol Privacidade', phone: '+5511987651234', email: 'marisol.privacidade@example.com' };
const HOTMART_BUYER = { name: 'Teodora Sigilo', phone: '(31) 99876-5432', email: 'teodora.sigilo@example.com' };
const BUYER_TEXTS = ['Oi, meu cartão foi recusado ontem à noite', 'Quero sair dessa lista agora mesmo'];

/** Each way a phone may be written: E.164, digits only (Meta's wa_id and `from`), national with and without punctuation. */
function phoneForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const national = digits.slice(2);
  return [
    e164,
    digits,
    national,
    `${national.slice(0, 2)} ${national.slice(2, 7)}-${national.slice(7)}`,
    `(${national.slice(0, 2)}) ${national.slice(2, 7)}-${national.slice(7)}`,
  ];
}

/** A text message as Meta posts it, written from Meta's documented format (no fixture needed). */
function metaText(e164: string, text: string, wamid: string): string {
  const waId = e164.slice(1);
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: BUYER.name }, wa_id: waId }],
              messages: [{ from: waId, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

describe('what Sara logs along a recovery (every level, ingress and workers)', () => {
  let stack: RecoveryStack;
  beforeAll(async () => {
    stack = await new RecoveryStack({ logger }).start();
    await stack.prisma.productOffer.create({
      data: { productId: 'prod_priv', productName: 'Curso de Cerâmica', paymentLink: 'https://pay.example.com/ceramica', discountPercent: '10.00' },
    });
    const secret = TEST_SECRETS.PAYMENT_WEBHOOK_SECRET;
    const event = abandonmentBody({ ...BUYER, productId: 'prod_priv', value: 180 });
    const accepted = await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(event), secret);
    expect(accepted.status).toBe(200);
    await stack.waitForQueuesIdle();
    for (const [i, text] of BUYER_TEXTS.entries()) {
      const raw = metaText(BUYER.phone, text, `wamid.privacy${i}`);
      expect((await postSigned(stack.app, '/webhook/messages', raw, TEST_SECRETS.WHATSAPP_APP_SECRET)).status).toBe(200);
      await stack.waitForQueuesIdle();
    }
    // A refused abandonment still logs why: the refusal must not quote the phone either.
    await postSigned(stack.app, '/webhook/abandonment', JSON.stringify(abandonmentBody({ ...BUYER, phone: '+5500000000000' })), secret);
    const hotmart = JSON.stringify(cart(HOTMART_BUYER));
    await postGateway(stack.app, 'hotmart', hotmart, authenticate('hotmart', hotmart));
    await postSigned(
      stack.app,
      '/webhook/payment',
      JSON.stringify({ abandonmentId: event.abandonmentId, paymentId: 'pay_priv', status: 'paid', amount: 180, linkType: 'original' }),
      secret,
    );
    await stack.waitForQueuesIdle();
  }, 60_000);
  afterAll(() => stack?.stop());

  it('logged the journeys at all (the capture works)', () => {
    expect(lines.length).toBeGreaterThan(10);
    // Ingress access lines and worker job lines both, refusals included.
    expect(lines.some((line) => line.includes('"path":"/webhook/messages"'))).toBe(true);
    expect(lines.some((line) => line.includes('"queue":"whatsapp-inbound"'))).toBe(true);
    expect(lines.some((line) => line.includes('"statusCode":400'))).toBe(true);
  });

  it.each([
    ...phoneForms(BUYER.phone).map((form) => ['phone', form]),
    ...phoneForms('+5531998765432').map((form) => ['hotmart phone', form]),
    ['email', BUYER.email],
    ['email', HOTMART_BUYER.email],
    ...BUYER_TEXTS.map((text) => ['message text', text]),
    ['surname', 'Privacidade'],
    ['surname', 'Sigilo'],
  ])('no line holds the buyer’s %s (%s)', (_what, secret) => {
    const leaks = lines.filter((line) => line.toLowerCase().includes(secret.toLowerCase()));
    expect(leaks).toEqual([]);
  });
});
