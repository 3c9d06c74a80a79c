/**
 * Civil dates as day numbers (days since 1970-01-01) and wall-clock times as milliseconds of
 * the day: plain integer arithmetic, no Date objects and no time zone, so the engine's hot path
 * stays allocation-free. Time zones are handled in zone.ts.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a proleptic Gregorian date. */
export function dayFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact for every Gregorian date, leap years included.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of a 'YYYY-MM-DD' string (anything after the date is ignored). */
export function dayFromIsoDate(text: string): number {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || text[4] !== '-') {
    throw new RangeError(`not a date (YYYY-MM-DD): '${text}'`);
  }
  return dayFromCivil(year, month, day);
}

/** An instant given as an ISO string with offset, or as epoch milliseconds. */
export type InstantInput = string | number;

/** The digits of `text` from `at` to `at + length` as a number, or -1 if any is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Day numbers of the first of each month of 1970–2199: the common case of dayFromCivil as one read. */
const MONTH_START_FIRST_YEAR = 1970;
const monthStarts = new Int32Array(230 * 12);
for (let k = 0; k < monthStarts.length; k++) {
  monthStarts[k] = dayFromCivil(MONTH_START_FIRST_YEAR + Math.floor(k / 12), (k % 12) + 1, 1);
}

/**
 * Epoch ms of 'YYYY-MM-DDTHH:MM:SS.sssZ', the form of Date.prototype.toISOString and JSON, or NaN
 * for anything else (then parseIsoInstant tries the other forms). Straight-line code: the engine
 * parses every instant of every claim, and this form is nearly all of them.
 */
function parseToIsoString(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 ||
    text.charCodeAt(23) !== 90
  ) {
    return Number.NaN;
  }
  // Each digit as 0–9; any other character gives a value outside 0–9, caught by `bad`.
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48;
  const s1 = text.charCodeAt(18) - 48;
  const f0 = text.charCodeAt(20) - 48;
  const f1 = text.charCodeAt(21) - 48;
  const f2 = text.charCodeAt(22) - 48;
  // (x >>> 0) > 9 for x outside 0–9, negative ones included.
  const bad =
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    f0 >>> 0 > 9 ||
    f1 >>> 0 > 9 ||
    f2 >>> 0 > 9;
  if (bad) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }
  const k = (year - MONTH_START_FIRST_YEAR) * 12 + month - 1;
  const dayNumber =
    k >= 0 && k < monthStarts.length ? monthStarts[k]! + day - 1 : dayFromCivil(year, month, day);
  return dayNumber * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + (f0 * 100 + f1 * 10 + f2);
}

/**
 * Epoch ms of 'YYYY-MM-DDTHH:MM[:SS[.sss]](Z|±HH:MM)', or NaN for any other form. Several times
 * faster than Date.parse, which dominated the engine's time on ISO input.
 */
export function parseIsoInstant(text: string): number {
  const fast = parseToIsoString(text);
  if (!Number.isNaN(fast)) return fast;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58
  ) {
    return Number.NaN;
  }
  let i = 16;
  let second = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (text.charCodeAt(i) === 46) {
      let scale = 100;
      i++;
      const first = i;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
      }
      if (i === first) return Number.NaN;
      ms = Math.floor(ms);
    }
  }
  let offsetMinutes: number;
  const zone = text.charCodeAt(i);
  if (zone === 90 && i + 1 === text.length) offsetMinutes = 0;
  else if ((zone === 43 || zone === 45) && i + 6 === text.length && text.charCodeAt(i + 3) === 58) {
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Number.NaN;
  return (
    dayFromCivil(year, month, day) * DAY_MS +
    hour * HOUR_MS +
    minute * MINUTE_MS +
    second * 1000 +
    ms -
    offsetMinutes * MINUTE_MS
  );
}

/** Epoch milliseconds of an instant; throws on a string that is not an ISO instant. */
export function toEpochMs(value: InstantInput): number {
  if (typeof value === 'number') return value;
  let ms = parseIsoInstant(value);
  if (Number.isNaN(ms)) ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: '${value}'`);
  return ms;
}

/** Canonical UTC ISO string, e.g. '2026-12-04T18:00:00.000Z'. */
export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
