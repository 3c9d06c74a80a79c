/**
 * The backup file: everything cpor-guard keeps on the partner's machine (the claims with their
 * status history and events, the results of the pre-submission check, the imported rule packs and
 * which one is active, the settings) as one versioned JSON file, and the checks a file read back
 * must pass before anything of it is used. Pure: no database, no browser API (service.ts does the
 * reading and writing).
 *
 * The file comes from outside (another machine, an e-mail, a disk): its size and nesting depth
 * are bounded before it is parsed, and every record in it goes through the same reader as a record
 * read from the database (readClaimRecord, isValidationRecord, readStoredPackEntry,
 * readActivePackRecord, regionProblem), so there is one definition of each shape. A JSON Schema
 * compiled by the codegen would state those shapes a second time, in a second place that could
 * drift from the readers; the packs' files are checked by loadPack when restored (service.ts).
 */
import {
  type ActivePackRecord,
  readActivePackRecord,
  readStoredPackEntry,
  type StoredPackEntry,
} from '../packs/records';
import { type RegionCatalog, readSettingsValue, type Settings } from '../settings/settings';
import { type ClaimRecord, readClaimRecord } from '../store/claim-record';
import { isValidationRecord, type ValidationRecord } from '../store/validations';

/** The file's `format`: what says that a JSON file is a cpor-guard backup. */
export const BACKUP_FORMAT = 'cpor-guard-backup';

/** The file's `version`; a change of its shape raises it, and a file of a later version is refused. */
export const BACKUP_VERSION = 1;

/**
 * The largest file read: a generous bound (10,000 claims are about 3 MB, a rule pack about 130 KB,
 * and the repository keeps at most ROLLBACK_LIMIT of them in use) that keeps a wrong file, e.g. a
 * video, from being parsed, and stays well under what a runtime message can carry (64 MiB).
 */
export const MAX_BACKUP_BYTES = 16 * 1024 * 1024;

/** The deepest nesting of arrays and objects read (a rule pack's files nest about 10 deep). */
export const MAX_BACKUP_DEPTH = 64;

export interface BackupContents {
  /** The valid claim records, by claimId. */
  claims: ClaimRecord[];
  /** The results of the pre-submission check, oldest first. */
  validations: ValidationRecord[];
  /** The imported rule packs, as stored. */
  packs: StoredPackEntry[];
  /** Which pack is active and the ones active before it (BUILTIN_PACK_ID: the built-in pack). */
  activePack: ActivePackRecord;
  /** The partner's settings as chosen; absent when never chosen (the pack's defaults apply). */
  settings?: Settings;
}

export interface BackupFile extends BackupContents {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When the backup was made, ISO 8601 in UTC. */
  exportedAt: string;
}

/**
 * Why a file was refused: too big, not JSON (or not UTF-8 text), nested too deep, not a
 * cpor-guard backup, a backup of a later version, or a backup with a part of the wrong shape.
 */
export type RefusalReason = 'too-big' | 'not-json' | 'too-deep' | 'foreign' | 'future-version' | 'bad-shape';

export interface Refusal {
  reason: RefusalReason;
  /** What exactly, in English, for the partner's IT or a developer (e.g. "claims[3]: history is not a non-empty array"). */
  detail: string;
}

export type ReadBackupResult =
  | { ok: true; backup: BackupContents; exportedAt: string; version: number }
  | { ok: false; refusal: Refusal };

const TOP_LEVEL_KEYS = new Set([
  'format',
  'version',
  'exportedAt',
  'claims',
  'validations',
  'packs',
  'activePack',
  'settings',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The backup file's text for `contents` made at `now` (epoch ms): the JSON, indented for a person who opens it. */
export function serializeBackup(contents: BackupContents, now: number): string {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    claims: contents.claims,
    validations: contents.validations,
    packs: contents.packs,
    activePack: contents.activePack,
    ...(contents.settings ? { settings: contents.settings } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The size of a text in UTF-8 octets, counted only when it may be over `limit`. */
function overLimit(text: string, limit: number): boolean {
  if (text.length > limit) return true; // every UTF-16 unit is at least one octet
  if (text.length * 3 <= limit) return false; // and at most three
  return new TextEncoder().encode(text).length > limit;
}

/** The deepest nesting of [ and { outside strings, stopping past `limit`: one pass, no recursion. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A list of `name` whose every item `read` accepts (undefined) and whose `keyOf` is unique; else why not. */
function listProblem<T>(
  value: unknown,
  name: string,
  read: (item: unknown) => string | undefined,
  keyOf: (item: T) => string,
): string | undefined {
  if (!Array.isArray(value)) return `${name} is not a list`;
  const seen = new Set<string>();
  for (const [index, item] of value.entries()) {
    const problem = read(item);
    if (problem) return `${name}[${index}]: ${problem}`;
    const key = keyOf(item as T);
    if (seen.has(key)) return `${name}[${index}]: ${JSON.stringify(key)} appears twice`;
    seen.add(key);
  }
  return undefined;
}

function settingsProblem(value: unknown, catalog: RegionCatalog): string | undefined {
  if (!isObject(value)) return 'is not an object';
  return readSettingsValue(value, catalog).problems[0]?.replace(/^settings\./, '');
}

/**
 * The settings as a backup holds them, from the value stored (anything: another version may have
 * written it): the parts readBackup accepts, so that a backup always restores; undefined when
 * nothing usable was stored.
 */
export function settingsForBackup(stored: unknown, catalog: RegionCatalog): Settings | undefined {
  if (!isObject(stored)) return undefined;
  return readSettingsValue(stored, catalog).settings;
}

/**
 * Reads a backup file's text: the contents when every part has the shape cpor-guard writes, or
 * why the file is refused (nothing of a refused file may be used). `catalog` tells which holiday
 * regions exist, for the settings. The records returned are the readers' copies.
 */
export function readBackup(text: string, catalog: RegionCatalog): ReadBackupResult {
  const refuse = (reason: RefusalReason, detail: string): ReadBackupResult => ({
    ok: false,
    refusal: { reason, detail },
  });
  if (overLimit(text, MAX_BACKUP_BYTES))
    return refuse('too-big', `the file is larger than ${MAX_BACKUP_BYTES / 1024 / 1024} MB`);
  if (nestingDepth(text, MAX_BACKUP_DEPTH) > MAX_BACKUP_DEPTH)
    return refuse('too-deep', `the file nests deeper than ${MAX_BACKUP_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse('not-json', `the file is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value) || value.format !== BACKUP_FORMAT)
    return refuse(
      'foreign',
      isObject(value) && typeof value.format === 'string'
        ? `its format is ${JSON.stringify(value.format)}, not ${JSON.stringify(BACKUP_FORMAT)}`
        : `it has no "format": ${JSON.stringify(BACKUP_FORMAT)}`,
    );
  const { version } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return refuse('bad-shape', `version ${JSON.stringify(version)} is not a whole number from 1`);
  if (version > BACKUP_VERSION)
    return refuse(
      'future-version',
      `it is version ${version}; this cpor-guard reads up to ${BACKUP_VERSION}`,
    );
  const unknown = Object.keys(value).filter((key) => !TOP_LEVEL_KEYS.has(key));
  if (unknown.length > 0) return refuse('bad-shape', `unknown parts ${unknown.join(', ')}`);
  if (typeof value.exportedAt !== 'string' || Number.isNaN(Date.parse(value.exportedAt)))
    return refuse('bad-shape', 'exportedAt is not a date and time');

  const claimProblem = listProblem<ClaimRecord>(
    value.claims,
    'claims',
    (item) => {
      const read = readClaimRecord(item);
      return read.ok ? undefined : read.problem;
    },
    (record) => record.claimId,
  );
  if (claimProblem) return refuse('bad-shape', claimProblem);
  const validationProblem = listProblem<ValidationRecord>(
    value.validations,
    'validations',
    (item) => (isValidationRecord(item) ? undefined : 'is not a result of the pre-submission check'),
    (record) => record.id,
  );
  if (validationProblem) return refuse('bad-shape', validationProblem);
  const packProblem = listProblem<StoredPackEntry>(
    value.packs,
    'packs',
    (item) => {
      const read = readStoredPackEntry(item);
      return read.ok ? undefined : read.problem;
    },
    (entry) => entry.id,
  );
  if (packProblem) return refuse('bad-shape', packProblem);
  const active = value.activePack === undefined ? undefined : readActivePackRecord(value.activePack);
  if (!active?.ok) return refuse('bad-shape', `activePack: ${active ? active.problem : 'is missing'}`);
  if (value.settings !== undefined) {
    const problem = settingsProblem(value.settings, catalog);
    if (problem) return refuse('bad-shape', `settings ${problem}`);
  }

  const backup: BackupContents = {
    claims: (value.claims as unknown[]).map(
      (item) => (readClaimRecord(item) as { record: ClaimRecord }).record,
    ),
    validations: value.validations as ValidationRecord[],
    packs: value.packs as StoredPackEntry[],
    activePack: active.value,
  };
  if (value.settings !== undefined) backup.settings = readSettingsValue(value.settings, catalog).settings;
  return { ok: true, backup, exportedAt: value.exportedAt, version };
}
