import { TIME_ZONE } from '../format.js';

/**
 * Periods in the shop's calendar. The report counts abandonments created in [from, to); sent as
 * instants with the shop's offset (2026-11-01T00:00:00-03:00) they cover whole local days.
 */
export type Period = { from: string; to: string };

const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the shop's zone, "YYYY-MM-DD". */
export function shopToday(now: number = Date.now()): string {
  return dayOf.format(new Date(now));
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Midnight of a shop day as an ISO instant with the zone's offset that day. */
export function startOfShopDay(date: string): string {
  return `${date}T00:00:00${offsetOn(date)}`;
}

function offsetOn(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match?.[1] ?? '+00:00';
}

/** The last `days` days, today included. */
export function lastDays(days: number, now: number = Date.now()): Period {
  const today = shopToday(now);
  return { from: startOfShopDay(addDays(today, -(days - 1))), to: startOfShopDay(addDays(today, 1)) };
}

/** A period chosen by its first and last day (both included). */
export function betweenDays(first: string, last: string): Period {
  return { from: startOfShopDay(first), to: startOfShopDay(addDays(last, 1)) };
}
