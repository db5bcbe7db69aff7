import { AppError } from '../app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { closeConversation } from '../conversation/close-conversation.js';
import { queueOutboundMessage, type OutboundContent } from '../outbound/message-outbox.js';
import { isServiceWindowOpen } from '../outbound/service-window.js';
import type { OperatorView } from '../operators/operator-accounts.js';
import { operatorReason } from '../states.js';

export type OperatorMessage = { text: string } | { template: string; parameters: string[] };

/** What an operator action did, for the audit trail and the live feed. */
export type DeskOutcome = { conversationId: string };

const notFound = () => new AppError('CONVERSATION_NOT_FOUND', 'No such conversation', { status: 404 });
const closed = () => new AppError('CONVERSATION_CLOSED', 'The conversation is closed', { status: 409 });

/**
 * A person taking a conversation from Sara and giving it back. Each action is one conditional
 * UPDATE (or one transaction under the conversation's row lock), so two operators — or an
 * operator and Sara's worker — racing on one conversation find one winner.
 */
export class ConversationDesk {
  constructor(
    private readonly db: PrismaClient,
    /** The approved templates an operator may send once the 24 h window closed, by name. */
    private readonly templates: { language: string; allowed: (conversationId: string) => Promise<{ name: string; parameters: string[] }[]> },
  ) {}

  async takeover(conversationId: string, operator: OperatorView): Promise<void> {
    const taken = await this.db.conversation.updateMany({
      where: { id: conversationId, status: { not: 'closed' }, OR: [{ handledById: null }, { handledById: operator.id }] },
      data: { handledById: operator.id, handledSince: new Date() },
    });
    if (taken.count === 1) return;
    const row = await this.db.conversation.findUnique({ where: { id: conversationId }, include: { handledBy: { select: { name: true } } } });
    if (!row) throw notFound();
    if (row.status === 'closed') throw closed();
    throw new AppError('CONVERSATION_TAKEN', 'Another operator is handling this conversation', {
      status: 409,
      details: { handledBy: row.handledBy?.name ?? null },
    });
  }

  /** Back to Sara: the team's flag is cleared with it, since a person has looked. Admins may release anyone's. */
  async release(conversationId: string, operator: OperatorView): Promise<void> {
    const released = await this.db.conversation.updateMany({
      where: { id: conversationId, ...(operator.role === 'admin' ? { handledById: { not: null } } : { handledById: operator.id }) },
      data: { handledById: null, handledSince: null, needsHumanReason: null, needsHumanAt: null },
    });
    if (released.count === 1) return;
    if ((await this.db.conversation.count({ where: { id: conversationId } })) === 0) throw notFound();
    throw new AppError('TAKEOVER_REQUIRED', 'Take the conversation over before handing it back', { status: 409 });
  }

  async close(conversationId: string, reason: string): Promise<void> {
    if ((await closeConversation(this.db, conversationId, operatorReason(reason))) > 0) return;
    const row = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { status: true } });
    if (!row) throw notFound();
    throw closed();
  }

  /**
   * Queues an operator's message on Sara's outbound path (the sender's opt-out and window guards
   * apply again at send time). `key` names the message the operator composed: a retried POST
   * finds the row it wrote instead of a second message. Returns the message row's id.
   */
  async send(conversationId: string, operator: OperatorView, message: OperatorMessage, key: string): Promise<{ id: string; status: string }> {
    const content = await this.contentOf(conversationId, message);
    return this.db.$transaction(async (tx) => {
      // The row lock orders this against a takeover, a release or an opt-out in flight.
      const [row] = await tx.$queryRaw<{ status: string; handled_by: string | null; last_user_message_at: Date | null; opted_out: boolean }[]>`
        SELECT c.status, c.handled_by, c.last_user_message_at, u.opted_out
        FROM conversations c JOIN users u ON u.id = c.user_id
        WHERE c.id = ${conversationId}::uuid
        FOR UPDATE OF c`;
      if (!row) throw notFound();
      if (row.opted_out) throw new AppError('USER_OPTED_OUT', 'The buyer opted out: no message may be sent', { status: 409 });
      if (row.status === 'closed') throw closed();
      if (row.handled_by !== operator.id) throw new AppError('TAKEOVER_REQUIRED', 'Take the conversation over before writing to the buyer', { status: 409 });
      if (content.kind === 'text' && !isServiceWindowOpen(row.last_user_message_at)) {
        throw new AppError('SERVICE_WINDOW_CLOSED', "Meta's 24 h window is closed: only an approved template can be sent", {
          status: 409,
          details: { lastUserMessageAt: row.last_user_message_at?.toISOString() ?? null },
        });
      }
      return queueOutboundMessage(tx, {
        conversationId,
        idempotencyKey: `operator:${operator.id}:${key}`,
        content,
        intent: 'operator_message',
        operatorId: operator.id,
        metadata: { kind: 'operator_message' },
      });
    });
  }

  private async contentOf(conversationId: string, message: OperatorMessage): Promise<OutboundContent> {
    if ('text' in message) return { kind: 'text', text: message.text };
    const allowed = (await this.templates.allowed(conversationId)).find((template) => template.name === message.template);
    if (!allowed) {
      throw new AppError('VALIDATION_ERROR', 'Not one of the approved templates', { status: 400, details: { field: 'template' } });
    }
    if (message.parameters.length !== allowed.parameters.length) {
      throw new AppError('VALIDATION_ERROR', `The template takes ${allowed.parameters.length} parameters`, { status: 400, details: { field: 'parameters' } });
    }
    return { kind: 'template', name: allowed.name, language: this.templates.language, bodyParameters: message.parameters };
  }
}
