import { createHash } from 'node:crypto';
import type { Logger } from '@sara/observability';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { closedState } from '../conversation/close-conversation.js';
import { isUniqueViolation, PermanentError } from '../errors.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { CheckoutRepository } from '../repositories/checkout.repository.js';
import type { AbandonmentCommand, AbandonmentKind } from './commands.js';
import { PaymentMatcher } from './payment-matching.js';
import type { ProductOfferCatalog } from './product-offer-catalog.js';
import { cohortOf } from '../sequences/index.js';
import { isTombstoned } from '../repositories/erasure-tombstone.js';
import { Settlement } from './settlement.js';
import { recoveryTemplate, type TemplateSettings } from './templates.js';

export type RecoveryStart =
  | { outcome: 'template_queued'; messageId: string; conversationId: string; abandonmentId: string }
  | { outcome: 'opted_out'; conversationId: string }
  | { outcome: 'closed'; conversationId: string }
  /** A platform reported the same buyer and product again while a recovery is open: no second pitch. */
  | { outcome: 'duplicate'; conversationId: string }
  /** A later delivery of this checkout waits longer (touched again): its turn, not this one's. */
  | { outcome: 'superseded' }
  /** The holdout group: recorded and matched to its payment, never messaged. */
  | { outcome: 'control'; conversationId: string };

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
  abandonment?: { id: string; userId: string; createdAt: Date; productId: string; value: Prisma.Decimal | null; cohort: string };
};

/**
 * Turns an abandonment event into a user, an abandonment, a conversation (with the id the
 * ingress allocated) and a queued template, in one short transaction. Safe to run twice, or
 * on two replicas at once: the UNIQUE keys (external_id, abandonment_id, idempotency_key)
 * make every step find what the first run wrote.
 */
export class AbandonmentService {
  private readonly settlement: Settlement;
  private readonly checkouts: CheckoutRepository;

  constructor(
    private readonly db: PrismaClient,
    private readonly offers: ProductOfferCatalog,
    private readonly templates: TemplateSettings,
    private readonly options: { matchWindowMs: number; holdoutPercent?: () => Promise<number>; erasureHashKey?: string },
  ) {
    this.settlement = new Settlement(db, offers, new PaymentMatcher(db, options.matchWindowMs));
    this.checkouts = new CheckoutRepository(db);
  }

  async start(event: AbandonmentCommand, logger: Logger): Promise<RecoveryStart> {
    if (event.notBefore && (await this.checkouts.isSuperseded(event.abandonmentId, new Date(event.notBefore)))) {
      logger.info({ source: event.source }, 'a later delivery of this checkout waits longer: leaving it to that one');
      return { outcome: 'superseded' };
    }
    const conversationId = event.conversationId ?? conversationIdFor(event.abandonmentId);
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
    if (result.closed || (result.abandonment && (await this.settlement.onArrival(event, result.abandonment, result.conversationId)) !== 'open')) {
      logger.info({ conversationId: result.conversationId }, 'already paid, completed or closed: no recovery template');
      return { outcome: 'closed', conversationId: result.conversationId };
    }

    if (result.abandonment?.cohort === 'control') {
      logger.info({ conversationId: result.conversationId }, 'holdout group: recorded, not contacted');
      return { outcome: 'control', conversationId: result.conversationId };
    }

    const message = await queueOutboundMessage(this.db, {
      conversationId: result.conversationId,
      idempotencyKey: templateKeyFor(event.abandonmentId),
      content: recoveryTemplate(this.templates, event.kind, {
        name: event.name,
        productName: offer?.productName ?? event.productName ?? event.productId,
        paymentLink,
      }),
      intent: 'recovery_template',
      sequenceStep: 1,
    });
    return { outcome: 'template_queued', messageId: message.id, conversationId: result.conversationId, abandonmentId: result.abandonment!.id };
  }

  private async record(event: AbandonmentCommand, conversationId: string): Promise<Recorded> {
    const cohort = cohortOf(event.abandonmentId, (await this.options.holdoutPercent?.()) ?? 0);
    return this.db.$transaction(async (tx) => {
      let user = await tx.user.upsert({
        where: { phoneNumber: event.phone },
        create: { phoneNumber: event.phone, name: event.name },
        update: {},
      });
      // A buyer erased after opting out comes back as a new user: the tombstone restores the opt-out.
      if (!user.optedOut && this.options.erasureHashKey && (await isTombstoned(tx, this.options.erasureHashKey, event.phone))) {
        user = await tx.user.update({ where: { id: user.id }, data: { optedOut: true, optedOutAt: new Date(), optedOutReason: 'erased_after_opt_out' } });
      }
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
            cohort,
          },
        }));
      await tx.conversation.create({
        data: {
          id: conversationId,
          abandonmentId: abandonment.id,
          userId: user.id,
          ...(user.optedOut ? closedState('opted_out') : {}),
        },
      });
      await tx.abandonment.update({ where: { id: abandonment.id }, data: { conversationId } });
      return { abandonment, conversationId, optedOut: user.optedOut, closed: user.optedOut, duplicate: false };
    });
  }
}

/** `messages.idempotency_key` is varchar(255); the API accepts abandonment ids of up to 255 characters. */
const MAX_KEY_LENGTH = 255;

/**
 * The first template's idempotency key. Ids that fit keep the key they always had, so a
 * redelivery of an abandonment recorded before this rule still finds its template; a longer
 * id (which never got a row) is named by its hash, so any accepted id fits the column.
 */
function templateKeyFor(abandonmentId: string): string {
  const key = `abandonment-template:${abandonmentId}`;
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `abandonment-template:sha256:${createHash('sha256').update(abandonmentId).digest('hex')}`;
}

/** A stable conversation id for events that reached the queue without one. */
function conversationIdFor(abandonmentId: string): string {
  const hex = createHash('sha256').update(`conversation:${abandonmentId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
