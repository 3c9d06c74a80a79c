/**
 * Case kinds for statuses.json and fields.json editability.
 *
 * - 'transition': input {from, to} → expected {allowed, actor?}
 * - 'editable': input {field, status}, at → expected {editable}
 * - 'editable-fields': input {status}, at → expected {fields: [ids in fields.json order]}
 */
import { isoDateIn } from '../dated';
import { editableFields, findTransition, isEditable } from '../lifecycle';
import type { RulePack } from '../types';
import type { CaseHandler, RuleCase } from './types';

function dayOf(ruleCase: RuleCase, pack: RulePack): string {
  if (!ruleCase.at) throw new Error("this kind of case needs 'at'");
  const zone = pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC';
  return /T/.test(ruleCase.at) ? isoDateIn(new Date(ruleCase.at), zone) : ruleCase.at;
}

const text = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new Error(`input.${name} must be a text`);
  return v;
};

export const transitionCase: CaseHandler = (c, pack) => {
  const t = findTransition(pack, text(c.input.from, 'from'), text(c.input.to, 'to'));
  return { allowed: t !== undefined, ...(t ? { actor: t.actor } : {}) };
};

export const editableCase: CaseHandler = (c, pack) => {
  const id = text(c.input.field, 'field');
  const field = pack.fields.fields.find((f) => f.id === id);
  if (!field) throw new Error(`no field '${id}' in fields.json`);
  return { editable: isEditable(pack, field, text(c.input.status, 'status'), dayOf(c, pack)) };
};

export const editableFieldsCase: CaseHandler = (c, pack) => ({
  fields: editableFields(pack, text(c.input.status, 'status'), dayOf(c, pack)).map((f) => f.id),
});
