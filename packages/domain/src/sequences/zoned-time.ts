/**
 * Wall-clock arithmetic in an IANA zone, read from Intl (Node's full ICU) so an offset is always
 * the zone's offset at that instant — never a constant, because zones change their rules (Brazil
 * dropped daylight saving in 2019 and may adopt it again; other countries still observe it).
 */

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23: en-US would otherwise print midnight as "24".
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone Intl knows ("America/Manaus", "UTC"); false for anything else. */
export function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/** Fails with the zone's name, so a bad `timezone` setting is found at once, not as a wrong hour. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown IANA time zone "${timeZone}" (expected e.g. "America/Sao_Paulo")`);
}

/**
 * The wall clock of `instant` in `timeZone`, encoded as the UTC timestamp that shows the same
 * digits: 2026-01-10T21:30 in Manaus comes back as Date.UTC(2026, 0, 10, 21, 30). Comparing and
 * adding to these numbers is comparing and adding wall-clock times.
 */
export function wallClockOf(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  // Intl stops at seconds; keep the instant's milliseconds so nothing is rounded away.
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
}

/** Milliseconds since local midnight of the wall clock `wall` (from `wallClockOf`). */
export function timeOfDay(wall: number): number {
  return ((wall % DAY_MS) + DAY_MS) % DAY_MS;
}

/**
 * The first instant after `after` at which the clock of `timeZone` reads `wall`. Offsets are
 * taken from the zone around that wall time (a day either side catches any transition), and a
 * candidate counts only if the zone really shows `wall` then. When the clock repeats an hour
 * (daylight saving ends) the earliest showing after `after` wins; when it skips the time
 * (daylight saving starts) the answer is the transition itself, found by bisection — the first
 * instant whose clock reads `wall` or later.
 */
export function firstInstantAtWallClock(wall: number, after: Date, timeZone: string): Date {
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((shift) => wallClockOf(wall + shift, timeZone) - (wall + shift)));
  const candidates = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((instant) => instant > after.getTime() && wallClockOf(instant, timeZone) === wall);
  if (exact !== undefined) return new Date(exact);

  let low = Math.max(candidates[0] ?? wall, after.getTime());
  let high = Math.max(candidates[candidates.length - 1] ?? wall, low + 1);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClockOf(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return new Date(high);
}
