/**
 * cpor-guard's IndexedDB database: its name, version, stores, typed schema and migrations, and
 * how a connection is opened. The only module that knows them.
 *
 * The database belongs to the extension's origin: it is opened in the background service worker
 * and extension pages, never in a content script (there it would belong to Partner Center's
 * origin, readable by the page). Everything stays on the partner's machine.
 *
 * The factory is a parameter so tests can pass fake-indexeddb's. idb wraps objects by checking
 * them against the global IDB classes (IDBDatabase, IDBTransaction, …), so the factory must come
 * from the same implementation as those globals: the browser's own, or fake-indexeddb/auto's.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import type { ActivePackRecord, StoredPackEntry } from '../packs/records';
import type { ClaimRecord } from './claim-record';

export const DB_NAME = 'cpor-guard';

/** The schema version: the number of migration steps in `migrate`. */
export const DB_VERSION = 4;

/** How long an upgrade waits for another tab to close an older connection before giving up. */
export const DEFAULT_BLOCKED_TIMEOUT_MS = 5000;

/** A result of the pre-submission check: see ValidationRecord in validations.ts (read back only through its check). */
export interface StoredValidation {
  id: string;
  [field: string]: unknown;
}

/**
 * The keys of the 'meta' store, one small record each. A key's owner validates what it reads
 * (another version of cpor-guard, or a broken disk, may have written it).
 */
export const META_KEYS = {
  /** Which rule pack is active and the ones active before it: src/packs/repository.ts. Since v2. */
  activePack: 'activePack',
} as const;

export type MetaKey = (typeof META_KEYS)[keyof typeof META_KEYS];

export interface CporGuardDB extends DBSchema {
  /** What cpor-guard has seen of each claim on the dashboard: claim-record.ts, claim-store.ts. Since v1. */
  claims: { key: string; value: ClaimRecord };
  /** Results of the pre-submission check (validation of a claim before it is submitted). Since v1, empty until that feature stores them. */
  validations: { key: string; value: StoredValidation };
  /** Rule packs a policy owner imported, by their content-derived id: src/packs/repository.ts. Since v1 (written since v2). */
  packs: { key: string; value: StoredPackEntry };
  /**
   * Small records under fixed keys (META_KEYS; out-of-line keys). Since v2. Today only which pack
   * is active; a new key widens `value` to a union.
   */
  meta: { key: MetaKey; value: ActivePackRecord };
}

export type CporGuardStoreName = StoreNames<CporGuardDB>;

export const STORES = {
  claims: 'claims',
  validations: 'validations',
  packs: 'packs',
  meta: 'meta',
} as const satisfies Record<string, CporGuardStoreName>;

export type UpgradeTransaction = IDBPTransaction<CporGuardDB, CporGuardStoreName[], 'versionchange'>;

/**
 * Brings a database from `oldVersion` to DB_VERSION, inside the upgrade transaction. An
 * append-only list of steps: a step that was released is never edited (databases out there
 * already ran it); a change adds `if (oldVersion < N + 1)` below and raises DB_VERSION, and
 * test/store/db.test.ts gets that version's schema as one line in SHIPPED_STEPS. Steps that move
 * data use `transaction` (e.g. `transaction.objectStore('claims')`), never a new transaction.
 */
export function migrate(
  db: IDBPDatabase<CporGuardDB>,
  oldVersion: number,
  _transaction: UpgradeTransaction,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('claims', { keyPath: 'claimId' });
    db.createObjectStore('validations', { keyPath: 'id' });
    db.createObjectStore('packs', { keyPath: 'id' });
  }
  if (oldVersion < 2) {
    // Which pack is active is one record of its own, not a row among the packs: 'packs' then holds
    // one shape only (listing needs no filter, no id is reserved), and later records of the kind
    // (e.g. when reminders last ran) have a home. Out-of-line keys: the key is the record's name.
    db.createObjectStore('meta');
  }
  if (oldVersion < 3) {
    // Claim records gained `events` (e.g. a dispute filed, read from a claim's History). No store
    // changes: the step exists so that older code, whose record reader drops unknown fields,
    // cannot open (and rewrite) records that carry them.
  }
  if (oldVersion < 4) {
    // Claim records gained `firstFields` (the claim's fields as first seen on its page, for the
    // locked-field check). No store changes: as v3, so that older code cannot drop them.
  }
}

/** The upgrade waited too long for another connection (an older version of the database open elsewhere) to close. */
export class StoreBlockedError extends Error {
  override readonly name = 'StoreBlockedError';

  constructor(
    readonly currentVersion: number,
    readonly requestedVersion: number,
    readonly waitedMs: number,
  ) {
    super(
      `cpor-guard's database needs an upgrade (version ${currentVersion} to ${requestedVersion}) that another tab or window is blocking (waited ${waitedMs} ms). ` +
        'Close other Partner Center tabs and cpor-guard pages (options, check page), then reload this page.',
    );
  }
}

/** The database on disk is newer than this code knows (a newer cpor-guard upgraded it). */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';

  constructor(readonly requestedVersion: number) {
    super(
      `cpor-guard's database was upgraded by a newer version of cpor-guard than this one (which knows version ${requestedVersion}). ` +
        'Reload the extension, or restart the browser, so that all its pages run the same version.',
    );
  }
}

/**
 * What kept the database from being used, when it is one the partner can act on: 'blocked' (an
 * upgrade waits for other tabs to close), 'newer' (a newer cpor-guard upgraded it). The user
 * interface says what to do in the partner's language; the error's own message is for logs.
 */
export type StoreProblem = 'blocked' | 'newer';

export function storeProblemOf(error: unknown): StoreProblem | undefined {
  if (error instanceof StoreBlockedError) return 'blocked';
  if (error instanceof StoreVersionError) return 'newer';
  return undefined;
}

export interface OpenDatabaseOptions {
  name?: string;
  factory: IDBFactory;
  /** DB_VERSION unless a test needs another: only a version with migration steps is useful. */
  version?: number;
  blockedTimeoutMs?: number;
  /**
   * Called after this connection was closed because another one wants a newer version or to
   * delete the database (`versionchange`). The owner forgets the connection and opens a new one
   * when it next needs it.
   */
  onClosedForVersionChange?(): void;
  /** Called when the browser closed the connection abnormally (e.g. the database was cleared by the user). */
  onTerminated?(): void;
}

function isDomError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/**
 * Opens the database, upgrading it with `migrate`. The connection closes itself when another
 * connection needs a version change (so a second tab never hangs an upgrade) and reports it by
 * onClosedForVersionChange. When our own upgrade is blocked by an older connection that does not
 * close, rejects with StoreBlockedError after blockedTimeoutMs; if that connection closes later,
 * the open completes and the late connection is closed at once. Rejects with StoreVersionError
 * when the database is newer than `version`.
 */
export function openDatabase(options: OpenDatabaseOptions): Promise<IDBPDatabase<CporGuardDB>> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  const blockedTimeoutMs = options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const request = options.factory.open(name, version);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;

    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as unknown as IDBPDatabase<CporGuardDB>;
      const transaction = wrap(request.transaction!) as unknown as UpgradeTransaction;
      migrate(db, event.oldVersion, transaction);
    });
    request.addEventListener('blocked', (event) => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new StoreBlockedError(event.oldVersion, version, blockedTimeoutMs));
      }, blockedTimeoutMs);
    });
    request.addEventListener('success', () => {
      clearTimeout(timer);
      const connection = request.result;
      if (gaveUp) {
        connection.close();
        return;
      }
      connection.addEventListener('versionchange', () => {
        connection.close();
        options.onClosedForVersionChange?.();
      });
      connection.addEventListener('close', () => options.onTerminated?.());
      resolve(wrap(connection) as unknown as IDBPDatabase<CporGuardDB>);
    });
    request.addEventListener('error', () => {
      clearTimeout(timer);
      if (gaveUp) return;
      const error = request.error;
      reject(isDomError(error, 'VersionError') ? new StoreVersionError(version) : error);
    });
  });
}

export interface DatabaseConnectionOptions {
  name: string;
  factory: IDBFactory;
  blockedTimeoutMs: number;
  /** Who holds the connection, for the error after close(), e.g. 'pack repository'. */
  owner: string;
}

/** How a caller may open a store of the database: every option has a default. */
export interface OpenStoreOptions {
  /** The database's name; DB_NAME by default (tests use their own). */
  name?: string;
  /** IndexedDB; the global one by default. */
  factory?: IDBFactory;
  /** How long a blocked upgrade may wait before StoreBlockedError; DEFAULT_BLOCKED_TIMEOUT_MS by default. */
  blockedTimeoutMs?: number;
}

/** The options of a connection for `owner` (e.g. 'claim store'), the defaults filled in; throws without IndexedDB. */
export function connectionOptions(owner: string, options: OpenStoreOptions): DatabaseConnectionOptions {
  const factory = options.factory ?? globalThis.indexedDB;
  if (!factory) throw new Error(`${owner}: IndexedDB is not available here`);
  return {
    name: options.name ?? DB_NAME,
    factory,
    blockedTimeoutMs: options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS,
    owner,
  };
}

/**
 * Holds at most one connection and opens it when asked: after another connection asked for a
 * version change (openDatabase closes ours then) or the browser closed it, the next `get()` opens
 * a new one. A failed open is not kept: the next call tries again (the other tab may be closed by
 * then). A caller takes its transaction in the same task as `get()` resolves, so no version change
 * can close the connection in between (events are tasks; promise continuations run before them).
 * The claim store and the pack repository both hold their connection through it.
 */
export class DatabaseConnection {
  #connection: Promise<IDBPDatabase<CporGuardDB>> | undefined;
  #open: IDBPDatabase<CporGuardDB> | undefined;
  #closed = false;
  readonly #options: DatabaseConnectionOptions;

  constructor(options: DatabaseConnectionOptions) {
    this.#options = options;
  }

  get(): Promise<IDBPDatabase<CporGuardDB>> {
    if (this.#closed) return Promise.reject(new Error(`${this.#options.owner}: used after close()`));
    if (this.#connection) return this.#connection;
    const forget = () => {
      if (this.#connection !== opening) return;
      this.#connection = undefined;
      this.#open = undefined;
    };
    const opening = openDatabase({
      name: this.#options.name,
      factory: this.#options.factory,
      blockedTimeoutMs: this.#options.blockedTimeoutMs,
      onClosedForVersionChange: forget,
      onTerminated: forget,
    });
    this.#connection = opening;
    opening.then((db) => {
      if (this.#connection === opening) this.#open = db;
    }, forget);
    return opening;
  }

  /** Closes the connection (or the one still opening, when it arrives); later `get()` calls reject. */
  close(): void {
    this.#closed = true;
    const connection = this.#connection;
    this.#open?.close();
    this.#open = undefined;
    this.#connection = undefined;
    connection?.then(
      (db) => db.close(),
      () => {},
    );
  }
}
