/**
 * A cache every replica shares (Redis in production). The domain states what it needs; the
 * worker runtime supplies it. A failing cache must cost only a read of the database, so callers
 * treat every rejection as a miss.
 */
export interface SharedCache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}
