import { CLAUSE_BREAKS, NEGATIONS } from './lexicon.js';
import { PHRASE_RULES, type PhraseRule } from './phrase-rules.js';
import { matchesAt, split, type Tokens } from './tokens.js';

/**
 * The phrase rules: opt-outs that no seeded keyword carries ("não tenho interesse", "vou te
 * bloquear", "quem te deu meu número?"). Always on, like BUILT_IN in lexicon.ts, and tried only
 * after every keyword rule, so the audit log names a keyword whenever one decided.
 *
 * `clauses` are the message's clauses as tokens, trailing politeness removed; `bareClauses` and
 * `bareWhole` the same without any fillers, as strings.
 */
export function matchPhrase(clauses: Tokens[], bareClauses: string[], bareWhole: string): { keyword: string; rule: string } | undefined {
  for (const rule of PHRASE_RULES) {
    if (rule.wholeMessage?.includes(bareWhole)) return rule;
    if (bareClauses.some((bare) => rule.alone?.includes(bare))) return rule;
    if (rule.steps && clauses.some((clause) => stepsMatch(clause, rule))) return rule;
  }
  return undefined;
}

function stepsMatch(tokens: Tokens, rule: PhraseRule): boolean {
  for (let at = 0; at < tokens.length; at++) {
    const end = matchSteps(tokens, at, rule, 0);
    if (end === undefined || isCancelled(tokens, at, rule)) continue;
    const tail = tailFrom(tokens, end);
    if (rule.tails && tail.length > 0 && !rule.tails.some((pattern) => matchesAt(tail, 0, split(pattern)))) continue;
    if (rule.unlessTails?.some((pattern) => matchesAt(tail, 0, split(pattern)))) continue;
    return true;
  }
  return false;
}

/** Where the phrase ends if its steps match from `at`, each within `gap` words of the one before. */
function matchSteps(tokens: Tokens, at: number, rule: PhraseRule, step: number): number | undefined {
  const steps = rule.steps ?? [];
  for (const pattern of steps[step] ?? []) {
    const words = split(pattern);
    if (!matchesAt(tokens, at, words)) continue;
    const end = at + words.length;
    if (step === steps.length - 1) return end;
    for (let next = end; next <= Math.min(tokens.length - 1, end + (rule.gap ?? 0)); next++) {
      const found = matchSteps(tokens, next, rule, step + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * "não vou te bloquear, calma", "não estou sem interesse": a negation just before undoes the
 * phrase, unless the phrase is itself the negation. "se eu bloquear": a hypothetical.
 */
function isCancelled(tokens: Tokens, at: number, rule: PhraseRule): boolean {
  const before = tokens.slice(Math.max(0, at - 2), at).reverse();
  if (!rule.negated && before.some((word) => NEGATIONS.has(word))) return true;
  return before[0] === 'se' || before[0] === 'caso' || (before[1] === 'se' && ['eu', 'vc', 'voce', 'voces', 'vcs'].includes(before[0] ?? ''));
}

/** The words after the phrase, up to the next "e", "mas", "se"… */
function tailFrom(tokens: Tokens, end: number): Tokens {
  const rest = tokens.slice(end);
  const stop = rest.findIndex((word) => CLAUSE_BREAKS.has(word));
  return stop === -1 ? rest : rest.slice(0, stop);
}
