import type { ConversationTranscript } from '@sara/domain';
import type { SandboxMessage } from '@sara/whatsapp';
import { describeLink } from './demo-catalog.js';

type TranscriptMessage = ConversationTranscript['messages'][number];

/** Statuses that mean the message left (or arrived); anything else is shown next to the text. */
const SETTLED = new Set(['sent', 'delivered', 'read', 'received']);
const URL = /https?:\/\/[^\s|]+/g;

const clock = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

// Intl puts a no-break space after "R$"; plain spaces read the same and survive any CI log.
export const formatMoney = (value: number): string => brl.format(value).replace(/\u00a0/g, ' ');
export const formatTime = (iso: string): string => clock.format(new Date(iso));
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;

/** Enough of a phone to tell buyers apart, without putting a number in anyone's logs. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+${digits.slice(0, 2)} ••••${digits.slice(-4)}`;
}

export function isSettled(message: { status: string }): boolean {
  return SETTLED.has(message.status);
}

/** The links a message offered, as a person would name them ("payment link", "discount link (10% off)"). */
export function offeredLinks(text: string): string[] {
  return [...new Set(text.match(URL) ?? [])].map(describeLink);
}

/** A conversation as a person reads it: time, who, what, and which link Sara offered. */
export function formatTranscript(transcript: ConversationTranscript): string {
  const buyer = firstName(transcript.userName);
  const value = transcript.productValue === null ? '' : ` · ${formatMoney(transcript.productValue)}`;
  const ending = transcript.closedReason ? `${transcript.status} (${transcript.closedReason})` : transcript.status;
  const lines = [`  ${transcript.userName} · ${transcript.productId}${value} · conversation ${transcript.conversationId} · ${ending}`];
  for (const message of transcript.messages) lines.push(...formatMessage(message, message.from === 'user' ? buyer : 'Sara'));
  if (transcript.pagination.total > transcript.messages.length) lines.push(`  … ${transcript.pagination.total - transcript.messages.length} more messages`);
  return lines.join('\n');
}

function formatMessage(message: TranscriptMessage, who: string, whoWidth = 8): string[] {
  const status = isSettled(message) ? '' : `  [${message.status}]`;
  const indent = ' '.repeat(12 + whoWidth + 1);
  const [first = '', ...rest] = message.text.split('\n');
  // Which step of the sequence a template is, so a follow-up reads as one.
  const step = message.step === null ? '' : `  · step ${message.step}`;
  const lines = [`  ${formatTime(message.timestamp)}  ${who.padEnd(whoWidth)} ${first}${status}${step}`, ...rest.map((line) => `${indent}${line}`.trimEnd())];
  const links = message.from === 'user' ? [] : offeredLinks(message.text);
  if (links.length > 0) lines.push(`${indent}↳ offered: ${links.join(', ')}`);
  return lines;
}

/** What the sandbox "sent", newest first, in the transcript's words (templates as "[template name] params"). */
export function formatSandbox(page: { total: number; messages: SandboxMessage[] }): string {
  if (page.messages.length === 0) return '  the sandbox has sent nothing yet';
  const lines = page.messages.flatMap((entry) =>
    formatMessage(
      { id: entry.wamid, from: 'sara', text: sandboxText(entry), type: '', status: 'sent', timestamp: entry.sentAt, step: null },
      `to ${maskPhone(entry.to)}`,
      16,
    ),
  );
  return [...lines, `  (${page.messages.length} of ${page.total})`].join('\n');
}

export function sandboxText(entry: SandboxMessage): string {
  const body = entry.graphBody as {
    type?: string;
    text?: { body?: string };
    template?: { name?: string; components?: { type: string; parameters?: { text?: string }[] }[] };
    interactive?: { body?: { text?: string } };
  };
  if (body.type === 'text') return body.text?.body ?? '';
  if (body.type === 'template') {
    const params = body.template?.components?.find((component) => component.type === 'body')?.parameters ?? [];
    return `[template ${body.template?.name}] ${params.map((param) => param.text ?? '').join(' | ')}`;
  }
  if (body.type === 'interactive') return body.interactive?.body?.text ?? '[interactive]';
  return `[${body.type ?? 'message'}]`;
}
