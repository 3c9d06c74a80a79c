/**
 * Business-day arithmetic on one calendar of a holiday table, in O(1) per question: the table is
 * compiled once into a prefix count of business days by day number and the list of business days
 * in order, so "the N-th business day after" and "business time between" are two array reads.
 */
import { DAY_MS, dayFromIsoDate, isoDate, isoWeekday } from './civil';
import type { HolidayTable, HolidayTableCalendar } from './types';
import { CompiledZone } from './zone';

export class HolidayTableRangeError extends RangeError {}

export class BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  readonly region: HolidayTableCalendar['region'];
  readonly zone: CompiledZone;
  /** Day number of the first covered day. */
  readonly firstDay: number;
  /** Day number of the last covered day. */
  readonly lastDay: number;
  /**
   * before[k]: business days in [firstDay, firstDay + k). Read directly (never written) by the
   * engine's spanOf as well, which is the hottest code of the engine (engine.ts).
   */
  readonly before: Int32Array;
  /** ordinal[j]: offset from firstDay of the j-th business day (0-based); read by spanOf too. */
  readonly ordinal: Int32Array;

  constructor(id: string, data: HolidayTableCalendar, from: string, to: string) {
    this.id = id;
    this.timeZone = data.timeZone;
    this.region = data.region;
    this.firstDay = dayFromIsoDate(from);
    this.lastDay = dayFromIsoDate(to);
    this.zone = new CompiledZone(data.offsets, this.firstDay - 2, this.lastDay + 2);
    const length = this.lastDay - this.firstDay + 1;
    const closed = new Set(data.closed.map(dayFromIsoDate));
    const open = new Set(data.open.map(dayFromIsoDate));
    const weekend = new Set(data.weekend);
    this.before = new Int32Array(length + 1);
    const ordinals: number[] = [];
    for (let k = 0; k < length; k++) {
      const day = this.firstDay + k;
      const business = open.has(day) || (!weekend.has(isoWeekday(day)) && !closed.has(day));
      if (business) ordinals.push(k);
      this.before[k + 1] = this.before[k]! + (business ? 1 : 0);
    }
    this.ordinal = Int32Array.from(ordinals);
  }

  // The checks below throw through separate functions (outside, pastEnd…): a method that builds its
  // error message inline is too large for V8 to inline into the engine's hot loop.
  private index(day: number): number {
    const k = day - this.firstDay;
    if (k < 0 || day > this.lastDay) throw this.outside(day);
    return k;
  }

  outside(day: number): HolidayTableRangeError {
    return new HolidayTableRangeError(
      `calendar '${this.id}': ${isoDate(day)} is outside the holiday table (${isoDate(this.firstDay)} to ${isoDate(this.lastDay)}); build the table for more years`,
    );
  }

  private pastEnd(): HolidayTableRangeError {
    return new HolidayTableRangeError(`calendar '${this.id}': past the holiday table's end`);
  }

  pastEndAfter(day: number, n: number): HolidayTableRangeError {
    return new HolidayTableRangeError(
      `calendar '${this.id}': ${n} business days after ${isoDate(day)} is past the holiday table's end (${isoDate(this.lastDay)})`,
    );
  }

  isBusinessDay(day: number): boolean {
    const k = this.index(day);
    return this.before[k + 1]! !== this.before[k]!;
  }

  /** Business days in [fromDay, toDay) (negative when toDay < fromDay). */
  businessDaysBetween(fromDay: number, toDay: number): number {
    return this.before[this.index(toDay)]! - this.before[this.index(fromDay)]!;
  }

  /** The n-th (n ≥ 1) business day strictly after `day`. */
  nthBusinessDayAfter(day: number, n: number): number {
    const j = this.before[this.index(day) + 1]! + n - 1;
    if (j >= this.ordinal.length) throw this.pastEndAfter(day, n);
    return this.firstDay + this.ordinal[j]!;
  }

  /** The n-th (n ≥ 1) business day strictly before `day`. */
  nthBusinessDayBefore(day: number, n: number): number {
    const j = this.before[this.index(day)]! - n;
    if (j < 0) {
      throw new HolidayTableRangeError(
        `calendar '${this.id}': ${n} business days before ${isoDate(day)} is before the holiday table's start (${isoDate(this.firstDay)})`,
      );
    }
    return this.firstDay + this.ordinal[j]!;
  }

  /**
   * Business time from the table's start to an instant, in ms: whole business days before the
   * instant's local date, plus the wall-clock time of that date if it is a business day. The
   * difference of two values is the business time between two instants.
   */
  businessMsAt(epochMs: number): number {
    return this.businessMsAtLocal(this.zone.toLocal(epochMs));
  }

  /** businessMsAt of a wall-clock time (local ms). */
  businessMsAtLocal(local: number): number {
    const day = Math.floor(local / DAY_MS);
    const k = this.index(day);
    const before = this.before[k]!;
    const business = this.before[k + 1]! !== before;
    return before * DAY_MS + (business ? local - day * DAY_MS : 0);
  }

  /** The earliest instant whose businessMsAt is `value` (the inverse of businessMsAt). */
  instantAtBusinessMs(value: number): number {
    const whole = Math.floor(value / DAY_MS);
    const rest = value - whole * DAY_MS;
    let local: number;
    if (rest === 0 && whole > 0) {
      // Exactly the end of the whole-th business day: its 24:00.
      const ord = this.ordinal[whole - 1];
      if (ord === undefined) throw this.pastEnd();
      local = (this.firstDay + ord + 1) * DAY_MS;
    } else {
      const ord = this.ordinal[whole];
      if (ord === undefined) throw this.pastEnd();
      local = (this.firstDay + ord) * DAY_MS + rest;
    }
    return this.zone.toInstant(local);
  }

  /** The local date (day number) of an instant in this calendar's zone. */
  localDay(epochMs: number): number {
    return Math.floor(this.zone.toLocal(epochMs) / DAY_MS);
  }

  private readonly isoDates: string[] = [];
  /** 'YYYY-MM-DD' of a day number, remembered per day (the engine names many due dates). */
  isoDate(day: number): string {
    const k = day - this.firstDay;
    if (k < 0 || day > this.lastDay + 1) return isoDate(day);
    let text = this.isoDates[k];
    if (text === undefined) {
      text = isoDate(day);
      this.isoDates[k] = text;
    }
    return text;
  }

  private memoNow = Number.NaN;
  private memoNowMs = 0;
  /** businessMsAt for the same `now` asked again and again (every clock of a claim asks it). */
  businessMsAtNow(now: number): number {
    if (now !== this.memoNow) {
      this.memoNowMs = this.businessMsAt(now);
      this.memoNow = now;
    }
    return this.memoNowMs;
  }
}

/** Every calendar of a holiday table, compiled once. */
export class CompiledHolidayTable {
  readonly calendars = new Map<string, BusinessCalendar>();
  constructor(readonly table: HolidayTable) {
    for (const [id, data] of Object.entries(table.calendars)) {
      this.calendars.set(id, new BusinessCalendar(id, data, table.from, table.to));
    }
  }

  calendar(id: string): BusinessCalendar {
    const c = this.calendars.get(id);
    if (!c)
      throw new Error(
        `calendar '${id}' is not in the holiday table; it has ${[...this.calendars.keys()].join(', ')}`,
      );
    return c;
  }
}

const compiledTables = new WeakMap<HolidayTable, CompiledHolidayTable>();

/** The compiled form of a table, compiled on first use and cached per table object. */
export function compileHolidayTable(table: HolidayTable | CompiledHolidayTable): CompiledHolidayTable {
  if (table instanceof CompiledHolidayTable) return table;
  let compiled = compiledTables.get(table);
  if (!compiled) {
    compiled = new CompiledHolidayTable(table);
    compiledTables.set(table, compiled);
  }
  return compiled;
}
