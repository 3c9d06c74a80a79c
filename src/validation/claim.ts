/**
 * A claim as the checks see it: field id (fields.json) → value. Choices hold option ids;
 * 'products' is a list of option ids; 'poe' is the list of PoE file names.
 */
export type FieldValue = string | number | boolean | readonly string[] | null | undefined;
export type ClaimValues = Readonly<Record<string, FieldValue>>;

export function isEmptyValue(value: FieldValue): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
