/**
 * Dates and moments as the dashboard writes them ('11/26/2026' and '11/23/2026, 2:14 PM' in
 * en-US, '26-11-2026' and '23-11-2026 14:14' in nl-NL), read with the formats of
 * rules/cpor/locators.json (`pages[].dateFormats`, `pages[].dateTimeFormats`), never guessed:
 * '3/4/2026' is March or April only by the page's language.
 *
 * A moment comes back as the wall-clock time the page shows, 'YYYY-MM-DDTHH:mm', without a zone:
 * the page does not say which zone it writes in. Partner Center formats times in the browser
 * (the demo replica's History panel does as the browser's en-US and nl-NL formats do), so the
 * caller reads the wall-clock time in the browser's own time zone (`new Date(y, m - 1, d, h, min)`).
 */

type Field = 'year' | 'month' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'meridiem';

/** A field of a format and how it is written. */
interface FormatToken {
  field: Field;
  /** The pattern of the field's text, one capturing group. */
  pattern: string;
}

/** A format compiled to patterns; the groups hold the fields. */
interface CompiledFormat {
  /** The whole text is the date (after white space is collapsed). */
  whole: RegExp;
  /** The date somewhere in a longer text, not glued to a letter or digit on either side. */
  within: RegExp;
  /** The group number (1-based) of each field the format has. */
  group: Partial<Record<Field, number>>;
}

const ONE_OR_TWO = '(\\d{1,2})';
const TWO = '(\\d{2})';

/** Longest first: 'MM' before 'M', 'mm' (minutes) is not 'M' (month). */
const TOKENS: readonly [string, FormatToken][] = [
  ['YYYY', { field: 'year', pattern: '(\\d{4})' }],
  ['MM', { field: 'month', pattern: TWO }],
  ['M', { field: 'month', pattern: ONE_OR_TWO }],
  ['DD', { field: 'day', pattern: TWO }],
  ['D', { field: 'day', pattern: ONE_OR_TWO }],
  ['HH', { field: 'hour24', pattern: TWO }],
  ['H', { field: 'hour24', pattern: ONE_OR_TWO }],
  ['hh', { field: 'hour12', pattern: TWO }],
  ['h', { field: 'hour12', pattern: ONE_OR_TWO }],
  ['mm', { field: 'minute', pattern: TWO }],
  ['ss', { field: 'second', pattern: TWO }],
  // en-US writes 'AM'/'PM'; en-CA, en-AU and older Windows settings 'a.m.'/'p.m.'.
  ['A', { field: 'meridiem', pattern: '([AaPp]\\.?[Mm]\\.?)' }],
];

const compiled = new Map<string, CompiledFormat | null>();

/**
 * A format as patterns; null when it names a field twice, or mixes the clocks (an hour 0–23
 * with AM/PM, an hour 1–12 without it). Which fields a reading needs is the reader's concern.
 */
function compileFormat(format: string): CompiledFormat | null {
  const cached = compiled.get(format);
  if (cached !== undefined) return cached;
  const group: CompiledFormat['group'] = {};
  let source = '';
  let groups = 0;
  let valid = true;
  for (let at = 0; at < format.length; ) {
    const token = TOKENS.find(([text]) => format.startsWith(text, at));
    if (!token) {
      source += format[at]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      at++;
      continue;
    }
    const [text, part] = token;
    if (group[part.field] !== undefined) valid = false;
    group[part.field] = ++groups;
    source += part.pattern;
    at += text.length;
  }
  if (group.hour24 !== undefined && (group.hour12 !== undefined || group.meridiem !== undefined))
    valid = false;
  if ((group.hour12 === undefined) !== (group.meridiem === undefined)) valid = false;
  const result = valid
    ? {
        whole: new RegExp(`^${source}$`, 'u'),
        within: new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, 'gu'),
        group,
      }
    : null;
  compiled.set(format, result);
  return result;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Bidirectional marks and zero-width characters: browsers' own date formatting has put U+200E
 * around date parts (Edge/IE `toLocaleDateString`), and a person does not see them.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * The text as a person reads it: invisible marks dropped, white space one space. Chromium's
 * en-US time format puts a narrow no-break space (U+202F) before 'PM'; it becomes ' ' here.
 */
const written = (text: string) => text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

interface Moment {
  date: string;
  /** 'HH:mm', or null when the format has no time. */
  time: string | null;
}

/** The fields of a match as a real date (and time), or null ('2/31/2026', '13:00 PM', '24:00'). */
function momentOf(match: RegExpExecArray, { group }: CompiledFormat): Moment | null {
  const field = (name: Field) => {
    const at = group[name];
    return at === undefined ? undefined : match[at]!;
  };
  const year = Number(field('year'));
  const month = Number(field('month'));
  const day = Number(field('day'));
  if (!(year >= 1) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month)))
    return null;
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (group.minute === undefined) return { date, time: null };
  let hour: number;
  if (group.hour12 !== undefined) {
    const hour12 = Number(field('hour12'));
    if (hour12 < 1 || hour12 > 12) return null;
    const pm = field('meridiem')!.toLowerCase().startsWith('p');
    // 12:05 AM is five past midnight, 12:30 PM half past noon.
    hour = (hour12 % 12) + (pm ? 12 : 0);
  } else {
    hour = Number(field('hour24'));
    if (hour > 23) return null;
  }
  const minute = Number(field('minute'));
  const second = field('second');
  if (minute > 59 || (second !== undefined && Number(second) > 59)) return null;
  return { date, time: `${pad(hour, 2)}:${pad(minute, 2)}` };
}

const hasDate = (format: CompiledFormat) =>
  format.group.year !== undefined && format.group.month !== undefined && format.group.day !== undefined;

const hasTime = (format: CompiledFormat) =>
  (format.group.hour24 !== undefined || format.group.hour12 !== undefined) &&
  format.group.minute !== undefined;

/**
 * The 'YYYY-MM-DD' of a date written in one of `formats` (tried in order), or null when the
 * text is empty, a dash ('—'), not in any of the formats, or not a real date ('2/31/2026').
 */
export function parsePageDate(text: string, formats: readonly string[]): string | null {
  const shown = written(text);
  if (shown === '') return null;
  for (const format of formats) {
    const compiledFormat = compileFormat(format);
    if (!compiledFormat || !hasDate(compiledFormat)) continue;
    const match = compiledFormat.whole.exec(shown);
    const moment = match && momentOf(match, compiledFormat);
    if (moment) return moment.date;
  }
  return null;
}

/**
 * The wall-clock 'YYYY-MM-DDTHH:mm' of a moment written in one of `formats` (tried in order):
 * 'M/D/YYYY, h:mm A' reads '11/23/2026, 2:14 PM' as '2026-11-23T14:14', 'D-M-YYYY HH:mm' reads
 * '23-11-2026 14:14' the same. Seconds, when the format has them, are checked and dropped. Null
 * when the text is not in any of the formats or is no real moment ('2/31/2026, 1:00 PM',
 * '13:05 PM', '24:00'), and for formats without a date, an hour and minutes.
 *
 * No time zone: the page names none. Read the result in the browser's zone (see the file's head).
 */
export function parsePageDateTime(text: string, formats: readonly string[]): string | null {
  const shown = written(text);
  if (shown === '') return null;
  for (const format of formats) {
    const compiledFormat = compileFormat(format);
    if (!compiledFormat || !hasDate(compiledFormat) || !hasTime(compiledFormat)) continue;
    const match = compiledFormat.whole.exec(shown);
    const moment = match && momentOf(match, compiledFormat);
    if (moment) return `${moment.date}T${moment.time}`;
  }
  return null;
}

/**
 * The first moment written in one of `formats` inside a longer text, as parsePageDateTime gives
 * it: 'Microsoft reviewer · 11/23/2026, 2:14 PM' → '2026-11-23T14:14'. The moment must not be
 * glued to a letter or digit ('111/23/2026, 2:14 PM' holds none). Formats are tried in order; a
 * match that is no real moment is passed over. Null when there is none.
 */
export function findPageDateTime(text: string, formats: readonly string[]): string | null {
  const shown = written(text);
  if (shown === '') return null;
  for (const format of formats) {
    const compiledFormat = compileFormat(format);
    if (!compiledFormat || !hasDate(compiledFormat) || !hasTime(compiledFormat)) continue;
    const within = compiledFormat.within;
    within.lastIndex = 0;
    for (let match = within.exec(shown); match; match = within.exec(shown)) {
      const moment = momentOf(match, compiledFormat);
      if (moment) return `${moment.date}T${moment.time}`;
    }
  }
  return null;
}

/*
 * The page names no time zone: its dates and times are read as the browser's local time (the
 * zone Partner Center shows them in for this user, as far as anyone can tell).
 */

/** A wall-clock 'YYYY-MM-DDTHH:mm' (parsePageDateTime's result) as an instant in the browser's zone. */
export function localWallClock(text: string): number {
  const [date, time = '00:00'] = text.split('T') as [string, string?];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm).getTime();
}

/** The end of a 'YYYY-MM-DD' date in the browser's zone: the latest moment a date on the page can mean. */
export function endOfLocalDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}
