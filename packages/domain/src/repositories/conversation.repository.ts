import type { PrismaClientOrTransaction } from '../client.js';
import { closeConversation } from '../conversation/close-conversation.js';
import type { AbandonmentKind } from '../recovery/commands.js';
import type { SequenceCatalog } from '../recovery/sequence-catalog.js';
import { operatorReason, type Cohort } from '../states.js';

export type TranscriptMessage = {
  id: string;
  from: string;
  text: string;
  type: string;
  status: string;
  timestamp: string;
  /** Which step of the recovery sequence this template is; null for every other message. */
  step: number | null;
};

/** The design's GET /conversations/:id response (section 6.1), with pagination. */
export type ConversationTranscript = {
  conversationId: string;
  abandonmentId: string;
  userId: string;
  userPhone: string;
  userName: string;
  status: string;
  closedReason: string | null;
  /** Open but waiting for a person (a question the FAQ does not answer), since when. */
  needsHuman: { reason: string; since: string } | null;
  productId: string;
  productValue: number | null;
  /** The holdout group: control buyers are never messaged. */
  cohort: Cohort;
  /** The follow-up waiting for its time, or null when none is (sent all, stopped, control). */
  nextStep: { step: number; template: string | null; dueAt: string } | null;
  createdAt: string;
  lastMessageAt: string | null;
  messages: TranscriptMessage[];
  pagination: { limit: number; offset: number; total: number };
};

export class ConversationRepository {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    /** Names the next step's template as the sequence says now (an edit applies to unsent steps). */
    private readonly sequences?: SequenceCatalog,
  ) {}

  async findTranscript(id: string, page: { limit: number; offset: number }): Promise<ConversationTranscript | null> {
    const conversation = await this.db.conversation.findUnique({
      where: { id },
      include: {
        user: { select: { id: true, phoneNumber: true, name: true } },
        abandonment: {
          select: {
            externalId: true,
            productId: true,
            value: true,
            kind: true,
            cohort: true,
            steps: { where: { status: 'scheduled' }, orderBy: { step: 'asc' }, take: 1, select: { step: true, dueAt: true } },
          },
        },
        _count: { select: { messages: true } },
        messages: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          skip: page.offset,
          take: page.limit,
          select: { id: true, fromSender: true, messageText: true, messageType: true, status: true, createdAt: true, sequenceStep: true },
        },
      },
    });
    if (!conversation) return null;
    const [pending] = conversation.abandonment.steps;
    const template =
      pending && this.sequences ? ((await this.sequences.forKind(conversation.abandonment.kind as AbandonmentKind))[pending.step - 1]?.template ?? null) : null;
    return {
      conversationId: conversation.id,
      abandonmentId: conversation.abandonment.externalId,
      userId: conversation.user.id,
      userPhone: conversation.user.phoneNumber,
      userName: conversation.user.name,
      status: conversation.status,
      closedReason: conversation.closedReason,
      needsHuman:
        conversation.needsHumanReason && conversation.needsHumanAt
          ? { reason: conversation.needsHumanReason, since: conversation.needsHumanAt.toISOString() }
          : null,
      productId: conversation.abandonment.productId,
      productValue: conversation.abandonment.value === null ? null : conversation.abandonment.value.toNumber(),
      cohort: conversation.abandonment.cohort as Cohort,
      nextStep: pending && conversation.status !== 'closed' ? { step: pending.step, template, dueAt: pending.dueAt.toISOString() } : null,
      createdAt: conversation.createdAt.toISOString(),
      lastMessageAt: conversation.lastMessageAt?.toISOString() ?? null,
      messages: conversation.messages.map((message) => ({
        id: message.id,
        from: message.fromSender,
        text: message.messageText,
        type: message.messageType,
        status: message.status,
        timestamp: message.createdAt.toISOString(),
        step: message.sequenceStep,
      })),
      pagination: { limit: page.limit, offset: page.offset, total: conversation._count.messages },
    };
  }

  /**
   * An operator closes a conversation, with a reason of their own; closing a closed one is a
   * no-op that keeps the first reason. Returns false when there is no such conversation.
   */
  async close(id: string, reason: string): Promise<boolean> {
    if ((await closeConversation(this.db, id, operatorReason(reason))) > 0) return true;
    return (await this.db.conversation.count({ where: { id } })) > 0;
  }
}
