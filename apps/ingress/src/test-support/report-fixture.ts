import type { PrismaClient } from '@sara/domain';

const MINUTE_MS = 60_000;

export type SentStep = { step: number; at: number; status?: 'sent' | 'scheduled' | 'skipped'; message?: string };

let buyers = 0;

/**
 * One abandonment as the workers leave it. Times are minutes after `created`; `steps` are the
 * recovery_steps rows, each sent one with its template message (status `message`, default sent).
 */
export async function abandonment(
  db: PrismaClient,
  input: {
    created: string;
    kind?: string;
    source?: string;
    cohort?: 'treatment' | 'control';
    convertedAfter?: number;
    paid?: number;
    steps?: SentStep[];
    buyerWrote?: boolean;
    closedReason?: string;
    userOptedOutAfter?: number;
    thanks?: boolean;
  },
): Promise<string> {
  buyers += 1;
  const created = new Date(input.created);
  const at = (minutes: number) => new Date(created.getTime() + minutes * MINUTE_MS);
  const user = await db.user.create({
    data: {
      phoneNumber: `+55119876${String(buyers).padStart(5, '0')}`,
      name: `Comprador ${buyers}`,
      ...(input.userOptedOutAfter === undefined ? {} : { optedOut: true, optedOutAt: at(input.userOptedOutAfter), optedOutReason: 'keyword' }),
    },
  });
  const converted = input.convertedAfter !== undefined;
  const row = await db.abandonment.create({
    data: {
      userId: user.id,
      externalId: `abn_report_${buyers}`,
      productId: 'curso',
      value: 297,
      kind: input.kind ?? 'cart',
      source: input.source ?? 'sara',
      cohort: input.cohort ?? 'treatment',
      status: converted ? 'converted' : 'active',
      ...(converted ? { convertedAt: at(input.convertedAfter!), conversionLink: 'original' } : {}),
      createdAt: created,
    },
  });
  if (input.paid !== undefined) {
    await db.payment.create({
      data: {
        source: row.source,
        externalId: `pay_report_${buyers}`,
        abandonmentId: row.id,
        amount: input.paid,
        paidAt: at(input.convertedAfter ?? 0),
        matchStatus: 'matched',
      },
    });
  }
  if (input.cohort === 'control') return row.id;

  const closed = input.closedReason ?? (converted ? 'converted' : undefined);
  const conversation = await db.conversation.create({
    data: { userId: user.id, abandonmentId: row.id, status: closed ? 'closed' : 'awaiting_response', closedReason: closed ?? null },
  });
  for (const step of input.steps ?? []) {
    const status = step.status ?? 'sent';
    const message =
      status === 'sent'
        ? await db.message.create({
            data: {
              conversationId: conversation.id,
              fromSender: 'sara',
              messageText: `[template passo ${step.step}]`,
              messageType: 'template',
              status: step.message ?? 'sent',
              intent: step.step === 1 ? 'recovery_template' : 'recovery_step',
              sequenceStep: step.step,
              createdAt: at(step.at),
            },
          })
        : null;
    await db.recoveryStep.create({
      data: { abandonmentId: row.id, step: step.step, status, dueAt: at(step.at), sentAt: message ? at(step.at) : null, messageId: message?.id ?? null },
    });
  }
  if (input.buyerWrote) {
    await db.message.create({ data: { conversationId: conversation.id, fromSender: 'user', messageText: 'oi', status: 'received', createdAt: at(5) } });
  }
  if (input.thanks) {
    // The thank-you is a template too, but not a recovery one: it must not count as contact.
    await db.message.create({
      data: {
        conversationId: conversation.id,
        fromSender: 'sara',
        messageText: '[obrigado]',
        messageType: 'template',
        status: 'sent',
        intent: 'payment_thanks',
      },
    });
  }
  return row.id;
}
