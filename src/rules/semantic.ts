/**
 * The checks a JSON Schema cannot express: references between rule files (a transition to an
 * unknown status, a clock on an unknown calendar, a reason predicted but not defined), ids used
 * twice, texts missing a language the pack declares, and rule combinations that make no sense.
 * Every problem is reported, not only the first.
 */
import { ProblemList } from './bounds';
import { DETAIL_PAGE_ID, LIST_PAGE_ID } from './contract';
import { PACK_FILE_KINDS } from './kinds';
import { compilePackPattern } from './patterns';
import { LIST_MAX, type Problem, quote } from './problems';
import type { Calendar, Clock, Condition, RulePack } from './types';

/**
 * The holiday regions date-holidays knows. The content script loads packs too and must not carry
 * date-holidays (1.4 MB), so the caller passes them: `holidayRegionCatalog()` of
 * src/deadlines/holiday-table.ts in Node and the options page; without them regions are not judged.
 */
export interface HolidayRegions {
  hasCountry(country: string): boolean;
  hasState(country: string, state: string): boolean;
}

export interface SemanticOptions {
  regions?: HolidayRegions;
}

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
/** Most languages of a pack (pack.schema.json 'locales' maxItems). */
const MAX_LOCALES = 50;

/** Problems as found, into a ProblemList: at most 50 kept per file and level, the rest counted. */
class Collector {
  constructor(
    private readonly dir: string,
    readonly problems: ProblemList,
  ) {}
  error(file: string, pointer: string, message: string) {
    this.problems.add({ file: `${this.dir}/${file}`, pointer, message, level: 'error' });
  }
  warn(file: string, pointer: string, message: string) {
    this.problems.add({ file: `${this.dir}/${file}`, pointer, message, level: 'warning' });
  }
}

/**
 * The first few ids, for "use one of …": a Set iterated only as far as shown, so 10,000 unknown
 * references to 10,000 ids cost 10,000 short messages, not 10^8 characters.
 */
function known(ids: ReadonlySet<string> | readonly string[]): string {
  const unique = ids instanceof Set ? ids : new Set(ids);
  const shown: string[] = [];
  for (const id of unique) {
    if (shown.length === LIST_MAX) break;
    shown.push(quote(id));
  }
  return unique.size > LIST_MAX
    ? `${shown.join(', ')} (and ${unique.size - LIST_MAX} more)`
    : shown.join(', ');
}

function checkUnique(c: Collector, file: string, items: { pointer: string; id: string }[], what: string) {
  const first = new Map<string, string>();
  for (const { pointer, id } of items) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, pointer);
    else
      c.error(
        file,
        pointer,
        `${what} id ${quote(id)} is used twice (also at ${earlier}); give each its own id`,
      );
  }
}

function checkRef(
  c: Collector,
  file: string,
  pointer: string,
  id: string | undefined,
  ids: Set<string> | undefined,
  what: string,
  where: string,
) {
  // Without the ids (their file is missing or unreadable) nothing can be said about the reference.
  if (id !== undefined && ids !== undefined && !ids.has(id)) {
    c.error(
      file,
      pointer,
      ids.size > 0
        ? `${quote(id)} is not a ${what} defined in ${where}; use one of ${known(ids)}`
        : `${quote(id)} is not a ${what} defined in ${where}, which defines none; define it there`,
    );
  }
}

/** Every object whose keys are all language codes and whose values are texts must have every pack language. */
function checkLocales(
  c: Collector,
  file: string,
  value: unknown,
  pointer: string,
  locales: readonly string[],
) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkLocales(c, file, v, `${pointer}/${i}`, locales));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  const isText =
    entries.length > 0 &&
    entries.every(([k]) => LOCALE.test(k)) &&
    entries.some(([, v]) => typeof v === 'string' || (v !== null && typeof v === 'object' && 'other' in v));
  if (isText) {
    for (const locale of locales) {
      if (!(locale in value)) {
        const sample = JSON.stringify(entries[0]?.[1]).slice(0, 60);
        c.error(
          file,
          pointer,
          `the '${locale}' text is missing (the pack lists '${locale}'); add "${locale}": … next to ${sample}`,
        );
      }
    }
    return;
  }
  for (const [k, v] of entries)
    checkLocales(c, file, v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, locales);
}

/** Every `source.doc` must name a document of pack.json. */
function checkSources(c: Collector, file: string, value: unknown, pointer: string, docs: Set<string>) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkSources(c, file, v, `${pointer}/${i}`, docs));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'source' && v && typeof v === 'object' && typeof (v as { doc?: unknown }).doc === 'string') {
      const doc = (v as { doc: string }).doc;
      if (!docs.has(doc)) {
        c.error(
          file,
          `${pointer}/source/doc`,
          `'${doc}' is not a source document of pack.json; use one of ${known(docs)} or add it to 'sources'`,
        );
      }
    } else {
      checkSources(c, file, v, `${pointer}/${k}`, docs);
    }
  }
}

const CONDITION_TESTS = ['present', 'equals', 'in', 'atLeast', 'anyOptionIn', 'optionsAllowed'] as const;
const CONDITION_GROUPS = ['all', 'any', 'not'] as const;

function checkCondition(
  c: Collector,
  pointer: string,
  condition: Condition,
  fieldIds: Set<string> | undefined,
  familiesOf: Map<string, Set<string>>,
) {
  const tests = CONDITION_TESTS.filter((t) => condition[t] !== undefined);
  const groups = CONDITION_GROUPS.filter((g) => condition[g] !== undefined);
  if (
    groups.length + (condition.field !== undefined ? 1 : 0) !== 1 ||
    (condition.field !== undefined) !== (tests.length === 1)
  ) {
    c.error(
      'fields.json',
      pointer,
      `a condition needs either 'field' with exactly one of ${CONDITION_TESTS.join(', ')}, or exactly one of ${CONDITION_GROUPS.join(', ')}`,
    );
  }
  if (condition.field !== undefined) {
    checkRef(c, 'fields.json', `${pointer}/field`, condition.field, fieldIds, 'field', 'fields.json');
    const families = familiesOf.get(condition.field) ?? new Set();
    (condition.anyOptionIn ?? []).forEach((family, i) =>
      checkRef(
        c,
        'fields.json',
        `${pointer}/anyOptionIn/${i}`,
        family,
        families,
        `family of ${condition.field}'s options`,
        'fields.json',
      ),
    );
  }
  condition.all?.forEach((sub, i) => checkCondition(c, `${pointer}/all/${i}`, sub, fieldIds, familiesOf));
  condition.any?.forEach((sub, i) => checkCondition(c, `${pointer}/any/${i}`, sub, fieldIds, familiesOf));
  if (condition.not) checkCondition(c, `${pointer}/not`, condition.not, fieldIds, familiesOf);
}

function checkStatuses(c: Collector, pack: RulePack, calendarIds: Set<string> | undefined) {
  const F = 'statuses.json';
  const { statuses, events } = pack.statuses;
  const statusIds = new Set(statuses.map((s) => s.id));
  const eventIds = new Set(events.map((e) => e.id));
  checkUnique(
    c,
    F,
    statuses.map((s, i) => ({ pointer: `/statuses/${i}/id`, id: s.id })),
    'status',
  );
  checkUnique(
    c,
    F,
    events.map((e, i) => ({ pointer: `/events/${i}/id`, id: e.id })),
    'event',
  );
  const drafts = statuses.filter((s) => s.draft);
  if (drafts.length !== 1) {
    c.error(
      F,
      '/statuses',
      `exactly one status must have "draft": true (found ${drafts.length}); mark the status in which claims are created`,
    );
  }
  const clockVersions: { pointer: string; id: string }[] = [];
  const clockOwner = new Map<string, string>();
  statuses.forEach((status, si) => {
    const at = `/statuses/${si}`;
    status.transitions.forEach((t, ti) =>
      checkRef(c, F, `${at}/transitions/${ti}/to`, t.to, statusIds, 'status', F),
    );
    checkUnique(
      c,
      F,
      status.transitions.map((t, ti) => ({ pointer: `${at}/transitions/${ti}/to`, id: t.to })),
      'transition to status',
    );
    status.clocks.forEach((clock, ci) => {
      const cp = `${at}/clocks/${ci}`;
      clockVersions.push({ pointer: `${cp}/from`, id: `${clock.id}@${clock.from ?? 'always'}` });
      const owner = clockOwner.get(clock.id);
      if (owner !== undefined && owner !== status.id) {
        c.error(
          F,
          `${cp}/id`,
          `clock id '${clock.id}' is also used in status '${owner}'; versions of one clock belong to one status, other clocks need their own id`,
        );
      }
      clockOwner.set(clock.id, status.id);
      checkRef(c, F, `${cp}/calendar`, clock.calendar, calendarIds, 'calendar', 'calendars.json');
      checkRef(c, F, `${cp}/startsOn`, clock.startsOn, eventIds, 'event', `${F} 'events'`);
      checkRef(c, F, `${cp}/stopsOn`, clock.stopsOn, eventIds, 'event', `${F} 'events'`);
      clock.continuesThrough?.forEach((s, i) =>
        checkRef(c, F, `${cp}/continuesThrough/${i}`, s, statusIds, 'status', F),
      );
      clock.pausedIn?.forEach((s, i) => {
        checkRef(c, F, `${cp}/pausedIn/${i}`, s, statusIds, 'status', F);
        if (statusIds.has(s) && !clock.continuesThrough?.includes(s)) {
          c.error(
            F,
            `${cp}/pausedIn/${i}`,
            `clock '${clock.id}' pauses in '${s}' but does not continue through it; add '${s}' to 'continuesThrough'`,
          );
        }
      });
      const to = clock.onExpiry.transitionTo;
      checkRef(c, F, `${cp}/onExpiry/transitionTo`, to, statusIds, 'status', F);
      if (to !== undefined && statusIds.has(to) && !status.transitions.some((t) => t.to === to)) {
        c.error(
          F,
          `${cp}/onExpiry/transitionTo`,
          `status '${status.id}' has no transition to '${to}'; add one to its 'transitions' or change 'transitionTo'`,
        );
      }
      const levels = clock.urgency ?? [];
      for (let i = 1; i < levels.length; i++) {
        if (levels[i]!.remaining > levels[i - 1]!.remaining) {
          c.error(
            F,
            `${cp}/urgency/${i}/remaining`,
            `urgency levels go from least to most urgent, so 'remaining' must not grow (${levels[i - 1]!.remaining} then ${levels[i]!.remaining})`,
          );
        }
      }
      const adjustable = clock.warningAdjustable;
      if (adjustable) {
        const warning = levels.find((u) => u.level === 'warning');
        const at = `${cp}/warningAdjustable`;
        if (!warning)
          c.error(
            F,
            at,
            "the clock has no 'warning' level in 'urgency' for the partner to move; add one or remove 'warningAdjustable'",
          );
        else if (adjustable.min > adjustable.max)
          c.error(F, at, `'min' (${adjustable.min}) is more than 'max' (${adjustable.max})`);
        else if (warning.remaining < adjustable.min || warning.remaining > adjustable.max)
          c.error(
            F,
            at,
            `the 'warning' level's ${warning.remaining} days is the default, so it must lie between 'min' (${adjustable.min}) and 'max' (${adjustable.max})`,
          );
        if (clock.amount !== undefined && adjustable.max > clock.amount)
          c.error(
            F,
            `${at}/max`,
            `is more than the clock's ${clock.amount} days; the warning cannot start before the clock does`,
          );
      }
    });
  });
  checkUnique(c, F, clockVersions, 'clock version (id and from)');
  events.forEach((e, i) =>
    e.inStatuses.forEach((s, j) => checkRef(c, F, `/events/${i}/inStatuses/${j}`, s, statusIds, 'status', F)),
  );
  return { statusIds, clockIds: new Set(clockOwner.keys()) };
}

/** True when Intl (the engine's only source of offsets, src/deadlines/zone.ts) knows the zone. */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;
/** ISO weekday (1 = Monday … 7 = Sunday) and ISO week start (a day number) of a 'YYYY-MM-DD'. */
function weekOf(date: string): { weekday: number; monday: number } {
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
  return { weekday, monday: day - weekday + 1 };
}

/** A week (its Monday) in which every day is closed: the weekend, and extra closures on all the other days. */
function fullyClosedWeek(cal: Calendar): string | undefined {
  const weekend = new Set(cal.weekend);
  const open = new Set(cal.extraWorkingDays.map((d) => d.date));
  // Weeks in which an extra working day opens a weekend day are never fully closed.
  const openedWeeks = new Set(
    cal.extraWorkingDays.filter((d) => isRealDate(d.date)).map((d) => weekOf(d.date).monday),
  );
  const closedWeekdays = new Map<number, Set<number>>();
  for (const { date } of cal.extraClosures) {
    if (open.has(date) || !isRealDate(date)) continue;
    const { weekday, monday } = weekOf(date);
    if (weekend.has(weekday) || openedWeeks.has(monday)) continue;
    const days = closedWeekdays.get(monday) ?? new Set<number>();
    closedWeekdays.set(monday, days);
    days.add(weekday);
    if (days.size + weekend.size >= 7) return new Date(monday * DAY_MS).toISOString().slice(0, 10);
  }
  return undefined;
}

function checkCalendars(c: Collector, pack: RulePack, options: SemanticOptions) {
  const F = 'calendars.json';
  const { calendars } = pack.calendars;
  calendars.forEach((cal, i) => {
    const at = `/calendars/${i}`;
    if (typeof cal.timeZone === 'string' && !isKnownTimeZone(cal.timeZone))
      c.error(
        F,
        `${at}/timeZone`,
        `${quote(cal.timeZone)} is not a time zone this browser knows; use an IANA name such as 'America/Los_Angeles' or 'Europe/Amsterdam'`,
      );
    const region = cal.region;
    if (options.regions && region && typeof region.country === 'string') {
      if (!options.regions.hasCountry(region.country))
        c.error(
          F,
          `${at}/region/country`,
          `${quote(region.country)} is not a country whose holidays cpor-guard knows (date-holidays); use a two-letter code such as 'US' or 'NL'`,
        );
      else if (typeof region.state === 'string' && !options.regions.hasState(region.country, region.state))
        c.error(
          F,
          `${at}/region/state`,
          `${quote(region.state)} is not a state or region of ${region.country} whose holidays cpor-guard knows (date-holidays); correct it or leave 'state' out`,
        );
    }
    if (Array.isArray(cal.weekend) && new Set(cal.weekend).size >= 7)
      c.error(
        F,
        `${at}/weekend`,
        'closes every day of the week; a calendar needs at least one business day a week',
      );
    else if (
      Array.isArray(cal.weekend) &&
      Array.isArray(cal.extraClosures) &&
      Array.isArray(cal.extraWorkingDays)
    ) {
      const week = fullyClosedWeek(cal);
      if (week)
        c.error(
          F,
          `${at}/extraClosures`,
          `closes every business day of the week of ${week}; a calendar needs at least one business day a week, so remove a closure or add an extra working day`,
        );
    }
  });
  checkUnique(
    c,
    F,
    calendars.map((cal, i) => ({ pointer: `/calendars/${i}/id`, id: cal.id })),
    'calendar',
  );
  const ids = new Set(calendars.map((cal) => cal.id));
  // The calendars the code names ('microsoft', 'partner') are required by contract.ts.
  calendars.forEach((cal, i) => {
    const closed = new Set(cal.extraClosures.map((d) => d.date));
    cal.extraWorkingDays.forEach((d, j) => {
      if (closed.has(d.date))
        c.error(
          F,
          `/calendars/${i}/extraWorkingDays/${j}/date`,
          `${d.date} is both an extra closed day and an extra working day; keep one`,
        );
    });
  });
  return ids;
}

function checkReasons(
  c: Collector,
  pack: RulePack,
  fieldIds: Set<string> | undefined,
  clockIds: Set<string> | undefined,
) {
  const F = 'reasons.json';
  const { actionRequired, rejection } = pack.reasons;
  checkUnique(
    c,
    F,
    actionRequired.map((r, i) => ({ pointer: `/actionRequired/${i}/id`, id: r.id })),
    'action-required reason',
  );
  checkUnique(
    c,
    F,
    rejection.map((r, i) => ({ pointer: `/rejection/${i}/id`, id: r.id })),
    'rejection reason',
  );
  const needs: Record<string, string[]> = {
    'mentions-claim': ['fields'],
    acknowledgment: ['keywords'],
    dates: ['monthNames', 'maxAgeMonths'],
    description: ['minWords'],
    'identity-match': ['fields'],
    products: [],
  };
  const stepClocks = (steps: { clock?: string }[], at: string) =>
    steps.forEach((s, i) => checkRef(c, F, `${at}/${i}/clock`, s.clock, clockIds, 'clock', 'statuses.json'));
  const acknowledgmentChecks = new Set(
    actionRequired.flatMap((r) => r.poeChecks.filter((p) => p.kind === 'acknowledgment').map((p) => p.id)),
  );
  actionRequired.forEach((reason, ri) => {
    stepClocks(reason.next, `/actionRequired/${ri}/next`);
    reason.poeChecks.forEach((check, ci) => {
      const at = `/actionRequired/${ri}/poeChecks/${ci}`;
      for (const key of needs[check.kind] ?? []) {
        if ((check as unknown as Record<string, unknown>)[key] === undefined) {
          c.error(F, `${at}/${key}`, `a '${check.kind}' check needs '${key}'; add it`);
        }
      }
      check.fields?.forEach((f, i) =>
        checkRef(c, F, `${at}/fields/${i}`, f, fieldIds, 'field', 'fields.json'),
      );
      checkRef(
        c,
        F,
        `${at}/nearCheck`,
        check.nearCheck,
        acknowledgmentChecks,
        "PoE check of kind 'acknowledgment'",
        F,
      );
    });
  });
  rejection.forEach((reason, ri) => stepClocks(reason.next, `/rejection/${ri}/next`));
  return {
    'action-required': new Set(actionRequired.map((r) => r.id)),
    rejection: new Set(rejection.map((r) => r.id)),
    poeCheckIds: actionRequired.flatMap((r, ri) =>
      r.poeChecks.map((p, ci) => ({ pointer: `/actionRequired/${ri}/poeChecks/${ci}/id`, id: p.id })),
    ),
  };
}

function checkFields(c: Collector, pack: RulePack, statusIds: Set<string> | undefined) {
  const F = 'fields.json';
  const { fields, editing } = pack.fields;
  checkUnique(
    c,
    F,
    fields.map((f, i) => ({ pointer: `/fields/${i}/id`, id: f.id })),
    'field',
  );
  const fieldIds = new Set(fields.map((f) => f.id));
  const familiesOf = new Map(
    fields.map((f) => [f.id, new Set((f.options ?? []).flatMap((o) => (o.family ? [o.family] : [])))]),
  );
  const optionsOf = new Map(fields.map((f) => [f.id, new Set((f.options ?? []).map((o) => o.id))]));
  checkUnique(
    c,
    F,
    editing.map((e, i) => ({ pointer: `/editing/${i}/from`, id: e.from })),
    'editing entry (from)',
  );
  editing.forEach((e, i) =>
    e.statuses.forEach((s, j) =>
      checkRef(c, F, `/editing/${i}/statuses/${j}`, s, statusIds, 'status', 'statuses.json'),
    ),
  );
  fields.forEach((field, fi) => {
    const at = `/fields/${fi}`;
    const isChoice = field.kind === 'choice' || field.kind === 'choices';
    if (isChoice && !field.options?.length)
      c.error(F, `${at}/options`, `a '${field.kind}' field needs 'options'; add the values it may take`);
    if (field.kind === 'files' && !field.file)
      c.error(F, `${at}/file`, `a 'files' field needs 'file' (accepted types and size); add it`);
    checkUnique(
      c,
      F,
      (field.options ?? []).map((o, oi) => ({ pointer: `${at}/options/${oi}/id`, id: o.id })),
      'option',
    );
    field.options?.forEach((option, oi) => {
      for (const [other, values] of Object.entries(option.allowedWith ?? {})) {
        const op = `${at}/options/${oi}/allowedWith/${other}`;
        checkRef(c, F, op, other, fieldIds, 'field', F);
        const otherOptions = optionsOf.get(other);
        if (otherOptions?.size)
          (values ?? []).forEach((v, vi) =>
            checkRef(c, F, `${op}/${vi}`, v, otherOptions, `option of '${other}'`, F),
          );
      }
    });
    field.checks.forEach((check, ci) => {
      const cp = `${at}/checks/${ci}`;
      const need = (key: 'pattern' | 'format' | 'assert' | 'when' | 'message', why: string) => {
        if (check[key] === undefined)
          c.error(F, `${cp}/${key}`, `a '${check.kind}' check needs '${key}'; ${why}`);
      };
      if (check.kind === 'pattern') {
        need('pattern', 'add the regular expression');
        need('message', 'say in words what form is expected');
        if (check.pattern !== undefined) {
          const compiled = compilePackPattern(check.pattern);
          if (!compiled.ok)
            c.error(
              F,
              `${cp}/pattern`,
              `${quote(check.pattern)} cannot be used as a pattern: ${compiled.reason}; rewrite it`,
            );
        }
      }
      if (check.kind === 'format') need('format', "add 'guid', 'email' or 'domain'");
      if (check.kind === 'condition') {
        need('assert', 'add what must hold');
        need('message', 'say in words what is wrong');
      }
      if (check.kind === 'notice') {
        need('when', 'add when the notice shows');
        need('message', 'add the notice text');
      }
      if (check.kind === 'options' && !isChoice)
        c.error(
          F,
          `${cp}/kind`,
          `an 'options' check needs a 'choice' or 'choices' field, and '${field.id}' is '${field.kind}'`,
        );
      if (check.when) checkCondition(c, `${cp}/when`, check.when, fieldIds, familiesOf);
      if (check.assert) checkCondition(c, `${cp}/assert`, check.assert, fieldIds, familiesOf);
    });
  });
  const checkIds = fields.flatMap((f, fi) =>
    f.checks.map((ch, ci) => ({ pointer: `/fields/${fi}/checks/${ci}/id`, id: ch.id })),
  );
  return { fieldIds, checkIds };
}

function checkPredictions(
  c: Collector,
  pack: RulePack,
  reasonIds: Record<'action-required' | 'rejection', Set<string>> | undefined,
) {
  pack.fields.fields.forEach((field, fi) =>
    field.checks.forEach((check, ci) => {
      if (!check.predicts) return;
      const ids = reasonIds?.[check.predicts.type];
      checkRef(
        c,
        'fields.json',
        `/fields/${fi}/checks/${ci}/predicts/reason`,
        check.predicts.reason,
        ids,
        `${check.predicts.type} reason`,
        'reasons.json',
      );
    }),
  );
}

function checkLocators(c: Collector, pack: RulePack, locales: readonly string[]) {
  const F = 'locators.json';
  const { pages, targets } = pack.locators;
  checkUnique(
    c,
    F,
    pages.map((p, i) => ({ pointer: `/pages/${i}/id`, id: p.id })),
    'page',
  );
  checkUnique(
    c,
    F,
    targets.map((t, i) => ({ pointer: `/targets/${i}/id`, id: t.id })),
    'target',
  );
  const pageIds = new Set(pages.map((p) => p.id));
  targets.forEach((t, i) => {
    t.pages.forEach((p, j) => checkRef(c, F, `/targets/${i}/pages/${j}`, p, pageIds, 'page', F));
    for (const locale of locales) {
      if (!t.text[locale]?.length)
        c.error(F, `/targets/${i}/text`, `no '${locale}' text to find '${t.id}' by; add "${locale}": [ … ]`);
    }
  });
  // The claim form's inputs name fields of fields.json and are found by a label in every language.
  const fieldIds = Array.isArray(pack.fields?.fields)
    ? new Set(pack.fields.fields.map((f) => f.id))
    : undefined;
  (pack.locators.inputs ?? []).forEach((input, i) => {
    const at = `/inputs/${i}`;
    checkRef(c, F, `${at}/field`, input.field, fieldIds, 'field', 'fields.json');
    input.pages.forEach((p, j) => checkRef(c, F, `${at}/pages/${j}`, p, pageIds, 'page', F));
    for (const locale of locales) {
      if (!input.label[locale]?.length)
        c.error(
          F,
          `${at}/label`,
          `no '${locale}' label to find the input of '${input.field}' by; add "${locale}": [ … ]`,
        );
      if (input.within && !input.within[locale]?.length)
        c.error(
          F,
          `${at}/within`,
          `no '${locale}' group name for the input of '${input.field}'; add "${locale}": [ … ]`,
        );
    }
    if (input.valuePattern !== undefined) {
      const compiled = compilePackPattern(input.valuePattern);
      if (!compiled.ok)
        c.error(
          F,
          `${at}/valuePattern`,
          `${quote(input.valuePattern)} cannot be used as a pattern: ${compiled.reason}; rewrite it`,
        );
    }
  });
  targets.forEach((t, i) => {
    if (!t.within) return;
    for (const locale of locales)
      if (!t.within[locale]?.length)
        c.error(F, `/targets/${i}/within`, `no '${locale}' group name for '${t.id}'; add "${locale}": [ … ]`);
  });
  // A claim page's History entries name statuses and events of statuses.json, in every language.
  const statusIds = new Set(pack.statuses.statuses.map((s) => s.id));
  const eventIds = new Set((pack.statuses.events ?? []).map((e) => e.id));
  // The page's dates and headings in every language: without them a page in that language is
  // not recognised, or is recognised and then reads no date (issue 10: a 'de' pack passed and read none).
  pages.forEach((page, i) => {
    const formats = page.dateFormats as Record<string, unknown> | undefined;
    if (formats !== undefined || page.id === LIST_PAGE_ID || page.id === DETAIL_PAGE_ID) {
      for (const locale of locales) {
        if (!Array.isArray(formats?.[locale]) || (formats[locale] as unknown[]).length === 0)
          c.error(
            F,
            `/pages/${i}/dateFormats`,
            `no '${locale}' date format for page '${page.id}'; a page in '${locale}' shows its dates unread without one; add "${locale}": [ … ] with the page's form, e.g. "D.M.YYYY"`,
          );
      }
    }
    const headings = page.headings as Record<string, unknown> | undefined;
    if (headings !== undefined && Object.keys(headings).length > 0) {
      for (const locale of locales) {
        if (!Array.isArray(headings[locale]) || (headings[locale] as unknown[]).length === 0)
          c.error(
            F,
            `/pages/${i}/headings`,
            `no '${locale}' heading for page '${page.id}'; a page in '${locale}' is not recognised without one; add "${locale}": [ … ] with the heading the page shows`,
          );
      }
    }
  });
  pages.forEach((page, i) => {
    const history = page.history;
    if (!history) return;
    const at = `/pages/${i}/history`;
    for (const locale of locales) {
      if (!history.statusChanges[locale]?.length)
        c.error(F, `${at}/statusChanges`, `no '${locale}' text for a status change; add "${locale}": [ … ]`);
      if (!page.dateTimeFormats?.[locale]?.length)
        c.error(
          F,
          `/pages/${i}/dateTimeFormats`,
          `no '${locale}' date-and-time format for the History's times; add "${locale}": [ … ]`,
        );
    }
    (history.entries ?? []).forEach((entry, j) => {
      const e = entry as { status?: string; event?: string; text: Record<string, string[] | undefined> };
      checkRef(c, F, `${at}/entries/${j}/status`, e.status, statusIds, 'status', 'statuses.json');
      checkRef(c, F, `${at}/entries/${j}/event`, e.event, eventIds, 'event', "statuses.json 'events'");
      for (const locale of locales) {
        if (!e.text[locale]?.length)
          c.error(
            F,
            `${at}/entries/${j}/text`,
            `no '${locale}' text for this History entry; add "${locale}": [ … ]`,
          );
      }
    });
  });
}

function checkPackManifest(c: Collector, pack: RulePack) {
  const F = 'pack.json';
  const { locales, defaultLocale, decisions } = pack.pack;
  if (!locales.includes(defaultLocale))
    c.error(
      F,
      '/defaultLocale',
      `'${defaultLocale}' is not one of the pack's locales (${known(locales)}); add it to 'locales' or pick one of them`,
    );
  checkUnique(
    c,
    F,
    decisions.map((d, i) => ({ pointer: `/decisions/${i}/id`, id: d.id })),
    'decision',
  );
  const docs = new Set(Object.keys(pack.pack.sources));
  decisions.forEach((d, i) => {
    d.positions.forEach((p, j) =>
      checkRef(
        c,
        F,
        `/decisions/${i}/positions/${j}/doc`,
        p.doc,
        docs,
        'source document',
        "pack.json 'sources'",
      ),
    );
    d.encodedIn.forEach((ref, j) => {
      const [file, pointer = ''] = ref.split('#');
      const kind = file?.replace(/\.json$/, '') as keyof RulePack;
      if (!(PACK_FILE_KINDS as readonly string[]).includes(kind)) {
        c.error(F, `/decisions/${i}/encodedIn/${j}`, `${quote(file)} is not a file of the pack`);
        return;
      }
      // A file that is missing or could not be read is reported as that; nothing to point into.
      if (pack[kind] === undefined) return;
      if (resolvePointer(pack[kind], pointer) === undefined) {
        c.error(
          F,
          `/decisions/${i}/encodedIn/${j}`,
          `'${pointer}' points at nothing in ${file}; correct the pointer`,
        );
        return;
      }
      const byId = pointerById(pack[kind], pointer);
      if (byId !== pointer) {
        c.warn(
          F,
          `/decisions/${i}/encodedIn/${j}`,
          `'${pointer}' counts positions, which change when entries are reordered; write '${byId}'`,
        );
      }
    });
  });
}

/**
 * The value a JSON pointer names. Besides positions ('/statuses/4'), a segment '[id]' names the
 * entry of an array whose `id` is id, the first one if several (dated versions share an id):
 * '/statuses/[approved]/clocks/[customer-opt-out]' stays right when entries are reordered.
 */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  let node: unknown = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    const id = /^\[(.+)\]$/.exec(key)?.[1];
    node =
      id !== undefined && Array.isArray(node)
        ? node.find((entry) => (entry as { id?: unknown } | null)?.id === id)
        : (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/** `pointer` (which resolves) with each position into an array of entries with ids written as '[id]'. */
function pointerById(root: unknown, pointer: string): string {
  const out: string[] = [];
  let node: unknown = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next = (node as Record<string, unknown>)[key];
    const id = Array.isArray(node) && /^\d+$/.test(key) ? (next as { id?: unknown } | null)?.id : undefined;
    // Only when the id names this very entry (the first with it), so the rewrite points at the same place.
    out.push(
      typeof id === 'string' && (node as unknown[]).find((e) => (e as { id?: unknown })?.id === id) === next
        ? `[${id}]`
        : raw,
    );
    node = resolvePointer(node, `/${raw}`);
  }
  return `/${out.join('/')}`;
}

/**
 * Runs every check whose files are present. It also runs when some files broke their schema, so a
 * policy owner sees every problem at once; a check that cannot run on a broken file is skipped
 * (the schema problem is reported instead), and references into a missing file are not judged.
 */
export function semanticProblems(
  pack: Partial<RulePack>,
  dir: string,
  options: SemanticOptions = {},
  into: ProblemList = new ProblemList(),
): Problem[] {
  const c = new Collector(dir, into);
  const attempt = <T>(needs: (keyof RulePack)[], run: (p: RulePack) => T): T | undefined => {
    if (needs.some((k) => pack[k] === undefined)) return undefined;
    try {
      return run(pack as RulePack);
    } catch {
      return undefined;
    }
  };
  attempt(['pack'], (p) => checkPackManifest(c, p));
  const calendarIds = attempt(['calendars'], (p) => checkCalendars(c, p, options));
  const statuses = attempt(['statuses'], (p) => checkStatuses(c, p, calendarIds));
  attempt(['statuses', 'calendars'], (p) => checkClockLengths(c, p));
  for (const kind of PACK_FILE_KINDS) {
    if (pack[kind] !== undefined) attempt([kind], (p) => checkDates(c, `${kind}.json`, p[kind]));
  }
  const fields = attempt(['fields'], (p) => checkFields(c, p, statuses?.statusIds));
  const reasons = attempt(['reasons'], (p) => checkReasons(c, p, fields?.fieldIds, statuses?.clockIds));
  attempt(['fields'], (p) => checkPredictions(c, p, reasons));
  if (fields && reasons) {
    // Field checks and PoE checks share one id space: findings name their check by id alone.
    const fieldCheckIds = new Set(fields.checkIds.map((x) => x.id));
    for (const { pointer, id } of reasons.poeCheckIds) {
      if (fieldCheckIds.has(id))
        c.error(
          'reasons.json',
          pointer,
          `check id '${id}' is also a field check in fields.json; give each its own id`,
        );
    }
  }
  if (fields) checkUnique(c, 'fields.json', fields.checkIds, 'check');
  if (reasons) checkUnique(c, 'reasons.json', reasons.poeCheckIds, 'PoE check');
  // Texts are checked for each language: only with a list the schema accepts (at most 50 languages),
  // else 5,000 languages × every text took seconds; the schema problem is reported instead.
  const locales = attempt(['pack'], (p) =>
    Array.isArray(p.pack.locales) &&
    p.pack.locales.length <= MAX_LOCALES &&
    p.pack.locales.every((l) => typeof l === 'string')
      ? p.pack.locales
      : undefined,
  );
  if (locales) attempt(['pack', 'locators'], (p) => checkLocators(c, p, locales));
  const docs = attempt(['pack'], (p) => new Set(Object.keys(p.pack.sources)));
  for (const kind of PACK_FILE_KINDS) {
    // pack.json's own texts are checked below; its 'sources' are the documents themselves.
    if (kind === 'pack' || pack[kind] === undefined) continue;
    if (locales) checkLocales(c, `${kind}.json`, pack[kind], '', locales);
    if (docs) checkSources(c, `${kind}.json`, pack[kind], '', docs);
  }
  if (pack.pack && locales) {
    checkLocales(c, 'pack.json', { name: pack.pack.name, description: pack.pack.description }, '', locales);
  }
  return [...into.list('error'), ...into.list('warning')];
}

/**
 * The texts a case file expects (`expected` of each case) in every language of the pack: a case
 * that says only the English countdown leaves the Dutch one untested, and a 'de' pack with no
 * German expectations is not tested in German at all.
 */
export function caseLocaleProblems(
  dir: string,
  file: string,
  cases: readonly { name?: unknown; expected?: unknown }[],
  locales: readonly string[],
): Problem[] {
  const c = new Collector(dir, new ProblemList());
  if (locales.length > MAX_LOCALES) return [];
  // A text here is an object of texts keyed by language codes of which one at least is the pack's:
  // { "id": "decision" } has a key of two letters too, and is no text.
  const wanted = new Set(locales);
  cases.forEach((x, i) => {
    const stack: [unknown, string][] = [[x.expected, `/cases/${i}/expected`]];
    while (stack.length > 0) {
      const [value, pointer] = stack.pop()!;
      if (value === null || typeof value !== 'object') continue;
      const entries = Object.entries(value);
      const isText =
        !Array.isArray(value) &&
        entries.length > 0 &&
        entries.every(([k, v]) => LOCALE.test(k) && typeof v === 'string') &&
        entries.some(([k]) => wanted.has(k));
      if (isText) {
        for (const locale of locales)
          if (!(locale in value))
            c.error(
              file,
              pointer,
              `case ${quote((x as { name?: unknown }).name ?? i)} expects no '${locale}' text (the pack lists '${locale}'); add "${locale}": … next to ${quote(entries[0]![1])}`,
            );
        continue;
      }
      for (const [k, v] of entries)
        stack.push([v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  });
  return [...c.problems.list('error'), ...c.problems.list('warning')];
}

/** The years a date in a pack may fall in: CPOR started in 2020; anything far outside is a typing error. */
export const DATE_YEARS = { from: 2000, to: 2100 } as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when 'YYYY-MM-DD' names a day of the calendar (not 30 February). */
function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Every text of a file that is written as a date ('YYYY-MM-DD') must be a real day in the
 * years 2000-2100: the schema's pattern lets '2026-02-30' through, which Date turns into 2 March.
 * A loop over an explicit stack (the file's depth is bounded, but no recursion is needed).
 */
function checkDates(c: Collector, file: string, root: unknown) {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value === 'string') {
      const m = ISO_DATE.exec(value);
      if (!m) continue;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        c.error(
          file,
          pointer,
          mo >= 1 && mo <= 12
            ? `'${value}' is not a date: ${MONTHS[mo - 1]} ${y} has ${daysInMonth(y, mo)} days; correct it`
            : `'${value}' is not a date: there is no month ${m[2]}; correct it`,
        );
      else if (y < DATE_YEARS.from || y > DATE_YEARS.to)
        c.error(
          file,
          pointer,
          `'${value}' lies outside the years ${DATE_YEARS.from}-${DATE_YEARS.to} that cpor-guard counts in; correct the year`,
        );
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [k, v] of Object.entries(value))
      stack.push([v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  }
}

/**
 * How far ahead the holiday table reaches: src/deadlines/holiday-table.ts's defaultHolidayRange
 * builds it up to 31 December two years after the current one, so at least 730 days past any
 * moment it is built (a test keeps the two in step). A clock that counts further runs off the
 * table's end, and its badges vanished (issue 11).
 */
export const HOLIDAY_TABLE_REACH_DAYS = 730;
/** Days a year that a region's holidays may close, at most, for the business-day limit (NL has 9, US 11). */
const HOLIDAYS_PER_YEAR_ALLOWANCE = 30;

/** The longest clock a calendar can count: in its unit. */
export function maxClockAmount(unit: Clock['unit'], calendar: Pick<Calendar, 'weekend'> | undefined): number {
  if (unit === 'calendar-days') return HOLIDAY_TABLE_REACH_DAYS;
  const businessWeekdays = 7 - new Set(calendar?.weekend ?? [6, 7]).size;
  const openDays = HOLIDAY_TABLE_REACH_DAYS - 2 * HOLIDAYS_PER_YEAR_ALLOWANCE;
  return Math.max(0, Math.floor((openDays * businessWeekdays) / 7));
}

function checkClockLengths(c: Collector, pack: RulePack) {
  const calendars = new Map(pack.calendars.calendars.map((cal) => [cal.id, cal]));
  pack.statuses.statuses.forEach((status, si) =>
    status.clocks.forEach((clock, ci) => {
      if (typeof clock.amount !== 'number' || clock.unit === undefined) return;
      const calendar = calendars.get(clock.calendar);
      const max = maxClockAmount(clock.unit, calendar);
      if (clock.amount > max)
        c.error(
          'statuses.json',
          `/statuses/${si}/clocks/${ci}/amount`,
          clock.unit === 'calendar-days'
            ? `${clock.amount} calendar days is longer than cpor-guard can count ahead; the most is ${max} (the holiday table reaches two years ahead)`
            : `${clock.amount} business days is longer than cpor-guard can count ahead on calendar ${quote(clock.calendar)}; the most is ${max} (two years of its business days, less holidays)`,
        );
    }),
  );
}
