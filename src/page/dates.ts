/**
 * Dates as the dashboard writes them ('11/26/2026' in en-US, '26-11-2026' in nl-NL), read with
 * the formats of rules/cpor/locators.json (`pages[].dateFormats`), never guessed: '3/4/2026' is
 * March or April only by the page's language.
 */

/** A field of a date format and how many digits it is written with. */
interface FormatToken {
  field: 'year' | 'month' | 'day';
  digits: 'one-or-two' | 'two' | 'four';
}

/** A date format compiled to an anchored pattern; the groups hold year, month and day. */
interface CompiledFormat {
  pattern: RegExp;
  /** The group number (1-based) of each field. */
  group: { year: number; month: number; day: number };
}

const TOKENS: readonly [string, FormatToken][] = [
  ['YYYY', { field: 'year', digits: 'four' }],
  ['MM', { field: 'month', digits: 'two' }],
  ['M', { field: 'month', digits: 'one-or-two' }],
  ['DD', { field: 'day', digits: 'two' }],
  ['D', { field: 'day', digits: 'one-or-two' }],
];

const DIGITS = { 'one-or-two': '(\\d{1,2})', two: '(\\d{2})', four: '(\\d{4})' } as const;

const compiled = new Map<string, CompiledFormat | null>();

/** 'M/D/YYYY' as a pattern; null when the format lacks a field or names one twice. */
function compileFormat(format: string): CompiledFormat | null {
  const cached = compiled.get(format);
  if (cached !== undefined) return cached;
  const group: Partial<CompiledFormat['group']> = {};
  let source = '^';
  let groups = 0;
  let valid = true;
  for (let at = 0; at < format.length; ) {
    const token = TOKENS.find(([text]) => format.startsWith(text, at));
    if (!token) {
      source += format[at]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      at++;
      continue;
    }
    const [text, part] = token;
    if (group[part.field] !== undefined) valid = false;
    group[part.field] = ++groups;
    source += DIGITS[part.digits];
    at += text.length;
  }
  const result =
    valid && group.year && group.month && group.day
      ? { pattern: new RegExp(`${source}$`), group: group as CompiledFormat['group'] }
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
 * The 'YYYY-MM-DD' of a date written in one of `formats` (tried in order), or null when the
 * text is empty, a dash ('—'), not in any of the formats, or not a real date ('2/31/2026').
 */
export function parsePageDate(text: string, formats: readonly string[]): string | null {
  const written = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (written === '') return null;
  for (const format of formats) {
    const compiledFormat = compileFormat(format);
    const match = compiledFormat?.pattern.exec(written);
    if (!compiledFormat || !match) continue;
    const year = Number(match[compiledFormat.group.year]);
    const month = Number(match[compiledFormat.group.month]);
    const day = Number(match[compiledFormat.group.day]);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) continue;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }
  return null;
}
