import { SITUATIONS, type ConversationBrain, type ConversationTurn, type Situation } from '@sara/ai';
import { metrics, type Logger } from '@sara/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import { queueOutboundMessage } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import type { ProductOfferCatalog } from '../recovery/product-offer-catalog.js';
import { phoneVariants } from '../phone.js';
import { firstName } from '../recovery/templates.js';
import { cannedReplies } from './canned-replies.js';
import { locateConversation, type LocatedConversation } from './conversation-locator.js';
import type { InboundMessage } from './inbound-event.js';
import { applyOptOut } from './opt-out.service.js';
import { detectOptOut, type OptOutKeywordCache } from './opt-out/index.js';
import { composeReply, shouldOfferDiscount, type DiscountRule } from './reply-composer.js';
import { recordInboundMessage, type RecordedInbound } from './inbound-recorder.js';
import { decideGroundedReply } from './grounded-decision.js';
import { flagForTheTeam, type NeedsHumanReason } from './needs-human.js';
import { asksForPerson } from './person-request.js';

export type ConversationSettings = {
  /** Sara answers at most this many buyer messages; the next one is handed to a human. */
  maxExchanges: number;
  /** Upper bound of a reply, links included (WhatsApp's own limit is 4096). */
  replyMaxChars: number;
  discount: DiscountRule;
};

const HISTORY_TURNS = 10;

/**
 * One buyer message, start to finish: record it (deduplicated by wamid), then opt-out
 * (keywords first, AI second), the exchange limit, and the AI reply with code-injected links.
 * Every message it wants sent is a queued row; it returns their ids for the send queue. Safe
 * to re-run: each reply has an idempotency key derived from the inbound row.
 */
export class InboundMessageService {
  constructor(
    private readonly db: PrismaClient,
    private readonly deps: { keywords: OptOutKeywordCache; brain: ConversationBrain; offers: ProductOfferCatalog; settings: ConversationSettings },
  ) {}

  async handle(event: InboundMessage, logger: Logger): Promise<string[]> {
    if (event.system) {
      logger.info({ type: event.type }, 'WhatsApp system notice recorded in the log only');
      return [];
    }
    const user = event.phone
      ? await this.db.user.findFirst({ where: { phoneNumber: { in: phoneVariants(event.phone) } }, orderBy: { createdAt: 'desc' } })
      : null;
    const conversation = user ? await locateConversation(this.db, user.id) : null;
    if (!user || !conversation) {
      logger.info({ type: event.type }, 'message from a number with no conversation; no reply');
      return [];
    }
    const inbound = await recordInboundMessage(this.db, conversation, event);
    const log = logger.child({ conversationId: conversation.id, inboundMessageId: inbound.id });

    const verdict = event.text ? detectOptOut(event.text, await this.deps.keywords.active()) : null;
    if (verdict?.optOut) {
      await this.db.message.update({ where: { id: inbound.id }, data: { intent: 'opt_out' } });
      return this.optOut(user, conversation.id, inbound, `keyword:${verdict.keyword}`, log);
    }
    if (user.optedOut || inbound.conversationStatus === 'closed') return [];
    // The holdout group hears nothing from Sara; its messages are kept for the team to read.
    if (conversation.abandonment.cohort === 'control') {
      log.info('holdout buyer wrote: recorded, not answered');
      return [];
    }
    // Handed to the team, or taken over by a person: one voice at a time, and it is theirs.
    if (conversation.handledById || conversation.needsHumanReason) {
      log.info({ handledByOperator: Boolean(conversation.handledById) }, 'conversation is with the team: recorded, not answered');
      return [];
    }
    if (!isServiceWindowOpen(inbound.lastUserMessageAt)) {
      log.info('buyer message older than 24 h: no free-text reply possible');
      return [];
    }
    if (!event.text) return this.answerWithoutText(event, user.name, conversation.id, inbound, log);

    const answered = await this.db.message.count({
      where: { conversationId: conversation.id, idempotencyKey: { startsWith: 'ai-reply:' }, NOT: { idempotencyKey: `ai-reply:${inbound.id}` } },
    });
    if (answered >= this.deps.settings.maxExchanges) return this.handOff(user.name, conversation.id, inbound.id, 'exchange_limit', log);
    // Asked for a person: a person it is, before Sara says another word.
    if (asksForPerson(event.text)) return this.handOff(user.name, conversation.id, inbound.id, 'asked_for_person', log);

    return this.reply({ user, conversation, inbound, text: event.text, ambiguous: verdict?.optOut === false && verdict.ambiguous, log });
  }

  private async reply(input: {
    user: { id: string; name: string };
    conversation: LocatedConversation;
    inbound: RecordedInbound;
    text: string;
    ambiguous: boolean;
    log: Logger;
  }): Promise<string[]> {
    const { conversation, inbound, log } = input;
    const abandonment = await this.db.abandonment.findUniqueOrThrow({ where: { id: conversation.abandonmentId } });
    const offer = await this.deps.offers.find(abandonment.productId);
    const value = abandonment.value === null ? null : abandonment.value.toNumber();
    const { decision, sources, rejectedFacts } = await decideGroundedReply(
      this.deps.brain,
      {
        buyerFirstName: firstName(input.user.name),
        productName: offer?.productName ?? abandonment.productName ?? abandonment.productId,
        situation: asSituation(abandonment.kind),
        productValue: value,
        hasDiscount: Boolean(offer?.discountLink),
        history: await this.history(conversation.id, inbound.id),
        message: input.text,
      },
      offer,
      abandonment.paymentLink,
    );
    metrics.aiRequests.inc({ source: decision.source, outcome: decision.error ? decision.error.split(':')[0]! : 'ok' });
    metrics.aiDuration.observe({ source: decision.source }, decision.latencyMs / 1_000);
    if (decision.tokensUsed) metrics.aiTokens.inc(decision.tokensUsed);
    await this.db.message.update({ where: { id: inbound.id }, data: { intent: decision.intent } });
    if (decision.error === 'ungrounded') log.warn({ rejectedFacts }, 'AI reply stated facts the shop never gave: grounded reply instead');
    else if (decision.source === 'fallback') log.warn({ error: decision.error }, 'AI unavailable: fallback reply');

    // Layer 2 of opt-out: the AI's judgement counts only where the keywords were unsure.
    if (input.ambiguous && decision.intent === 'opt_out') return this.optOut(input.user, conversation.id, inbound, 'ai', log);

    const earlierOffers = await this.db.message.count({
      where: { conversationId: conversation.id, fromSender: 'sara', metadata: { path: ['discountOffered'], equals: true } },
    });
    // No sales link to someone the AI reads as wanting out, nor to an ambiguous message the AI
    // could not judge (it may be an opt-out the keywords missed).
    const aiCouldNotJudge = decision.source === 'fallback' && decision.error !== 'ungrounded';
    const withLinks = decision.intent !== 'opt_out' && !(input.ambiguous && aiCouldNotJudge);
    const offerDiscount =
      withLinks &&
      shouldOfferDiscount(
        { intent: decision.intent, wantsDiscount: decision.wantsDiscount, value, earlierOffers, discountLink: offer?.discountLink ?? null },
        this.deps.settings.discount,
      );
    const text = composeReply(
      decision.reply,
      { paymentLink: replyLink(abandonment, offer?.paymentLink), discountLink: offer?.discountLink ?? null },
      // A buyer the AI reads as wanting out (but the keywords did not) gets no sales link.
      { offerDiscount, maxChars: this.deps.settings.replyMaxChars, withLinks, sources },
    );
    const message = await this.db.$transaction(async (tx) => {
      // A question nobody wrote an answer for: the team is asked, the sale goes on.
      if (decision.unanswered) await flagForTheTeam(tx, conversation.id, 'unknown_question');
      return queueOutboundMessage(tx, {
        conversationId: conversation.id,
        idempotencyKey: `ai-reply:${inbound.id}`,
        content: { kind: 'text', text },
        intent: decision.intent,
        ai: { responseId: decision.responseId, tokensUsed: decision.tokensUsed },
        metadata: {
          kind: 'ai_reply',
          source: decision.source,
          model: decision.model ?? null,
          sentiment: decision.sentiment,
          wantsDiscount: decision.wantsDiscount,
          discountOffered: offerDiscount,
          latencyMs: decision.latencyMs,
          aiError: decision.error ?? null,
          faqEntry: decision.faqEntry ?? null,
          unanswered: decision.unanswered ?? false,
        },
      });
    });
    if (decision.unanswered) log.info('question not in the FAQ: conversation flagged for the team');
    return message.status === 'queued' ? [message.id] : [];
  }

  private async history(conversationId: string, excludeId: string): Promise<ConversationTurn[]> {
    const rows = await this.db.message.findMany({
      where: { conversationId, id: { not: excludeId }, status: { notIn: ['blocked', 'failed'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_TURNS,
      select: { fromSender: true, messageText: true },
    });
    return rows.reverse().map((row) => ({ from: row.fromSender === 'user' ? 'user' : 'sara', text: row.messageText }));
  }

  private async optOut(user: { id: string; name: string }, conversationId: string, inbound: RecordedInbound, reason: 'ai' | `keyword:${string}`, log: Logger) {
    const farewellId = await applyOptOut(this.db, { userId: user.id, userName: user.name, reason, farewell: { conversationId, triggerId: inbound.id } }, log);
    return farewellId ? [farewellId] : [];
  }

  private async answerWithoutText(event: InboundMessage, name: string, conversationId: string, inbound: RecordedInbound, log: Logger): Promise<string[]> {
    if (event.withoutText === 'ignore') return [];
    const last = await this.db.message.findFirst({ where: { conversationId, fromSender: 'sara' }, orderBy: { createdAt: 'desc' }, select: { intent: true } });
    // One ask is polite; asking after every photo is not.
    if (last?.intent === 'ask_for_text') return [];
    log.info({ type: event.type }, 'non-text message: asking for text');
    const message = await queueOutboundMessage(this.db, {
      conversationId,
      idempotencyKey: `ask-for-text:${inbound.id}`,
      content: { kind: 'text', text: cannedReplies.askForText(name) },
      intent: 'ask_for_text',
    });
    return message.status === 'queued' ? [message.id] : [];
  }

  private async handOff(name: string, conversationId: string, inboundId: string, reason: NeedsHumanReason, log: Logger): Promise<string[]> {
    // Open, flagged for the team: a person answers from the console; Sara stays silent. Keyed by
    // the buyer's message, so a retry finds its row and a later hand-off (after the team handed
    // the conversation back) still tells the buyer.
    const message = await this.db.$transaction(async (tx) => {
      await flagForTheTeam(tx, conversationId, reason);
      return queueOutboundMessage(tx, {
        conversationId,
        idempotencyKey: `hand-off:${inboundId}`,
        content: { kind: 'text', text: cannedReplies.handOffToHuman(name) },
        intent: 'hand_off',
      });
    });
    log.info({ reason }, 'conversation handed to the team');
    return message.status === 'queued' ? [message.id] : [];
  }
}

/**
 * A Pix or boleto still open is paid through its own link (a new checkout could charge twice);
 * everything else goes to the shop's offer first.
 */
function replyLink(abandonment: { kind: string; paymentLink: string | null }, offerLink: string | undefined): string {
  const pending = abandonment.kind === 'pix_generated' || abandonment.kind === 'boleto_printed';
  return (pending ? (abandonment.paymentLink ?? offerLink) : (offerLink ?? abandonment.paymentLink)) ?? '';
}

/** The abandonment's kind as the brain knows it; an unknown one reads as a cart. */
function asSituation(kind: string): Situation {
  return (SITUATIONS as readonly string[]).includes(kind) ? (kind as Situation) : 'cart';
}
