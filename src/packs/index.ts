/**
 * Rule packs beyond the built-in one: a policy owner imports a pack's files, activates it, and
 * rolls back (repository.ts). Runs in the background and the extension pages, never in a content
 * script (the database belongs to the extension's origin).
 */
export {
  ACTIVE_PACK_CHANGED_KEY,
  type ActivePack,
  type ActivePackRecord,
  BUILTIN_PACK_ID,
  createActivePackReader,
  IMPORT_DIR,
  type ImportResult,
  type OpenPackRepositoryOptions,
  openPackRepository,
  PackNotLoadableError,
  type PackRepository,
  type PackSummary,
  packContentHash,
  ROLLBACK_LIMIT,
  readActivePackRecord,
  readStoredPackEntry,
  type StoredPackEntry,
} from './repository';
