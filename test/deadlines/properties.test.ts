// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayFromIsoDate, isoDate, parseIsoInstant } from '../../src/deadlines/civil';
import { createDeadlineEngine, dueMoment, dueWithoutPause } from '../../src/deadlines/engine';
import type { Clock } from '../../src/rules/types';
import { calendarRule, compiled, pack, table } from './fixtures';
import { civil, civilIso, localParts, ReferenceCalendar, referenceDue } from './reference';

const CALENDARS = ['microsoft', 'partner'] as const;
const references = Object.fromEntries(CALENDARS.map((id) => [id, new ReferenceCalendar(calendarRule(id))]));

const clockOf = (calendar: string, amount: number, dueAt?: Clock['dueAt']): Clock => ({
  id: 'p',
  label: { en: 'p' },
  amount,
  unit: 'business-days',
  calendar,
  actor: 'partner',
  onExpiry: { text: { en: 'x' } },
  source: { doc: 'A', quote: 'property' },
  ...(dueAt ? { dueAt } : {}),
});

// Any instant from 2019-06 to 2030-06, so 60 business days later stays inside the table (to 2031).
const instant = fc.integer({
  min: Date.parse('2019-06-01T00:00:00Z'),
  max: Date.parse('2030-06-01T00:00:00Z'),
});
const calendarId = fc.constantFrom(...CALENDARS);
const amount = fc.integer({ min: 1, max: 60 });

function localDate(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return civilIso(civil(p.year, p.month, p.day));
}

describe('business-day clocks, for any start and any duration', () => {
  it('are due on a business day of their calendar (checked with date-holidays itself)', () => {
    fc.assert(
      fc.property(instant, calendarId, amount, (start, id, n) => {
        const cal = compiled.calendar(id);
        const [y, m, d] = isoDate(dueMoment(clockOf(id, n), cal, start).day)
          .split('-')
          .map(Number) as [number, number, number];
        expect(references[id]!.isBusinessDay(civil(y, m, d))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('count back from the due date to the start date in exactly their duration of business days', () => {
    fc.assert(
      fc.property(instant, calendarId, amount, (start, id, n) => {
        const cal = compiled.calendar(id);
        const startDay = cal.localDay(start);
        const dueDay = dueMoment(clockOf(id, n), cal, start).day;
        // Business days in (startDay, dueDay] …
        expect(cal.businessDaysBetween(startDay + 1, dueDay + 1)).toBe(n);
        // … and stepping back n business days from the due date lands on or before the start date.
        expect(cal.nthBusinessDayBefore(dueDay, n)).toBeLessThanOrEqual(startDay);
        if (n > 1) expect(cal.nthBusinessDayBefore(dueDay, n - 1)).toBeGreaterThan(startDay);
      }),
      { numRuns: 500 },
    );
  });

  it('never become due earlier when they start later', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 20 * DAY_MS }),
        calendarId,
        amount,
        (start, delay, id, n) => {
          const cal = compiled.calendar(id);
          const clock = clockOf(id, n);
          expect(dueWithoutPause(clock, cal, start + delay)).toBeGreaterThanOrEqual(
            dueWithoutPause(clock, cal, start),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('have exactly their duration of business time left when they start, even on a closed day', () => {
    fc.assert(
      fc.property(instant, calendarId, amount, (start, id, n) => {
        const cal = compiled.calendar(id);
        const due = dueWithoutPause(clockOf(id, n), cal, start);
        // Wall-clock business time; a DST switch only happens on a weekend here, so it never counts.
        expect(cal.businessMsAt(due) - cal.businessMsAt(start)).toBe(n * DAY_MS);
      }),
      { numRuns: 500 },
    );
  });

  it('equal the day-by-day reference implementation with the full date-holidays library', () => {
    fc.assert(
      fc.property(instant, calendarId, amount, (start, id, n) => {
        const cal = compiled.calendar(id);
        const moment = dueMoment(clockOf(id, n), cal, start);
        const expected = referenceDue(references[id]!, start, n);
        const due = dueWithoutPause(clockOf(id, n), cal, start);
        const got = localParts(due, cal.timeZone);
        // The due instant read back with Intl: the due date at the start's time, or the next midnight.
        const wall = moment.endOfDay
          ? { date: isoDate(moment.day), endOfDay: true, hour: 24, minute: 0, second: 0 }
          : {
              date: localDate(due, cal.timeZone),
              endOfDay: false,
              hour: got.hour,
              minute: got.minute,
              second: got.second,
            };
        expect(wall).toEqual(expected);
        if (moment.endOfDay) {
          expect(localDate(due, cal.timeZone)).toBe(isoDate(moment.day + 1));
          expect([got.hour, got.minute, got.second]).toEqual([0, 0, 0]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('agree with the reference on every day of 2019–2031 about what is a business day', () => {
    for (const id of CALENDARS) {
      const cal = compiled.calendar(id);
      const mismatches: string[] = [];
      for (let day = dayFromIsoDate('2019-01-01'); day <= dayFromIsoDate('2031-12-31'); day++) {
        const [y, m, d] = isoDate(day).split('-').map(Number) as [number, number, number];
        if (cal.isBusinessDay(day) !== references[id]!.isBusinessDay(civil(y, m, d)))
          mismatches.push(isoDate(day));
      }
      expect(mismatches, id).toEqual([]);
    }
  });
});

describe('the engine on any one-status history', () => {
  const engine = createDeadlineEngine(pack, table);
  const status = fc.constantFrom(
    'submitted',
    'under-review',
    'partner-action-required',
    'approved',
    'rejected',
  );

  it('gives each running clock the due moment of the counting convention and never more time than that', () => {
    fc.assert(
      fc.property(instant, status, fc.integer({ min: 0, max: 30 * DAY_MS }), (start, statusId, elapsed) => {
        const now = start + elapsed;
        for (const clock of engine.clocks({ history: [{ status: statusId, at: start }] }, now)) {
          if (clock.endless) continue;
          const due = dueWithoutPause(clock.rule, compiled.calendar(clock.calendar), start);
          expect(clock.due).toBe(due);
          expect(clock.state).toBe(now >= due ? 'expired' : 'running');
          // Time left never exceeds the real time to the due moment.
          if (clock.state === 'running')
            expect(clock.remaining!.totalDays * DAY_MS).toBeLessThanOrEqual(due - now + 2 * 3_600_000);
          if (clock.partner && clock.state === 'running')
            expect(clock.partner.remaining.totalDays).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('a paused clock', () => {
  const engine = createDeadlineEngine(pack, table);
  it('is due, after it resumes, exactly the business time it had left, and never earlier than without the pause', () => {
    const ms = compiled.calendar('microsoft');
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 5 * DAY_MS }),
        fc.integer({ min: 1, max: 5 * DAY_MS }),
        fc.integer({ min: 0, max: 10 * DAY_MS }),
        (submitted, untilPause, pauseLength, afterResume) => {
          const paused = submitted + untilPause;
          const resumed = paused + pauseLength;
          const now = resumed + afterResume;
          const history = [
            { status: 'submitted', at: submitted },
            { status: 'partner-action-required', at: paused },
            { status: 'under-review', at: resumed },
          ];
          const decision = engine.clocks({ history }, now).find((c) => c.id === 'decision')!;
          const atPause = engine
            .clocks({ history }, paused + Math.floor(pauseLength / 2))
            .find((c) => c.id === 'decision')!;
          expect(atPause.state).toBe('paused');
          expect(decision.due).not.toBeNull();
          const leftAtPause = Math.round(atPause.remaining!.totalDays * DAY_MS);
          if (leftAtPause > 0)
            expect(ms.businessMsAt(decision.due!) - ms.businessMsAt(resumed)).toBe(leftAtPause);
          expect(decision.due!).toBeGreaterThanOrEqual(dueWithoutPause(decision.rule, ms, submitted));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parsing ISO instants', () => {
  it('agrees with Date.parse on any instant in any offset and precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.constantFrom('minutes', 'seconds', 'millis', 'utc'),
        (ms, offset, precision) => {
          const local = new Date(ms + offset * 60_000).toISOString();
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const text =
            precision === 'utc'
              ? new Date(ms).toISOString()
              : precision === 'millis'
                ? `${local.slice(0, 23)}${zone}`
                : precision === 'seconds'
                  ? `${local.slice(0, 19)}${zone}`
                  : `${local.slice(0, 16)}${zone}`;
          expect(parseIsoInstant(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '2024-02-29T12:30:45.120Z',
    '2199-12-31T23:59:59.999Z',
    '2200-01-01T00:00:00.000Z',
    '0099-03-01T12:00:00.000Z',
  ])('reads %s (the toISOString form, inside and outside its month table) like Date.parse', (text) => {
    expect(parseIsoInstant(text)).toBe(Date.parse(text));
  });

  it.each([
    '2026-11-20',
    '2026-11-20T10:00',
    '2026-13-01T00:00Z',
    'Fri, 20 Nov 2026 10:00:00 GMT',
    '2026-11-20T10:00:00.Z',
    '2026-11-20T10:00:00.0a0Z',
    '2026-11-20T10:00:00.000z',
    '2026-11-20T10:60:00.000Z',
  ])('leaves %s to Date.parse', (text) => {
    expect(parseIsoInstant(text)).toBeNaN();
  });
});
