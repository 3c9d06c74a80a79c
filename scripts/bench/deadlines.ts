/**
 * Bench (not a test): every clock of 10,000 claims with varied histories, in both calendars
 * (Microsoft's clocks, the partner's view in NL or in Microsoft's own calendar), and the per-claim
 * ratio against two baselines measured in the same run:
 * - the day-by-day reference with the full date-holidays library (a sample of claims: it is slow);
 * - a plain day-by-day loop over a Set of holiday date strings.
 * Both baselines only compute each started clock's due date (no pauses, no partner view, no
 * remaining time), so the ratios understate the engine's advantage.
 * Run alone: `npx tsx scripts/bench/deadlines.ts`.
 */
import Holidays from 'date-holidays';
import { compileHolidayTable } from '../../src/deadlines/business-days';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import { buildHolidayTable } from '../../src/deadlines/holiday-table';
import type { ClaimTimeline, StatusEntry } from '../../src/deadlines/types';
import { defaultPack } from '../../src/rules/default-pack';
import type { Calendar, Clock, RulePack } from '../../src/rules/types';
import { seeded } from '../lib/random';

const CLAIMS = 10_000;
const REFERENCE_SAMPLE = 300;
/** Timed runs of the engine over all claims, and untimed runs before them (see time()). */
const ENGINE_RUNS = 101;
const ENGINE_WARMUP = 30;
const HOUR = 3_600_000;
/**
 * What the issue measured for the two baselines on this machine when it set the 10 ms goal, per
 * claim: the date-holidays reference about 23 ms, the Set loop about 30 µs.
 */
const REFERENCE_AT_GOAL_MS = 23;
const SET_LOOP_AT_GOAL_US = 30;

const PATHS = [
  ['submitted'],
  ['submitted', 'under-review'],
  ['submitted', 'under-review', 'approved'],
  ['submitted', 'under-review', 'partner-action-required'],
  ['submitted', 'under-review', 'partner-action-required', 'under-review'],
  ['submitted', 'under-review', 'partner-action-required', 'under-review', 'approved'],
  ['submitted', 'under-review', 'rejected'],
  ['submitted', 'under-review', 'partner-action-required', 'rejected'],
];

export interface BenchClaim {
  timeline: ClaimTimeline;
  now: string;
  partnerCalendar: 'partner' | 'microsoft';
}

/** Claims from 2020-09 to 2026-11, with 1–6 statuses, a few hours to ten days apart, some disputes and estimates. */
export function benchClaims(count: number, seed = 42): BenchClaim[] {
  const next = seeded(seed);
  const from = Date.parse('2020-09-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - from;
  const claims: BenchClaim[] = [];
  for (let i = 0; i < count; i++) {
    const path = PATHS[Math.floor(next() * PATHS.length)]!;
    let t = from + Math.floor(next() * span);
    const history: StatusEntry[] = [];
    for (const status of path) {
      history.push({ status, at: new Date(t).toISOString() });
      t += Math.floor(next() * 240 * HOUR) + HOUR;
    }
    if (next() < 0.1) history[0] = { ...history[0]!, estimated: true, estimateBasis: 'first-seen' };
    const events =
      path[path.length - 1] === 'rejected' && next() < 0.5
        ? [{ event: 'dispute-filed', at: new Date(t - Math.floor(next() * HOUR * 12)).toISOString() }]
        : [];
    claims.push({
      timeline: { history, events },
      now: new Date(t + Math.floor(next() * 72 * HOUR)).toISOString(),
      partnerCalendar: next() < 0.5 ? 'partner' : 'microsoft',
    });
  }
  return claims;
}

/** The clocks that start with each status entry (first version in force by UTC date; enough for a baseline). */
function startedClocks(pack: RulePack, claim: BenchClaim): { clock: Clock; start: number }[] {
  const out: { clock: Clock; start: number }[] = [];
  for (const entry of claim.timeline.history) {
    const status = pack.statuses.statuses.find((s) => s.id === entry.status);
    const start = Date.parse(String(entry.at));
    const day = new Date(start).toISOString().slice(0, 10);
    const seen = new Set<string>();
    for (const clock of [...(status?.clocks ?? [])].reverse()) {
      if (seen.has(clock.id) || (clock.from && clock.from > day) || clock.startsOn) continue;
      seen.add(clock.id);
      if (clock.amount && clock.unit) out.push({ clock, start });
    }
  }
  return out;
}

const localDateFormats = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, timeZone: string): string {
  let f = localDateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    localDateFormats.set(timeZone, f);
  }
  return f.format(new Date(ms));
}

/** Baseline 1: day by day, asking date-holidays about every day. */
function referenceBaseline(pack: RulePack, claims: BenchClaim[]): number {
  const calendars = new Map<string, { rule: Calendar; hd: Holidays }>();
  for (const rule of pack.calendars.calendars) {
    const opts = { timezone: rule.timeZone, types: rule.holidayTypes as ('public' | 'bank')[] };
    const hd = rule.region.state
      ? new Holidays(rule.region.country, rule.region.state, opts)
      : new Holidays(rule.region.country, opts);
    calendars.set(rule.id, { rule, hd });
  }
  let checksum = 0;
  for (const claim of claims) {
    for (const { clock, start } of startedClocks(pack, claim)) {
      const { rule, hd } = calendars.get(clock.calendar)!;
      let day = Date.parse(`${localDate(start, rule.timeZone)}T12:00:00Z`);
      let count = 0;
      while (count < clock.amount!) {
        day += 86_400_000;
        if (clock.unit === 'calendar-days') {
          count++;
          continue;
        }
        const date = new Date(day);
        const weekday = ((date.getUTCDay() + 6) % 7) + 1;
        if ((rule.weekend as number[]).includes(weekday)) continue;
        const iso = date.toISOString().slice(0, 10);
        if (rule.extraClosures.some((c) => c.date === iso)) continue;
        const found = hd.isHoliday(new Date(day + 8 * HOUR));
        if ((found || []).some((h) => (rule.holidayTypes as string[]).includes(h.type))) continue;
        count++;
      }
      checksum += day;
    }
  }
  return checksum;
}

/** Baseline 2: day by day over a Set of 'YYYY-MM-DD' holiday strings. */
function setBaseline(pack: RulePack, claims: BenchClaim[], closed: Map<string, Set<string>>): number {
  const zones = new Map(pack.calendars.calendars.map((c) => [c.id, c]));
  let checksum = 0;
  for (const claim of claims) {
    for (const { clock, start } of startedClocks(pack, claim)) {
      const rule = zones.get(clock.calendar)!;
      const holidays = closed.get(clock.calendar)!;
      let day = Date.parse(`${localDate(start, rule.timeZone)}T12:00:00Z`);
      let count = 0;
      while (count < clock.amount!) {
        day += 86_400_000;
        if (clock.unit === 'calendar-days') {
          count++;
          continue;
        }
        const date = new Date(day);
        const weekday = ((date.getUTCDay() + 6) % 7) + 1;
        if ((rule.weekend as number[]).includes(weekday)) continue;
        if (holidays.has(date.toISOString().slice(0, 10))) continue;
        count++;
      }
      checksum += day;
    }
  }
  return checksum;
}

/**
 * Median and fastest of `runs` timed runs, in ms, after `warmup` untimed ones. The engine needs a
 * long warm-up: V8 optimizes its hot functions over the first runs (and re-optimizes once it has
 * seen every shape), and a run of 10,000 claims takes only milliseconds. Many runs, because this
 * machine is shared: the median says what to expect, the fastest what the code can do.
 */
function time(fn: () => unknown, runs: number, warmup = 0): { median: number; min: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`);

function jsonRoundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export async function benchDeadlines(): Promise<void> {
  const pack = defaultPack();
  const t0 = performance.now();
  const table = buildHolidayTable(pack.calendars.calendars, { fromYear: 2019, toYear: 2028 });
  const tBuild = performance.now() - t0;
  const t1 = performance.now();
  const compiled = compileHolidayTable(table);
  const engine = createDeadlineEngine(pack, compiled);
  const tCompile = performance.now() - t1;
  const claims = benchClaims(CLAIMS);

  // One options object per claim, made before timing: a caller keeps its options, it does not
  // build them per call.
  const options = claims.map((c) => ({ partnerCalendar: c.partnerCalendar }));
  let clockCount = 0;
  const all = () => {
    let n = 0;
    for (let k = 0; k < claims.length; k++) {
      const c = claims[k]!;
      n += engine.clocks(c.timeline, c.now, options[k]).length;
    }
    clockCount = n;
  };
  // Pre-parsed instants (epoch ms), as the dashboard's content script receives the claim store's
  // records from the background: runtime messages arrive JSON-parsed (a JSON round trip here).
  // Not objects built by spreading, whose many hidden classes make the engine's property reads
  // megamorphic, nor structured clones (IndexedDB's own copies), which measured 5-30% slower to
  // read in paired runs.
  const numeric = jsonRoundTrip(
    claims.map((c) => ({
      timeline: {
        history: c.timeline.history.map((h) => ({ ...h, at: Date.parse(String(h.at)) })),
        events: (c.timeline.events ?? []).map((e) => ({ ...e, at: Date.parse(String(e.at)) })),
      },
      now: Date.parse(c.now),
      options: { partnerCalendar: c.partnerCalendar },
    })),
  );
  const allNumeric = () => {
    for (const c of numeric) engine.clocks(c.timeline, c.now, c.options);
  };
  // Epoch ms first, before any ISO string reaches the engine: a caller passes one kind, and
  // mixing both makes the engine's property accesses polymorphic.
  const tEngineNumeric = time(allNumeric, ENGINE_RUNS, ENGINE_WARMUP);
  const tEngine = time(all, ENGINE_RUNS, ENGINE_WARMUP);

  const closed = new Map(Object.entries(table.calendars).map(([id, c]) => [id, new Set(c.closed)]));
  setBaseline(pack, claims.slice(0, 500), closed);
  const tSet = time(() => setBaseline(pack, claims, closed), 5);
  const sample = claims.slice(0, REFERENCE_SAMPLE);
  referenceBaseline(pack, sample.slice(0, 10));
  const tReference = time(() => referenceBaseline(pack, sample), 1);

  const perEngine = tEngine.median / CLAIMS;
  const perNumeric = tEngineNumeric.median / CLAIMS;
  const perSet = tSet.median / CLAIMS;
  const perReference = tReference.median / sample.length;
  const ratio = (baseline: number, engine: number) =>
    baseline / engine >= 100
      ? Math.round(baseline / engine).toLocaleString('en')
      : (baseline / engine).toFixed(1);
  console.log(
    `holiday table (date-holidays + Intl, 2019–2028, 2 calendars): built in ${fmt(tBuild)}, ${JSON.stringify(table).length} bytes of JSON; compiled in ${fmt(tCompile)}`,
  );
  console.log(
    `${CLAIMS} claims, ${clockCount} clocks (median of ${ENGINE_RUNS} runs after ${ENGINE_WARMUP} to warm up; fastest in brackets; goal < 10 ms):`,
  );
  console.log(
    `  engine, instants as ISO strings: ${fmt(tEngine.median)} (${fmt(tEngine.min)}), ${fmt(perEngine)} a claim`,
  );
  console.log(
    `  engine, instants as epoch ms:    ${fmt(tEngineNumeric.median)} (${fmt(tEngineNumeric.min)}), ${fmt(perNumeric)} a claim`,
  );
  console.log(
    `  baseline, day by day with date-holidays (${sample.length} claims): ${fmt(perReference)} a claim → engine ${ratio(perReference, perEngine)}× (ISO) / ${ratio(perReference, perNumeric)}× (epoch ms) faster`,
  );
  console.log(
    `  baseline, day by day over a Set of date strings: ${fmt(perSet)} a claim → engine ${ratio(perSet, perEngine)}× (ISO) / ${ratio(perSet, perNumeric)}× (epoch ms) faster`,
  );
  // The machine is shared and its speed drifts, so the goal line also says what the engine's time
  // means at the machine speed of the day the goal was set, judged by each baseline timed in this
  // run against what the issue measured for it then. The two need not agree: the baselines here
  // are this project's code, not the issue's, so each is only a rough yardstick.
  const byReference = tEngineNumeric.median * (REFERENCE_AT_GOAL_MS / perReference);
  const bySetLoop = tEngineNumeric.median * (SET_LOOP_AT_GOAL_US / 1000 / perSet);
  const verdict = (ms: number) => (ms < 10 ? 'met' : 'NOT met');
  console.log(
    `  goal < 10 ms: ${verdict(tEngineNumeric.median)} as timed now (median ${fmt(tEngineNumeric.median)}, fastest ${fmt(tEngineNumeric.min)}, epoch ms)`,
  );
  console.log(
    `    at the machine speed when the goal was set: ≈ ${fmt(byReference)} by the date-holidays reference (${fmt(perReference)} a claim now, ~${REFERENCE_AT_GOAL_MS} ms then; ${verdict(byReference)}), ≈ ${fmt(bySetLoop)} by the Set loop (${fmt(perSet)} now, ~${SET_LOOP_AT_GOAL_US} µs then; ${verdict(bySetLoop)})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDeadlines();
