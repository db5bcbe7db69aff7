import type { Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import { phoneVariants } from '../phone.js';
import { applyDeliveryStatus } from './delivery-status.js';
import { parseInboundEvent, type InboundPreference, type WhatsAppEventEnvelope } from './inbound-event.js';
import type { InboundMessageService } from './inbound-message.service.js';
import { applyOptOut, resumeAfterMarketingStop } from './opt-out.service.js';

/** Routes one WhatsApp event: a buyer message, a delivery status, or a marketing preference. */
export class WhatsAppInboundService {
  constructor(
    private readonly db: PrismaClient,
    private readonly messages: InboundMessageService,
  ) {}

  /** Returns the ids of the messages queued for sending. */
  async handle(body: WhatsAppEventEnvelope, logger: Logger): Promise<string[]> {
    const event = parseInboundEvent(body);
    switch (event.kind) {
      case 'message':
        return this.messages.handle(event, logger);
      case 'status':
        await applyDeliveryStatus(this.db, event, logger);
        return [];
      case 'preference':
        await this.applyPreference(event, logger);
        return [];
      case 'other':
        logger.info({ field: event.field }, 'WhatsApp event kept in the log only');
        return [];
    }
  }

  /** A buyer who stops marketing messages in WhatsApp has opted out of Sara too (no farewell). */
  private async applyPreference(event: InboundPreference, logger: Logger): Promise<void> {
    const user = event.phone
      ? await this.db.user.findFirst({ where: { phoneNumber: { in: phoneVariants(event.phone) } }, orderBy: { createdAt: 'desc' } })
      : null;
    if (!user) {
      logger.info({ value: event.value }, 'preference change from a number Sara does not know');
      return;
    }
    if (event.value === 'stop') {
      await applyOptOut(this.db, { userId: user.id, userName: user.name, reason: 'whatsapp_marketing_stop', farewell: null }, logger);
    } else if (event.value === 'resume') {
      await resumeAfterMarketingStop(this.db, user.id, logger);
    }
  }
}
