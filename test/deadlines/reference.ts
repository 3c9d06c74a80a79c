/**
 * The slow reference the engine is checked against: steps day by day, asks the full
 * date-holidays library about every day (with the calendar's own time zone), and reads local
 * dates with Intl. It shares no code with src/deadlines.
 */
import Holidays from 'date-holidays';
import type { Calendar } from '../../src/rules/types';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
export function localParts(epochMs: number, timeZone: string): LocalParts {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(epochMs));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday,
  };
}

/** A civil date as a UTC Date at noon, for stepping: noon never crosses a day on ±12 h. */
export const civil = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day, 12));
export const civilIso = (d: Date) => d.toISOString().slice(0, 10);
export const nextCivil = (d: Date) => new Date(d.getTime() + 86_400_000);

export class ReferenceCalendar {
  private readonly hd: Holidays;
  private readonly cache = new Map<string, boolean>();
  constructor(readonly calendar: Calendar) {
    const opts = { timezone: calendar.timeZone, types: calendar.holidayTypes as ('public' | 'bank')[] };
    this.hd = calendar.region.state
      ? new Holidays(calendar.region.country, calendar.region.state, opts)
      : new Holidays(calendar.region.country, opts);
  }

  /** Is the civil date (a noon-UTC Date) a business day? Asks date-holidays with an instant at local noon. */
  isBusinessDay(date: Date): boolean {
    const iso = civilIso(date);
    const cached = this.cache.get(iso);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (this.calendar.extraWorkingDays.some((d) => d.date === iso)) result = true;
    else if (this.calendar.extraClosures.some((d) => d.date === iso)) result = false;
    else {
      const weekday = ((date.getUTCDay() + 6) % 7) + 1;
      if ((this.calendar.weekend as number[]).includes(weekday)) result = false;
      else {
        const noonLocal = instantOfWall(iso, 12, 0, 0, this.calendar.timeZone);
        const found = this.hd.isHoliday(new Date(noonLocal));
        result = !(found || []).some((h) => this.calendar.holidayTypes.includes(h.type as 'public'));
      }
    }
    this.cache.set(iso, result);
    return result;
  }

  /** The N-th business day strictly after a civil date, stepping one day at a time. */
  nthBusinessDayAfter(date: Date, n: number): Date {
    let d = date;
    let count = 0;
    while (count < n) {
      d = nextCivil(d);
      if (this.isBusinessDay(d)) count++;
    }
    return d;
  }

  /** Business days in (from, to], stepping one day at a time. */
  countBusinessDays(from: Date, to: Date): number {
    let count = 0;
    for (let d = nextCivil(from); d.getTime() <= to.getTime(); d = nextCivil(d))
      if (this.isBusinessDay(d)) count++;
    return count;
  }
}

/** The instant of a wall-clock time in a zone, by fixed-point iteration on Intl (no gap handling needed at noon). */
export function instantOfWall(
  iso: string,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute, second);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - seen;
  }
  return guess;
}

/**
 * The reference due moment of an N-business-day clock that started at `startMs`: the N-th
 * business day after the local start date, at the start's time of day; or, when the start date is
 * not a business day, at the end of that day (the counting convention of statuses.schema.json).
 */
export function referenceDue(ref: ReferenceCalendar, startMs: number, n: number) {
  const s = localParts(startMs, ref.calendar.timeZone);
  const startDate = civil(s.year, s.month, s.day);
  const due = ref.nthBusinessDayAfter(startDate, n);
  if (!ref.isBusinessDay(startDate))
    return { date: civilIso(due), endOfDay: true, hour: 24, minute: 0, second: 0 };
  return { date: civilIso(due), endOfDay: false, hour: s.hour, minute: s.minute, second: s.second };
}
