/**
 * The claim store: the records of claim-record.ts in the 'claims' store of cpor-guard's database
 * (db.ts). Runs in the background service worker; content scripts reach it by messages.
 */
import type { IDBPDatabase } from 'idb';
import {
  assertRecordable,
  type ClaimRecord,
  type ExactEvent,
  type ExactStatus,
  type FirstFields,
  localMidnightBetween,
  mergeHistory,
  mergeSighting,
  readClaimRecord,
  type Sighting,
  withFirstFields,
} from './claim-record';
import {
  type CporGuardDB,
  connectionOptions,
  DatabaseConnection,
  type DatabaseConnectionOptions,
  type OpenStoreOptions,
} from './db';

/** What ClaimStore.record did. */
export interface Recorded {
  /** The claims' records after the sightings, in the order of the sightings. */
  records: ClaimRecord[];
  /** How many records were written: 0 when the store already held all the sightings said (mustWrite). */
  written: number;
}

/**
 * Whether a record after a sighting must be written over the stored one. A partner sees the same
 * rows on every visit, and each sighting of an unchanged row moves only lastSeen: rewriting every
 * record at every visit cost 112 ms at 1,000 rows (issue 14). So such a record is written only
 * when the local day changed since its lastSeen (more exactly: when a local midnight lies in
 * [lastSeen, now)); anything else (a new claim, another status, another link, new events) is
 * always written.
 *
 * Why a day: lastSeen is read (1) by mergeSighting, as the floor below which a page date contradicts
 * what we saw, and the page's dates are local midnights (endOfLocalDate): with no midnight between
 * the kept lastSeen and the real last sighting, every page date falls on the same side of both, so
 * every later status change gets the same entry as with the exact lastSeen; (2) by the popup's
 * stale rule (30 days, src/overlay/pending.ts): a claim seen several times on one day counts as
 * stale 30 days after the first of them instead of the last (less than a day earlier); (3) by the
 * backup merge (the larger wins), which may then keep the other file's record of that day.
 */
export function mustWrite(stored: ClaimRecord | undefined, merged: ClaimRecord): boolean {
  if (stored === undefined) return true;
  if (merged === stored) return false; // an older sighting (mergeSighting changes nothing)
  // mergeSighting shares an unchanged history and events with the new record.
  if (
    merged.history !== stored.history ||
    merged.events !== stored.events ||
    merged.url !== stored.url ||
    merged.firstFields !== stored.firstFields ||
    merged.firstSeen !== stored.firstSeen ||
    merged.claimId !== stored.claimId
  )
    return true;
  if (merged.lastSeen <= stored.lastSeen) return false;
  return localMidnightBetween(stored.lastSeen, merged.lastSeen);
}

export interface ClaimStore {
  /**
   * Records what the page shows now (mergeSighting for each sighting, in order) and returns the
   * records in the order of `sightings`; a claim that appears twice gets its record after both,
   * at both places. Only the records mustWrite says changed are written; the others are returned
   * as stored. One transaction: all or nothing. Rejects with a TypeError, before touching the
   * database, when a sighting or `now` is invalid (sightingProblem).
   */
  record(sightings: readonly Sighting[], now: number): Promise<Recorded>;
  /**
   * Records a visit of the claim's own page: its History panel's exact status changes and its
   * current status (mergeHistory), in one transaction; returns the new record.
   */
  recordHistory(
    sighting: Sighting,
    exact: readonly ExactStatus[],
    now: number,
    events?: readonly ExactEvent[],
  ): Promise<ClaimRecord>;
  /**
   * Keeps the claim's fields as its page shows them now where the record holds none of them yet
   * (withFirstFields: a kept field is never overwritten), in one transaction, and returns the
   * fields kept after it. A claim never seen before gets its record from `sighting` first.
   * Rejects with a TypeError, before touching the database, when the sighting, `now` or the
   * fields are invalid.
   */
  keepFirstFields(sighting: Sighting, fields: FirstFields, now: number): Promise<FirstFields>;
  /** The record of a claim; undefined when never seen, or when the stored record is corrupt. */
  get(claimId: string): Promise<ClaimRecord | undefined>;
  /** Every valid record, by claimId; corrupt records are left out. */
  all(): Promise<ClaimRecord[]>;
  /** Forgets every claim (the 'claims' store only). */
  clear(): Promise<void>;
  /** Closes the connection; calls after it reject. */
  close(): void;
}

/** A stored value that readClaimRecord rejected: skipped by get/all, replaced by the claim's next sighting. */
export interface CorruptRecord {
  key: IDBValidKey;
  problem: string;
}

export interface OpenClaimStoreOptions extends OpenStoreOptions {
  /** Told about each corrupt record read. Default: a console warning, for developers. */
  onCorrupt?(corrupt: CorruptRecord): void;
}

function warnCorrupt({ key, problem }: CorruptRecord): void {
  console.warn(`[cpor-guard] claim store: skipped the corrupt record ${JSON.stringify(key)}: ${problem}`);
}

/**
 * Holds at most one connection and opens it when needed: after another connection asked for a
 * version change (db.ts closes ours then) or the browser closed it, the next call reopens. A
 * method takes its transaction in the same task as it gets the connection, so no version change
 * can close the connection in between (events are tasks; promise continuations run before them).
 */
class IdbClaimStore implements ClaimStore {
  readonly #connection: DatabaseConnection;
  readonly #onCorrupt: (corrupt: CorruptRecord) => void;

  constructor(connection: DatabaseConnectionOptions, onCorrupt: OpenClaimStoreOptions['onCorrupt']) {
    this.#connection = new DatabaseConnection(connection);
    this.#onCorrupt = onCorrupt ?? warnCorrupt;
  }

  connect(): Promise<IDBPDatabase<CporGuardDB>> {
    return this.#connection.get();
  }

  #read(value: unknown, key: IDBValidKey): ClaimRecord | undefined {
    if (value === undefined) return undefined;
    const result = readClaimRecord(value);
    if (result.ok) return result.record;
    this.#onCorrupt({ key, problem: result.problem });
    return undefined;
  }

  async record(sightings: readonly Sighting[], now: number): Promise<Recorded> {
    for (const sighting of sightings) assertRecordable(sighting, now);
    if (sightings.length === 0) return { records: [], written: 0 };
    const db = await this.connect();
    const transaction = db.transaction('claims', 'readwrite');
    const done = transaction.done;
    // Mark it handled: if a request fails, its own promise reports the error, not an unhandled `done`.
    done.catch(() => {});
    const ids = [...new Set(sightings.map((s) => s.claimId))];
    const stored = await Promise.all(ids.map((id) => transaction.store.get(id)));
    const before = new Map<string, ClaimRecord | undefined>();
    ids.forEach((id, index) => before.set(id, this.#read(stored[index], id)));
    const records = new Map(before);
    for (const sighting of sightings) {
      records.set(sighting.claimId, mergeSighting(records.get(sighting.claimId), sighting, now));
    }
    const changed: ClaimRecord[] = [];
    for (const id of ids) {
      const kept = before.get(id);
      const merged = records.get(id)!;
      if (mustWrite(kept, merged)) changed.push(merged);
      else records.set(id, kept!);
    }
    await Promise.all([...changed.map((record) => transaction.store.put(record)), done]);
    return { records: sightings.map((s) => records.get(s.claimId)!), written: changed.length };
  }

  async recordHistory(
    sighting: Sighting,
    exact: readonly ExactStatus[],
    now: number,
    events: readonly ExactEvent[] = [],
  ): Promise<ClaimRecord> {
    assertRecordable(sighting, now);
    const db = await this.connect();
    const transaction = db.transaction('claims', 'readwrite');
    const done = transaction.done;
    done.catch(() => {});
    const stored = this.#read(await transaction.store.get(sighting.claimId), sighting.claimId);
    const record = mergeHistory(stored, exact, sighting, now, events);
    await Promise.all([transaction.store.put(record), done]);
    return record;
  }

  async keepFirstFields(sighting: Sighting, fields: FirstFields, now: number): Promise<FirstFields> {
    assertRecordable(sighting, now);
    // Checked before the transaction (withFirstFields throws the same TypeError).
    withFirstFields(mergeSighting(undefined, sighting, now), fields);
    const db = await this.connect();
    const transaction = db.transaction('claims', 'readwrite');
    const done = transaction.done;
    done.catch(() => {});
    const stored = this.#read(await transaction.store.get(sighting.claimId), sighting.claimId);
    const record = withFirstFields(stored ?? mergeSighting(undefined, sighting, now), fields);
    await Promise.all([record !== stored ? transaction.store.put(record) : undefined, done]);
    return record.firstFields ?? {};
  }

  async get(claimId: string): Promise<ClaimRecord | undefined> {
    const db = await this.connect();
    return this.#read(await db.get('claims', claimId), claimId);
  }

  async all(): Promise<ClaimRecord[]> {
    const db = await this.connect();
    const transaction = db.transaction('claims', 'readonly');
    const [keys, values] = await Promise.all([
      transaction.store.getAllKeys(),
      transaction.store.getAll(),
      transaction.done,
    ]);
    const records: ClaimRecord[] = [];
    values.forEach((value, index) => {
      const record = this.#read(value, keys[index]!);
      if (record) records.push(record);
    });
    return records;
  }

  async clear(): Promise<void> {
    const db = await this.connect();
    await db.clear('claims');
  }

  close(): void {
    this.#connection.close();
  }
}

/**
 * Opens the claim store; the connection is opened now, so a blocked upgrade (StoreBlockedError)
 * or a database newer than this code (StoreVersionError) shows here. Later calls reopen
 * by themselves after another connection made ours close, and may reject with those errors then.
 */
export async function openClaimStore(options: OpenClaimStoreOptions = {}): Promise<ClaimStore> {
  const store = new IdbClaimStore(connectionOptions('claim store', options), options.onCorrupt);
  await store.connect();
  return store;
}
