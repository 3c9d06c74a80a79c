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

/** One dated version of a clock rule, with its calendar compiled. */
interface ClockVersion {
  clock: Clock;
  fromDay: number;
  calendar: BusinessCalendar;
}

/** One clock id of a status with all its dated versions, oldest first. */
interface ClockFamily {
  id: string;
  versions: ClockVersion[];
  startsOn: string | undefined;
  stopsOn: string | undefined;
  continuesThrough: ReadonlySet<string>;
  pausedIn: ReadonlySet<string>;
}

export interface DeadlineEngine {
  readonly pack: RulePack;
  readonly table: CompiledHolidayTable;
  /** Every clock that started in the claim's history up to `now`, in order of start. */
  clocks(timeline: ClaimTimeline, now: InstantInput, options?: ClockOptions): ClockResult[];
}

const EMPTY: ReadonlySet<string> = new Set();
const scratchParsed: number[] = [];
const scratchStatuses: string[] = [];
const scratchTimes: number[] = [];
const scratchEntries: StatusEntry[] = [];

function familiesByStatus(pack: RulePack, table: CompiledHolidayTable): Map<string, ClockFamily[]> {
  const byStatus = new Map<string, ClockFamily[]>();
  for (const status of pack.statuses.statuses) {
    const families = new Map<string, ClockFamily>();
    for (const clock of status.clocks) {
      let family = families.get(clock.id);
      if (!family) {
        family = {
          id: clock.id,
          versions: [],
          startsOn: clock.startsOn,
          stopsOn: clock.stopsOn,
          continuesThrough: clock.continuesThrough ? new Set(clock.continuesThrough) : EMPTY,
          pausedIn: clock.pausedIn ? new Set(clock.pausedIn) : EMPTY,
        };
        families.set(clock.id, family);
      }
      family.versions.push({
        clock,
        fromDay: clock.from ? dayFromIsoDate(clock.from) : Number.NEGATIVE_INFINITY,
        calendar: table.calendar(clock.calendar),
      });
    }
    for (const family of families.values()) family.versions.sort((a, b) => a.fromDay - b.fromDay);
    byStatus.set(status.id, [...families.values()]);
  }
  return byStatus;
}

function remainingOf(unit: 'business-days' | 'calendar-days', ms: number): Remaining {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs - days * DAY_MS) / HOUR_MS);
  const minutes = Math.floor((abs - days * DAY_MS - hours * HOUR_MS) / MINUTE_MS);
  return { unit, totalDays: ms / DAY_MS, days, hours, minutes };
}

function urgencyOf(clock: Clock, totalDays: number): UrgencyLevel | null {
  let level: UrgencyLevel | null = null;
  // Thresholds go from least to most urgent: the last one that applies wins.
  for (const u of clock.urgency ?? []) if (totalDays <= u.remaining) level = u.level;
  return level;
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

/** The due date of a clock that starts at `startMs`, by the counting convention (schema, `amount`). */
export function dueMoment(clock: Clock, calendar: BusinessCalendar, startMs: number): DueMoment {
  const startLocal = calendar.zone.toLocal(startMs);
  const startDay = Math.floor(startLocal / DAY_MS);
  return {
    day: dueDayOf(clock, calendar, startDay),
    endOfDay: dueAtEndOfDay(clock, calendar, startDay),
    timeOfDay: startLocal - startDay * DAY_MS,
  };
}

/** The due date (day number) of a clock that started on local date `startDay`. */
function dueDayOf(clock: Clock, calendar: BusinessCalendar, startDay: number): number {
  const amount = clock.amount ?? 0;
  return clock.unit === 'business-days' ? calendar.nthBusinessDayAfter(startDay, amount) : startDay + amount;
}

/**
 * Whether the clock is due at the end of its due date rather than at its start's time of day.
 * A business-day clock that starts on a closed day counts as started at the end of the day before
 * the next business day, so it is due at the end of its due date: a later start never gives an
 * earlier due moment (Saturday 01:00 is not due before Friday 23:00).
 */
function dueAtEndOfDay(clock: Clock, calendar: BusinessCalendar, startDay: number): boolean {
  return (
    clock.dueAt === 'end-of-day' || (clock.unit === 'business-days' && !calendar.isBusinessDay(startDay))
  );
}

/** The due instant of a clock that was never paused, by the counting convention. */
export function dueWithoutPause(clock: Clock, calendar: BusinessCalendar, startMs: number): number {
  const due = dueMoment(clock, calendar, startMs);
  return calendar.zone.toInstant(due.endOfDay ? (due.day + 1) * DAY_MS : due.day * DAY_MS + due.timeOfDay);
}

export function createDeadlineEngine(
  pack: RulePack,
  table: HolidayTable | CompiledHolidayTable,
): DeadlineEngine {
  const compiled = compileHolidayTable(table);
  const families = familiesByStatus(pack, compiled);

  function clocks(timeline: ClaimTimeline, nowInput: InstantInput, options?: ClockOptions): ClockResult[] {
    const now = toEpochMs(nowInput);
    const partnerCalendar = compiled.calendars.get(options?.partnerCalendar ?? 'partner');

    // The stays, in time order: consecutive entries of one status are one stay (the first counts).
    const raw = timeline.history;
    const n = raw.length;
    const parsed = scratchParsed;
    let sorted = true;
    for (let k = 0; k < n; k++) {
      parsed[k] = toEpochMs(raw[k]!.at);
      if (k > 0 && parsed[k]! < parsed[k - 1]!) sorted = false;
    }
    const order = sorted ? null : raw.map((_, k) => k).sort((x, y) => parsed[x]! - parsed[y]!);
    // Scratch arrays reused from call to call: the engine is synchronous and re-entry-free.
    const statuses = scratchStatuses;
    const times = scratchTimes;
    const entries = scratchEntries;
    let stays = 0;
    for (let k = 0; k < n; k++) {
      const i = order ? order[k]! : k;
      const entry = raw[i]!;
      const at = parsed[i]!;
      if (at > now) break;
      if (stays > 0 && statuses[stays - 1] === entry.status) continue;
      statuses[stays] = entry.status;
      times[stays] = at;
      entries[stays] = entry;
      stays++;
    }
    const eventList = timeline.events;
    const eventTimes = eventList && eventList.length > 0 ? eventList.map((e) => toEpochMs(e.at)) : null;

    const results: ClockResult[] = [];
    for (let i = 0; i < stays; i++) {
      const list = families.get(statuses[i]!);
      if (!list) continue;
      for (const family of list) {
        // The clock's life: this stay and the following stays in continuesThrough statuses.
        let lifeEnd = i + 1;
        while (lifeEnd < stays && family.continuesThrough.has(statuses[lifeEnd]!)) lifeEnd++;
        const lifeEndMs = lifeEnd < stays ? times[lifeEnd]! : Number.POSITIVE_INFINITY;

        let start = times[i]!;
        const entry = entries[i]!;
        let estimated = entry.estimated === true;
        let estimateBasis: ClockResult['estimateBasis'] = estimated
          ? (entry.estimateBasis ?? 'first-seen')
          : null;
        if (family.startsOn !== undefined) {
          const stayEndMs = i + 1 < stays ? times[i + 1]! : Number.POSITIVE_INFINITY;
          let found = Number.POSITIVE_INFINITY;
          if (eventTimes) {
            for (let e = 0; e < eventTimes.length; e++) {
              const at = eventTimes[e]!;
              if (
                eventList![e]!.event === family.startsOn &&
                at >= start &&
                at < stayEndMs &&
                at <= now &&
                at < found
              ) {
                found = at;
              }
            }
          }
          if (found === Number.POSITIVE_INFINITY) continue;
          start = found;
          estimated = false;
          estimateBasis = null;
        }

        let stopMs = Number.POSITIVE_INFINITY;
        if (family.stopsOn !== undefined && eventTimes) {
          for (let e = 0; e < eventTimes.length; e++) {
            const at = eventTimes[e]!;
            if (
              eventList![e]!.event === family.stopsOn &&
              at >= start &&
              at < lifeEndMs &&
              at <= now &&
              at < stopMs
            ) {
              stopMs = at;
            }
          }
        }

        // The version in force on the start date, in the clock's calendar.
        let version: ClockVersion | undefined;
        let startLocal = 0;
        for (let v = family.versions.length - 1; v >= 0; v--) {
          const candidate = family.versions[v]!;
          startLocal = candidate.calendar.zone.toLocal(start);
          if (Math.floor(startLocal / DAY_MS) >= candidate.fromDay) {
            version = candidate;
            break;
          }
        }
        if (!version) continue;
        const { clock, calendar } = version;

        const endMs = Math.min(stopMs, lifeEndMs);
        const ended = endMs <= now;
        const until = ended ? endMs : now;
        const endState: ClockState = stopMs <= lifeEndMs ? 'stopped' : 'finished';
        const amount = clock.amount;
        const unit = clock.unit;
        if (clock.endless || unit === undefined || amount === undefined) {
          results.push({
            id: family.id,
            label: clock.label as Record<string, string>,
            status: statuses[i]!,
            rule: clock,
            calendar: clock.calendar,
            timeZone: calendar.timeZone,
            unit: null,
            amount: null,
            endless: true,
            start,
            due: null,
            end: ended ? endMs : null,
            state: ended ? endState : 'running',
            remaining: null,
            late: false,
            urgency: null,
            actor: clock.actor,
            onExpiry: clock.onExpiry,
            estimated,
            estimateBasis,
            partner: null,
          });
          continue;
        }

        // The due moment by the counting convention, and the time that counts towards it.
        const business = unit === 'business-days';
        const zone = calendar.zone;
        const startDay = Math.floor(startLocal / DAY_MS);
        const dueDay = dueDayOf(clock, calendar, startDay);
        const dueLocal = dueAtEndOfDay(clock, calendar, startDay)
          ? (dueDay + 1) * DAY_MS
          : dueDay * DAY_MS + (startLocal - startDay * DAY_MS);
        const due0 = zone.toInstant(dueLocal);
        const startMeasure = business ? calendar.businessMsAtLocal(startLocal) : start;
        const budget = (business ? calendar.businessMsAtLocal(dueLocal) : due0) - startMeasure;

        // Walk the stays of the clock's life up to `until`, adding up the time that counts.
        let consumed: number;
        let paused = false;
        let due: number | null = due0;
        if (family.pausedIn.size === 0) {
          const untilMeasure = !business
            ? until
            : until === now
              ? calendar.businessMsAtNow(now)
              : calendar.businessMsAt(until);
          consumed = untilMeasure - startMeasure;
        } else {
          consumed = 0;
          let pausedEver = false;
          let segmentStart = start;
          let consumedBeforeSegment = 0;
          // Every stay that began by `until` counts, also one that begins exactly then: a clock is
          // paused from the very moment the claim enters a pausedIn status.
          for (let j = i; j < lifeEnd; j++) {
            const a = Math.max(times[j]!, start);
            if (a > until) break;
            const next = j + 1 < stays ? times[j + 1]! : Number.POSITIVE_INFINITY;
            const b = Math.min(next, until);
            paused = family.pausedIn.has(statuses[j]!);
            if (paused) pausedEver = true;
            segmentStart = a;
            consumedBeforeSegment = consumed;
            if (!paused) consumed += business ? calendar.businessMsAt(b) - calendar.businessMsAt(a) : b - a;
          }
          if (paused) due = null;
          else if (pausedEver) {
            const target =
              (business ? calendar.businessMsAt(segmentStart) : segmentStart) +
              budget -
              consumedBeforeSegment;
            due = business ? calendar.instantAtBusinessMs(target) : target;
          }
        }
        const left = budget - consumed;

        let state: ClockState;
        if (ended) state = endState;
        else if (paused) state = 'paused';
        else state = due !== null && now >= due ? 'expired' : 'running';

        const remaining = remainingOf(unit, left);
        let partner: PartnerView | null = null;
        if (
          business &&
          due !== null &&
          (state === 'running' || state === 'expired') &&
          partnerCalendar !== undefined &&
          partnerCalendar !== calendar
        ) {
          const partnerDueLocal = partnerCalendar.zone.toLocal(due);
          partner = {
            calendar: partnerCalendar.id,
            region: partnerCalendar.region,
            remaining: remainingOf(
              unit,
              partnerCalendar.businessMsAtLocal(partnerDueLocal) - partnerCalendar.businessMsAtNow(now),
            ),
            dueDate: partnerCalendar.isoDate(Math.floor(partnerDueLocal / DAY_MS)),
          };
        }

        results.push({
          id: family.id,
          label: clock.label as Record<string, string>,
          status: statuses[i]!,
          rule: clock,
          calendar: clock.calendar,
          timeZone: calendar.timeZone,
          unit,
          amount,
          endless: false,
          start,
          due,
          end: ended ? endMs : null,
          state,
          remaining,
          late: ended && left < 0,
          urgency: ended ? null : urgencyOf(clock, remaining.totalDays),
          actor: clock.actor,
          onExpiry: clock.onExpiry,
          estimated,
          estimateBasis,
          partner,
        });
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
