// @vitest-environment node
// What the schema cannot say, checked when a pack is loaded (issue 11): each of these loaded and
// then failed at run time, often without a word (the overlay vanished, badges went missing).
import { describe, expect, it } from 'vitest';
import { defaultHolidayRange, holidayRegionCatalog } from '../../src/deadlines/holiday-table';
import { loadPack, type RawPackFiles } from '../../src/rules/load';
import { formatProblem } from '../../src/rules/problems';
import { HOLIDAY_TABLE_REACH_DAYS, maxClockAmount } from '../../src/rules/semantic';
import type { CalendarsFile, FieldsFile, LocatorsFile, StatusesFile } from '../../src/rules/types';
import { testPackFiles } from '../fixtures/packs';

const regions = holidayRegionCatalog();

/** The problems of the test pack after `edit`, as rules:check prints them. */
function problemsAfter(edit: (files: RawPackFiles) => void, withRegions = true): string[] {
  const files = testPackFiles();
  edit(files);
  const result = loadPack(files, { dir: 'import', ...(withRegions ? { regions } : {}) });
  // By file and pointer only: what each check says is tested here; the place in words, line and
  // column that formatProblem adds are tested in where.test.ts and check.test.ts.
  return result.ok ? [] : result.problems.map(({ path: _, ...p }) => formatProblem(p));
}
const calendars = (files: RawPackFiles) => (files.calendars as CalendarsFile).calendars;
const statuses = (files: RawPackFiles) => (files.statuses as StatusesFile).statuses;

describe('the checks a schema cannot express', () => {
  it('loads the test pack as it is, with the holiday regions judged', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it.each(['Mars/Olympus', 'Etc/GMT+99'])('refuses the time zone %s, which Intl does not know', (zone) => {
    expect(
      problemsAfter((f) => {
        calendars(f)[1]!.timeZone = zone;
      }),
    ).toEqual([
      `import/calendars.json /calendars/1/timeZone: '${zone}' is not a time zone this browser knows; use an IANA name such as 'America/Los_Angeles' or 'Europe/Amsterdam'`,
    ]);
  });

  it('refuses a holiday region date-holidays does not know, a country or a state of it', () => {
    expect(
      problemsAfter((f) => {
        calendars(f)[1]!.region = { country: 'ZZ' };
        calendars(f)[0]!.region = { country: 'US', state: 'QQ' };
      }),
    ).toEqual([
      "import/calendars.json /calendars/0/region/state: 'QQ' is not a state or region of US whose holidays cpor-guard knows (date-holidays); correct it or leave 'state' out",
      "import/calendars.json /calendars/1/region/country: 'ZZ' is not a country whose holidays cpor-guard knows (date-holidays); use a two-letter code such as 'US' or 'NL'",
    ]);
  });

  it('leaves regions unjudged where the caller cannot carry date-holidays (the content script)', () => {
    expect(
      problemsAfter((f) => {
        calendars(f)[1]!.region = { country: 'ZZ' };
      }, false),
    ).toEqual([]);
  });

  it('refuses a date that is not on the calendar and one outside 2000-2100, wherever it is written', () => {
    expect(
      problemsAfter((f) => {
        calendars(f)[0]!.extraClosures.push({ ...calendars(f)[0]!.extraClosures[0]!, date: '2026-02-30' });
        calendars(f)[0]!.extraClosures.push({ ...calendars(f)[0]!.extraClosures[0]!, date: '2024-02-29' });
        statuses(f)[1]!.clocks[0]!.from = '1999-12-31';
      }),
    ).toEqual([
      "import/statuses.json /statuses/1/clocks/0/from: '1999-12-31' lies outside the years 2000-2100 that cpor-guard counts in; correct the year",
      "import/calendars.json /calendars/0/extraClosures/12/date: '2026-02-30' is not a date: February 2026 has 28 days; correct it",
    ]);
  });

  it('refuses a calendar that closes a whole week with extra closures, naming the week', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const problems = problemsAfter((f) => {
      const cal = calendars(f)[1]!;
      for (const date of week) cal.extraClosures.push({ ...calendars(f)[0]!.extraClosures[0]!, date });
    });
    expect(problems).toEqual([
      'import/calendars.json /calendars/1/extraClosures: closes every business day of the week of 2026-03-02; a calendar needs at least one business day a week, so remove a closure or add an extra working day',
    ]);
    // One extra working day in that week (a Saturday) opens it again.
    expect(
      problemsAfter((f) => {
        const cal = calendars(f)[1]!;
        for (const date of week) cal.extraClosures.push({ ...calendars(f)[0]!.extraClosures[0]!, date });
        cal.extraWorkingDays.push({ ...calendars(f)[0]!.extraClosures[0]!, date: '2026-03-07' });
      }),
    ).toEqual([]);
  });

  it('refuses a clock longer than the holiday table can count, naming the most it can', () => {
    expect(
      problemsAfter((f) => {
        statuses(f)[1]!.clocks[0]!.amount = 3650;
        statuses(f)[5]!.clocks[0]!.amount = 731;
      }),
    ).toEqual([
      "import/statuses.json /statuses/1/clocks/0/amount: 3650 business days is longer than cpor-guard can count ahead on calendar 'microsoft'; the most is 478 (two years of its business days, less holidays)",
      'import/statuses.json /statuses/5/clocks/0/amount: 731 calendar days is longer than cpor-guard can count ahead; the most is 730 (the holiday table reaches two years ahead)',
    ]);
    expect(
      problemsAfter((f) => {
        statuses(f)[1]!.clocks[0]!.amount = 478;
        statuses(f)[5]!.clocks[0]!.amount = 730;
      }),
    ).toEqual([]);
  });

  it('counts the longest business-day clock from the business days of its calendar', () => {
    expect(maxClockAmount('business-days', { weekend: [6, 7] })).toBe(478);
    expect(maxClockAmount('business-days', { weekend: [1, 2, 3, 4, 5, 6] })).toBe(95);
  });

  it('keeps the clock limit in step with how far the holiday table reaches', () => {
    for (const now of ['2026-01-01T00:00:00Z', '2026-12-31T23:59:59Z', '2028-02-29T12:00:00Z']) {
      const at = new Date(now);
      const end = Date.UTC(defaultHolidayRange(at).toYear, 11, 31);
      expect((end - at.getTime()) / 86_400_000).toBeGreaterThanOrEqual(HOLIDAY_TABLE_REACH_DAYS);
    }
  });

  it.each([
    ['(?=a)b', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(a', 'missing closing ): `(a`'],
    ['a{2000}', 'invalid repeat count: `{2000}`'],
  ])('refuses the pattern %s, which RE2 cannot run, naming it and why', (pattern, why) => {
    const problems = problemsAfter((f) => {
      (f.fields as FieldsFile).fields[0]!.checks[1]!.pattern = pattern;
    });
    expect(problems).toEqual([
      `import/fields.json /fields/0/checks/1/pattern: '${pattern}' cannot be used as a pattern: ${why}; patterns run on RE2, which has no lookahead, lookbehind or backreferences and allows repeats up to {1000}; rewrite it`,
    ]);
  });

  it('refuses a pattern of more than 1,000 characters, and a 500 KB one before any pattern check', () => {
    expect(
      problemsAfter((f) => {
        (f.fields as FieldsFile).fields[0]!.checks[1]!.pattern = 'a'.repeat(5_000);
      }),
    ).toEqual([
      'import/fields.json /fields/0/checks/1/pattern: pattern is 5000 characters long, more than the 1000 allowed; shorten it',
      `import/fields.json /fields/0/checks/1/pattern: '${'a'.repeat(80)}…' cannot be used as a pattern: it is 5000 characters long, more than the 1000 allowed; rewrite it`,
    ]);
    expect(
      problemsAfter((f) => {
        (f.fields as FieldsFile).fields[0]!.checks[1]!.pattern = 'a'.repeat(500_000);
      }),
    ).toEqual([
      `import/fields.json /fields/0/checks/1/pattern: is a text of 500000 characters ('${'a'.repeat(60)}…'), more than the 20000 allowed; shorten it`,
    ]);
  });
  it('refuses a date format longer than 100 characters, which the page reader would build a pattern from', () => {
    const problems = problemsAfter((f) => {
      (f.locators as LocatorsFile).pages[0]!.dateFormats!.en = [`M/D/YYYY${'-'.repeat(200)}`];
    });
    expect(problems).toEqual([
      'import/locators.json /pages/0/dateFormats/en/0: date format is 208 characters long, more than the 100 allowed; shorten it',
    ]);
  });
  it('refuses a label of more than 2,000 characters, which would fill the claim page', () => {
    const problems = problemsAfter((f) => {
      (f.statuses as StatusesFile).statuses[1]!.label.en = 'x'.repeat(5_000);
    });
    expect(problems).toEqual([
      'import/statuses.json /statuses/1/label/en: en is 5000 characters long, more than the 2000 allowed; shorten it',
    ]);
  });
});
