import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { useListeningIngress } from '../../apps/ingress/src/test-support/listening-ingress.js';
import { buyerTextBody, resolveSettings, SaraClient, type SaraSettings } from './client.js';

const ingress = useListeningIngress();

const client = (overrides: Partial<SaraSettings> = {}) =>
  new SaraClient({
    url: ingress.url,
    paymentSecret: TEST_SECRETS.PAYMENT_WEBHOOK_SECRET,
    appSecret: TEST_SECRETS.WHATSAPP_APP_SECRET,
    adminKey: TEST_SECRETS.ADMIN_API_KEY,
    ...overrides,
  });

const abandonment = (abandonmentId = `abn_cli_test_${randomUUID()}`) => ({
  userId: 'cli_test',
  name: 'Ana Souza',
  phone: '+5511988887777',
  productId: 'demo_curso',
  paymentLink: 'https://pay.sara.example/c/demo-curso',
  abandonmentId,
  value: 297,
});

describe('the simulator talks to a real listening ingress', () => {
  it('signs abandonment and payment webhooks the way the ingress verifies them', async () => {
    const event = abandonment();
    const accepted = await client().abandon(event);
    expect(accepted).toMatchObject({ status: 'received', abandonmentId: event.abandonmentId, conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const paymentId = `pay_cli_test_${randomUUID()}`;
    const paid = await client().pay({ abandonmentId: event.abandonmentId, paymentId, status: 'paid', amount: 267.3, linkType: 'discounted' });
    expect(paid).toMatchObject({ status: 'received', paymentId, conversationId: accepted.conversationId });

    const rows = await ingress.harness.prisma.webhookLog.findMany({ where: { externalId: { in: [event.abandonmentId, paymentId] } } });
    expect(rows.map((row) => row.webhookType).sort()).toEqual(['abandonment', 'payment']);
    expect(rows.find((row) => row.webhookType === 'payment')?.payload).toMatchObject({ amount: 267.3, linkType: 'discounted' });
  });

  it("sends the buyer's text as Meta does, non-ASCII escaped, signed with the app secret", async () => {
    const text = 'não quero mais receber 🙏';
    const { raw } = buyerTextBody({ phone: '+5511988887777', text });
    expect(raw).toContain('n\\u00e3o quero');
    expect(raw).toMatch(/^[\x20-\x7e]+$/);

    const { wamid } = await client().say({ phone: '+5511988887777', text, name: 'Ana Souza' });
    const row = await ingress.harness.prisma.webhookLog.findFirstOrThrow({ where: { webhookType: 'whatsapp_message', externalId: wamid } });
    const message = (row.payload as { entry: { changes: { value: { messages: { from: string; text: { body: string } }[] } }[] }[] }).entry[0]!.changes[0]!.value
      .messages[0]!;
    expect(message).toMatchObject({ from: '5511988887777', text: { body: text } });
  });

  it('gives every buyer message its own wamid, so a second "sim" is not taken for a redelivery', async () => {
    const first = await client().say({ phone: '+5511988887777', text: 'sim' });
    const second = await client().say({ phone: '+5511988887777', text: 'sim' });
    expect(first.wamid).not.toBe(second.wamid);
    expect(await ingress.harness.prisma.webhookLog.count({ where: { externalId: { in: [first.wamid, second.wamid] } } })).toBe(2);
  });

  it('explains a rejected signature or key by naming the setting to check, and stores nothing', async () => {
    const event = abandonment();
    await expect(client({ paymentSecret: 'not-the-secret-0123' }).abandon(event)).rejects.toThrow('signature rejected: check PAYMENT_WEBHOOK_SECRET');
    await expect(client({ appSecret: 'not-the-secret-0123' }).say({ phone: '+5511988887777', text: 'oi' })).rejects.toThrow(
      'signature rejected: check WHATSAPP_APP_SECRET',
    );
    await expect(client({ adminKey: 'not-the-admin-key-0123' }).sandbox()).rejects.toThrow('admin key rejected: check ADMIN_API_KEY');
    await expect(client({ paymentSecret: undefined }).abandon(event)).rejects.toThrow(/PAYMENT_WEBHOOK_SECRET is not set/);
    expect(await ingress.harness.prisma.webhookLog.count({ where: { externalId: event.abandonmentId } })).toBe(0);
  });

  it('explains a rejected event and an unreachable Sara', async () => {
    await expect(client().abandon({ ...abandonment(), phone: '11 98888-7777' })).rejects.toThrow(/Sara rejected the event: phone must be in E\.164 format/);
    await expect(client().conversation(randomUUID())).rejects.toThrow(/no such conversation/);
    const closed = createServer().listen(0);
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(client({ url: `http://127.0.0.1:${port}` }).ready()).rejects.toThrow(
      `did not answer at http://127.0.0.1:${port} (connection refused): is it running?`,
    );
  });
});

describe('resolveSettings', () => {
  it('takes flags first, then the environment, and the URL from PORT', () => {
    const env = { PORT: '3100', PAYMENT_WEBHOOK_SECRET: 'from-env', WHATSAPP_APP_SECRET: 'app-env', ADMIN_API_KEY: 'admin-env' };
    expect(resolveSettings({}, env)).toEqual({ url: 'http://localhost:3100', paymentSecret: 'from-env', appSecret: 'app-env', adminKey: 'admin-env' });
    expect(resolveSettings({ url: 'http://sara.local:8080/', secret: 'from-flag' }, env)).toMatchObject({
      url: 'http://sara.local:8080',
      paymentSecret: 'from-flag',
    });
  });
});
