import type { PrismaClient } from '@sara/domain';
import type { Logger } from '@sara/observability';

type Listener = { changed: (conversationId: string) => void; ended: () => void };

/**
 * Which conversations changed (a message in, a delivery status, a takeover, a close), found by
 * asking Postgres every second what changed since — so it sees the writes of every worker and
 * every console replica without any of them publishing anything. It polls only while someone
 * listens. The window looks a few seconds back, because a row's timestamp is taken before its
 * transaction commits; a change already told is not told twice.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly told = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly logger: Logger,
    private readonly options: { intervalMs: number; lookBackMs: number } = { intervalMs: 1_000, lookBackMs: 5_000 },
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.told.clear();
  }

  /** Shutdown: every stream is ended, so the server can close. */
  close(): void {
    for (const listener of [...this.listeners]) listener.ended();
    this.listeners.clear();
    this.stop();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const lookBack = `${this.options.lookBackMs} milliseconds`;
      const rows = await this.db.$queryRaw<{ id: string; at: Date; since: Date }[]>`
        WITH since AS (SELECT now() - ${lookBack}::interval AS at),
        changed AS (
          SELECT c.id, c.updated_at AS at FROM conversations c, since WHERE c.updated_at > since.at
          UNION ALL SELECT m.conversation_id, m.created_at FROM messages m, since WHERE m.created_at > since.at
          UNION ALL SELECT m.conversation_id, m.status_updated_at FROM messages m, since WHERE m.status_updated_at > since.at
        )
        SELECT changed.id::text AS id, max(changed.at) AS at, (SELECT at FROM since) AS since FROM changed GROUP BY changed.id`;
      for (const row of rows) {
        const at = row.at.getTime();
        if ((this.told.get(row.id) ?? 0) >= at) continue;
        this.told.set(row.id, at);
        for (const listener of this.listeners) listener.changed(row.id);
      }
      const horizon = rows[0]?.since.getTime() ?? Date.now() - this.options.lookBackMs;
      for (const [id, at] of this.told) if (at < horizon) this.told.delete(id);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'live feed poll failed; retrying');
    } finally {
      this.polling = false;
    }
  }
}
