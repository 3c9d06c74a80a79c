/**
 * The walk part of the deadline engine: a claim's history read into stays (consecutive entries of
 * one status are one stay), the events looked up, and the walk over a pausable clock's stays. Each
 * engine owns one Stays, one ClockLife and one PauseWalk and refills them for every claim and clock:
 * the engine is synchronous, and building tens of thousands of small objects per dashboard was
 * most of its cost.
 */
import { toEpochMs } from './civil';
import type { ClockFamily, ClockVersion, StatusIndex } from './clock-rules';
import type { ClockResult, ClockState, EventEntry, StatusEntry } from './types';

export type EstimateBasis = ClockResult['estimateBasis'];

/** A claim's stays up to `now`, in time order, and the instants of its events. */
export class Stays {
  /** How many stays `read` found. */
  count = 0;
  /** The status number (StatusIndex) of each stay. */
  readonly status: number[] = [];
  /** When each stay began, epoch ms. */
  readonly time: number[] = [];
  /** How each stay's start is known: null when exact, else the basis of the estimate. */
  readonly estimate: EstimateBasis[] = [];
  /** The instant of each event, in the order of the claim's events. */
  readonly eventTime: number[] = [];
  /** Each history entry's instant, as read. */
  private readonly parsed: number[] = [];

  /** Reads the stays of `history` that began by `now`, and the events' instants. */
  read(
    history: readonly StatusEntry[],
    events: readonly EventEntry[] | undefined,
    now: number,
    statuses: StatusIndex,
  ): void {
    const n = history.length;
    const { parsed, status: statusOf, time, estimate, eventTime } = this;
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
      statusOf[stays] = statuses.numberOf(status);
      time[stays] = at;
      estimate[stays] = entry.estimated === true ? (entry.estimateBasis ?? 'first-seen') : null;
      stays++;
    }
    this.count = stays;
    const eventCount = events ? events.length : 0;
    for (let e = 0; e < eventCount; e++) eventTime[e] = toEpochMs(events![e]!.at);
  }

  /** When stay `i` ends: the next one's start, or +Infinity for the last. */
  endOf(i: number): number {
    return i + 1 < this.count ? this.time[i + 1]! : Number.POSITIVE_INFINITY;
  }

  /** The first `name` event in [from, before) and by `now`, or +Infinity. */
  firstEvent(events: readonly EventEntry[], name: string, from: number, before: number, now: number): number {
    const eventTime = this.eventTime;
    let found = Number.POSITIVE_INFINITY;
    for (let e = 0; e < events.length; e++) {
      const at = eventTime[e]!;
      if (events[e]!.event === name && at >= from && at < before && at <= now && at < found) found = at;
    }
    return found;
  }
}

/** One clock of a claim as the walk found it: which rule, when it started and ended, and how. */
export class ClockLife {
  family!: ClockFamily;
  /** The version of the rule in force on the start date. */
  version!: ClockVersion;
  /** The stay the clock started in, and the stay after its last (it lives through stays firstStay..lifeEnd-1). */
  firstStay = 0;
  lifeEnd = 0;
  start = 0;
  /** When it ended (stopped, or its life ended), epoch ms; +Infinity while it lives on. */
  endMs = 0;
  /** How it ends at endMs: 'stopped' (its stopsOn event) or 'finished' (the claim moved on). */
  endState: ClockState = 'finished';
  estimateBasis: EstimateBasis = null;
}

/** What walkPauses found. */
export class PauseWalk {
  /** The clock's measure used up (business ms for business-day clocks, else ms). */
  consumed = 0;
  /** Paused at the walk's end. */
  paused = false;
  /** The due instant, moved by the pauses it had; null while paused. */
  due: number | null = 0;
}

/**
 * Walks the stays of a pausable clock's life up to `until`, adding up the time that counts, into
 * `walk`. `startMeasure`, `budget` and `unpausedDue` are the clock's span (counting.ts).
 */
export function walkPauses(
  life: ClockLife,
  stays: Stays,
  span: { startMeasure: number; budget: number; due: number },
  until: number,
  now: number,
  walk: PauseWalk,
): void {
  const { family, version, start } = life;
  const { time, status, count } = stays;
  const calendar = version.calendar;
  const business = version.business;
  let consumed = 0;
  let paused = false;
  let pausedEver = false;
  let consumedBeforeSegment = 0;
  // The measure of the current segment's start. A segment starts where the one before ended, so
  // each boundary is measured once; the first is the clock's start.
  let measureA = span.startMeasure;
  let segmentMeasure = span.startMeasure;
  // Every stay that began by `until` counts, also one that begins exactly then: a clock is
  // paused from the very moment the claim enters a pausedIn status.
  for (let j = life.firstStay; j < life.lifeEnd; j++) {
    const a = Math.max(time[j]!, start);
    if (a > until) break;
    const b = Math.min(j + 1 < count ? time[j + 1]! : Number.POSITIVE_INFINITY, until);
    const measureB = !business ? b : b === now ? calendar.businessMsAtNow(now) : calendar.businessMsAt(b);
    paused = family.pausedIn[status[j]!] === 1;
    if (paused) pausedEver = true;
    segmentMeasure = measureA;
    consumedBeforeSegment = consumed;
    if (!paused) consumed += measureB - measureA;
    measureA = measureB;
  }
  let due: number | null = span.due;
  if (paused) due = null;
  else if (pausedEver) {
    const target = segmentMeasure + span.budget - consumedBeforeSegment;
    due = business ? calendar.instantAtBusinessMs(target) : target;
  }
  walk.consumed = consumed;
  walk.paused = paused;
  walk.due = due;
}
