// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HolidayTableRangeError } from '../../src/deadlines/business-days';
import { localIso } from '../../src/deadlines/cases';
import { dayFromIsoDate, isoDate } from '../../src/deadlines/civil';
import { computeClocks, dueWithoutPause } from '../../src/deadlines/engine';
import { isBusinessDayInTable } from '../../src/deadlines/holiday-table';
import type { Clock } from '../../src/rules/types';
import { compiled, microsoft, pack, partner, table } from './fixtures';

const fiveBusinessDays = (calendar: string, dueAt?: Clock['dueAt']): Clock => ({
  id: 't',
  label: { en: 't' },
  amount: 5,
  unit: 'business-days',
  calendar,
  actor: 'partner',
  onExpiry: { text: { en: 'x' } },
  source: { doc: 'A', quote: 'test' },
  ...(dueAt ? { dueAt } : {}),
});

const due = (calendar: string, start: string, clock = fiveBusinessDays(calendar)) =>
  localIso(
    dueWithoutPause(clock, compiled.calendar(calendar), Date.parse(start)),
    compiled.calendar(calendar).zone,
  );

describe('five business days in Redmond (US-WA, Pacific time)', () => {
  it.each([
    ['skips Thanksgiving and the day after', '2026-11-24T10:00-08:00', '2026-12-03T10:00-08:00'],
    ['skips Christmas Day', '2026-12-22T09:30-08:00', '2026-12-30T09:30-08:00'],
    ['skips New Year’s Day across the year end', '2026-12-29T16:00-08:00', '2027-01-06T16:00-08:00'],
    ['skips Juneteenth', '2026-06-16T08:00-07:00', '2026-06-24T08:00-07:00'],
    [
      'skips the Friday substitute of Independence Day on a Saturday',
      '2026-06-30T12:00-07:00',
      '2026-07-08T12:00-07:00',
    ],
    [
      'keeps the wall-clock time over the spring DST weekend',
      '2026-03-05T10:00-08:00',
      '2026-03-12T10:00-07:00',
    ],
    [
      'keeps the wall-clock time over the autumn DST weekend',
      '2026-10-29T10:00-07:00',
      '2026-11-05T10:00-08:00',
    ],
    ['counts the leap day 29 Feb 2028 as a business day', '2028-02-24T10:00-08:00', '2028-03-02T10:00-08:00'],
    [
      'counts a Saturday start from the end of Friday: due at the end of the 5th business day',
      '2026-11-14T11:00-08:00',
      '2026-11-21T00:00-08:00',
    ],
    [
      'counts a start on Thanksgiving from the end of the day before the next business day',
      '2026-11-26T09:00-08:00',
      '2026-12-05T00:00-08:00',
    ],
    ['counts Easter Monday as a working day', '2026-04-02T10:00-07:00', '2026-04-09T10:00-07:00'],
    [
      'counts the local date of a late-evening start, not the UTC date',
      '2026-06-01T23:30-07:00',
      '2026-06-08T23:30-07:00',
    ],
  ])('%s', (_name, start, expected) => {
    expect(due('microsoft', start)).toBe(expected);
  });
});

describe('five working days in the Netherlands (Europe/Amsterdam)', () => {
  it.each([
    ['skips Easter Monday', '2026-04-02T10:00+02:00', '2026-04-10T10:00+02:00'],
    ['skips King’s Day', '2026-04-24T10:00+02:00', '2026-05-04T10:00+02:00'],
    ['skips Ascension Day', '2026-05-12T10:00+02:00', '2026-05-20T10:00+02:00'],
    ['skips Whit Monday', '2026-05-21T10:00+02:00', '2026-05-29T10:00+02:00'],
    [
      'skips Christmas and New Year’s Day across the year end',
      '2026-12-24T10:00+01:00',
      '2027-01-04T10:00+01:00',
    ],
    [
      'keeps the wall-clock time over the spring DST weekend',
      '2026-03-27T10:00+01:00',
      '2026-04-03T10:00+02:00',
    ],
    [
      'keeps the wall-clock time over the autumn DST weekend',
      '2026-10-23T10:00+02:00',
      '2026-10-30T10:00+01:00',
    ],
    ['works on US Thanksgiving', '2026-11-24T10:00+01:00', '2026-12-01T10:00+01:00'],
    ['counts the leap day', '2028-02-28T09:00+01:00', '2028-03-06T09:00+01:00'],
  ])('%s', (_name, start, expected) => {
    expect(due('partner', start)).toBe(expected);
  });
});

describe('the end-of-day option', () => {
  it('makes a clock due at midnight after its due date, in the calendar’s zone', () => {
    expect(due('microsoft', '2026-11-24T10:00-08:00', fiveBusinessDays('microsoft', 'end-of-day'))).toBe(
      '2026-12-04T00:00-08:00',
    );
  });
});

describe('the holiday table', () => {
  it('lists only the holiday types the calendar names, never observances', () => {
    const closed = table.calendars.microsoft!.closed;
    expect(closed).toContain('2026-11-26');
    expect(closed).not.toContain('2026-02-14'); // Valentine's Day, an observance
    expect(closed).not.toContain('2026-12-24'); // Christmas Eve, 'optional' in date-holidays
    expect(table.calendars.partner!.closed).not.toContain('2026-04-03'); // Good Friday, 'school'
  });

  it('adds the extra closures of the calendar rule', () => {
    expect(table.calendars.microsoft!.closed).toContain('2026-11-27');
    expect(isBusinessDayInTable(table.calendars.microsoft!, '2026-11-27')).toBe(false);
  });

  it('keeps the substitute day of a holiday on a weekend', () => {
    expect(microsoft.isBusinessDay(dayFromIsoDate('2026-07-03'))).toBe(false);
    expect(microsoft.isBusinessDay(dayFromIsoDate('2021-12-24'))).toBe(false); // Christmas 2021 on Saturday
  });

  it('is plain JSON that survives a round trip', () => {
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });

  it('records the DST switches of each zone', () => {
    const switches2026 = table.calendars.partner!.offsets.transitions.filter(([at]) =>
      new Date(at).toISOString().startsWith('2026'),
    );
    expect(switches2026).toEqual([
      [Date.parse('2026-03-29T01:00:00Z'), 120],
      [Date.parse('2026-10-25T01:00:00Z'), 60],
    ]);
  });

  it('says which calendar and days are missing when asked beyond its years', () => {
    expect(() => partner.nthBusinessDayAfter(dayFromIsoDate('2031-12-30'), 5)).toThrow(
      HolidayTableRangeError,
    );
    expect(() => microsoft.isBusinessDay(dayFromIsoDate('2018-06-01'))).toThrow(/outside the holiday table/);
  });

  it('answers business-day questions by day number', () => {
    expect(isoDate(microsoft.nthBusinessDayBefore(dayFromIsoDate('2026-11-30'), 1))).toBe('2026-11-25');
    expect(microsoft.businessDaysBetween(dayFromIsoDate('2026-11-23'), dayFromIsoDate('2026-11-30'))).toBe(3);
  });
});

describe('computeClocks', () => {
  it('reports a rule outside the table as an error naming the table range', () => {
    expect(() =>
      computeClocks({
        pack,
        holidays: table,
        now: '2040-01-01T00:00:00Z',
        history: [{ status: 'under-review', at: '2039-12-20T00:00:00Z' }],
      }),
    ).toThrow(/outside the holiday table/);
  });
});
