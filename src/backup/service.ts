/**
 * Backing up and restoring what cpor-guard keeps: reads every store of the database (db.ts) and
 * the settings into one file (format.ts), and merges a file back (merge.ts). Runs where the
 * database lives (the background); the options page asks by message.
 *
 * A restore checks the whole file first (readBackup, then loadPack for each pack, through
 * packEntryOf as any import), and only then writes, in one transaction over every store: a
 * refused file changes nothing, and a failing write leaves the database as it was. The settings
 * (browser.storage.local) are written after that transaction.
 */
import type { IDBPDatabase } from 'idb';
import {
  type ActivePackRecord,
  BUILTIN_PACK_ID,
  readActivePackRecord,
  readStoredPackEntry,
  type StoredPackEntry,
} from '../packs/records';
import { packEntryOf } from '../packs/repository';
import { formatProblem } from '../rules/problems';
import type { LocalizedText } from '../rules/types';
import type { RegionCatalog, SettingsStorage } from '../settings/settings';
import { type ClaimRecord, readClaimRecord } from '../store/claim-record';
import {
  type CporGuardDB,
  connectionOptions,
  DatabaseConnection,
  META_KEYS,
  type OpenStoreOptions,
} from '../store/db';
import { isValidationRecord, type ValidationRecord } from '../store/validations';
import {
  type BackupContents,
  MAX_BACKUP_BYTES,
  type Refusal,
  readBackup,
  serializeBackup,
  settingsForBackup,
} from './format';
import { type ChoiceOutcome, mergeActivePack, mergeClaim, mergeSettings, mergeValidationIds } from './merge';

/** A pack of the backup that was not restored: it does not load with this version of cpor-guard. */
export interface PackNotRestored {
  id: string;
  name: LocalizedText;
  version: string;
  /** loadPack's problems, as formatProblem writes them. */
  problems: string[];
}

/** What a restore merged. */
export interface RestoreSummary {
  claims: { added: number; updated: number; kept: number; unchanged: number };
  /** `tooOld`: older than the newest VALIDATION_LIMIT results, which are all the store keeps. */
  validations: { added: number; present: number; tooOld: number };
  /** `locked`: the organisation manages the packs, so none of the backup's was restored. */
  packs: { added: number; present: number; notRestored: PackNotRestored[]; locked: boolean };
  activePack: ChoiceOutcome;
  settings: ChoiceOutcome | 'absent';
}

export type RestoreOutcome =
  | { restored: true; summary: RestoreSummary }
  | { restored: false; refusal: Refusal };

export interface BackupService {
  /** The backup file's text of everything kept now (corrupt records, which no reader accepts, are left out). */
  exportBackup(now: number): Promise<string>;
  /** Merges a backup file's text; a refused file changes nothing and says why. */
  restoreBackup(text: string): Promise<RestoreOutcome>;
  close(): void;
}

export interface BackupServiceOptions extends OpenStoreOptions {
  settings: SettingsStorage;
  /** Which holiday regions exist (holidayRegionCatalog), for the settings' check. */
  catalog: RegionCatalog;
  /**
   * Whether the organisation stops partners importing or activating packs (src/packs/managed.ts
   * `lockPacks`): a restore then leaves the packs and the active choice as they are.
   */
  packsLocked?(): Promise<boolean>;
  /** Called after a restore made another pack active (the caller announces it: ACTIVE_PACK_CHANGED_KEY). */
  onActivePackChanged?(): void | Promise<void>;
}

/** Stored values with their keys, as the readers accept them; what they reject is left out (and logged). */
function readAll<T>(
  keys: IDBValidKey[],
  values: unknown[],
  read: (value: unknown) => T | undefined,
  store: string,
): T[] {
  const records: T[] = [];
  values.forEach((value, index) => {
    const record = read(value);
    if (record === undefined)
      console.warn(
        `[cpor-guard] backup: left out the corrupt ${store} record ${JSON.stringify(keys[index])}`,
      );
    else records.push(record);
  });
  return records;
}

const claimOf = (value: unknown) => {
  const read = readClaimRecord(value);
  return read.ok ? read.record : undefined;
};
const validationOf = (value: unknown) => (isValidationRecord(value) ? value : undefined);
const packOf = (value: unknown) => {
  const read = readStoredPackEntry(value);
  return read.ok ? read.value : undefined;
};

async function readContents(
  db: IDBPDatabase<CporGuardDB>,
  storage: SettingsStorage,
  catalog: RegionCatalog,
): Promise<BackupContents> {
  const transaction = db.transaction(['claims', 'validations', 'packs', 'meta'], 'readonly');
  const claims = transaction.objectStore('claims');
  const validations = transaction.objectStore('validations');
  const packs = transaction.objectStore('packs');
  const [claimKeys, claimValues, validationKeys, validationValues, packKeys, packValues, meta] =
    await Promise.all([
      claims.getAllKeys(),
      claims.getAll(),
      validations.getAllKeys(),
      validations.getAll(),
      packs.getAllKeys(),
      packs.getAll(),
      transaction.objectStore('meta').get(META_KEYS.activePack),
      transaction.done,
    ]);
  const active = readActivePackRecord(meta);
  const contents: BackupContents = {
    claims: readAll<ClaimRecord>(claimKeys, claimValues, claimOf, 'claim'),
    validations: readAll<ValidationRecord>(validationKeys, validationValues, validationOf, 'check result'),
    packs: readAll<StoredPackEntry>(packKeys, packValues, packOf, 'rule pack'),
    activePack: active.ok ? active.value : { active: BUILTIN_PACK_ID, previous: [] },
  };
  const settings = settingsForBackup(await storage.read(), catalog);
  if (settings) contents.settings = settings;
  return contents;
}

export function createBackupService(options: BackupServiceOptions): BackupService {
  const connection = new DatabaseConnection(connectionOptions('backup', options));

  async function checkedPacks(packs: readonly StoredPackEntry[]) {
    const entries: StoredPackEntry[] = [];
    const idOf = new Map<string, string>();
    const notRestored: PackNotRestored[] = [];
    for (const pack of packs) {
      // The same checks as any import; the id is derived again from the content, the time kept.
      const prepared = await packEntryOf(pack.files, pack.importedAt, {
        dir: pack.id,
        regions: options.catalog,
      });
      if (prepared.ok) {
        entries.push(prepared.entry);
        idOf.set(pack.id, prepared.entry.id);
      } else
        notRestored.push({
          id: pack.id,
          name: pack.name,
          version: pack.version,
          problems: prepared.problems.map(formatProblem),
        });
    }
    return { entries, idOf, notRestored };
  }

  return {
    async exportBackup(now) {
      const db = await connection.get();
      const text = serializeBackup(await readContents(db, options.settings, options.catalog), now);
      // A file that its own restore would refuse is no backup: say so rather than hand it out.
      if (text.length > MAX_BACKUP_BYTES || new TextEncoder().encode(text).length > MAX_BACKUP_BYTES)
        throw new Error(
          `everything kept here is more than a backup may hold (${MAX_BACKUP_BYTES / 1024 / 1024} MB); remove rule packs you no longer use, then try again`,
        );
      return text;
    },

    async restoreBackup(text) {
      const read = readBackup(text, options.catalog);
      if (!read.ok) return { restored: false, refusal: read.refusal };
      const { backup } = read;
      // Everything that awaits something else than the transaction's own requests comes first:
      // a transaction commits as soon as it waits for anything else.
      const locked = (await options.packsLocked?.()) ?? false;
      const packs = locked
        ? { entries: [], idOf: new Map<string, string>(), notRestored: [] }
        : await checkedPacks(backup.packs);
      const localSettings = await options.settings.read();

      const db = await connection.get();
      const transaction = db.transaction(['claims', 'validations', 'packs', 'meta'], 'readwrite');
      const done = transaction.done;
      // Marked handled: a failing request reports its own error, not an unhandled `done`.
      done.catch(() => {});
      const claims = transaction.objectStore('claims');
      const validations = transaction.objectStore('validations');
      const packStore = transaction.objectStore('packs');
      const meta = transaction.objectStore('meta');
      const [localClaims, validationKeys, packKeys, storedChoice] = await Promise.all([
        Promise.all(backup.claims.map((record) => claims.get(record.claimId))),
        validations.getAllKeys(),
        packStore.getAllKeys(),
        meta.get(META_KEYS.activePack),
      ]);

      const writes: Promise<unknown>[] = [];
      const summary: RestoreSummary = {
        claims: { added: 0, updated: 0, kept: 0, unchanged: 0 },
        validations: { added: 0, present: 0, tooOld: 0 },
        packs: { added: 0, present: 0, notRestored: packs.notRestored, locked },
        activePack: 'unchanged',
        settings: 'absent',
      };
      backup.claims.forEach((record, index) => {
        // A corrupt record here is as good as none: the backup's replaces it.
        const outcome = mergeClaim(claimOf(localClaims[index]), record);
        summary.claims[outcome]++;
        if (outcome === 'added' || outcome === 'updated') writes.push(claims.put(record));
      });

      const merged = mergeValidationIds(
        validationKeys.map(String),
        backup.validations.map((record) => record.id),
      );
      summary.validations = { added: merged.add.size, present: merged.present, tooOld: merged.tooOld };
      for (const record of backup.validations) {
        if (merged.add.has(record.id)) writes.push(validations.put(record as unknown as { id: string }));
      }
      // The store's bound (the newest VALIDATION_LIMIT) holds: what the added ones push out goes.
      for (const id of merged.remove) writes.push(validations.delete(id));

      const present = new Set(packKeys.map(String));
      for (const entry of packs.entries) {
        if (present.has(entry.id)) summary.packs.present++;
        else {
          summary.packs.added++;
          present.add(entry.id);
          writes.push(packStore.put(entry));
        }
      }

      const local = readActivePackRecord(storedChoice);
      const localChoice: ActivePackRecord = local.ok
        ? local.value
        : { active: BUILTIN_PACK_ID, previous: [] };
      const choice = locked
        ? { outcome: 'kept' as const, record: undefined }
        : mergeActivePack(localChoice, backup.activePack, (id) => packs.idOf.get(id));
      summary.activePack = choice.outcome;
      if (choice.record) writes.push(meta.put(choice.record, META_KEYS.activePack));

      await Promise.all([...writes, done]);

      const settings = mergeSettings(localSettings, backup.settings);
      summary.settings = settings.outcome;
      if (settings.settings) await options.settings.write(settings.settings);
      if (choice.record) await options.onActivePackChanged?.();
      return { restored: true, summary };
    },

    close() {
      connection.close();
    },
  };
}
