/**
 * The field half of the pre-submission check: every check declared in fields.json, and
 * editability (changing a field that may not change in the claim's status). Pure and fast: the
 * bench runs it on 1,000 claims.
 */
import { formatMessageAll, localize } from '../i18n/format';
import { inForce, isoDateIn } from '../rules/dated';
import { fieldLabelOn, findStatus, isEditable } from '../rules/lifecycle';
import { compilePackPattern, type PackPattern } from '../rules/patterns';
import type { Check, Field, LocalizedText, RulePack } from '../rules/types';
import { type ClaimValues, type FieldValue, isEmptyValue } from './claim';
import { type ClaimPredicate, compileCondition, compileDisallowedOptions } from './conditions';
import type { Finding } from './finding';

export interface FieldCheckContext {
  /** The claim's current status id; the draft status for a new claim. */
  status: string;
  /** When the check runs (decides dated rules such as editability and labels). */
  at: Date;
  /** The claim as it was before the partner's edits; with it, edits of locked fields are findings. */
  original?: ClaimValues;
}

/** A built-in pattern; it is known to compile, so a failure is a programming error. */
function builtIn(source: string): PackPattern {
  const compiled = compilePackPattern(source, { ignoreCase: true });
  if (!compiled.ok) throw new Error(`built-in format ${source}: ${compiled.reason}`);
  return compiled.pattern;
}

/**
 * What a format means. These are syntax definitions, like JSON Schema's formats, not policy:
 * which field has which format is rule data (fields.json `format` checks). They run on RE2 like
 * the pack's patterns, so a 50 KB value is checked in linear time; RE2 has no lookahead, so the
 * domain's 253-character limit is a length test.
 */
const DOMAIN = builtIn('^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$');
const FORMATS: Record<NonNullable<Check['format']>, Pick<PackPattern, 'test'>> = {
  guid: builtIn('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  email: builtIn('^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$'),
  domain: { test: (text) => text.length >= 1 && text.length <= 253 && DOMAIN.test(text) },
};

const shown = (value: FieldValue): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** A check compiled once per pack and day: its conditions as predicates, its texts made. */
interface CompiledCheck {
  field: Field;
  check: Check;
  when?: ClaimPredicate;
  assert?: ClaimPredicate;
  disallowed?: (claim: ClaimValues) => string[];
  /** The check's pattern on RE2 (linear time); undefined when it does not compile (loadPack refuses such a pack). */
  pattern?: PackPattern;
  /** Standard texts by messages.json key, in every language. */
  texts: Map<string, LocalizedText>;
}

/** What depends only on the pack and the day, computed once per pair: the bench checks 1,000 claims. */
interface Plan {
  pack: RulePack;
  day: string;
  labels: Map<string, LocalizedText>;
  checks: CompiledCheck[];
}
const plans = new WeakMap<RulePack, Map<string, Plan>>();

function compilePlan(pack: RulePack, day: string): Plan {
  const fieldsById = new Map(pack.fields.fields.map((f) => [f.id, f]));
  const labels = new Map(pack.fields.fields.map((f) => [f.id, fieldLabelOn(f, day)]));
  const checks = pack.fields.fields.flatMap((field) =>
    field.checks.map((check): CompiledCheck => {
      const compiled: CompiledCheck = { field, check, texts: new Map() };
      if (check.when) compiled.when = compileCondition(check.when, fieldsById);
      if (check.assert) compiled.assert = compileCondition(check.assert, fieldsById);
      if (check.kind === 'options') compiled.disallowed = compileDisallowedOptions(field);
      if (check.pattern !== undefined) {
        const pattern = compilePackPattern(check.pattern);
        if (pattern.ok) compiled.pattern = pattern.pattern;
      }
      return compiled;
    }),
  );
  return { pack, day, labels, checks };
}

function planFor(pack: RulePack, day: string): Plan {
  let byDay = plans.get(pack);
  if (!byDay) {
    byDay = new Map();
    plans.set(pack, byDay);
  }
  let plan = byDay.get(day);
  if (!plan) {
    plan = compilePlan(pack, day);
    byDay.set(day, plan);
  }
  return plan;
}

function label(p: Plan, field: Field, locale: string): string {
  return localize(p.labels.get(field.id) ?? field.label, locale, p.pack.pack.defaultLocale);
}

function finding(
  claim: ClaimValues,
  field: Field,
  check: Check,
  message: LocalizedText,
  fix?: LocalizedText,
): Finding {
  const value = claim[field.id];
  const out: Finding = {
    id: check.id,
    severity: check.severity,
    concerns: { field: field.id },
    message,
    evidence: [isEmptyValue(value) ? { found: false } : { found: true, quote: shown(value) }],
    source: check.source,
  };
  const fixText = check.fix ?? fix;
  if (fixText) out.fix = fixText;
  if (check.predicts) out.predicts = check.predicts;
  return out;
}

/** The message of a check: its own, else the standard one of messages.json with the field's label. */
function messageOf(p: Plan, c: CompiledCheck, key: string, extra?: Record<string, string>): LocalizedText {
  if (c.check.message) return c.check.message;
  if (extra)
    return formatMessageAll(p.pack, key, (locale) => ({ field: label(p, c.field, locale), ...extra }));
  return standardText(p, c, key);
}

/** A message of messages.json about one field, made once per plan. */
function standardText(p: Plan, c: CompiledCheck, key: string): LocalizedText {
  let text = c.texts.get(key);
  if (!text) {
    text = formatMessageAll(p.pack, key, (locale) => ({ field: label(p, c.field, locale) }));
    c.texts.set(key, text);
  }
  return text;
}

function runCheck(p: Plan, c: CompiledCheck, claim: ClaimValues): Finding | undefined {
  const { field, check } = c;
  if (c.when && !c.when(claim)) return undefined;
  const value = claim[field.id];
  const empty = isEmptyValue(value);
  switch (check.kind) {
    case 'required':
      if (!empty) return undefined;
      return finding(
        claim,
        field,
        check,
        messageOf(p, c, 'check.required'),
        standardText(p, c, 'fix.fillIn'),
      );
    case 'pattern':
      if (empty || !c.pattern || c.pattern.test(shown(value))) return undefined;
      return finding(claim, field, check, messageOf(p, c, 'check.pattern'));
    case 'format':
      if (empty || check.format === undefined || FORMATS[check.format].test(shown(value).trim()))
        return undefined;
      return finding(claim, field, check, messageOf(p, c, `check.format.${check.format}`));
    case 'options': {
      if (empty || !c.disallowed) return undefined;
      const bad = c.disallowed(claim);
      if (bad.length === 0) return undefined;
      return finding(claim, field, check, messageOf(p, c, 'check.options', { value: bad.join(', ') }));
    }
    case 'condition':
      if (!c.assert || c.assert(claim)) return undefined;
      return finding(claim, field, check, messageOf(p, c, 'check.pattern'));
    case 'notice':
      return finding(claim, field, check, messageOf(p, c, 'check.pattern'));
  }
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function editFindings(p: Plan, claim: ClaimValues, status: string, original: ClaimValues): Finding[] {
  const { pack } = p;
  const editing = inForce(pack.fields.editing, p.day);
  const statusLabel = findStatus(pack, status)?.label ?? { [pack.pack.defaultLocale]: status };
  const allowed = pack.fields.fields.filter((f) => isEditable(pack, f, status, p.day));
  const out: Finding[] = [];
  for (const field of pack.fields.fields) {
    if (sameValue(claim[field.id], original[field.id]) || isEditable(pack, field, status, p.day)) continue;
    out.push({
      id: 'field-not-editable',
      severity: 'blocking',
      concerns: { field: field.id },
      message: formatMessageAll(pack, 'check.notEditable', (locale) => ({
        field: label(p, field, locale),
        status: localize(statusLabel, locale, pack.pack.defaultLocale),
      })),
      fix: formatMessageAll(pack, 'check.notEditable.fix', (locale) => ({
        fields: allowed.map((f) => label(p, f, locale)).join(', ') || '–',
      })),
      evidence: [{ found: true, quote: `${shown(original[field.id])} → ${shown(claim[field.id])}` }],
      source: editing?.source ?? field.source,
    });
  }
  return out;
}

export function checkFields(claim: ClaimValues, pack: RulePack, context: FieldCheckContext): Finding[] {
  const plan = planFor(pack, dayOf(pack, context.at));
  const findings: Finding[] = [];
  for (const compiled of plan.checks) {
    const found = runCheck(plan, compiled, claim);
    if (found) findings.push(found);
  }
  if (context.original) findings.push(...editFindings(plan, claim, context.status, context.original));
  return findings;
}

/** The day (in Microsoft's time zone) that decides dated rules; the last answer is reused. */
let lastDay: { pack: RulePack; time: number; day: string } | undefined;
function dayOf(pack: RulePack, at: Date): string {
  const time = at.getTime();
  if (lastDay?.pack === pack && lastDay.time === time) return lastDay.day;
  const timeZone = pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC';
  const day = isoDateIn(at, timeZone);
  lastDay = { pack, time, day };
  return day;
}
