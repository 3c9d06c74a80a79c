/**
 * The deadline engine: every clock of a claim from its status history, the rule pack and a
 * holiday table (plain data, see holiday-table.ts). Pure TypeScript, no browser API, and no
 * date-holidays: it runs in Node, the content script and the background alike.
 *
 * How a clock lives (rules/schema/statuses.schema.json):
 * - It starts when the claim enters the status that lists it, or at its `startsOn` event while
 *   the claim is in that status. The version of the rule in force on the start date (in the
 *   clock's calendar) applies; a clock that starts before its first version's `from` does not run.
 * - It runs while the claim stays in that status or moves on through `continuesThrough`, and
 *   finishes when the claim moves anywhere else. Time in `pausedIn` statuses does not count.
 * - Its `stopsOn` event stops it (the awaited action was taken).
 * - Counting convention (schema, `amount`): an N-business-day clock is due on the N-th business
 *   day after the local date it started, at the same time of day (or at the end of that day with
 *   dueAt 'end-of-day'); an N-calendar-day clock N days after its start date, likewise. A
 *   business-day clock that starts on a weekend day or holiday counts as started at the end of
 *   the day before the next business day: due at the end of its due date.
 * - Remaining time counts only time on business days (wall clock, in the calendar's zone) for
 *   business-day clocks, all time for calendar-day clocks. A paused clock keeps what it had left
 *   and, when it resumes, is due that much business time after the resumption.
 */
import type { Clock, RulePack } from '../rules/types';
import { type BusinessCalendar, type CompiledHolidayTable, compileHolidayTable } from './business-days';
import { DAY_MS, dayFromIsoDate, HOUR_MS, type InstantInput, MINUTE_MS, toEpochMs } from './civil';
import type {
  ClaimTimeline,
  ClockResult,
  ClockState,
  EventEntry,
  HolidayTable,
  PartnerView,
  Remaining,
  StatusEntry,
  UrgencyLevel,
} from './types';

export interface ClockOptions {
  /** The id of the partner's calendar in the holiday table; default 'partner'. */
  partnerCalendar?: string;
}

/**
 * One dated version of a clock rule, compiled: everything the hot loop reads, precomputed once and
 * held in one object shape. The rule objects come from JSON in many shapes (with or without `from`,
 * `urgency`, `startsOn`, …), so reading them for every clock made each property access megamorphic;
 * the loop now reads the rule only to hand it on in the result.
 */
class ClockVersion {
  readonly fromDay: number;
  /** The first instant of `fromDay` in the calendar's zone; -Infinity when the rule has no `from`. */
  readonly fromInstant: number;
  /**
   * true when "start >= fromInstant" is exactly "the local date of start is fromDay or later": the
   * zone's offset does not change within two days of fromInstant. Otherwise (a zone that switches
   * near midnight) the loop converts the start to local time as the definition says.
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
 * The statuses the engine knows, numbered: every status of the pack and every status its clocks
 * name in continuesThrough or pausedIn. The hot loop looks a status name up once per history
 * entry and then tests membership by number (an array read) instead of hashing the name again
 * for every clock and stay. Unknown statuses get the number `size`, which is in no list.
 */
class StatusIndex {
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

  /**
   * The same numbers in a prototype-less object: the hot loop reads it with a keyed property load,
   * which V8 answers from its lookup cache for the (internalized) strings of a parsed history,
   * faster than Map.prototype.get.
   */
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
class ClockFamily {
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

export interface DeadlineEngine {
  readonly pack: RulePack;
  readonly table: CompiledHolidayTable;
  /** Every clock that started in the claim's history up to `now`, in order of start. */
  clocks(timeline: ClaimTimeline, now: InstantInput, options?: ClockOptions): ClockResult[];
}

function remainingOf(unit: 'business-days' | 'calendar-days', ms: number): Remaining {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs - days * DAY_MS) / HOUR_MS);
  const minutes = Math.floor((abs - days * DAY_MS - hours * HOUR_MS) / MINUTE_MS);
  return { unit, totalDays: ms / DAY_MS, days, hours, minutes };
}

/**
 * One clock of a claim (the ClockResult of types.ts). The engine computes every quantity when it
 * builds the object (due instant, time left, urgency, the partner's working time left); what only
 * restates those numbers (the rule's label, actor and outcome, the days/hours/minutes split of the
 * time left, the partner view's date text) is read through getters. One small object per clock:
 * the engine builds tens of thousands of them for a dashboard, and allocation was most of its cost.
 * JSON.stringify (and toJSON) gives the plain ClockResult, e.g. for a message between contexts.
 */
class ComputedClock implements ClockResult {
  constructor(
    private readonly version: ClockVersion,
    readonly start: number,
    readonly due: number | null,
    readonly end: number | null,
    readonly state: ClockState,
    /** Counted time left in ms (business time for business-day clocks); null when endless. */
    readonly left: number | null,
    readonly urgency: UrgencyLevel | null,
    readonly estimateBasis: ClockResult['estimateBasis'],
    private readonly partnerCalendar: BusinessCalendar | null,
    /** The partner's working time left in ms, when partnerCalendar is set. */
    private readonly partnerLeft: number,
    /** The due date (day number) in the partner's zone, when partnerCalendar is set. */
    private readonly partnerDueDay: number,
  ) {}

  get id(): string {
    return this.version.id;
  }
  get label(): ClockResult['label'] {
    return this.version.label;
  }
  get status(): string {
    return this.version.status;
  }
  get rule(): Clock {
    return this.version.clock;
  }
  get calendar(): string {
    return this.version.calendarId;
  }
  get timeZone(): string {
    return this.version.timeZone;
  }
  get unit(): ClockResult['unit'] {
    return this.version.unit;
  }
  get amount(): number | null {
    return this.version.endless ? null : this.version.amount;
  }
  get endless(): boolean {
    return this.version.endless;
  }
  get actor(): ClockResult['actor'] {
    return this.version.actor;
  }
  get onExpiry(): ClockResult['onExpiry'] {
    return this.version.onExpiry;
  }
  get estimated(): boolean {
    return this.estimateBasis !== null;
  }
  get late(): boolean {
    return this.end !== null && this.left !== null && this.left < 0;
  }
  get remaining(): Remaining | null {
    return this.left === null ? null : remainingOf(this.version.unit!, this.left);
  }
  get partner(): PartnerView | null {
    const calendar = this.partnerCalendar;
    if (calendar === null) return null;
    return {
      calendar: calendar.id,
      region: calendar.region,
      remaining: remainingOf(this.version.unit!, this.partnerLeft),
      dueDate: calendar.isoDate(this.partnerDueDay),
    };
  }

  toJSON(): ClockResult {
    return {
      id: this.id,
      label: this.label,
      status: this.status,
      rule: this.rule,
      calendar: this.calendar,
      timeZone: this.timeZone,
      unit: this.unit,
      amount: this.amount,
      endless: this.endless,
      start: this.start,
      due: this.due,
      end: this.end,
      state: this.state,
      remaining: this.remaining,
      late: this.late,
      urgency: this.urgency,
      actor: this.actor,
      onExpiry: this.onExpiry,
      estimated: this.estimated,
      estimateBasis: this.estimateBasis,
      partner: this.partner,
    };
  }
}

/*
 * The hot path. `clocks` runs for every claim on the dashboard, so it is split into small functions:
 * V8 inlines helpers (offset and business-day lookups) only up to a budget per optimized function,
 * and one large function ran out of it. Scratch arrays are reused from call to call: the engine is
 * synchronous and re-entry-free.
 */
const scratchParsed: number[] = [];
/** The status number (StatusIndex) of each stay. */
const stayNumber: number[] = [];
const stayTime: number[] = [];
/** How each stay's start is known: null when exact, else the basis of the estimate. */
const stayEstimate: ClockResult['estimateBasis'][] = [];
const eventTime: number[] = [];

/**
 * The stays up to `now` into stayNumber/stayTime/stayEstimate, in time order: consecutive entries of
 * one status are one stay (the first counts). Returns their number.
 */
function readStays(history: readonly StatusEntry[], now: number, statuses: StatusIndex): number {
  const n = history.length;
  const parsed = scratchParsed;
  let sorted = true;
  for (let k = 0; k < n; k++) {
    parsed[k] = toEpochMs(history[k]!.at);
    if (k > 0 && parsed[k]! < parsed[k - 1]!) sorted = false;
  }
  const order = sorted ? null : history.map((_, k) => k).sort((x, y) => parsed[x]! - parsed[y]!);
  let stays = 0;
  let previous = '';
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const at = parsed[i]!;
    if (at > now) break;
    const entry = history[i]!;
    const status = entry.status;
    if (stays > 0 && previous === status) continue;
    previous = status;
    stayNumber[stays] = statuses.numberOf(status);
    stayTime[stays] = at;
    stayEstimate[stays] = entry.estimated === true ? (entry.estimateBasis ?? 'first-seen') : null;
    stays++;
  }
  return stays;
}

/** The first `name` event in [from, before) and by `now` (eventTime holds the events' instants), or +Infinity. */
function firstEvent(
  events: readonly EventEntry[],
  name: string,
  from: number,
  before: number,
  now: number,
): number {
  let found = Number.POSITIVE_INFINITY;
  for (let e = 0; e < events.length; e++) {
    const at = eventTime[e]!;
    if (events[e]!.event === name && at >= from && at < before && at <= now && at < found) found = at;
  }
  return found;
}

/** The result of a clock that never falls due (endless, or without amount or unit). */
function endlessResult(
  version: ClockVersion,
  start: number,
  endMs: number,
  now: number,
  endState: ClockState,
  estimateBasis: ClockResult['estimateBasis'],
): ClockResult {
  const ended = endMs <= now;
  return new ComputedClock(
    version,
    start,
    null,
    ended ? endMs : null,
    ended ? endState : 'running',
    null,
    null,
    estimateBasis,
    null,
    0,
    0,
  );
}

/**
 * The due moment of a timed clock and the measures around it, for one clock at a time: the hot
 * path computes them in spanOf and reads them from here, as walk below. One object reused from
 * call to call (the engine is synchronous and re-entry-free).
 */
const span = {
  /** The due instant if the clock is never paused. */
  due: 0,
  /** The measure (business ms for business-day clocks, else the instant) of the start. */
  startMeasure: 0,
  /** The measure the clock has: from its start to its due moment. */
  budget: 0,
  /** The due date (day number), and whether due at its end (24:00) rather than at the start's time of day. */
  dueDay: 0,
  endOfDay: false,
  /** Wall-clock ms after local midnight of the start. */
  timeOfDay: 0,
};

/**
 * The due moment (counting convention, see the top of this file) of a clock that starts at
 * `start`, into `span`. The one implementation of the convention (dueMoment, the rule cases and
 * the property tests all run it). It reads the zone's and the calendar's tables itself rather
 * than through their methods (toLocal, nthBusinessDayAfter, isBusinessDay, businessMsOnDay):
 * measured 9% faster for the whole engine in paired runs, since V8 did not inline those calls.
 */
function spanOf(version: ClockVersion, start: number): void {
  const calendar = version.calendar;
  const business = version.business;
  const zone = calendar.zone;
  // The start's wall-clock time (zone.toLocal), from the zone's per-day table.
  const zk = Math.floor(start / DAY_MS) - zone.firstDay;
  const startLocal =
    zk >= 0 && zk < zone.dayBefore.length
      ? start + (start >= zone.daySwitch[zk]! ? zone.dayAfter[zk]! : zone.dayBefore[zk]!)
      : zone.toLocal(start);
  const startDay = Math.floor(startLocal / DAY_MS);
  const timeOfDay = startLocal - startDay * DAY_MS;
  let dueDay: number;
  let endOfDay = version.dueAtEndOfDay;
  let startMeasure = start;
  let dueMeasure = 0;
  if (business) {
    const k = startDay - calendar.firstDay;
    if (k < 0 || startDay > calendar.lastDay) throw calendar.outside(startDay);
    const before = calendar.before;
    const open = before[k + 1]! !== before[k]!;
    // The due date is the amount-th business day after the start's date: the j-th business day
    // of the table, so the business time before it is exactly j days.
    const j = before[k + 1]! + version.amount - 1;
    if (j >= calendar.ordinal.length) throw calendar.pastEndAfter(startDay, version.amount);
    dueDay = calendar.firstDay + calendar.ordinal[j]!;
    // A business-day clock that starts on a closed day counts as started at the end of the day
    // before the next business day, so it is due at the end of its due date: a later start never
    // gives an earlier due moment (Saturday 01:00 is not due before Friday 23:00).
    if (!open) endOfDay = true;
    startMeasure = before[k]! * DAY_MS + (open ? timeOfDay : 0);
    dueMeasure = endOfDay ? (j + 1) * DAY_MS : j * DAY_MS + timeOfDay;
  } else {
    dueDay = startDay + version.amount;
  }
  // The due moment as a local date and time of day (24:00 is 00:00 of the next day).
  const due = endOfDay ? zone.toInstantOnDay(dueDay + 1, 0) : zone.toInstantOnDay(dueDay, timeOfDay);
  span.due = due;
  span.startMeasure = startMeasure;
  span.budget = (business ? dueMeasure : due) - startMeasure;
  span.dueDay = dueDay;
  span.endOfDay = endOfDay;
  span.timeOfDay = timeOfDay;
}

/** When a clock that is never paused is due: a local date, and a time of day or the end of that date. */
export interface DueMoment {
  /** Day number of the due date in the clock's calendar. */
  day: number;
  /** true when due at the end of `day` (24:00); else at `timeOfDay`. */
  endOfDay: boolean;
  /** Wall-clock ms after local midnight of the start, used when not endOfDay. */
  timeOfDay: number;
}

/**
 * The due moment of a clock rule that starts at `startMs`, by the engine's own code (spanOf): the
 * property tests check the counting convention through it, so there is one implementation only.
 */
export function dueMoment(clock: Clock, calendar: BusinessCalendar, startMs: number): DueMoment {
  spanOf(new ClockVersion(clock.id, '', clock, calendar), startMs);
  return { day: span.dueDay, endOfDay: span.endOfDay, timeOfDay: span.timeOfDay };
}

/** The due instant of a clock rule that starts at `startMs` and is never paused (spanOf, as dueMoment). */
export function dueWithoutPause(clock: Clock, calendar: BusinessCalendar, startMs: number): number {
  spanOf(new ClockVersion(clock.id, '', clock, calendar), startMs);
  return span.due;
}

/** The measure of an instant other than now: business ms for business-day clocks, else the instant. */
function measureOf(version: ClockVersion, at: number): number {
  return version.business ? version.calendar.businessMsAt(at) : at;
}

/** The measure of `now`, asked by every clock of a claim (businessMsAtNow remembers it). */
function measureOfNow(version: ClockVersion, now: number): number {
  return version.business ? version.calendar.businessMsAtNow(now) : now;
}

/*
 * A timed clock's result comes from one of three functions: a clock that cannot pause and has
 * ended, one that cannot pause and runs at `now`, and one that can pause (the general case). Each
 * is small enough for V8 to inline its lookups; one function for all three was not (measured with
 * npm run bench).
 */

/** A clock without pauses that ended at `endMs` (≤ now): finished or stopped, with the time it had left then. */
function endedResult(
  version: ClockVersion,
  start: number,
  endMs: number,
  endState: ClockState,
  estimateBasis: ClockResult['estimateBasis'],
): ClockResult {
  spanOf(version, start);
  const left = span.budget - (measureOf(version, endMs) - span.startMeasure);
  return new ComputedClock(version, start, span.due, endMs, endState, left, null, estimateBasis, null, 0, 0);
}

/** A clock without pauses that runs at `now`: running, or expired once due. */
function runningResult(
  version: ClockVersion,
  start: number,
  now: number,
  estimateBasis: ClockResult['estimateBasis'],
  partnerCalendar: BusinessCalendar | undefined,
): ClockResult {
  spanOf(version, start);
  const due = span.due;
  const left = span.budget - (measureOfNow(version, now) - span.startMeasure);
  const state: ClockState = now >= due ? 'expired' : 'running';
  if (version.business && partnerCalendar !== undefined && partnerCalendar !== version.calendar) {
    return partnerClock(version, start, due, state, left, estimateBasis, partnerCalendar, now);
  }
  return new ComputedClock(
    version,
    start,
    due,
    null,
    state,
    left,
    version.urgencyAt(left / DAY_MS),
    estimateBasis,
    null,
    0,
    0,
  );
}

/**
 * A clock that can pause, started at `start` in stay `i` and living through stay `lifeEnd - 1`
 * (stays: how many there are); it ends at `endMs` (+Infinity: not yet known).
 */
function pausableResult(
  family: ClockFamily,
  version: ClockVersion,
  i: number,
  lifeEnd: number,
  stays: number,
  start: number,
  endMs: number,
  now: number,
  endState: ClockState,
  estimateBasis: ClockResult['estimateBasis'],
  partnerCalendar: BusinessCalendar | undefined,
): ClockResult {
  const ended = endMs <= now;
  spanOf(version, start);
  const budget = span.budget;
  walkPauses(
    family,
    version,
    i,
    lifeEnd,
    stays,
    start,
    span.startMeasure,
    ended ? endMs : now,
    now,
    budget,
    span.due,
  );
  const due = walk.due;
  const left = budget - walk.consumed;
  let state: ClockState;
  if (ended) state = endState;
  else if (walk.paused) state = 'paused';
  else state = due !== null && now >= due ? 'expired' : 'running';

  if (
    version.business &&
    due !== null &&
    (state === 'running' || state === 'expired') &&
    partnerCalendar !== undefined &&
    partnerCalendar !== version.calendar
  ) {
    return partnerClock(version, start, due, state, left, estimateBasis, partnerCalendar, now);
  }
  return new ComputedClock(
    version,
    start,
    due,
    ended ? endMs : null,
    state,
    left,
    ended ? null : version.urgencyAt(left / DAY_MS),
    estimateBasis,
    null,
    0,
    0,
  );
}

/** A running or overdue business-day clock, with what it leaves of the partner's own working days. */
function partnerClock(
  version: ClockVersion,
  start: number,
  due: number,
  state: ClockState,
  left: number,
  estimateBasis: ClockResult['estimateBasis'],
  partnerCalendar: BusinessCalendar,
  now: number,
): ClockResult {
  const partnerDueLocal = partnerCalendar.zone.toLocal(due);
  return new ComputedClock(
    version,
    start,
    due,
    null,
    state,
    left,
    version.urgencyAt(left / DAY_MS),
    estimateBasis,
    partnerCalendar,
    partnerCalendar.businessMsAtLocal(partnerDueLocal) - partnerCalendar.businessMsAtNow(now),
    Math.floor(partnerDueLocal / DAY_MS),
  );
}

/** What walkPauses found; one object reused from call to call, as the scratch arrays are. */
const walk = { consumed: 0, paused: false, due: 0 as number | null };

/**
 * Walks the stays of a pausable clock's life up to `until`, adding up the time that counts, into
 * `walk`: the time consumed, whether the clock is paused at `until`, and its due instant (null
 * while paused; moved by the pauses it had). Apart from timedResult so that V8 inlines the common
 * path's lookups into timedResult and this loop's into this function.
 */
function walkPauses(
  family: ClockFamily,
  version: ClockVersion,
  i: number,
  lifeEnd: number,
  stays: number,
  start: number,
  startMeasure: number,
  until: number,
  now: number,
  budget: number,
  due0: number,
): void {
  const calendar = version.calendar;
  const business = version.business;
  let consumed = 0;
  let paused = false;
  let pausedEver = false;
  let consumedBeforeSegment = 0;
  // The measure (business ms, or the instant itself) of the current segment's start. A segment
  // starts where the one before ended (a break follows any segment cut short by `until`), so each
  // boundary is measured once, and the first is the clock's start, measured by the caller.
  let measureA = startMeasure;
  let segmentMeasure = startMeasure;
  // Every stay that began by `until` counts, also one that begins exactly then: a clock is
  // paused from the very moment the claim enters a pausedIn status.
  for (let j = i; j < lifeEnd; j++) {
    const a = Math.max(stayTime[j]!, start);
    if (a > until) break;
    const next = j + 1 < stays ? stayTime[j + 1]! : Number.POSITIVE_INFINITY;
    const b = Math.min(next, until);
    const measureB = !business ? b : b === now ? calendar.businessMsAtNow(now) : calendar.businessMsAt(b);
    paused = family.pausedIn[stayNumber[j]!] === 1;
    if (paused) pausedEver = true;
    segmentMeasure = measureA;
    consumedBeforeSegment = consumed;
    if (!paused) consumed += measureB - measureA;
    measureA = measureB;
  }
  let due: number | null = due0;
  if (paused) due = null;
  else if (pausedEver) {
    const target = segmentMeasure + budget - consumedBeforeSegment;
    due = business ? calendar.instantAtBusinessMs(target) : target;
  }
  walk.consumed = consumed;
  walk.paused = paused;
  walk.due = due;
}

export function createDeadlineEngine(
  pack: RulePack,
  table: HolidayTable | CompiledHolidayTable,
): DeadlineEngine {
  const compiled = compileHolidayTable(table);
  const statuses = new StatusIndex(pack, compiled);

  function clocks(timeline: ClaimTimeline, nowInput: InstantInput, options?: ClockOptions): ClockResult[] {
    const now = toEpochMs(nowInput);
    const partnerCalendar = compiled.calendars.get(options?.partnerCalendar ?? 'partner');
    const stays = readStays(timeline.history, now, statuses);
    const events = timeline.events;
    const eventCount = events ? events.length : 0;
    for (let e = 0; e < eventCount; e++) eventTime[e] = toEpochMs(events![e]!.at);

    const results: ClockResult[] = [];
    for (let i = 0; i < stays; i++) {
      const list = statuses.families[stayNumber[i]!]!;
      for (let f = 0; f < list.length; f++) {
        const family = list[f]!;
        // The clock's life: this stay and the following stays in continuesThrough statuses.
        let lifeEnd = i + 1;
        if (family.continues) {
          while (lifeEnd < stays && family.continuesThrough[stayNumber[lifeEnd]!] === 1) lifeEnd++;
        }
        const lifeEndMs = lifeEnd < stays ? stayTime[lifeEnd]! : Number.POSITIVE_INFINITY;

        let start = stayTime[i]!;
        let estimateBasis = stayEstimate[i] as ClockResult['estimateBasis'];
        if (family.startsOn !== undefined) {
          const stayEndMs = i + 1 < stays ? stayTime[i + 1]! : Number.POSITIVE_INFINITY;
          const found =
            eventCount > 0
              ? firstEvent(events!, family.startsOn, start, stayEndMs, now)
              : Number.POSITIVE_INFINITY;
          if (found === Number.POSITIVE_INFINITY) continue;
          start = found;
          estimateBasis = null;
        }
        const stopMs =
          family.stopsOn !== undefined && eventCount > 0
            ? firstEvent(events!, family.stopsOn, start, lifeEndMs, now)
            : Number.POSITIVE_INFINITY;

        // The version in force on the start date, in the clock's calendar.
        const versions = family.versions;
        let version: ClockVersion | undefined;
        for (let v = versions.length - 1; v >= 0; v--) {
          if (versions[v]!.appliesFrom(start)) {
            version = versions[v]!;
            break;
          }
        }
        if (!version) continue;

        const endMs = Math.min(stopMs, lifeEndMs);
        const endState: ClockState = stopMs <= lifeEndMs ? 'stopped' : 'finished';
        let result: ClockResult;
        if (version.endless) result = endlessResult(version, start, endMs, now, endState, estimateBasis);
        else if (family.pauses) {
          result = pausableResult(
            family,
            version,
            i,
            lifeEnd,
            stays,
            start,
            endMs,
            now,
            endState,
            estimateBasis,
            partnerCalendar,
          );
        } else if (endMs <= now) result = endedResult(version, start, endMs, endState, estimateBasis);
        else result = runningResult(version, start, now, estimateBasis, partnerCalendar);
        results.push(result);
      }
    }
    return results;
  }

  return { pack, table: compiled, clocks };
}

const engines = new WeakMap<RulePack, WeakMap<object, DeadlineEngine>>();

/** The engine for a pack and table, created once per pair. */
export function deadlineEngine(pack: RulePack, table: HolidayTable | CompiledHolidayTable): DeadlineEngine {
  let byTable = engines.get(pack);
  if (!byTable) {
    byTable = new WeakMap();
    engines.set(pack, byTable);
  }
  let engine = byTable.get(table);
  if (!engine) {
    engine = createDeadlineEngine(pack, table);
    byTable.set(table, engine);
  }
  return engine;
}

export interface ComputeClocksInput extends ClaimTimeline, ClockOptions {
  pack: RulePack;
  holidays: HolidayTable | CompiledHolidayTable;
  now: InstantInput;
}

/** Every clock of one claim; the one-call form of deadlineEngine(pack, holidays).clocks(...). */
export function computeClocks(input: ComputeClocksInput): ClockResult[] {
  return deadlineEngine(input.pack, input.holidays).clocks(input, input.now, input);
}
