import { createHmac } from 'node:crypto';
import type { PrismaClientOrTransaction } from '../client.js';

/**
 * The keyed hash an erased, opted-out buyer leaves behind. Keyed (not a bare SHA-256) because
 * Brazilian mobile numbers are few enough to hash them all: without the server's key the
 * tombstones name nobody.
 */
export function phoneHash(key: string, phone: string): string {
  return createHmac('sha256', key).update(phone).digest('hex');
}

/** Whether this phone was erased after opting out: Sara must treat it as opted out for good. */
export async function isTombstoned(db: PrismaClientOrTransaction, key: string, phone: string): Promise<boolean> {
  return (await db.erasureTombstone.findUnique({ where: { phoneHash: phoneHash(key, phone) } })) !== null;
}
