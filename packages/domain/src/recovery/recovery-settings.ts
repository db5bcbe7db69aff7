import type { PrismaClientOrTransaction } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { parseQuietHours, type QuietHours } from '../sequences/index.js';

export type RecoverySettingsView = {
  quietHours: QuietHours | null;
  /** For numbers whose zone the phone does not tell (outside Brazil). */
  timezone: string;
  maxTemplatesPerBuyerPer24h: number;
  holdoutPercent: number;
};

/**
 * The shop's recovery settings: the stored row once the admin API changed them, the
 * installation's defaults (QUIET_HOURS …) until then. A partial update starts from what is in
 * force, so the first change does not silently reset the others to the shipped values.
 */
export class RecoverySettingsStore {
  constructor(
    private readonly db: PrismaClientOrTransaction,
    private readonly defaults: RecoverySettingsView,
  ) {}

  async get(): Promise<RecoverySettingsView> {
    const row = await this.db.recoverySettings.findUnique({ where: { id: 1 } });
    if (!row) return this.defaults;
    return {
      quietHours: (row.quietHours as QuietHours | null) ?? null,
      timezone: row.timezone,
      maxTemplatesPerBuyerPer24h: row.maxTemplatesPerBuyerPer24h,
      holdoutPercent: row.holdoutPercent,
    };
  }

  async update(change: Partial<RecoverySettingsView>): Promise<RecoverySettingsView> {
    const next = { ...(await this.get()), ...change };
    const data = {
      quietHours: next.quietHours ? (next.quietHours as Prisma.InputJsonObject) : Prisma.JsonNull,
      timezone: next.timezone,
      maxTemplatesPerBuyerPer24h: next.maxTemplatesPerBuyerPer24h,
      holdoutPercent: next.holdoutPercent,
    };
    await this.db.recoverySettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    return next;
  }
}

/** The installation's starting values: QUIET_HOURS ("22:00-08:00"; empty for none) and the shipped ones. */
export function recoveryDefaultsFromEnv(env: { QUIET_HOURS: string }): RecoverySettingsView {
  return { quietHours: parseQuietHours(env.QUIET_HOURS), timezone: 'America/Sao_Paulo', maxTemplatesPerBuyerPer24h: 2, holdoutPercent: 0 };
}
