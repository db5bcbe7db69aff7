import { describe, expect, expectTypeOf, it } from 'vitest';
import { E164_PATTERN, type MessageTransport, type SharedCache, type WebhookLogRepository, type WhatsAppEventEnvelope } from '@sara/domain';
import { E164, type RedisCache, type WebhookLedger, type WhatsAppInboundJob } from '@sara/jobs';
import { type GraphWhatsAppClient, type SandboxWhatsAppClient } from '@sara/whatsapp';

/**
 * The domain names its ports without knowing the packages that fill them; the runtime is where
 * both meet, so this is where a drift between a port and its adapter must fail.
 */
describe('the ports the runtime plugs together', () => {
  it('holds one E.164 rule for the job schemas and the domain', () => {
    expect(E164_PATTERN.source).toBe(E164.source);
    expect(E164_PATTERN.flags).toBe(E164.flags);
  });

  // Checked by the type-checker (`pnpm typecheck` covers tests): a port drifting from its adapter fails there.
  it('gets types that fit: WhatsApp clients, the Redis cache, the ledger, the inbound event', () => {
    expectTypeOf<GraphWhatsAppClient>().toExtend<MessageTransport>();
    expectTypeOf<SandboxWhatsAppClient>().toExtend<MessageTransport>();
    expectTypeOf<RedisCache>().toExtend<SharedCache>();
    expectTypeOf<WebhookLogRepository>().toExtend<WebhookLedger>();
    expectTypeOf<WhatsAppInboundJob['payload']>().toExtend<WhatsAppEventEnvelope>();
  });
});
