import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import { analyze } from './analyzer.js';
import type { FaqEntry } from './types.js';

// A MiniSearch index over one product's FAQ. Building one for 100 entries takes ~15–20 ms here
// (measured in retrieve.test.ts), cheap enough per message, but a conversation asks several
// questions of the same FAQ, so recent indexes are kept, keyed by the entries' content: a
// merchant's edit changes the key, and the stale index simply ages out.

export type IndexedFaq = { search: MiniSearch<IndexedEntry> };
type IndexedEntry = { id: number; question: string; answer: string };

/** The buyer's words in an entry's question say what it is about; its answer merely mentions. */
export const QUESTION_BOOST = 2;

const MAX_CACHED = 64;
const cache = new Map<string, IndexedFaq>();

export function buildFaqIndex(entries: readonly FaqEntry[]): IndexedFaq {
  const search = new MiniSearch<IndexedEntry>({
    idField: 'id',
    fields: ['question', 'answer'],
    // The analyzer already yields final terms; MiniSearch's own lowercasing would be a no-op.
    tokenize: (text) => analyze(text),
    processTerm: (term) => term,
  });
  search.addAll(entries.map((entry, id) => ({ id, question: entry.question, answer: entry.answer })));
  return { search };
}

function contentKey(entries: readonly FaqEntry[]): string {
  const hash = createHash('sha256');
  for (const entry of entries) {
    // Lengths delimit the fields, so no question/answer text can forge another FAQ's key.
    hash.update(`${entry.question.length}:${entry.question}${entry.answer.length}:${entry.answer}`);
  }
  return hash.digest('base64');
}

/** The index for these entries, from the cache when the same content was indexed recently. */
export function faqIndexFor(entries: readonly FaqEntry[]): IndexedFaq {
  const key = contentKey(entries);
  const cached = cache.get(key);
  if (cached) {
    // Re-inserting moves the key to the end, so the Map's first key is the least recently used.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const built = buildFaqIndex(entries);
  cache.set(key, built);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return built;
}

/** For tests: how many indexes are cached, and a way to start from none. */
export const faqIndexCache = {
  size: () => cache.size,
  clear: () => cache.clear(),
};
