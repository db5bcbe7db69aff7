import { normalizeForMatching } from './normalize.js';

/**
 * Whether a reply states only facts Sara was given. A model may paraphrase freely, but every
 * number, price, percentage, deadline and link it writes must appear in the offer or in the FAQ
 * entries retrieved for the message: an invented "garantia de 30 dias" binds the shop (CDC art.
 * 30) and is exactly what a buyer screenshots.
 */
export type StatedFact = { kind: 'link' | 'number' | 'deadline'; text: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|br|io|app|shop|store|link|ly|me|co|info|site|online)\b(?:\/[^\s<>"]*)?/gi;
/** Digits with thousands and decimal separators in either convention: 1.234,56 · 29,90 · 12 · 2026. */
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** Numbers written out; "um/uma" are left out because they are mostly articles. */
const NUMBER_WORDS: Record<string, number> = {
  dois: 2,
  duas: 2,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  quinze: 15,
  vinte: 20,
  trinta: 30,
  quarenta: 40,
  cinquenta: 50,
  sessenta: 60,
  noventa: 90,
  cem: 100,
  mil: 1_000,
};
/** Time pressure a shop must have announced itself ("só hoje", "até sexta", "últimas vagas"). */
const DEADLINE =
  /\b(so hoje|ate hoje|hoje ainda|ate amanha|amanha|ate (?:o |a )?(?:fim|final) d[oae]s? \w+|ate (?:segunda|terca|quarta|quinta|sexta|sabado|domingo)|ultim[oa]s? (?:dias?|horas?|unidades?|vagas?|chance)|por tempo limitado|prazo \w+)\b/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Every fact a text states, in order. */
export function statedFacts(text: string): StatedFact[] {
  const facts: StatedFact[] = [];
  const withoutLinks = text.replace(LINK, (link) => {
    facts.push({ kind: 'link', text: link.replace(TRAILING_PUNCTUATION, '') });
    return ' ';
  });
  for (const match of withoutLinks.match(NUMBER) ?? []) facts.push({ kind: 'number', text: match });
  const normalized = normalizeForMatching(withoutLinks);
  for (const word of normalized.split(' ')) if (Object.hasOwn(NUMBER_WORDS, word)) facts.push({ kind: 'number', text: word });
  for (const match of normalized.match(DEADLINE) ?? []) facts.push({ kind: 'deadline', text: match });
  return facts;
}

/** What the sources allow, prepared once per reply. */
export class FactSources {
  readonly #links = new Set<string>();
  readonly #numbers = new Set<number>();
  readonly #text: string;

  constructor(sources: readonly string[]) {
    const all = sources.join('\n');
    for (const fact of statedFacts(all)) {
      if (fact.kind === 'link') this.#links.add(canonicalLink(fact.text));
      if (fact.kind === 'number') this.#numbers.add(numericValue(fact.text));
    }
    this.#text = ` ${normalizeForMatching(all)} `;
  }

  allows(fact: StatedFact): boolean {
    if (fact.kind === 'link') return this.#links.has(canonicalLink(fact.text));
    if (fact.kind === 'number') return this.#numbers.has(numericValue(fact.text));
    return this.#text.includes(` ${fact.text} `);
  }

  /** Whether a piece of a reply (a price, a percentage, a link) states only allowed facts. */
  allowsAll(text: string): boolean {
    return statedFacts(text).every((fact) => this.allows(fact));
  }
}

/** The facts of `reply` that no source states; empty when the reply is grounded. */
export function ungroundedFacts(reply: string, sources: FactSources): StatedFact[] {
  return statedFacts(reply).filter((fact) => !sources.allows(fact));
}

function canonicalLink(link: string): string {
  return link
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/** "1.234,56", "1,234.56", "29,9" and "R$ 29,90" name the same amount whichever separator is used. */
function numericValue(text: string): number {
  if (Object.hasOwn(NUMBER_WORDS, text)) return NUMBER_WORDS[text]!;
  const lastSeparator = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
  // A final group of 1–2 digits is decimals ("29,9", "29.90"); of 3 it is thousands ("1.234").
  const decimals = lastSeparator >= 0 && text.length - lastSeparator - 1 <= 2 ? text.slice(lastSeparator + 1) : '';
  const whole = (decimals ? text.slice(0, lastSeparator) : text).replace(/[.,]/g, '');
  return Number(`${whole}.${decimals || '0'}`);
}
