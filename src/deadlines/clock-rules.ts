/**
 * The compile part of the deadline engine: a pack's clock rules turned, once per engine, into the
 * shapes the engine reads for every claim (engine.ts). A clock id of a status is a ClockFamily, its
 * dated versions ClockVersions, oldest first; StatusIndex numbers the statuses and lists the
 * families that start in each.
 */
import type { Clock, RulePack } from '../rules/types';
import type { BusinessCalendar, CompiledHolidayTable } from './business-days';
import { DAY_MS, dayFromIsoDate } from './civil';
import type { UrgencyLevel } from './types';

/**
 * One dated version of a clock rule, compiled: everything the engine reads per clock, precomputed
 * once and held in one object shape (the rule objects come from JSON in many shapes, with or without
 * `from`, `urgency`, `startsOn`, …; the engine reads the rule itself only to hand it on in the result).
 */
export class ClockVersion {
  readonly fromDay: number;
  /** The first instant of `fromDay` in the calendar's zone; -Infinity when the rule has no `from`. */
  readonly fromInstant: number;
  /**
   * true when "start >= fromInstant" is exactly "the local date of start is fromDay or later": the
   * zone's offset does not change within two days of fromInstant. Otherwise (a zone that switches
   * near midnight) appliesFrom converts the start to local time as the definition says.
   */
  readonly fromExact: boolean;
  readonly calendarId: string;
  readonly timeZone: string;
  readonly label: Record<string, string>;
  readonly actor: Clock['actor'];
  readonly onExpiry: Clock['onExpiry'];
  /** Endless, or without amount or unit: the clock never falls due. */
  readonly endless: boolean;
  readonly unit: 'business-days' | 'calendar-days' | null;
  readonly amount: number;
  readonly business: boolean;
  /** dueAt 'end-of-day'; a business-day clock starting on a closed day is due at the end of the day too. */
  readonly dueAtEndOfDay: boolean;
  /** Urgency thresholds, least to most urgent: remaining days and the level from there on. */
  readonly urgencyRemaining: Float64Array;
  readonly urgencyLevel: UrgencyLevel[];

  constructor(
    /** The clock id (the family's). */
    readonly id: string,
    /** The status whose rule defines the clock. */
    readonly status: string,
    readonly clock: Clock,
    readonly calendar: BusinessCalendar,
  ) {
    this.fromDay = clock.from ? dayFromIsoDate(clock.from) : Number.NEGATIVE_INFINITY;
    if (clock.from) {
      this.fromInstant = calendar.zone.toInstant(this.fromDay * DAY_MS);
      this.fromExact = !calendar.zone.changesBetween(
        this.fromInstant - 2 * DAY_MS,
        this.fromInstant + 2 * DAY_MS,
      );
    } else {
      this.fromInstant = Number.NEGATIVE_INFINITY;
      this.fromExact = true;
    }
    this.calendarId = clock.calendar;
    this.timeZone = calendar.timeZone;
    this.label = clock.label as Record<string, string>;
    this.actor = clock.actor;
    this.onExpiry = clock.onExpiry;
    this.endless = clock.endless === true || clock.unit === undefined || clock.amount === undefined;
    this.unit = this.endless ? null : clock.unit!;
    this.amount = this.endless ? 0 : clock.amount!;
    this.business = this.unit === 'business-days';
    this.dueAtEndOfDay = clock.dueAt === 'end-of-day';
    const urgency = clock.urgency ?? [];
    this.urgencyRemaining = Float64Array.from(urgency, (u) => u.remaining);
    this.urgencyLevel = urgency.map((u) => u.level);
  }

  /** Whether this version is in force for a clock that starts at `start`: its local date is fromDay or later. */
  appliesFrom(start: number): boolean {
    return this.fromExact
      ? start >= this.fromInstant
      : Math.floor(this.calendar.zone.toLocal(start) / DAY_MS) >= this.fromDay;
  }

  /** The urgency level at `totalDays` left: the last threshold that applies wins. */
  urgencyAt(totalDays: number): UrgencyLevel | null {
    let level: UrgencyLevel | null = null;
    const remaining = this.urgencyRemaining;
    for (let u = 0; u < remaining.length; u++) if (totalDays <= remaining[u]!) level = this.urgencyLevel[u]!;
    return level;
  }
}

/**
 * The statuses the engine knows, numbered, with the clock families that start in each: every status
 * of the pack and every status its clocks name in continuesThrough or pausedIn. A status name is
 * looked up once per history entry; membership is then tested by number (an array read). Unknown
 * statuses get the number `size`, which is in no list.
 */
export class StatusIndex {
  private readonly numbers = new Map<string, number>();
  /** The clock families that start with each status, by number; empty for `size`. */
  readonly families: ClockFamily[][] = [];

  constructor(pack: RulePack, table: CompiledHolidayTable) {
    for (const status of pack.statuses.statuses) {
      this.add(status.id);
      for (const clock of status.clocks) {
        for (const id of clock.continuesThrough ?? []) this.add(id);
        for (const id of clock.pausedIn ?? []) this.add(id);
      }
    }
    for (let k = 0; k <= this.size; k++) this.families.push([]);
    for (const status of pack.statuses.statuses) {
      const byId = new Map<string, ClockFamily>();
      for (const clock of status.clocks) {
        let family = byId.get(clock.id);
        if (!family) {
          family = new ClockFamily(clock.id, clock, this);
          byId.set(clock.id, family);
        }
        family.versions.push(new ClockVersion(clock.id, status.id, clock, table.calendar(clock.calendar)));
      }
      for (const family of byId.values()) family.versions.sort((a, b) => a.fromDay - b.fromDay);
      this.families[this.numberOf(status.id)] = [...byId.values()];
    }
  }

  private add(id: string): void {
    if (!this.numbers.has(id)) {
      this.byName[id] = this.numbers.size;
      this.numbers.set(id, this.numbers.size);
    }
  }

  /** How many statuses are known; also the number of any unknown status. */
  get size(): number {
    return this.numbers.size;
  }

  /** The same numbers in a prototype-less object: a keyed read of it beats Map.prototype.get here (bench). */
  private readonly byName: Record<string, number> = Object.create(null);

  numberOf(id: string): number {
    const n = this.byName[id];
    return n === undefined ? this.numbers.size : n;
  }

  /** A membership table over status numbers: 1 for the listed statuses. */
  table(ids: readonly string[] | undefined): Uint8Array {
    const t = new Uint8Array(this.size + 1);
    for (const id of ids ?? []) t[this.numberOf(id)] = 1;
    return t;
  }
}

/** One clock id of a status with all its dated versions, oldest first. */
export class ClockFamily {
  readonly versions: ClockVersion[] = [];
  readonly startsOn: string | undefined;
  readonly stopsOn: string | undefined;
  /** By status number (StatusIndex): 1 when the clock runs on in that status. */
  readonly continuesThrough: Uint8Array;
  /** continuesThrough is not empty: the clock may outlive its status. */
  readonly continues: boolean;
  /** By status number: 1 when the clock is paused in that status. */
  readonly pausedIn: Uint8Array;
  /** pausedIn is not empty: the clock needs the walk over its stays. */
  readonly pauses: boolean;

  constructor(
    readonly id: string,
    clock: Clock,
    statuses: StatusIndex,
  ) {
    this.startsOn = clock.startsOn;
    this.stopsOn = clock.stopsOn;
    this.continuesThrough = statuses.table(clock.continuesThrough);
    this.continues = (clock.continuesThrough?.length ?? 0) > 0;
    this.pausedIn = statuses.table(clock.pausedIn);
    this.pauses = (clock.pausedIn?.length ?? 0) > 0;
  }
}
