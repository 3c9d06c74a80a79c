/**
 * The kinds of rule file a pack holds. Each kind is one file of the pack (rules/<pack>/<kind>.json)
 * and one schema (rules/schema/<kind>.schema.json); `cases` files sit beside rule files.
 */
export const PACK_FILE_KINDS = [
  'pack',
  'statuses',
  'calendars',
  'fields',
  'reasons',
  'locators',
  'program',
  'messages',
] as const;
export type PackFileKind = (typeof PACK_FILE_KINDS)[number];

export const SCHEMA_KINDS = [...PACK_FILE_KINDS, 'cases'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export const schemaFileOf = (kind: SchemaKind) => `${kind}.schema.json`;
export const packFileOf = (kind: PackFileKind) => `${kind}.json`;
export const validatorNameOf = (kind: SchemaKind) => `validate${kind[0]!.toUpperCase()}${kind.slice(1)}`;
