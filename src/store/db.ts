/**
 * cpor-guard's IndexedDB database: its name, version, stores, typed schema and migrations, and
 * how a connection is opened. The only module that knows them (CONVENTIONS.md, Storage).
 *
 * The database belongs to the extension's origin: it is opened in the background service worker
 * and extension pages, never in a content script (there it would belong to Partner Center's
 * origin, readable by the page; TOOLCHAIN.md). Everything stays on the partner's machine.
 *
 * The factory is a parameter so tests can pass fake-indexeddb's. idb wraps objects by checking
 * them against the global IDB classes (IDBDatabase, IDBTransaction, …), so the factory must come
 * from the same implementation as those globals: the browser's own, or fake-indexeddb/auto's.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, wrap } from 'idb';
import type { ClaimRecord } from './claim-record';

export const DB_NAME = 'cpor-guard';

/** The schema version: the number of migration steps in `migrate`. */
export const DB_VERSION = 1;

/** How long an upgrade waits for another tab to close an older connection before giving up. */
export const DEFAULT_BLOCKED_TIMEOUT_MS = 5000;

/** A validation result of the pre-submission check. Only the key is fixed; the feature that first writes it decides the rest. */
export interface StoredValidation {
  id: string;
  [field: string]: unknown;
}

/** An imported rule pack, or the entry saying which pack is active. Only the key is fixed; the feature that first writes it decides the rest. */
export interface StoredPack {
  id: string;
  [field: string]: unknown;
}

export interface CporGuardDB extends DBSchema {
  /** What cpor-guard has seen of each claim on the dashboard: claim-record.ts, claim-store.ts. Since v1. */
  claims: { key: string; value: ClaimRecord };
  /** Results of the pre-submission check (validation of a claim before it is submitted). Since v1, empty until that feature stores them. */
  validations: { key: string; value: StoredValidation };
  /** Rule packs the partner imported, and which one is active. Since v1, empty until that feature stores them. */
  packs: { key: string; value: StoredPack };
}

export type CporGuardStoreName = StoreNames<CporGuardDB>;

export const STORES = {
  claims: 'claims',
  validations: 'validations',
  packs: 'packs',
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
