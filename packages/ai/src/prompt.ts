import { readFileSync } from 'node:fs';
import type { ReplyRequest, Situation } from './types.js';

/**
 * The reply prompt in use. Wording changes go to a new file (reply.v3.md) and a new version here,
 * so every recorded decision can be traced back to the exact prompt that produced it.
 */
export const PROMPT_VERSION = 'v3';

const PLACEHOLDERS = ['buyer_first_name', 'product_name', 'product_value', 'discount_available', 'situation', 'knowledge'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/** v1 predates `situation`, v2 `knowledge`; every later version must use every placeholder. */
const REQUIRED_PLACEHOLDERS: Record<string, readonly Placeholder[]> = {
  v1: ['buyer_first_name', 'product_name', 'product_value', 'discount_available'],
  v2: ['buyer_first_name', 'product_name', 'product_value', 'discount_available', 'situation'],
};
/** Bounds what the merchant's entries add to every call's tokens. */
const KNOWLEDGE_ENTRY_MAX_CHARS = 1_000;

const SITUATION_TEXT: Record<Situation, string> = {
  cart: 'left the checkout without paying',
  pix_generated: 'generated a Pix and has not paid it yet',
  pix_expired: 'generated a Pix that expired unpaid',
  boleto_printed: 'printed a boleto and has not paid it yet',
  boleto_expired: 'printed a boleto that expired unpaid',
};

const PLACEHOLDER_PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/**
 * Reads `prompts/reply.<version>.md`. The URL is resolved against this module, and src/ and dist/
 * sit at the same depth, so the same code finds the file from sources and from the build. A
 * missing file or a misspelt placeholder throws here, at boot, not on a buyer's message.
 */
export function loadReplyPrompt(version: string = PROMPT_VERSION): string {
  // The version becomes part of a file path: letters and digits only, no "../".
  if (!/^v\d+$/.test(version)) throw new Error(`prompt version must look like v1, v2…; got ${JSON.stringify(version)}`);
  const raw = readFileSync(new URL(`../prompts/reply.${version}.md`, import.meta.url), 'utf8');
  // Leading HTML comments document the file for maintainers and are not sent to the model.
  const template = raw.replace(/^\s*(?:<!--[\s\S]*?-->\s*)+/, '').trim();
  const used = new Set([...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]));
  const unknown = [...used].filter((name) => !PLACEHOLDERS.includes(name as Placeholder));
  const missing = (REQUIRED_PLACEHOLDERS[version] ?? PLACEHOLDERS).filter((name) => !used.has(name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(`prompt reply.${version}.md: unknown placeholders [${unknown.join(', ')}], missing [${missing.join(', ')}]`);
  }
  return template;
}

/** Fills the template in one pass, so a product named "{{buyer_first_name}}" stays literal text. */
export function renderReplyPrompt(template: string, request: ReplyRequest): string {
  const values: Record<Placeholder, string> = {
    buyer_first_name: cleanValue(request.buyerFirstName, 40) || '(não informado)',
    product_name: cleanValue(request.productName, 120) || '(não informado)',
    product_value: request.productValue === null ? '(não informado)' : formatBrl(request.productValue),
    discount_available: request.hasDiscount ? 'sim' : 'não',
    situation: SITUATION_TEXT[request.situation ?? 'cart'],
    knowledge: renderKnowledge(request),
  };
  return template.replace(PLACEHOLDER_PATTERN, (_whole, name: string) => values[name as Placeholder]);
}

/** "R$ 1.234,56", with a plain space: Intl puts a no-break space after "R$". */
export function formatBrl(value: number): string {
  return new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(value).replace(/\s/gu, ' ');
}

/**
 * The retrieved entries, numbered by their place in the offer's FAQ (the number the model cites
 * back). Each is one line so a merchant's text cannot pose as a new section of the instructions.
 */
function renderKnowledge(request: ReplyRequest): string {
  const entries = request.knowledge ?? [];
  if (entries.length === 0) return '(none)';
  return entries
    .map((entry) => `[${entry.index}] Q: ${cleanValue(entry.question, KNOWLEDGE_ENTRY_MAX_CHARS)} | A: ${cleanValue(entry.answer, KNOWLEDGE_ENTRY_MAX_CHARS)}`)
    .join('\n');
}

/**
 * Names and product titles come from checkout forms: one line, bounded, without braces or
 * backticks, so they cannot pose as a new section of the instructions.
 */
function cleanValue(value: string, maxChars: number): string {
  const oneLine = value
    .replace(/[{}`<>#]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return [...oneLine].slice(0, maxChars).join('');
}
