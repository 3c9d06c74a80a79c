/**
 * Rule-case kinds of the deadline engine (registered in src/rules/cases/registry.ts). Runs in
 * Node only: it builds the holiday table with date-holidays (years 2019–2031).
 *
 * Kind 'clocks' (rules/cpor/statuses.clocks.cases.json): every clock of a claim at a moment.
 *   at: now, an ISO date-time with offset.
 *   input: { history: [{ status, at, estimated?, estimateBasis? }], events?: [{ event, at }],
 *            partnerCalendar?: calendar id (default 'partner') }
 *   expected: { clocks: [ one object per clock, in order of start ] }. Each expected clock is
 *   compared on the keys it lists, among:
 *     id, status (where it started), ruleFrom (the version's `from`, or null), unit
 *     ('business-days' | 'calendar-days' | 'endless'), state ('running' | 'paused' | 'finished' |
 *     'expired' | 'stopped'), start and due (ISO in the clock calendar's zone, e.g.
 *     '2026-12-01T10:00-08:00'; due null when endless or paused), remaining ('3d 4h', '-1d 2h' when
 *     overdue, null when endless), urgency (level or null), actor, transitionTo (onExpiry's, or
 *     null), estimated, late, partnerRemaining ('2d 3h' or null), partnerDueDate ('YYYY-MM-DD' or
 *     null), text ({ en, nl }: the relative countdown), line ({ en, nl }: due and partner view).
 *
 * Kind 'business-days' (rules/cpor/calendars.cases.json): business days of one calendar.
 *   input: { calendar, from: 'YYYY-MM-DD', days: N } → expected { due: 'YYYY-MM-DD' } (the N-th
 *   business day after `from`), and/or input { calendar, date } → expected { businessDay: bool }.
 *   input.region ({ country, state? }) replaces the calendar's region, as the partner's setting does.
 */
import type { CaseHandler, RuleCase } from '../rules/cases/types';
import type { Calendar, RulePack } from '../rules/types';
import { compileHolidayTable } from './business-days';
import { DAY_MS, dayFromIsoDate, isoDate, MINUTE_MS } from './civil';
import { countdownText } from './countdown';
import { deadlineEngine } from './engine';
import { buildHolidayTable } from './holiday-table';
import type { ClaimTimeline, ClockResult, HolidayTable, Remaining } from './types';
import type { CompiledZone } from './zone';

const CASE_RANGE = { fromYear: 2019, toYear: 2031 };
const tables = new WeakMap<RulePack, HolidayTable>();

/** The holiday table of a pack's calendars over the years the cases use, built once per pack. */
export function caseHolidayTable(pack: RulePack): HolidayTable {
  let table = tables.get(pack);
  if (!table) {
    table = buildHolidayTable(pack.calendars.calendars, CASE_RANGE);
    tables.set(pack, table);
  }
  return table;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** '2026-12-01T10:00-08:00': an instant as wall time in a zone, with the offset. */
export function localIso(epochMs: number, zone: CompiledZone): string {
  const offsetMin = Math.round(zone.offsetAt(epochMs) / MINUTE_MS);
  const local = epochMs + offsetMin * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${isoDate(day)}T${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** '3d 4h', '-1d 2h': whole days and hours, rounded towards zero. */
export function remainingText(r: Remaining | null): string | null {
  if (!r) return null;
  return `${r.totalDays < 0 ? '-' : ''}${r.days}d ${r.hours}h`;
}

function summarize(pack: RulePack, clock: ClockResult, zone: CompiledZone): Record<string, unknown> {
  const texts = pack.pack.locales.map((locale) => [locale, countdownText(pack, clock, locale)] as const);
  return {
    id: clock.id,
    status: clock.status,
    ruleFrom: clock.rule.from ?? null,
    unit: clock.unit ?? 'endless',
    state: clock.state,
    start: localIso(clock.start, zone),
    due: clock.due === null ? null : localIso(clock.due, zone),
    remaining: remainingText(clock.remaining),
    urgency: clock.urgency,
    actor: clock.actor,
    transitionTo: clock.onExpiry.transitionTo ?? null,
    estimated: clock.estimated,
    late: clock.late,
    partnerRemaining: remainingText(clock.partner?.remaining ?? null),
    partnerDueDate: clock.partner?.dueDate ?? null,
    text: Object.fromEntries(texts.map(([l, t]) => [l, t.relative])),
    line: Object.fromEntries(texts.map(([l, t]) => [l, t.line])),
  };
}

function pick(
  summary: Record<string, unknown>,
  keys: readonly string[] | undefined,
): Record<string, unknown> {
  if (!keys) return summary;
  return Object.fromEntries(keys.filter((k) => k in summary).map((k) => [k, summary[k]]));
}

function needAt(ruleCase: RuleCase): string {
  if (!ruleCase.at) throw new Error("a 'clocks' case needs 'at' (the moment to look at the clocks)");
  return ruleCase.at;
}

export const clocksCaseHandler: CaseHandler = (ruleCase, pack) => {
  const input = ruleCase.input as unknown as ClaimTimeline & { partnerCalendar?: string };
  if (!Array.isArray(input.history)) throw new Error('input.history must be a list of { status, at }');
  const table = caseHolidayTable(pack);
  const engine = deadlineEngine(pack, table);
  const options = input.partnerCalendar ? { partnerCalendar: input.partnerCalendar } : {};
  const clocks = engine.clocks(input, needAt(ruleCase), options);
  const expectedClocks = (ruleCase.expected as { clocks?: Record<string, unknown>[] }).clocks;
  return {
    clocks: clocks.map((clock, i) => {
      const zone = engine.table.calendar(clock.calendar).zone;
      const keys = expectedClocks?.[i] ? Object.keys(expectedClocks[i]!) : undefined;
      return pick(summarize(pack, clock, zone), keys);
    }),
  };
};

export const businessDaysCaseHandler: CaseHandler = (ruleCase, pack) => {
  const input = ruleCase.input as {
    calendar?: string;
    from?: string;
    days?: number;
    date?: string;
    region?: Calendar['region'];
  };
  const base = pack.calendars.calendars.find((c) => c.id === input.calendar);
  if (!base) throw new Error(`input.calendar: no calendar '${input.calendar}' in calendars.json`);
  const calendar: Calendar = input.region ? { ...base, region: input.region } : base;
  const table = input.region ? buildHolidayTable([calendar], CASE_RANGE) : caseHolidayTable(pack);
  const compiled = compileHolidayTable(table).calendar(base.id);
  const actual: Record<string, unknown> = {};
  if (input.from !== undefined && input.days !== undefined) {
    actual.due = isoDate(compiled.nthBusinessDayAfter(dayFromIsoDate(input.from), input.days));
  }
  if (input.date !== undefined) actual.businessDay = compiled.isBusinessDay(dayFromIsoDate(input.date));
  return actual;
};
