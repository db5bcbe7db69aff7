import { DAY_MS, assertTimeZone, firstInstantAtWallClock, timeOfDay, wallClockOf } from './zoned-time.js';

/** A daily window in the buyer's wall-clock time; `start` is inside it, `end` is not. */
export type QuietHours = { start: string; end: string };

const FORMAT = '"HH:MM-HH:MM" in 24-hour time (e.g. "21:00-08:00"), or empty for none';
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Reads `QUIET_HOURS`: "21:00-08:00" → {start: "21:00", end: "08:00"}; "" (or blanks) → null,
 * no quiet hours. Anything else throws naming the format, so a typo fails at boot instead of
 * silently sending at night.
 */
export function parseQuietHours(text: string): QuietHours | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const [start, end, ...rest] = trimmed.split('-').map((part) => part.trim());
  if (start === undefined || end === undefined || rest.length > 0) throw new Error(`quiet hours "${text}" must be ${FORMAT}`);
  return checkQuietHours({ start, end });
}

/**
 * Validates a window given as an object (the settings API's shape) by the same rule as the
 * environment's text, so both doors accept exactly the same windows.
 */
export function checkQuietHours(window: { start: string; end: string }): QuietHours {
  const described = `"${window.start}-${window.end}"`;
  if (!CLOCK.test(window.start) || !CLOCK.test(window.end)) throw new Error(`quiet hours ${described} must be ${FORMAT}`);
  // An empty window would mean "never quiet" and a full one "never send": neither is meant.
  if (window.start === window.end) throw new Error(`quiet hours ${described} must start and end at different times (${FORMAT})`);
  return { start: window.start, end: window.end };
}

/** The `QUIET_HOURS` text of a window: the inverse of `parseQuietHours`. */
export function formatQuietHours(quietHours: QuietHours | null): string {
  return quietHours ? `${quietHours.start}-${quietHours.end}` : '';
}

function clockToMs(clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new Error(`"${clock}" is not a time of day in HH:MM (${FORMAT})`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

/** Where `instant` falls against the window, on the wall clock of `timeZone`. */
function locate(instant: Date, quietHours: QuietHours, timeZone: string) {
  const start = clockToMs(quietHours.start);
  const end = clockToMs(quietHours.end);
  const wall = wallClockOf(instant.getTime(), timeZone);
  const now = timeOfDay(wall);
  const crossesMidnight = start > end;
  const quiet = crossesMidnight ? now >= start || now < end : now >= start && now < end;
  // Past the start of a window that crosses midnight, it ends tomorrow; otherwise today.
  const endsTomorrow = crossesMidnight && now >= start;
  const endWall = wall - now + end + (endsTomorrow ? DAY_MS : 0);
  return { quiet, endWall };
}

/**
 * True when the buyer's clock at `at` reads inside the window: from `start` (inclusive) to `end`
 * (exclusive), to the millisecond — 21:00:00 is quiet, 07:59:59 is quiet, 08:00:00 is not.
 */
export function isQuiet(at: Date, quietHours: QuietHours | null, timeZone: string): boolean {
  assertTimeZone(timeZone);
  if (!quietHours) return false;
  return locate(at, quietHours, timeZone).quiet;
}

/**
 * When a message due at `dueAt` may go out: `dueAt` itself outside quiet hours, otherwise the
 * instant the buyer's clock next reads `end`. The end is found on the zone's own clock at that
 * date, not by adding a fixed offset, so it stays right across any offset change; when the
 * clock skips `end` (a daylight-saving jump) the window ends at the jump.
 */
export function nextSendableAt(dueAt: Date, quietHours: QuietHours | null, timeZone: string): Date {
  assertTimeZone(timeZone);
  if (!quietHours) return dueAt;
  const { quiet, endWall } = locate(dueAt, quietHours, timeZone);
  return quiet ? firstInstantAtWallClock(endWall, dueAt, timeZone) : dueAt;
}
