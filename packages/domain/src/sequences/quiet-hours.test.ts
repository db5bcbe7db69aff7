import { describe, expect, it } from 'vitest';
import { checkQuietHours, formatQuietHours, isQuiet, nextSendableAt, parseQuietHours } from './quiet-hours.js';

const NIGHT = { start: '21:00', end: '08:00' };
const LUNCH = { start: '12:00', end: '14:00' };
const SP = 'America/Sao_Paulo';
const at = (iso: string) => new Date(iso);

describe('parseQuietHours', () => {
  it('reads the QUIET_HOURS form, and empty as none', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual(NIGHT);
    expect(parseQuietHours(' 12:00 - 14:00 ')).toEqual(LUNCH);
    expect(parseQuietHours('00:00-23:59')).toEqual({ start: '00:00', end: '23:59' });
    expect(parseQuietHours('')).toBeNull();
    expect(parseQuietHours('   ')).toBeNull();
  });

  it.each(['21-08', '9:00-10:00', '24:00-08:00', '21:00-08:60', '21:00', '21:00-', '21:00-08:00-09:00', '21h00-08h00', 'none'])(
    'refuses %j, naming the format',
    (text) => {
      expect(() => parseQuietHours(text)).toThrow(/"HH:MM-HH:MM" in 24-hour time \(e\.g\. "21:00-08:00"\), or empty for none/);
    },
  );

  it('refuses a window that starts when it ends', () => {
    expect(() => parseQuietHours('08:00-08:00')).toThrow(/must start and end at different times/);
    expect(() => checkQuietHours({ start: '12:30', end: '12:30' })).toThrow(/different times/);
  });

  it("checks the settings API's object by the same rule and writes it back as text", () => {
    expect(checkQuietHours({ start: '22:15', end: '07:45' })).toEqual({ start: '22:15', end: '07:45' });
    expect(() => checkQuietHours({ start: '22:15', end: '7:45' })).toThrow(/HH:MM-HH:MM/);
    expect(formatQuietHours(NIGHT)).toBe('21:00-08:00');
    expect(formatQuietHours(null)).toBe('');
    expect(parseQuietHours(formatQuietHours(LUNCH))).toEqual(LUNCH);
  });
});

describe('isQuiet', () => {
  it.each([
    ['2026-03-10T23:59:59Z', false], // 20:59:59 in São Paulo
    ['2026-03-11T00:00:00Z', true], // 21:00:00, the start is quiet
    ['2026-03-11T03:00:00Z', true], // midnight
    ['2026-03-11T06:00:00Z', true], // 03:00
    ['2026-03-11T10:59:59Z', true], // 07:59:59
    ['2026-03-11T11:00:00Z', false], // 08:00:00, the end is not
    ['2026-03-11T15:00:00Z', false], // noon
  ])('at %s, 21:00-08:00 in São Paulo is quiet: %s', (iso, quiet) => {
    expect(isQuiet(at(iso), NIGHT, SP)).toBe(quiet);
  });

  it.each([
    ['2026-03-10T14:59:59Z', false], // 11:59:59
    ['2026-03-10T15:00:00Z', true], // 12:00
    ['2026-03-10T16:59:00Z', true], // 13:59
    ['2026-03-10T17:00:00Z', false], // 14:00
    ['2026-03-10T03:00:00Z', false], // midnight is outside a same-day window
  ])('at %s, 12:00-14:00 in São Paulo is quiet: %s', (iso, quiet) => {
    expect(isQuiet(at(iso), LUNCH, SP)).toBe(quiet);
  });

  it('reads each zone at its own offset', () => {
    const instant = at('2026-03-11T00:30:00Z');
    expect(isQuiet(instant, NIGHT, 'America/Noronha')).toBe(true); // 22:30
    expect(isQuiet(instant, NIGHT, SP)).toBe(true); // 21:30
    expect(isQuiet(instant, NIGHT, 'America/Manaus')).toBe(false); // 20:30
    expect(isQuiet(instant, NIGHT, 'America/Rio_Branco')).toBe(false); // 19:30
  });

  it('is never quiet without a window, and refuses an unknown zone', () => {
    expect(isQuiet(at('2026-03-11T03:00:00Z'), null, SP)).toBe(false);
    expect(() => isQuiet(at('2026-03-11T03:00:00Z'), NIGHT, 'America/Atlantis')).toThrow(/"America\/Atlantis"/);
    expect(() => nextSendableAt(at('2026-03-11T03:00:00Z'), null, 'nowhere')).toThrow(/unknown IANA time zone/);
  });
});

describe('nextSendableAt', () => {
  it('keeps a due time outside quiet hours as it is', () => {
    const due = at('2026-03-10T23:59:00Z'); // 20:59
    expect(nextSendableAt(due, NIGHT, SP)).toBe(due);
    const atEnd = at('2026-03-11T11:00:00Z'); // 08:00 exactly
    expect(nextSendableAt(atEnd, NIGHT, SP)).toBe(atEnd);
    expect(nextSendableAt(at('2026-03-11T03:00:00Z'), null, SP).toISOString()).toBe('2026-03-11T03:00:00.000Z');
  });

  it.each([
    ['2026-03-11T00:00:00Z', '2026-03-11T11:00:00.000Z'], // 21:00 exactly → 08:00 next morning
    ['2026-03-11T01:30:00Z', '2026-03-11T11:00:00.000Z'], // 22:30 → 08:00 next morning
    ['2026-03-11T02:59:59.999Z', '2026-03-11T11:00:00.000Z'], // 23:59:59.999 → next morning
    ['2026-03-11T03:00:00Z', '2026-03-11T11:00:00.000Z'], // midnight → the same morning
    ['2026-03-11T10:59:59Z', '2026-03-11T11:00:00.000Z'], // 07:59:59 → one second later
  ])('across midnight: due %s in São Paulo goes at %s', (due, expected) => {
    expect(nextSendableAt(at(due), NIGHT, SP).toISOString()).toBe(expected);
  });

  it('defers to the end of a same-day window, to the minute', () => {
    expect(nextSendableAt(at('2026-03-10T15:30:00Z'), LUNCH, SP).toISOString()).toBe('2026-03-10T17:00:00.000Z');
    const window = { start: '21:30', end: '07:45' };
    expect(nextSendableAt(at('2026-03-11T10:44:30Z'), window, SP).toISOString()).toBe('2026-03-11T10:45:00.000Z'); // 07:44:30 → 07:45
    expect(nextSendableAt(at('2026-03-11T00:29:00Z'), window, SP)).toEqual(at('2026-03-11T00:29:00Z')); // 21:29
  });

  it.each([
    ['America/Noronha', '2026-03-11T03:00:00Z', '2026-03-11T10:00:00.000Z'], // 01:00 → 08:00 −02
    ['America/Manaus', '2026-03-11T03:00:00Z', '2026-03-11T12:00:00.000Z'], // 23:00 → 08:00 −04
    ['America/Rio_Branco', '2026-03-11T03:00:00Z', '2026-03-11T13:00:00.000Z'], // 22:00 → 08:00 −05
    ['Asia/Kolkata', '2026-03-10T18:00:00Z', '2026-03-11T02:30:00.000Z'], // 23:30 → 08:00 +05:30
  ])('ends the window at 08:00 on the clock of %s (due %s)', (zone, due, expected) => {
    expect(nextSendableAt(at(due), NIGHT, zone).toISOString()).toBe(expected);
  });

  it('uses the offset in force when the window ends, not when the message was due', () => {
    // São Paulo's last daylight-saving start: 2018-11-04 at 00:00 −03 the clock read 01:00 −02.
    expect(nextSendableAt(at('2018-11-04T01:00:00Z'), NIGHT, SP).toISOString()).toBe('2018-11-04T10:00:00.000Z');
    // New York springs forward on 2026-03-08: a night begun at −05 ends at 08:00 −04.
    expect(nextSendableAt(at('2026-03-08T03:00:00Z'), NIGHT, 'America/New_York').toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });

  it('ends at the jump when the clock skips the end of the window', () => {
    // 00:30 did not exist in São Paulo on 2018-11-04: the window ends when the clock jumped to 01:00.
    expect(nextSendableAt(at('2018-11-04T01:00:00Z'), { start: '21:00', end: '00:30' }, SP).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(nextSendableAt(at('2026-03-08T06:00:00Z'), { start: '22:00', end: '02:30' }, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('ends at the first showing of a repeated hour that comes after the due time', () => {
    // New York falls back on 2026-11-01: 01:00-02:00 is shown twice, first at −04, then at −05.
    const window = { start: '21:00', end: '01:30' };
    expect(nextSendableAt(at('2026-11-01T04:00:00Z'), window, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(nextSendableAt(at('2026-11-01T06:10:00Z'), window, 'America/New_York').toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('always answers an instant at or after the due time that is not quiet', () => {
    const zones = [SP, 'America/Manaus', 'America/Rio_Branco', 'America/Noronha', 'America/New_York', 'Asia/Kolkata'];
    const windows = [NIGHT, LUNCH, { start: '23:59', end: '00:01' }, { start: '00:30', end: '02:30' }];
    // Every 37 minutes over three days around each of New York's jumps and São Paulo's last one.
    const ranges = ['2026-03-06', '2026-10-30', '2018-11-02'].map((day) => Date.parse(`${day}T00:00:00Z`));
    for (const t of ranges.flatMap((from) => Array.from({ length: (3 * 24 * 60) / 37 }, (_, i) => from + i * 37 * 60_000))) {
      for (const zone of zones) {
        for (const window of windows) {
          const due = new Date(t);
          const sendable = nextSendableAt(due, window, zone);
          expect(sendable.getTime()).toBeGreaterThanOrEqual(t);
          expect(sendable.getTime() - t).toBeLessThanOrEqual(24 * 3_600_000);
          expect(isQuiet(sendable, window, zone)).toBe(false);
          if (!isQuiet(due, window, zone)) expect(sendable).toBe(due);
        }
      }
    }
  });
});
