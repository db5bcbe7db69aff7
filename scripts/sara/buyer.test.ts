import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../apps/ingress/src/test-support/ingress-harness.js';
import { useListeningIngress } from '../../apps/ingress/src/test-support/listening-ingress.js';
import { SaraClient } from './client.js';

const ingress = useListeningIngress();
const client = () =>
  new SaraClient({
    url: ingress.url,
    paymentSecret: TEST_SECRETS.PAYMENT_WEBHOOK_SECRET,
    appSecret: TEST_SECRETS.WHATSAPP_APP_SECRET,
    adminKey: TEST_SECRETS.ADMIN_API_KEY,
  });

describe('sara buyer export / erase', () => {
  it("exports a buyer's data, erases it, and is told the buyer is gone the second time", async () => {
    const { prisma } = ingress.harness;
    await prisma.user.create({ data: { phoneNumber: '+5511944443333', name: 'Lia Prado' } });

    // Typed as a person types it; the ingress reads it as E.164.
    expect(await client().exportBuyer('11 94444-3333')).toMatchObject({ phone: '+5511944443333', user: { name: 'Lia Prado' } });
    expect(await client().eraseBuyer('+55 11 94444-3333')).toMatchObject({ status: 'erased', erased: { users: 1 }, tombstone: false });
    await expect(client().eraseBuyer('+5511944443333')).rejects.toMatchObject({ status: 404 });
    await expect(client().exportBuyer('+5511944443333')).rejects.toThrow(/BUYER_NOT_FOUND|404/);
  });
});
