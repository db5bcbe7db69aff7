import type { PrismaClientOrTransaction } from '../../client.js';
import type { SharedCache } from '../../shared-cache.js';

/** Keywords change by hand, rarely; whoever changes one calls `invalidate`. */
const CACHE_TTL_SECONDS = 86_400;

/**
 * The active rows of opt_out_keywords, read through the shared cache (24 h TTL), since every inbound
 * message needs them. A cache failure only costs a database read: opt-out detection must never
 * stop because the cache is down.
 */
export class OptOutKeywordCache {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    private readonly cache: SharedCache,
    private readonly keyPrefix: string,
  ) {}

  async active(): Promise<string[]> {
    const cached = await this.cache.get(this.key()).catch(() => null);
    if (cached !== null) return JSON.parse(cached) as string[];

    const rows = await this.db.optOutKeyword.findMany({ where: { active: true }, select: { keyword: true }, orderBy: { keyword: 'asc' } });
    const keywords = rows.map((row) => row.keyword);
    // An empty read (a table being edited, a restore in progress) must not switch opt-out off for a day.
    if (keywords.length === 0) return keywords;
    await this.cache.set(this.key(), JSON.stringify(keywords), CACHE_TTL_SECONDS).catch(() => {});
    return keywords;
  }

  /** Throws when the cache is unreachable: the caller must know the old list may live on for a day. */
  async invalidate(): Promise<void> {
    await this.cache.delete(this.key());
  }

  private key(): string {
    return `${this.keyPrefix}:opt-out-keywords`;
  }
}
