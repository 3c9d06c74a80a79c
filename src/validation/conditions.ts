/**
 * The condition language of fields.json checks (`when`, `assert`), evaluated on a claim.
 * The schema (rules/schema/fields.schema.json#/$defs/condition) documents each test.
 */
import type { Condition, Field } from '../rules/types';
import { type ClaimValues, type FieldValue, isEmptyValue } from './claim';

export interface ConditionContext {
  claim: ClaimValues;
  fieldsById: ReadonlyMap<string, Field>;
}

const asList = (value: FieldValue): readonly string[] =>
  Array.isArray(value) ? value : isEmptyValue(value) ? [] : [String(value)];

/** The chosen options of a choice field that are not allowed with the other fields' values. */
export function disallowedOptions(field: Field, ctx: ConditionContext): string[] {
  const options = new Map((field.options ?? []).map((o) => [o.id, o]));
  return asList(ctx.claim[field.id]).filter((chosen) => {
    const option = options.get(chosen);
    if (!option) return true;
    return Object.entries(option.allowedWith ?? {}).some(([other, values]) => {
      const otherValue = ctx.claim[other];
      // An empty other field is reported by its own 'required' check, not here.
      const allowed: readonly string[] = values ?? [];
      return !isEmptyValue(otherValue) && !allowed.includes(String(otherValue));
    });
  });
}

export function holds(condition: Condition, ctx: ConditionContext): boolean {
  if (condition.all) return condition.all.every((c) => holds(c, ctx));
  if (condition.any) return condition.any.some((c) => holds(c, ctx));
  if (condition.not) return !holds(condition.not, ctx);
  const id = condition.field;
  if (id === undefined) return false;
  const value = ctx.claim[id];
  if (condition.present !== undefined) return condition.present !== isEmptyValue(value);
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in !== undefined) return typeof value === 'string' && condition.in.includes(value);
  if (condition.atLeast !== undefined) {
    const n = Array.isArray(value) ? value.length : Number(value);
    return Number.isFinite(n) && n >= condition.atLeast;
  }
  const field = ctx.fieldsById.get(id);
  if (condition.anyOptionIn !== undefined) {
    const families = new Set(condition.anyOptionIn);
    const options = new Map((field?.options ?? []).map((o) => [o.id, o]));
    return asList(value).some((chosen) => {
      const family = options.get(chosen)?.family;
      return family !== undefined && families.has(family);
    });
  }
  if (condition.optionsAllowed) return field !== undefined && disallowedOptions(field, ctx).length === 0;
  return false;
}
