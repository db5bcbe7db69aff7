import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClientOrTransaction } from '../client.js';
import type { OperatorRole, OperatorView } from './operator-accounts.js';

export type SessionOptions = {
  /** Keys the stored hash of each token (CONSOLE_SESSION_SECRET). */
  secret: string;
  /** A session unused this long ends. */
  idleMs: number;
  /** And none outlives this, used or not. */
  absoluteMs: number;
};

export type OpenSession = { operator: OperatorView; csrfToken: string };

/** Touching last_seen_at on every request would be a write per click; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions. The browser holds a random token; the table holds HMAC(secret, token),
 * so neither a database copy nor a leaked log opens a session, and deleting the row (logout,
 * expiry, a disabled account) ends it at once on every replica.
 */
export class OperatorSessions {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    private readonly options: SessionOptions,
  ) {}

  async open(operatorId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('hex');
    const expiresAt = new Date(Date.now() + this.options.absoluteMs);
    await this.db.operatorSession.create({ data: { id: this.keyOf(token), operatorId, csrfToken, expiresAt } });
    // Logging in is also when the expired rows of everyone are swept: no timer to run.
    await this.db.operatorSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return { token, csrfToken, expiresAt };
  }

  async find(token: string): Promise<OpenSession | null> {
    if (!token) return null;
    const id = this.keyOf(token);
    const row = await this.db.operatorSession.findUnique({ where: { id }, include: { operator: true } });
    const now = Date.now();
    if (!row || !row.operator.active || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + this.options.idleMs <= now) {
      if (row) await this.db.operatorSession.deleteMany({ where: { id } });
      return null;
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.db.operatorSession.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
    const { operator } = row;
    return { operator: { id: operator.id, email: operator.email, name: operator.name, role: operator.role as OperatorRole }, csrfToken: row.csrfToken };
  }

  async close(token: string): Promise<void> {
    if (token) await this.db.operatorSession.deleteMany({ where: { id: this.keyOf(token) } });
  }

  private keyOf(token: string): string {
    return createHmac('sha256', this.options.secret).update(token).digest('hex');
  }
}

/** Compares the header to the session's token in constant time. */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
