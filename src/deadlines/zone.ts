/**
 * Time zones without a time-zone library: the UTC offset history of a zone is read once from
 * Intl.DateTimeFormat (zoneOffsets) into plain data, and then converted in both directions by
 * binary search (CompiledZone). Local times that DST skips resolve forward and repeated local
 * times resolve to the earlier instant (Temporal's 'compatible' disambiguation).
 */
import { cachedDateTimeFormat } from '../i18n/format';
import { DAY_MS, MINUTE_MS } from './civil';
import type { ZoneOffsets } from './types';

/** The wall-clock parts of an instant in `timeZone` (24-hour), from the one cache of formatters. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return cachedDateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** The offset of a zone at an instant, in minutes east of UTC, from Intl. */
export function intlOffsetMinutes(timeZone: string, epochMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((wall - whole) / MINUTE_MS);
}

/**
 * The offset history of a zone between two instants. Samples every 7 days and bisects each change
 * to the minute: enough for any zone that does not change its offset twice within a week.
 */
export function zoneOffsets(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const step = 7 * DAY_MS;
  const initialMinutes = intlOffsetMinutes(timeZone, fromMs);
  const transitions: [number, number][] = [];
  let previousMs = fromMs;
  let previous = initialMinutes;
  for (let t = fromMs + step; ; t += step) {
    const sample = Math.min(t, toMs);
    const offset = intlOffsetMinutes(timeZone, sample);
    if (offset !== previous) {
      // The change lies in (previousMs, sample]: bisect on whole minutes.
      let lo = Math.floor(previousMs / MINUTE_MS);
      let hi = Math.ceil(sample / MINUTE_MS);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffsetMinutes(timeZone, mid * MINUTE_MS) === previous) lo = mid;
        else hi = mid;
      }
      transitions.push([hi * MINUTE_MS, offset]);
      previous = offset;
    }
    previousMs = sample;
    if (sample >= toMs) break;
  }
  return { initialMinutes, transitions };
}

/**
 * Fast conversions between instants and wall-clock time ("local ms": wall time read as if UTC).
 * Within the covered days every lookup is O(1): per UTC day, the offset at its start, the moment
 * of a switch during it (at most one a day) and the offset after; outside, a binary search.
 */
export class CompiledZone {
  private readonly at: Float64Array;
  private readonly offsetMs: Float64Array;
  // Per UTC day from firstDay: the offset at its start, the instant of a switch during it (else
  // +Infinity) and the offset after. Read directly (never written) by the engine's spanOf too.
  readonly firstDay: number;
  readonly dayBefore: Float64Array;
  readonly daySwitch: Float64Array;
  readonly dayAfter: Float64Array;
  /**
   * Per local day: the offset when it is the same over the whole day and a day either side (then
   * every wall-clock time of the day maps back with it), else NaN. Makes toInstant one lookup on
   * all but the days around a switch.
   */
  private readonly localFixed: Float64Array;

  /** `firstDay`/`lastDay`: the UTC day numbers to index for O(1) lookups. */
  constructor(offsets: ZoneOffsets, firstDay = 0, lastDay = -1) {
    const n = offsets.transitions.length;
    this.at = new Float64Array(n + 1);
    this.offsetMs = new Float64Array(n + 1);
    this.at[0] = Number.NEGATIVE_INFINITY;
    this.offsetMs[0] = offsets.initialMinutes * MINUTE_MS;
    for (let i = 0; i < n; i++) {
      const [at, minutes] = offsets.transitions[i]!;
      this.at[i + 1] = at;
      this.offsetMs[i + 1] = minutes * MINUTE_MS;
    }
    this.firstDay = firstDay;
    const length = Math.max(0, lastDay - firstDay + 1);
    this.dayBefore = new Float64Array(length);
    this.daySwitch = new Float64Array(length).fill(Number.POSITIVE_INFINITY);
    this.dayAfter = new Float64Array(length);
    for (let k = 0; k < length; k++) {
      const dayStart = (firstDay + k) * DAY_MS;
      const before = this.search(dayStart);
      const after = this.search(dayStart + DAY_MS - 1);
      this.dayBefore[k] = before;
      this.dayAfter[k] = after;
      if (after !== before) {
        // The switch of this day: the first transition after the day's start.
        let i = 1;
        while (i < this.at.length && this.at[i]! <= dayStart) i++;
        this.daySwitch[k] = this.at[i]!;
      }
    }
    this.localFixed = new Float64Array(length).fill(Number.NaN);
    for (let k = 1; k + 1 < length; k++) {
      const dayStart = (firstDay + k) * DAY_MS;
      // Wall-clock times of this day are instants within a day of it (offsets are under 24 h).
      if (!this.changesBetween(dayStart - DAY_MS - 1, dayStart + 2 * DAY_MS)) {
        this.localFixed[k] = this.dayBefore[k]!;
      }
    }
  }

  private search(epochMs: number): number {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= epochMs) lo = mid;
      else hi = mid - 1;
    }
    return this.offsetMs[lo]!;
  }

  /** Whether the offset changes at some instant in (fromMs, toMs]. */
  changesBetween(fromMs: number, toMs: number): boolean {
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= fromMs) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 < at.length && at[lo + 1]! <= toMs;
  }

  /** The offset in ms at an instant. */
  offsetAt(epochMs: number): number {
    const k = Math.floor(epochMs / DAY_MS) - this.firstDay;
    if (k >= 0 && k < this.dayBefore.length) {
      return epochMs >= this.daySwitch[k]! ? this.dayAfter[k]! : this.dayBefore[k]!;
    }
    return this.search(epochMs);
  }

  /** Wall-clock time of an instant, as ms since 1970-01-01T00:00 local. */
  toLocal(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs);
  }

  /** The instant of a wall-clock time; skipped times resolve forward, repeated ones to the earlier instant. */
  toInstant(localMs: number): number {
    const k = Math.floor(localMs / DAY_MS) - this.firstDay;
    if (k >= 0 && k < this.localFixed.length) {
      const fixed = this.localFixed[k]!;
      if (!Number.isNaN(fixed)) return localMs - fixed; // NaN: a switch near this day
    }
    return this.toInstantNearSwitch(localMs);
  }

  /** toInstant of `timeOfDay` ms into local date `day`, without the division by DAY_MS. */
  toInstantOnDay(day: number, timeOfDay: number): number {
    const k = day - this.firstDay;
    const localMs = day * DAY_MS + timeOfDay;
    if (k >= 0 && k < this.localFixed.length) {
      const fixed = this.localFixed[k]!;
      if (!Number.isNaN(fixed)) return localMs - fixed; // NaN: a switch near this day
    }
    return this.toInstantNearSwitch(localMs);
  }

  // Apart from toInstant so that V8 can inline the common case into the engine's hot loop.
  private toInstantNearSwitch(localMs: number): number {
    const early = this.offsetAt(localMs - DAY_MS);
    const late = this.offsetAt(localMs + DAY_MS);
    if (early === late) return localMs - early;
    const a = localMs - early;
    const b = localMs - late;
    const aValid = this.offsetAt(a) === early;
    const bValid = this.offsetAt(b) === late;
    if (aValid && bValid) return Math.min(a, b);
    if (bValid) return b;
    // a is valid, or the time falls in a gap: read it with the offset before the change (forward).
    return a;
  }
}
