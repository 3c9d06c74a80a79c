/**
 * What a rule pack would change for the partner's claims: the deadlines of the claims cpor-guard
 * knows (src/store) under the active pack's engine and under the new pack's, compared clock by
 * clock. Pure: the caller builds both engines (createDeadlineEngine with a holiday table for each
 * pack's calendars) and passes the records and `now`.
 *
 * Only clocks that matter now are reported: a clock running, paused or expired under either pack.
 * A clock finished or stopped under both is history and changes nothing. A clock that would
 * newly expire (running → expired) or no longer be expired (expired → running) is a
 * 'state-changed', as is any other change of state where one side matters.
 */

import type { DeadlineEngine } from '../deadlines/engine';
import type { ClockResult, ClockState } from '../deadlines/types';
import { errorMessage } from '../platform/error-message';
import { type ClaimRecord, timelineOf } from '../store/claim-record';

/** One clock of a claim under one pack. */
export interface ClockSnapshot {
  /** Epoch ms; null when endless or paused. */
  due: number | null;
  /** The calendar the clock counts in, and its zone: the due instant is said there, as the badges say it. */
  calendar: string;
  timeZone: string;
  state: ClockState;
  unit: string | null;
  amount: number | null;
  /**
   * Days of the clock's unit left at `now` (negative when overdue; for a paused clock, what it
   * keeps for when it resumes); null when endless. A paused clock has no due instant, so a
   * change of its time left (a holiday moved, an amount changed) is what the partner feels.
   */
  remainingDays: number | null;
}

export interface DeadlineImpact {
  claimId: string;
  clockId: string;
  /** The status the clock belongs to (whose rule defines it). */
  status: string;
  /** Epoch ms when the clock started: with clockId, which clock of the claim this is. */
  start: number;
  /**
   * 'state-changed' when the state differs (e.g. running → expired: the deadline would already have
   * passed); else 'due-changed' when the due instant, unit, amount or (paused) time left differs;
   * 'added' / 'removed' for a clock that runs under one pack only.
   */
  change: 'due-changed' | 'added' | 'removed' | 'state-changed';
  /** Under the `from` pack; null for 'added'. */
  before: ClockSnapshot | null;
  /** Under the `to` pack; null for 'removed'. */
  after: ClockSnapshot | null;
}

/** A claim whose clocks could not be computed, e.g. a history outside the holiday table's years. */
export interface SkippedClaim {
  claimId: string;
  /** Which engine threw: 'from', 'to' or 'both'. */
  under: 'from' | 'to' | 'both';
  /** The first error's message. */
  message: string;
}

/** The impacts, in the order of the records, then of the clocks' start (and id), and the claims left out. */
export interface DeadlineImpacts {
  impacts: DeadlineImpact[];
  /** Claims left out because an engine threw for them; never silently dropped. */
  skipped: SkippedClaim[];
}

/** Clock states the partner still has to act on or watch. */
const MATTERS_NOW: ReadonlySet<ClockState> = new Set<ClockState>(['running', 'paused', 'expired']);

function snapshotOf(clock: ClockResult): ClockSnapshot {
  return {
    due: clock.due,
    calendar: clock.calendar,
    timeZone: clock.timeZone,
    state: clock.state,
    unit: clock.unit,
    amount: clock.amount,
    remainingDays: clock.remaining?.totalDays ?? null,
  };
}

/** Clocks by id + start; a repeat of the same pair (two stays at one instant) gets its occurrence number. */
function keyed(clocks: readonly ClockResult[]): Map<string, ClockResult> {
  const byKey = new Map<string, ClockResult>();
  for (const clock of clocks) {
    let key = `${clock.id}@${clock.start}`;
    for (let n = 2; byKey.has(key); n++) key = `${clock.id}@${clock.start}#${n}`;
    byKey.set(key, clock);
  }
  return byKey;
}

function compare(claimId: string, before: ClockResult | undefined, after: ClockResult | undefined) {
  const clock = (after ?? before)!;
  const b = before ? snapshotOf(before) : null;
  const a = after ? snapshotOf(after) : null;
  const matters = (s: ClockSnapshot | null) => s !== null && MATTERS_NOW.has(s.state);
  if (!matters(b) && !matters(a)) return undefined;
  let change: DeadlineImpact['change'];
  if (!b) change = 'added';
  else if (!a) change = 'removed';
  else if (b.state !== a.state) change = 'state-changed';
  else if (
    b.due !== a.due ||
    b.unit !== a.unit ||
    b.amount !== a.amount ||
    (a.state === 'paused' && b.remainingDays !== a.remainingDays)
  )
    change = 'due-changed';
  else return undefined;
  const impact: DeadlineImpact = {
    claimId,
    clockId: clock.id,
    status: clock.status,
    start: clock.start,
    change,
    before: b,
    after: a,
  };
  return impact;
}

/**
 * How the deadlines of `records` at `now` differ between the engine of the active pack (`from`)
 * and that of the new pack (`to`). Clocks match by id + start. A claim for which either engine
 * throws (e.g. history before the holiday table's first year) is not in `impacts` but in
 * `skipped`.
 */
export function deadlineImpact(
  records: readonly ClaimRecord[],
  from: DeadlineEngine,
  to: DeadlineEngine,
  now: number,
): DeadlineImpacts {
  const impacts: DeadlineImpact[] = [];
  const skipped: SkippedClaim[] = [];
  for (const record of records) {
    const timeline = timelineOf(record);
    const errors: { under: 'from' | 'to'; error: unknown }[] = [];
    const clocksUnder = (engine: DeadlineEngine, under: 'from' | 'to') => {
      try {
        return engine.clocks(timeline, now);
      } catch (error) {
        errors.push({ under, error });
        return undefined;
      }
    };
    const before = clocksUnder(from, 'from');
    const after = clocksUnder(to, 'to');
    if (!before || !after) {
      const first = errors[0]!;
      skipped.push({
        claimId: record.claimId,
        under: errors.length === 2 ? 'both' : first.under,
        message: errorMessage(first.error),
      });
      continue;
    }
    const old = keyed(before);
    const found: DeadlineImpact[] = [];
    for (const [key, clock] of keyed(after)) {
      const impact = compare(record.claimId, old.get(key), clock);
      old.delete(key);
      if (impact) found.push(impact);
    }
    for (const clock of old.values()) {
      const impact = compare(record.claimId, clock, undefined);
      if (impact) found.push(impact);
    }
    found.sort((x, y) => x.start - y.start || (x.clockId < y.clockId ? -1 : x.clockId > y.clockId ? 1 : 0));
    impacts.push(...found);
  }
  return { impacts, skipped };
}
