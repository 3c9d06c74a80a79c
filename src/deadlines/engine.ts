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
 * - When it is due: the counting convention, in counting.ts.
 * - Remaining time counts only time on business days (wall clock, in the calendar's zone) for
 *   business-day clocks, all time for calendar-day clocks. A paused clock keeps what it had left
 *   and, when it resumes, is due that much business time after the resumption.
 *
 * In parts: clock-rules.ts compiles the pack's clocks once per engine; for each claim, claim-walk.ts
 * reads its stays and this file finds each clock's life (its start, end and rule version); then
 * clock-result.ts builds the clock's result, with counting.ts for the due moment.
 */
import type { RulePack } from '../rules/types';
import { type CompiledHolidayTable, compileHolidayTable } from './business-days';
import { type InstantInput, toEpochMs } from './civil';
import { ClockLife, PauseWalk, Stays } from './claim-walk';
import { endedResult, endlessResult, pausableResult, runningResult } from './clock-result';
import { type ClockFamily, type ClockVersion, StatusIndex } from './clock-rules';
import type { ClaimTimeline, ClockResult, HolidayTable } from './types';

export { type DueMoment, dueMoment, dueWithoutPause } from './counting';

export interface ClockOptions {
  /** The id of the partner's calendar in the holiday table; default 'partner'. */
  partnerCalendar?: string;
}

export interface DeadlineEngine {
  readonly pack: RulePack;
  readonly table: CompiledHolidayTable;
  /** Every clock that started in the claim's history up to `now`, in order of start. */
  clocks(timeline: ClaimTimeline, now: InstantInput, options?: ClockOptions): ClockResult[];
}

/** The version of a family's rule in force for a clock that starts at `start`, if any. */
function versionAt(family: ClockFamily, start: number): ClockVersion | undefined {
  const versions = family.versions;
  for (let v = versions.length - 1; v >= 0; v--) if (versions[v]!.appliesFrom(start)) return versions[v];
  return undefined;
}

export function createDeadlineEngine(
  pack: RulePack,
  table: HolidayTable | CompiledHolidayTable,
): DeadlineEngine {
  const compiled = compileHolidayTable(table);
  const statuses = new StatusIndex(pack, compiled);
  // Refilled for every claim and clock (see claim-walk.ts): the engine is synchronous.
  const stays = new Stays();
  const life = new ClockLife();
  const walk = new PauseWalk();
  const { time: stayTime, status: stayStatus, estimate: stayEstimate } = stays;

  function clocks(timeline: ClaimTimeline, nowInput: InstantInput, options?: ClockOptions): ClockResult[] {
    const now = toEpochMs(nowInput);
    const partnerCalendar = compiled.calendars.get(options?.partnerCalendar ?? 'partner');
    stays.read(timeline.history, timeline.events, now, statuses);
    const events = timeline.events;
    const hasEvents = events !== undefined && events.length > 0;
    const results: ClockResult[] = [];
    const count = stays.count;
    for (let i = 0; i < count; i++) {
      const families = statuses.families[stayStatus[i]!]!;
      for (let f = 0; f < families.length; f++) {
        const family = families[f]!;
        // The clock's life: this stay and the following stays in continuesThrough statuses.
        let lifeEnd = i + 1;
        if (family.continues) {
          while (lifeEnd < count && family.continuesThrough[stayStatus[lifeEnd]!] === 1) lifeEnd++;
        }
        const lifeEndMs = lifeEnd < count ? stayTime[lifeEnd]! : Number.POSITIVE_INFINITY;
        let start = stayTime[i]!;
        let estimateBasis = stayEstimate[i] ?? null;
        // It starts on entering the stay, or at its startsOn event in it (no event: it does not run).
        if (family.startsOn !== undefined) {
          const found = hasEvents
            ? stays.firstEvent(events, family.startsOn, start, stays.endOf(i), now)
            : Number.POSITIVE_INFINITY;
          if (found === Number.POSITIVE_INFINITY) continue;
          start = found;
          estimateBasis = null;
        }
        // The rule version in force on the start date; none yet: it does not run.
        const version = versionAt(family, start);
        if (!version) continue;
        const stopMs =
          family.stopsOn !== undefined && hasEvents
            ? stays.firstEvent(events, family.stopsOn, start, lifeEndMs, now)
            : Number.POSITIVE_INFINITY;
        life.family = family;
        life.version = version;
        life.firstStay = i;
        life.lifeEnd = lifeEnd;
        life.start = start;
        life.endMs = Math.min(stopMs, lifeEndMs);
        life.endState = stopMs <= lifeEndMs ? 'stopped' : 'finished';
        life.estimateBasis = estimateBasis;
        // Then its result, by the builder for its kind.
        let result: ClockResult;
        if (version.endless) result = endlessResult(life, now);
        else if (family.pauses) result = pausableResult(life, stays, now, walk, partnerCalendar);
        else if (life.endMs <= now) result = endedResult(life);
        else result = runningResult(life, now, partnerCalendar);
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
