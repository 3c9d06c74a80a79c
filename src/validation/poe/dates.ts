/**
 * Dates in PoE text: numeric (2026-11-27, 27-11-2026, 27.11.2026, 11/27/2026, 10/15/26), with
 * month names in every language of the 'dates' check's monthNames (rules/cpor/reasons.json:
 * "12th March 2026", "March 12, 2026", "12 maart 2026") and month and year only ("March 2026").
 * The month names and the order of ambiguous numeric dates come from the rule; only the shapes
 * are here.
 */

import { escapeRegExp } from '../../platform/regexp';
import { foldText } from '../../text/fold';

export type DateOrder = 'dmy' | 'mdy';

/** A calendar date, without time zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface DateHit {
  /** Start and end in the folded text. */
  start: number;
  end: number;
  /**
   * The possible readings; two when a numeric date is ambiguous and the language is unknown, and
   * the first and last day of the month for a month and year only.
   */
  readings: CalendarDate[];
  /** true for a month and year without a day ("March 2026"). */
  monthOnly?: boolean;
}

export interface DatePatterns {
  named: RegExp;
  monthByName: Map<string, number>;
}

/** Compiles the month names of a rule into one pattern (cached by the caller per check). */
export function compileDatePatterns(monthNames: Record<string, string[][] | undefined>): DatePatterns {
  const monthByName = new Map<string, number>();
  for (const months of Object.values(monthNames)) {
    months?.forEach((names, index) => {
      for (const name of names) monthByName.set(foldText(name), index + 1);
    });
  }
  const alternatives = [...monthByName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const month = `(${alternatives.join('|')})`;
  // day month year: "27 november 2026", "27. März 2026", "1er janvier 2026", "27-nov-2026", "27th of November 2026"
  // month day year: "November 27, 2026", "nov 27th 2026"
  const dayMonthYear = `(\\d{1,2})[\\p{L}]{0,2}\\.?[ \\-/]?(?:of )?${month}\\.?[ \\-/,.]{0,3}(\\d{4})`;
  const monthDayYear = `${month}\\.?[ \\-]?(\\d{1,2})[\\p{L}]{0,2}[ ,.]{0,3}(\\d{4})`;
  const numeric = '(\\d{1,4})([-/.])(\\d{1,2})\\8(\\d{1,4})';
  // month year: "March 2026", "sept. 2026" (after the shapes with a day, which win at the same place)
  const monthYear = `${month}\\.?[ ,]{1,2}(\\d{4})`;
  const named = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${dayMonthYear}|${monthDayYear}|${numeric}|${monthYear})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return { named, monthByName };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(year: number, month: number, day: number): CalendarDate | undefined {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * Every date in `folded`. `orders` are the readings allowed for an ambiguous numeric date
 * (the document's languages' dateOrder); a date whose day is over 12 is read only one way.
 */
export function findDates(folded: string, patterns: DatePatterns, orders: readonly DateOrder[]): DateHit[] {
  const hits: DateHit[] = [];
  patterns.named.lastIndex = 0;
  for (const m of folded.matchAll(patterns.named)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const readings: CalendarDate[] = [];
    if (m[2] !== undefined) {
      const d = valid(Number(m[3]), patterns.monthByName.get(m[2]) ?? 0, Number(m[1]));
      if (d) readings.push(d);
    } else if (m[4] !== undefined) {
      const d = valid(Number(m[6]), patterns.monthByName.get(m[4]) ?? 0, Number(m[5]));
      if (d) readings.push(d);
    } else if (m[7] !== undefined) {
      const a = m[7];
      const b = Number(m[9]);
      const c = m[10]!;
      if (a.length === 4 && c.length <= 2) {
        const d = valid(Number(a), b, Number(c));
        if (d) readings.push(d);
      } else if (a.length <= 2 && (c.length === 4 || c.length === 2)) {
        const first = Number(a);
        // A two-digit year (10/15/26) is this century's: PoEs are at most a few years old.
        const year = c.length === 2 ? 2000 + Number(c) : Number(c);
        const dmy = valid(year, b, first);
        const mdy = valid(year, first, b);
        if (dmy && mdy && first !== b) {
          for (const order of orders) readings.push(order === 'dmy' ? dmy : mdy);
        } else if (dmy ?? mdy) {
          readings.push((dmy ?? mdy)!);
        }
      }
    } else if (m[11] !== undefined) {
      const year = Number(m[12]);
      const month = patterns.monthByName.get(m[11]) ?? 0;
      const first = valid(year, month, 1);
      if (first) readings.push(first, { year, month, day: daysInMonth(year, month) });
    }
    if (readings.length > 0)
      hits.push({
        start,
        end,
        readings: dedupe(readings),
        ...(m[11] !== undefined ? { monthOnly: true } : {}),
      });
  }
  return hits;
}

function dedupe(readings: CalendarDate[]): CalendarDate[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = formatDate(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a calendar date, for comparisons. */
export function dayNumber(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** The calendar date `months` months before `d` (the day clamped to the month's length). */
export function monthsBefore(d: CalendarDate, months: number): CalendarDate {
  const total = d.year * 12 + (d.month - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function calendarDateOf(instant: Date): CalendarDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}
