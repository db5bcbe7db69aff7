import { normalizeMessage } from './normalize.js';
import { matchPhrase } from './phrases.js';
import { matchesAt, occursIn, split, tokenize, type Tokens } from './tokens.js';
import {
  BUILT_IN,
  CLAUSE_BREAKS,
  CUSTOM_OBJECTS,
  FILLERS,
  FROM_WORDS,
  GRAMMARS,
  ANNOYANCE,
  HYPOTHETICALS,
  NO_NEED,
  OTHER_GROUPS,
  IDIOMS_AFTER_FROM,
  NEGATIONS,
  OPT_OUT_CUES,
  SUBJECTS,
  type Grammar,
} from './lexicon.js';

/**
 * `rule` says which rule fired, for the audit log. `ambiguous` means no rule decided but the
 * message has a keyword stem or an opt-out cue in it, so layer 2 (the AI) should be asked.
 */
export type OptOutVerdict = { optOut: true; keyword: string; rule: string } | { optOut: false; ambiguous: boolean; keyword?: string };

type Entry = { keyword: string; grammar: Grammar };

/** "para de me mandar mensagem": the object is three words after the form; further is another thought. */
const OBJECT_WINDOW = 4;
/** Punctuation and emoji separate thoughts: "Não tenho interesse. Sair", "kkk para, vou comprar". */
const CLAUSE_PUNCTUATION = /[.,;:!?\n()]+|\p{Extended_Pictographic}+/u;
// Longest first, so "por favor" goes before "favor" can leave "por" behind.
const FILLER_PATTERNS = FILLERS.map(split).sort((a, b) => b.length - a.length);

/**
 * Layer 1 of opt-out detection: deterministic, no AI cost. `keywords` are the active rows of
 * opt_out_keywords; a seeded keyword gets its verb forms and context rules from the lexicon,
 * any other keyword matches as a whole message, as a phrase, or followed by a messaging object.
 */
export function detectOptOut(message: string, keywords: readonly string[]): OptOutVerdict {
  const entries = compile(keywords);
  const clauses = message
    .split(CLAUSE_PUNCTUATION)
    .map((clause) => withoutTrailingFillers(tokenize(clause)))
    .filter((clause) => clause.length > 0);
  const whole = clauses.flat();

  const bareWhole = withoutFillers(whole);
  for (const { keyword, grammar } of entries) {
    if (grammar.standalone.includes(bareWhole)) return { optOut: true, keyword, rule: 'whole-message' };
  }
  const vents = clauses.some((clause) => ANNOYANCE.some((word) => occursIn(clause, word)));
  for (const clause of clauses) {
    const bare = withoutFillers(clause);
    for (const { keyword, grammar } of entries) {
      if (!grammar.standalone.includes(bare)) continue;
      if (!grammar.wholeMessageOnly?.includes(bare)) return { optOut: true, keyword, rule: 'clause' };
      if (vents) return { optOut: true, keyword, rule: 'clause-after-annoyance' };
    }
  }
  for (const clause of clauses) {
    for (const { keyword, grammar } of entries) {
      const rule = matchInClause(clause, grammar);
      if (rule) return { optOut: true, keyword, rule };
    }
  }
  const phrase = matchPhrase(clauses, clauses.map(withoutFillers), bareWhole);
  if (phrase) return { optOut: true, keyword: phrase.keyword, rule: phrase.rule };
  return { optOut: false, ...assessAmbiguity(whole, clauses, entries) };
}

function compile(keywords: readonly string[]): Entry[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const keyword of keywords) {
    const normalized = normalizeMessage(keyword);
    if (!normalized || seen.has(normalized)) continue;
    seen.add(normalized);
    const grammar = Object.hasOwn(GRAMMARS, normalized) ? GRAMMARS[normalized] : undefined;
    entries.push({ keyword, grammar: grammar ?? customGrammar(normalized) });
  }
  for (const [keyword, grammar] of Object.entries(BUILT_IN)) {
    if (!seen.has(keyword)) entries.push({ keyword, grammar });
  }
  return entries;
}

/** A keyword added to the table after this code was written: no verb forms, no exceptions. */
function customGrammar(keyword: string): Grammar {
  return {
    standalone: [keyword],
    directed: [{ rule: 'directed', forms: [keyword], objects: CUSTOM_OBJECTS }],
    // One word could be anything ("chega" also means "arrives"); a phrase was chosen to be specific.
    anywhere: keyword.includes(' ') ? { rule: 'keyword-phrase', patterns: [keyword] } : undefined,
    stems: [keyword],
    negatable: true,
  };
}

function matchInClause(tokens: Tokens, grammar: Grammar): string | undefined {
  for (let at = 0; at < tokens.length; at++) {
    const { anywhere } = grammar;
    if (anywhere?.patterns.some((pattern) => matchesAt(tokens, at, split(pattern)))) {
      if (!isNear(tokens, at, anywhere.unlessNear ?? []) && !isCancelled(tokens, at, grammar)) return anywhere.rule;
    }
    for (const form of grammar.selfRemoval ?? []) {
      const after = at + split(form).length;
      if (!matchesAt(tokens, at, split(form)) || isCancelled(tokens, at, grammar)) continue;
      if (FROM_WORDS.has(tokens[after] ?? '') && !IDIOMS_AFTER_FROM.has(tokens[after + 1] ?? '')) return 'self-removal';
    }
    for (const directed of grammar.directed) {
      for (const form of directed.forms) {
        if (!matchesAt(tokens, at, split(form)) || isCancelled(tokens, at, grammar)) continue;
        if (grammar.imperativeOnly?.includes(form) && wordsBefore(tokens, at, 3).some((word) => SUBJECTS.has(word))) continue;
        const after = at + split(form).length;
        if (directed.fromFirst && !FROM_WORDS.has(tokens[after] ?? '')) continue;
        if (objectFollows(tokens, after, directed.objects)) return directed.rule;
      }
    }
  }
  return undefined;
}

function objectFollows(tokens: Tokens, from: number, objects: readonly string[]): boolean {
  for (let at = from; at < Math.min(tokens.length, from + OBJECT_WINDOW); at++) {
    if (CLAUSE_BREAKS.has(tokens[at] ?? '')) return false;
    const object = objects.find((candidate) => matchesAt(tokens, at, split(candidate)));
    // "sair do grupo de alunos é automático?" asks about the product's community, not our messages.
    if (object) return !OTHER_GROUPS.some((group) => matchesAt(tokens, at + split(object).length, split(group)));
  }
  return false;
}

/** "não vou sair da lista", "se eu sair da lista perco o desconto?" */
function isCancelled(tokens: Tokens, at: number, grammar: Grammar): boolean {
  const before = wordsBefore(tokens, at, 3);
  if (grammar.negatable && before.slice(0, 2).some((word) => NEGATIONS.has(word))) return true;
  if (before.some((word) => HYPOTHETICALS.has(word))) return true;
  // "não precisa parar de mandar": the buyer says the opposite, even for a form "não" cannot cancel.
  if (NO_NEED.has(before[0] ?? '') && NEGATIONS.has(before[1] ?? '')) return true;
  // "se eu pedir pra sair da lista…": a condition, however many words stand between.
  const earlier = tokens.slice(Math.max(0, at - 5), at);
  return earlier.some((word, index) => word === 'se' && ['eu', 'vc', 'voce'].includes(earlier[index + 1] ?? ''));
}

/** The `count` words before `at`, nearest first, skipping "me" ("não quero me descadastrar"). */
function wordsBefore(tokens: Tokens, at: number, count: number): string[] {
  return tokens
    .slice(0, at)
    .filter((word) => word !== 'me')
    .slice(-count)
    .reverse();
}

function isNear(tokens: Tokens, at: number, words: readonly string[]): boolean {
  const around = [tokens[at - 1], tokens[at + 1], tokens[at + 2]];
  return around.some((token) => token !== undefined && words.some((word) => matchesAt([token], 0, [word])));
}

function assessAmbiguity(whole: Tokens, clauses: Tokens[], entries: Entry[]): { ambiguous: boolean; keyword?: string } {
  for (const { keyword, grammar } of entries) {
    if (grammar.stems.some((stem) => occursIn(whole, stem))) return { ambiguous: true, keyword };
  }
  for (const clause of clauses) {
    const bare = withoutFillers(clause);
    const entry = entries.find(({ grammar }) => grammar.wholeMessageOnly?.includes(bare));
    if (entry) return { ambiguous: true, keyword: entry.keyword };
  }
  return { ambiguous: OPT_OUT_CUES.some((cue) => occursIn(whole, cue)) };
}

/** The clause without politeness, repeats collapsed ("para para para"), as one string. */
function withoutFillers(tokens: Tokens): string {
  const kept: string[] = [];
  for (let at = 0; at < tokens.length;) {
    const filler = FILLER_PATTERNS.find((pattern) => matchesAt(tokens, at, pattern));
    if (filler) {
      at += filler.length;
      continue;
    }
    const token = tokens[at++] ?? '';
    if (kept.at(-1) !== token) kept.push(token);
  }
  return kept.join(' ');
}

/** "não me mande mais, obrigado": politeness at the end must not hide the end of the clause. */
function withoutTrailingFillers(tokens: string[]): string[] {
  let end = tokens.length;
  for (;;) {
    const filler = FILLER_PATTERNS.find((pattern) => pattern.length <= end && matchesAt(tokens, end - pattern.length, pattern));
    if (!filler) return tokens.slice(0, end);
    end -= filler.length;
  }
}
