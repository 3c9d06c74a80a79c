/**
 * What the status rules allow: which status may follow which, and which fields may be changed
 * in a status on a given day (statuses.json transitions, fields.json editing).
 */
import { inForce } from './dated';
import type { Field, RulePack, Status, Transition } from './types';

export function findStatus(pack: RulePack, id: string): Status | undefined {
  return pack.statuses.statuses.find((s) => s.id === id);
}

/** The transition from one status to another, or undefined when the rules do not allow it. */
export function findTransition(pack: RulePack, from: string, to: string): Transition | undefined {
  return findStatus(pack, from)?.transitions.find((t) => t.to === to);
}

/** The statuses in which fields marked editableAfterCreation may change, on `day` (YYYY-MM-DD). */
export function editingStatusesOn(pack: RulePack, day: string): readonly string[] {
  return inForce(pack.fields.editing, day)?.statuses ?? [];
}

/** May `field` be changed while the claim is in `status`, on `day`? */
export function isEditable(pack: RulePack, field: Field, status: string, day: string): boolean {
  if (findStatus(pack, status)?.draft) return true;
  return field.editableAfterCreation && editingStatusesOn(pack, day).includes(status);
}

export function editableFields(pack: RulePack, status: string, day: string): Field[] {
  return pack.fields.fields.filter(
    (f) => (f.origin ?? 'partner-center') === 'partner-center' && isEditable(pack, f, status, day),
  );
}

/** The field's label on `day`: the latest labelHistory entry in force, else its label. */
export function fieldLabelOn(field: Field, day: string): Record<string, string> {
  return inForce(field.labelHistory ?? [], day)?.label ?? field.label;
}
