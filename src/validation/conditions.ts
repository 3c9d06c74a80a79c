/**
 * The condition language of fields.json checks (`when`, `assert`), compiled once per pack into
 * plain predicates on a claim. The schema (rules/schema/fields.schema.json#/$defs/condition)
 * documents each test.
 */
import type { Condition, Field } from '../rules/types';
import { type ClaimValues, type FieldValue, isEmptyValue } from './claim';

export type ClaimPredicate = (claim: ClaimValues) => boolean;

const asList = (value: FieldValue): readonly string[] =>
  Array.isArray(value) ? value : isEmptyValue(value) ? [] : [String(value)];

/**
 * For a choice field: which chosen values are unknown options, or options not allowed with the
 * other fields' values (their `allowedWith`).
 */
export function compileDisallowedOptions(field: Field): (claim: ClaimValues) => string[] {
  const options = new Map(
    (field.options ?? []).map((o) => [
      o.id,
      Object.entries(o.allowedWith ?? {}).map(([other, values]) => [other, new Set(values ?? [])] as const),
    ]),
  );
  return (claim) =>
    asList(claim[field.id]).filter((chosen) => {
      const constraints = options.get(chosen);
      if (!constraints) return true;
      return constraints.some(([other, allowed]) => {
        const otherValue = claim[other];
        // An empty other field is reported by its own 'required' check, not here.
        return !isEmptyValue(otherValue) && !allowed.has(String(otherValue));
      });
    });
}

export function compileCondition(
  condition: Condition,
  fieldsById: ReadonlyMap<string, Field>,
): ClaimPredicate {
  const { all, any, not } = condition;
  if (all) {
    const parts = all.map((c) => compileCondition(c, fieldsById));
    return (claim) => parts.every((p) => p(claim));
  }
  if (any) {
    const parts = any.map((c) => compileCondition(c, fieldsById));
    return (claim) => parts.some((p) => p(claim));
  }
  if (not) {
    const inner = compileCondition(not, fieldsById);
    return (claim) => !inner(claim);
  }
  const id = condition.field;
  if (id === undefined) return () => false;
  if (condition.present !== undefined) {
    const present = condition.present;
    return (claim) => present !== isEmptyValue(claim[id]);
  }
  if (condition.equals !== undefined) {
    const expected = condition.equals;
    return (claim) => claim[id] === expected;
  }
  if (condition.in !== undefined) {
    const values = new Set<string>(condition.in);
    return (claim) => {
      const value = claim[id];
      return typeof value === 'string' && values.has(value);
    };
  }
  if (condition.atLeast !== undefined) {
    const least = condition.atLeast;
    return (claim) => {
      const value = claim[id];
      const n = Array.isArray(value) ? value.length : Number(value);
      return Number.isFinite(n) && n >= least;
    };
  }
  const field = fieldsById.get(id);
  if (condition.anyOptionIn !== undefined) {
    const families = new Set(condition.anyOptionIn);
    const inFamily = new Set(
      (field?.options ?? []).filter((o) => o.family && families.has(o.family)).map((o) => o.id),
    );
    return (claim) => asList(claim[id]).some((chosen) => inFamily.has(chosen));
  }
  if (condition.optionsAllowed && field) {
    const disallowed = compileDisallowedOptions(field);
    return (claim) => disallowed(claim).length === 0;
  }
  return () => false;
}
