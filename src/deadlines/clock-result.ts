/**
 * The result part of the deadline engine: a clock's ClockResult from its life (claim-walk.ts) and
 * its span (counting.ts). One builder per kind of clock, each small: a clock that never falls due,
 * one that cannot pause and has ended, one that cannot pause and runs at `now`, and one that can
 * pause (the general case, which walks its stays).
 */

import type { Clock } from '../rules/types';
import type { BusinessCalendar } from './business-days';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './civil';
import { type ClockLife, type EstimateBasis, type PauseWalk, type Stays, walkPauses } from './claim-walk';
import type { ClockVersion } from './clock-rules';
import { spanOf } from './counting';
import type { ClockResult, ClockState, PartnerView, Remaining, UrgencyLevel } from './types';

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
export class ComputedClock implements ClockResult {
  // Declared, then assigned in the constructor only: the object gets its whole shape there, in one
  // order, with no field defined first as undefined (class field semantics) and written again.
  declare private readonly version: ClockVersion;
  declare readonly start: number;
  declare readonly due: number | null;
  declare readonly end: number | null;
  declare readonly state: ClockState;
  /** Counted time left in ms (business time for business-day clocks); null when endless. */
  declare readonly left: number | null;
  declare readonly urgency: UrgencyLevel | null;
  declare readonly estimateBasis: EstimateBasis;
  /** The partner's calendar when the result says what the clock leaves of their working days. */
  declare private readonly partnerCalendar: BusinessCalendar | null;
  /** The partner's working time left in ms, when partnerCalendar is set. */
  declare private readonly partnerLeft: number;
  /** The due date (day number) in the partner's zone, when partnerCalendar is set. */
  declare private readonly partnerDueDay: number;

  constructor(
    life: ClockLife,
    due: number | null,
    end: number | null,
    state: ClockState,
    left: number | null,
    urgency: UrgencyLevel | null,
    partnerCalendar: BusinessCalendar | null = null,
    partnerLeft = 0,
    partnerDueDay = 0,
  ) {
    // The life is the walk's, refilled for the next clock: what the result needs is copied.
    this.version = life.version;
    this.start = life.start;
    this.due = due;
    this.end = end;
    this.state = state;
    this.left = left;
    this.urgency = urgency;
    this.estimateBasis = life.estimateBasis;
    this.partnerCalendar = partnerCalendar;
    this.partnerLeft = partnerLeft;
    this.partnerDueDay = partnerDueDay;
  }

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

/** The measure of an instant other than now: business ms for business-day clocks, else the instant. */
function measureOf(version: ClockVersion, at: number): number {
  return version.business ? version.calendar.businessMsAt(at) : at;
}

/** The measure of `now`, asked by every clock of a claim (businessMsAtNow remembers it). */
function measureOfNow(version: ClockVersion, now: number): number {
  return version.business ? version.calendar.businessMsAtNow(now) : now;
}

/** Whether a result also says what a business-day clock leaves of the partner's own working days. */
function showsPartner(
  version: ClockVersion,
  partnerCalendar: BusinessCalendar | undefined,
): partnerCalendar is BusinessCalendar {
  return version.business && partnerCalendar !== undefined && partnerCalendar !== version.calendar;
}

/** A clock that never falls due (endless, or without amount or unit). */
export function endlessResult(life: ClockLife, now: number): ClockResult {
  const ended = life.endMs <= now;
  return new ComputedClock(
    life,
    null,
    ended ? life.endMs : null,
    ended ? life.endState : 'running',
    null,
    null,
  );
}

/** A clock without pauses that ended at life.endMs (≤ now): finished or stopped, with the time it had left then. */
export function endedResult(life: ClockLife): ClockResult {
  const { version, start, endMs } = life;
  const span = spanOf(version, start);
  const left = span.budget - (measureOf(version, endMs) - span.startMeasure);
  return new ComputedClock(life, span.due, endMs, life.endState, left, null);
}

/** A clock without pauses that runs at `now`: running, or expired once due. */
export function runningResult(
  life: ClockLife,
  now: number,
  partnerCalendar: BusinessCalendar | undefined,
): ClockResult {
  const version = life.version;
  const span = spanOf(version, life.start);
  const due = span.due;
  const left = span.budget - (measureOfNow(version, now) - span.startMeasure);
  const state: ClockState = now >= due ? 'expired' : 'running';
  if (showsPartner(version, partnerCalendar))
    return partnerResult(life, due, state, left, partnerCalendar, now);
  return new ComputedClock(life, due, null, state, left, version.urgencyAt(left / DAY_MS));
}

/** A running or overdue business-day clock, with what it leaves of the partner's own working days. */
function partnerResult(
  life: ClockLife,
  due: number,
  state: ClockState,
  left: number,
  partnerCalendar: BusinessCalendar,
  now: number,
): ClockResult {
  const dueLocal = partnerCalendar.zone.toLocal(due);
  return new ComputedClock(
    life,
    due,
    null,
    state,
    left,
    life.version.urgencyAt(left / DAY_MS),
    partnerCalendar,
    partnerCalendar.businessMsAtLocal(dueLocal) - partnerCalendar.businessMsAtNow(now),
    Math.floor(dueLocal / DAY_MS),
  );
}

/** A clock that can pause: its stays walked up to its end (or now), pauses not counted. */
export function pausableResult(
  life: ClockLife,
  stays: Stays,
  now: number,
  walk: PauseWalk,
  partnerCalendar: BusinessCalendar | undefined,
): ClockResult {
  const version = life.version;
  const ended = life.endMs <= now;
  const span = spanOf(version, life.start);
  walkPauses(life, stays, span, ended ? life.endMs : now, now, walk);
  const due = walk.due;
  const left = span.budget - walk.consumed;
  let state: ClockState;
  if (ended) state = life.endState;
  else if (walk.paused) state = 'paused';
  else state = due !== null && now >= due ? 'expired' : 'running';
  if (due !== null && (state === 'running' || state === 'expired') && showsPartner(version, partnerCalendar))
    return partnerResult(life, due, state, left, partnerCalendar, now);
  return new ComputedClock(
    life,
    due,
    ended ? life.endMs : null,
    state,
    left,
    ended ? null : version.urgencyAt(left / DAY_MS),
  );
}
