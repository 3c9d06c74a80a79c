/**
 * The records of the packs in cpor-guard's database, as src/store/db.ts's schema types them, and
 * their readers: what is read back is checked (another version of cpor-guard, or a broken disk,
 * may have written it). Types and checks only, so that the database module and the repository
 * both import this file and not each other.
 */
import type { RawPackFiles } from '../rules/load';
import type { LocalizedText } from '../rules/types';

/** The id of the pack bundled with the extension (rules/cpor); never stored, never removed. */
export const BUILTIN_PACK_ID = 'builtin';

/** An imported pack as stored in 'packs'. Entries are never edited: a changed file is another entry. */
export interface StoredPackEntry {
  /**
   * `${packId}@${version}#${hash}`, the hash over the files' content (12 hex digits of SHA-256 of
   * their JSON with sorted keys): the same files imported twice give the same id, one entry.
   */
  id: string;
  /** From pack.json. */
  packId: string;
  version: string;
  name: LocalizedText;
  /** The parsed JSON of each pack file, as imported (other keys, e.g. cases, are not kept). */
  files: RawPackFiles;
  /** When it was imported, epoch ms. */
  importedAt: number;
}

/**
 * The record under META_KEYS.activePack: the id of the pack chosen as active and the ids active
 * before it, oldest first (what rollback goes back to). No record: the built-in pack, no history.
 */
export interface ActivePackRecord {
  active: string;
  previous: string[];
}

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLocalizedText = (value: unknown): value is LocalizedText =>
  isObject(value) && Object.values(value).every((text) => typeof text === 'string');

/** A value read from 'packs', checked for the shape of an entry (its files are checked by loadPack when loaded). */
export function readStoredPackEntry(value: unknown): Read<StoredPackEntry> {
  if (!isObject(value)) return { ok: false, problem: 'not an object' };
  for (const key of ['id', 'packId', 'version'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '')
      return { ok: false, problem: `'${key}' is not a non-empty text` };
  }
  if (!isLocalizedText(value.name)) return { ok: false, problem: "'name' is not a text per language" };
  if (!isObject(value.files)) return { ok: false, problem: "'files' is not an object" };
  if (typeof value.importedAt !== 'number' || !Number.isFinite(value.importedAt))
    return { ok: false, problem: "'importedAt' is not a time" };
  return { ok: true, value: value as unknown as StoredPackEntry };
}

/** The active-pack record as read from 'meta'; no record means the built-in pack, no history. */
export function readActivePackRecord(value: unknown): Read<ActivePackRecord> {
  if (value === undefined) return { ok: true, value: { active: BUILTIN_PACK_ID, previous: [] } };
  if (!isObject(value)) return { ok: false, problem: 'not an object' };
  if (typeof value.active !== 'string' || value.active === '')
    return { ok: false, problem: "'active' is not a non-empty text" };
  if (!Array.isArray(value.previous) || !value.previous.every((id) => typeof id === 'string'))
    return { ok: false, problem: "'previous' is not a list of texts" };
  return { ok: true, value: { active: value.active, previous: [...value.previous] } };
}
