/**
 * The results of the pre-submission check, kept in the 'validations' store of cpor-guard's
 * database (db.ts) on the partner's machine: the check page lists the recent ones, so a partner
 * sees what an earlier check of a claim found. The newest VALIDATION_LIMIT are kept.
 */
import type { Finding } from '../validation/finding';
import { connectionOptions, DatabaseConnection, type OpenStoreOptions } from './db';

/** How many results are kept; the oldest go first. */
export const VALIDATION_LIMIT = 50;

export interface ValidationRecord {
  /** Unique, and sorts by time: the check's moment in base 36, then a random suffix. */
  id: string;
  /** Epoch ms of the check. */
  checkedAt: number;
  /** The rule pack that checked. */
  pack: { id: string; version: string };
  /** What names the claim to the partner, from the fields filled in (any may be absent). */
  claim: { claimName?: string; customerName?: string; customerDomain?: string };
  /** The status and submission day the check assumed. */
  status: string;
  day: string;
  findings: Finding[];
  /** Why the PoE could not be checked (time limit, crash), when it could not. */
  poeFailure?: string;
  /** A check made in Partner Center's page: the claim's id there, when the page showed one. */
  claimId?: string;
  /** The SHA-256 (hex) of the PoE files checked, in the order chosen: the same files give the same key. */
  filesHash?: string;
  /** The names of the PoE files checked, in the order chosen (shown when a re-opened claim shows this result). */
  files?: string[];
}

export interface ValidationStore {
  save(record: Omit<ValidationRecord, 'id'>): Promise<ValidationRecord>;
  /** The newest first. */
  recent(limit?: number): Promise<ValidationRecord[]>;
  /** The newest check of these files on this claim (claimId and filesHash), or undefined. */
  findPoeCheck(claimId: string, filesHash: string): Promise<ValidationRecord | undefined>;
  /** The newest PoE check of this claim made in its page (with a files hash), or undefined. */
  latestPoeCheck(claimId: string): Promise<ValidationRecord | undefined>;
  close(): void;
}

/**
 * Whether a stored value is a usable record; anything else is skipped (and left for the next save
 * to prune). Also the check of the results in a backup (src/backup).
 */
export function isValidationRecord(value: unknown): value is ValidationRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ValidationRecord>;
  return (
    typeof r.id === 'string' &&
    typeof r.checkedAt === 'number' &&
    Number.isFinite(r.checkedAt) &&
    typeof r.pack?.id === 'string' &&
    typeof r.status === 'string' &&
    typeof r.day === 'string' &&
    typeof r.claim === 'object' &&
    r.claim !== null &&
    Array.isArray(r.findings)
  );
}

export async function openValidationStore(options: OpenStoreOptions = {}): Promise<ValidationStore> {
  const connection = new DatabaseConnection(connectionOptions('validation store', options));
  await connection.get();
  const store: ValidationStore = {
    async save(fields) {
      const record: ValidationRecord = {
        id: `${fields.checkedAt.toString(36).padStart(10, '0')}-${Math.random().toString(36).slice(2, 8)}`,
        ...fields,
      };
      const db = await connection.get();
      const transaction = db.transaction('validations', 'readwrite');
      const done = transaction.done;
      done.catch(() => {});
      await transaction.store.put(record as unknown as { id: string });
      // Keys sort by time: everything before the newest VALIDATION_LIMIT goes.
      const keys = await transaction.store.getAllKeys();
      const old = keys.slice(0, Math.max(0, keys.length - VALIDATION_LIMIT));
      await Promise.all([...old.map((key) => transaction.store.delete(key)), done]);
      return record;
    },
    async recent(limit = VALIDATION_LIMIT) {
      const db = await connection.get();
      const values: unknown[] = await db.getAll('validations');
      return values
        .filter(isValidationRecord)
        .sort((a, b) => b.checkedAt - a.checkedAt || (a.id < b.id ? 1 : -1))
        .slice(0, limit);
    },
    async findPoeCheck(claimId, filesHash) {
      // At most VALIDATION_LIMIT records are kept: a scan needs no index (and no migration).
      return (await store.recent()).find((r) => r.claimId === claimId && r.filesHash === filesHash);
    },
    async latestPoeCheck(claimId) {
      return (await store.recent()).find(
        (r) => r.claimId === claimId && r.filesHash !== undefined && !r.poeFailure,
      );
    },
    close() {
      connection.close();
    },
  };
  return store;
}
