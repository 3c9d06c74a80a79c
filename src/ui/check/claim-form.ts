/**
 * The claim form of the check page, as pure functions of the pack: which fields it asks, in
 * which groups, which options a choice offers, and how the typed values become the ClaimValues
 * that checkFields and checkPoe read. No DOM, no browser API (test/ui/check/claim-form.test.ts).
 */
import { localize } from '../../i18n/format';
import { fieldLabelOn, findStatus } from '../../rules/lifecycle';
import type { Field, Option, RulePack } from '../../rules/types';
import type { ClaimValues, FieldValue } from '../../validation/claim';
import type { Finding, Severity } from '../../validation/finding';

/** What the form holds: text per field, option ids for 'choices'. Files are kept apart (they are Blobs). */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/**
 * How the form is laid out: a UI decision, not CPOR policy, so it lives here and not in the
 * pack. An id ending in '.*' takes every field with that prefix. A field of fields.json that no
 * group names still appears, in 'other', so a policy owner's new field is never hidden.
 */
export const FORM_LAYOUT: readonly { group: string; fields: readonly string[] }[] = [
  { group: 'customer', fields: ['customerName', 'customerDomain', 'tenantId'] },
  {
    group: 'claim',
    fields: [
      'partnerId',
      'claimName',
      'solutionArea',
      'activity',
      'products',
      'dynamicsSubscriptionCount',
      'subscriptionId',
    ],
  },
  { group: 'contacts', fields: ['customerContact.*', 'technicalContact.*', 'partnerContact.*'] },
  { group: 'revenue', fields: ['dynamicsSolutionSellerName', 'revenueCustomerName', 'isvProductName'] },
  { group: 'poe', fields: ['poe', 'comments'] },
];

export interface FieldGroup {
  /** The group's key: its title is the message `ui.check.group.<id>`. */
  id: string;
  fields: Field[];
}

/** Fields a PoE check of the pack reads (reasons.json `fields`), whatever their origin. */
function fieldsReadByPoeChecks(pack: RulePack): Set<string> {
  return new Set(
    pack.reasons.actionRequired.flatMap((r) => r.poeChecks.flatMap((c) => (c.fields ?? []) as string[])),
  );
}

/**
 * The fields the form asks: every field of the Partner Center claim form and every question of
 * cpor-guard; a dashboard-only field (such as the customer's name) only when a PoE check needs it.
 */
export function formFieldsOf(pack: RulePack): Field[] {
  const readByPoe = fieldsReadByPoeChecks(pack);
  return pack.fields.fields.filter(
    (f) => (f.origin ?? 'partner-center') !== 'dashboard' || readByPoe.has(f.id),
  );
}

const matches = (pattern: string, id: string) =>
  pattern.endsWith('.*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id;

export function groupFields(fields: readonly Field[]): FieldGroup[] {
  const placed = new Set<string>();
  const groups: FieldGroup[] = [];
  for (const { group, fields: patterns } of FORM_LAYOUT) {
    const inGroup = patterns.flatMap((p) => fields.filter((f) => matches(p, f.id) && !placed.has(f.id)));
    for (const f of inGroup) placed.add(f.id);
    if (inGroup.length > 0) groups.push({ id: group, fields: inGroup });
  }
  const rest = fields.filter((f) => !placed.has(f.id));
  if (rest.length > 0) groups.push({ id: 'other', fields: rest });
  return groups;
}

/**
 * The options a choice offers given the other answers: an option whose `allowedWith` names a
 * field that has a value offers itself only for the listed values. Options already chosen stay
 * listed, so the partner can see and undo a choice that the field check will report.
 */
export function visibleOptions(field: Field, values: FormValues): Option[] {
  const chosen = new Set(asList(values[field.id]));
  return (field.options ?? []).filter((option) => {
    if (chosen.has(option.id) || !option.allowedWith) return true;
    return Object.entries(option.allowedWith).every(([other, allowed]) => {
      const value = values[other];
      const answers = asList(value).filter((v) => v !== '');
      return answers.length === 0 || answers.some((v) => (allowed as readonly string[]).includes(v));
    });
  });
}

/** The fields an option list of this field depends on (its options' `allowedWith`). */
export function optionDependencies(field: Field): string[] {
  return [...new Set((field.options ?? []).flatMap((o) => Object.keys(o.allowedWith ?? {})))];
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * The claim as the checks read it. Text is trimmed and empty answers are left out (a missing
 * value and an empty one are the same to the checks); a number field holds a number; 'choices'
 * hold option ids; a 'files' field holds the chosen file names.
 */
export function claimValuesOf(
  fields: readonly Field[],
  values: FormValues,
  fileNames: Readonly<Record<string, readonly string[]>> = {},
): ClaimValues {
  const claim: Record<string, FieldValue> = {};
  for (const field of fields) {
    if (field.kind === 'files') {
      const names = fileNames[field.id] ?? [];
      if (names.length > 0) claim[field.id] = [...names];
      continue;
    }
    const value = values[field.id];
    if (value === undefined) continue;
    if (field.kind === 'choices') {
      const list = asList(value).filter((v) => v !== '');
      if (list.length > 0) claim[field.id] = [...list];
      continue;
    }
    const text = (typeof value === 'string' ? value : value.join(',')).trim();
    if (text === '') continue;
    if (field.kind === 'number') {
      const n = Number(text);
      claim[field.id] = Number.isFinite(n) ? n : text;
    } else {
      claim[field.id] = text;
    }
  }
  return claim;
}

/** A claim this computer has seen, to start the form from (its record's fields first seen). */
export interface SeenClaim {
  claimId: string;
  /** Its status when last seen (a status id of the pack, or one it no longer has). */
  status: string;
  /** Epoch ms of the last sighting: the newest first. */
  lastSeen: number;
  /** The fields as first seen on its page (src/store/claim-record.ts ClaimRecord.firstFields). */
  fields: Readonly<Record<string, string | number | boolean | readonly string[] | null>>;
}

/**
 * The form's values for a claim seen on Partner Center: each field the form asks that the claim's
 * page showed, as the form holds it (text, an option id, option ids). Values the form cannot hold
 * (an option the pack no longer has, a field shown empty, the file names of a PoE) are left out:
 * the partner fills them in.
 */
export function formValuesOf(fields: readonly Field[], seen: SeenClaim['fields']): FormValues {
  const values: Record<string, string | readonly string[]> = {};
  for (const field of fields) {
    const value = seen[field.id];
    if (value === undefined || value === null || field.kind === 'files') continue;
    const options = new Set((field.options ?? []).map((o) => o.id));
    if (field.kind === 'choices') {
      const list = (Array.isArray(value) ? value : [String(value)]).filter((v) => options.has(v));
      if (list.length > 0) values[field.id] = list;
    } else if (field.kind === 'choice') {
      const id = Array.isArray(value) ? value[0] : String(value);
      if (id !== undefined && options.has(id)) values[field.id] = id;
    } else {
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      if (text.trim() !== '') values[field.id] = text;
    }
  }
  return values;
}

/** The claims to offer: those whose fields were kept, the most recently seen first, at most `limit`. */
export function seenClaimsOf(
  records: readonly {
    claimId: string;
    lastSeen: number;
    history: readonly { status: string }[];
    firstFields?: SeenClaim['fields'];
  }[],
  limit = 200,
): SeenClaim[] {
  return records
    .filter((r) => r.firstFields && Object.keys(r.firstFields).length > 0)
    .map((r) => ({
      claimId: r.claimId,
      status: r.history[r.history.length - 1]?.status ?? '',
      lastSeen: r.lastSeen,
      fields: r.firstFields!,
    }))
    .sort((a, b) => b.lastSeen - a.lastSeen || (a.claimId < b.claimId ? -1 : 1))
    .slice(0, limit);
}

/** The status a new claim is in (statuses.json: the one status with `draft: true`). */
export function draftStatusOf(pack: RulePack): string {
  return pack.statuses.statuses.find((s) => s.draft)?.id ?? pack.statuses.statuses[0]?.id ?? '';
}

/** A local calendar date as YYYY-MM-DD (what an <input type="date"> holds). */
export function isoDateOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The moment the checks take for a submission date: noon UTC of that day, which is the same
 * calendar day in every time zone from UTC-11 to UTC+11 (Redmond and Amsterdam included), so the
 * day that decides dated rules and the PoE's age is the one the partner typed.
 */
export function submissionMomentOf(isoDate: string): Date {
  const moment = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(moment.getTime()) ? new Date() : moment;
}

export const SEVERITIES: readonly Severity[] = ['blocking', 'warning', 'info'];

export function bySeverity(findings: readonly Finding[]): Record<Severity, Finding[]> {
  const out: Record<Severity, Finding[]> = { blocking: [], warning: [], info: [] };
  for (const f of findings) out[f.severity].push(f);
  return out;
}

/** The label of a field on a day, in a language, or the id of a field the pack lacks. */
export function fieldLabel(pack: RulePack, id: string, day: string, locale: string): string {
  const field = pack.fields.fields.find((f) => f.id === id);
  return field ? localize(fieldLabelOn(field, day), locale, pack.pack.defaultLocale) : id;
}

/** The label of a reviewer reason (reasons.json), or its id when the pack lacks it. */
export function reasonLabel(
  pack: RulePack,
  prediction: NonNullable<Finding['predicts']>,
): Record<string, string> | undefined {
  const list = prediction.type === 'rejection' ? pack.reasons.rejection : pack.reasons.actionRequired;
  return list.find((r) => r.id === prediction.reason)?.label;
}

/** The label of a status, for the status select. */
export function statusLabel(pack: RulePack, id: string): Record<string, string> {
  return findStatus(pack, id)?.label ?? { [pack.pack.defaultLocale]: id };
}
