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

/**
 * Epoch ms of 'YYYY-MM-DDTHH:MM[:SS[.sss]](Z|±HH:MM)', or NaN for any other form. Several times
 * faster than Date.parse, which dominated the engine's time on ISO input.
 */
export function parseIsoInstant(text: string): number {
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
