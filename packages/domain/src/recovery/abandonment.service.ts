import { createHash } from 'node:crypto';
import type { AbandonmentJob, AbandonmentJobPayload, AbandonmentKind } from '@sara/jobs';
import type { Logger } from '@sara/observability';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation, PermanentError } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { phoneVariants } from '../phone.js';
import { WebhookLogRepository } from '../repositories/webhook-log.repository.js';
import { closeOtherRecoveries, PaymentMatcher } from './payment-matching.js';
import { matchAmount } from './payment.service.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { recoveryTemplate, type TemplateSettings } from './templates.js';

export type RecoveryStart =
  | { outcome: 'template_queued'; messageId: string; conversationId: string }
  | { outcome: 'opted_out'; conversationId: string }
  | { outcome: 'closed'; conversationId: string }
  /** A platform reported the same buyer and product again while a recovery is open: no second pitch. */
  | { outcome: 'duplicate'; conversationId: string }
  /** A later delivery of this checkout waits longer (touched again): its turn, not this one's. */
  | { outcome: 'superseded' };

/** Nothing to offer the buyer (no link in the event, no offer row): kept for a person to fix. */
export class AbandonmentNeedsReview extends PermanentError {
  override readonly name = 'AbandonmentNeedsReview';
}

const OPEN_STATUSES = ['initiated', 'active'];
/** Reminders about a pending Pix or boleto point at that payment itself, not the checkout. */
const PENDING_KINDS: ReadonlySet<AbandonmentKind> = new Set(['pix_generated', 'boleto_printed']);

type Recorded = {
  conversationId: string;
  optedOut: boolean;
  closed: boolean;
  duplicate: boolean;
  abandonment?: { id: string; userId: string; createdAt: Date };
};

/**
 * Turns an abandonment event into a user, an abandonment, a conversation (with the id the
 * ingress allocated) and a queued template, in one short transaction. Safe to run twice, or
 * on two replicas at once: the UNIQUE keys (external_id, abandonment_id, idempotency_key)
 * make every step find what the first run wrote.
 */
export class AbandonmentService {
  private readonly matcher: PaymentMatcher;
  private readonly webhookLog: WebhookLogRepository;

  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
    private readonly options: { matchWindowMs: number },
  ) {
    this.matcher = new PaymentMatcher(db, options.matchWindowMs);
    this.webhookLog = new WebhookLogRepository(db);
  }

  async start(job: AbandonmentJob, logger: Logger): Promise<RecoveryStart> {
    const event = job.payload;
    if (event.notBefore && (await this.webhookLog.hasLaterDelivery(event.abandonmentId, event.notBefore))) {
      logger.info({ source: event.source }, 'a later delivery of this checkout waits longer: leaving it to that one');
      return { outcome: 'superseded' };
    }
    const conversationId = job.conversationId ?? conversationIdFor(event.abandonmentId);
    const offer = await this.offers.find(event.productId);
    const paymentLink = PENDING_KINDS.has(event.kind) ? (event.paymentLink ?? offer?.paymentLink) : (offer?.paymentLink ?? event.paymentLink);
    if (!paymentLink) {
      throw new AbandonmentNeedsReview(`no payment link: the ${event.source} event has none and product ${event.productId} has no offer row`);
    }
    if (!offer) logger.info({ productId: event.productId }, 'no offer for this product: using the event payment link, no discount');

    let result: Recorded;
    try {
      result = await this.record(event, conversationId);
    } catch (error) {
      // Another replica committed the same abandonment first; ours rolled back: read theirs.
      if (!isUniqueViolation(error)) throw error;
      result = await this.record(event, conversationId);
    }
    if (result.duplicate) {
      logger.info({ conversationId: result.conversationId, source: event.source }, 'an open recovery of this buyer and product exists: no second pitch');
      return { outcome: 'duplicate', conversationId: result.conversationId };
    }
    if (result.optedOut) {
      logger.info({ conversationId: result.conversationId }, 'buyer opted out earlier: recorded, not contacted');
      return { outcome: 'opted_out', conversationId: result.conversationId };
    }
    if (
      result.closed ||
      (result.abandonment && (await this.settledBeforeContact(event, result.abandonment, result.conversationId))) ||
      (await this.paidBeforeArrival(event.abandonmentId))
    ) {
      logger.info({ conversationId: result.conversationId }, 'already paid, completed or closed: no recovery template');
      return { outcome: 'closed', conversationId: result.conversationId };
    }

    const message = await queueOutboundMessage(this.db, {
      conversationId: result.conversationId,
      idempotencyKey: `abandonment-template:${event.abandonmentId}`,
      content: recoveryTemplate(this.templates, event.kind, {
        name: event.name,
        productName: offer?.productName ?? event.productName ?? event.productId,
        paymentLink,
      }),
      intent: 'recovery_template',
    });
    return { outcome: 'template_queued', messageId: message.id, conversationId: result.conversationId };
  }

  private record(event: AbandonmentJobPayload, conversationId: string): Promise<Recorded> {
    return this.db.$transaction(async (tx) => {
      const user = await tx.user.upsert({
        where: { phoneNumber: event.phone },
        create: { phoneNumber: event.phone, name: event.name },
        update: {},
      });
      const existing = await tx.abandonment.findUnique({ where: { externalId: event.abandonmentId }, include: { conversation: true } });
      if (existing?.conversation) {
        return {
          abandonment: existing,
          conversationId: existing.conversation.id,
          optedOut: existing.status === 'declined' && existing.conversation.closedReason === 'opted_out',
          closed: existing.conversation.status === 'closed' || existing.status === 'converted',
          duplicate: false,
        };
      }
      if (!existing && event.source !== 'sara') {
        // Platforms report one buyer's cart several times (Hotmart per visit, Shopify per
        // edit): serialise per buyer and product, and let the first open recovery stand.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`abandonment:${user.id}:${event.productId}`}))`;
        const open = await tx.abandonment.findFirst({
          where: {
            userId: user.id,
            productId: event.productId,
            // A Pix that expired after its reminder is news; the same cart reported twice is not.
            kind: event.kind,
            status: { in: OPEN_STATUSES },
            createdAt: { gte: new Date(Date.now() - this.options.matchWindowMs) },
            // A recovery closed (checkout completed, opted out, answered to the end) holds nothing open.
            conversation: { is: { status: { not: 'closed' } } },
          },
          orderBy: { createdAt: 'desc' },
        });
        if (open?.conversationId) return { conversationId: open.conversationId, optedOut: false, closed: false, duplicate: true };
      }

      const abandonment =
        existing ??
        (await tx.abandonment.create({
          data: {
            userId: user.id,
            externalId: event.abandonmentId,
            productId: event.productId,
            productName: event.productName ?? null,
            value: event.value ?? null,
            paymentLink: event.paymentLink ?? null,
            kind: event.kind,
            source: event.source,
            buyerEmail: event.email ?? null,
            status: user.optedOut ? 'declined' : 'initiated',
          },
        }));
      await tx.conversation.create({
        data: {
          id: conversationId,
          abandonmentId: abandonment.id,
          userId: user.id,
          ...(user.optedOut ? { status: 'closed', closedReason: 'opted_out', closedAt: new Date() } : {}),
        },
      });
      await tx.abandonment.update({ where: { id: abandonment.id }, data: { conversationId } });
      return { abandonment, conversationId, optedOut: user.optedOut, closed: user.optedOut, duplicate: false };
    });
  }

  /**
   * What a platform told Sara before this abandonment's turn came: the checkout was completed
   * (Shopify), or the buyer already paid — this checkout exactly, a payment that matched
   * nothing yet, or this product after the event. Either way the buyer must not be pitched;
   * a payment still unmatched is claimed and converts the abandonment, in the same
   * transaction that closes the conversation, so a retry after a crash finds it closed.
   */
  private async settledBeforeContact(
    event: AbandonmentJobPayload,
    abandonment: { id: string; userId: string; createdAt: Date },
    conversationId: string,
  ): Promise<boolean> {
    // Only platforms report completed checkouts; Sara's own format has no such event.
    const completed =
      event.source !== 'sara' &&
      (await this.db.webhookLog.findUnique({
        where: { webhookType_externalId: { webhookType: 'checkout_completed', externalId: event.abandonmentId } },
        select: { id: true },
      }));
    if (completed) {
      await this.db.conversation.updateMany({ where: { id: conversationId, status: { not: 'closed' } }, data: closing('checkout_completed') });
      return true;
    }
    const payment = await this.matcher.settlingPaymentFor({
      abandonmentKey: event.abandonmentId,
      buyer: { phone: event.phone, email: event.email },
      productId: event.productId,
      happenedAt: instantOr(event.timestamp, abandonment.createdAt),
      recordedAt: abandonment.createdAt,
    });
    if (!payment) return false;
    const matchedBy =
      payment.checkoutKey === event.abandonmentId
        ? 'checkout'
        : payment.buyerPhone && phoneVariants(event.phone).includes(payment.buyerPhone)
          ? 'phone'
          : 'email';
    // Which link was paid, by the amount, as the payment worker would judge it; a payment that
    // fits neither price still silences the pitch and counts as the original link.
    const offer = await this.offers.find(event.productId);
    const value = event.value == null ? null : new Prisma.Decimal(event.value);
    const conversionLink = matchAmount(payment.amount.toNumber(), value, offer?.discountPercent ?? null, null) ?? 'original';
    await this.db.$transaction(async (tx) => {
      // Locks in PaymentService's order, the abandonment before its payment, so a replica
      // settling this payment from the other side waits instead of deadlocking.
      await tx.$queryRaw`SELECT id FROM abandonments WHERE id = ${abandonment.id}::uuid FOR UPDATE`;
      // Only a payment nobody holds is claimed; one under review or another's only silences.
      const claimed = await tx.payment.updateMany({
        where: { id: payment.id, matchStatus: 'unmatched', abandonmentId: null },
        data: { matchStatus: 'matched', abandonmentId: abandonment.id, matchedBy, reviewReason: null },
      });
      if (claimed.count === 1) {
        const now = new Date();
        await tx.abandonment.updateMany({
          where: { id: abandonment.id, status: { not: 'converted' } },
          data: { status: 'converted', paymentId: payment.externalId, conversionLink, convertedAt: now },
        });
        await closeOtherRecoveries(tx, { id: abandonment.id, userId: abandonment.userId, productId: event.productId }, now);
      }
      await tx.conversation.updateMany({ where: { id: conversationId, status: { not: 'closed' } }, data: closing('paid_before_contact') });
    });
    return true;
  }

  /**
   * Events out of order: the gateway reported the paid payment before the abandonment. The
   * payment job converts the sale when it retries; the buyer must not get a recovery pitch.
   */
  private async paidBeforeArrival(abandonmentId: string): Promise<boolean> {
    const payment = await this.db.webhookLog.findFirst({
      where: {
        webhookType: 'payment',
        AND: [{ payload: { path: ['abandonmentId'], equals: abandonmentId } }, { payload: { path: ['status'], equals: 'paid' } }],
      },
      select: { id: true },
    });
    return payment !== null;
  }
}

/** A platform's date, or the fallback when it is absent or not a date JavaScript can read. */
function instantOr(value: string | null | undefined, fallback: Date): Date {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? new Date(parsed) : fallback;
}

function closing(reason: 'checkout_completed' | 'paid_before_contact') {
  return { status: 'closed', closedReason: reason, closedAt: new Date() };
}

/** A stable conversation id for events that reached the queue without one. */
function conversationIdFor(abandonmentId: string): string {
  const hex = createHash('sha256').update(`conversation:${abandonmentId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
