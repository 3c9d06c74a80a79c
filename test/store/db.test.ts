// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type ClaimRecord, openClaimStore, StoreBlockedError } from '../../src/store';
import { DB_VERSION, openDatabase } from '../../src/store/db';

const NAME = 'cpor-guard-test';

/**
 * Every released schema version, as its step created it, written with the raw API (not db.ts, so
 * an edit to a released step in db.ts fails these tests). Step N builds version N from N - 1.
 * A new version adds one line here.
 */
const SHIPPED_STEPS: readonly ((db: IDBDatabase) => void)[] = [
  (db) => {
    db.createObjectStore('claims', { keyPath: 'claimId' });
    db.createObjectStore('validations', { keyPath: 'id' });
    db.createObjectStore('packs', { keyPath: 'id' });
  },
  (db) => db.createObjectStore('meta'),
  () => {}, // v3: claim records may carry `events`; no store changes
  () => {}, // v4: claim records may carry `firstFields`; no store changes
];

/** Data as each version wrote it: what an upgrade from that version must keep. */
const claim: ClaimRecord = {
  claimId: 'C-1',
  firstSeen: Date.parse('2026-03-02T09:00:00Z'),
  lastSeen: Date.parse('2026-03-06T09:00:00Z'),
  history: [
    {
      status: 'in-review',
      at: Date.parse('2026-02-27T23:59:59.999Z'),
      estimated: true,
      estimateBasis: 'page-date',
    },
    {
      status: 'approved',
      at: Date.parse('2026-03-06T09:00:00Z'),
      estimated: true,
      estimateBasis: 'first-seen',
    },
  ],
};
const seed = {
  claims: [claim],
  validations: [{ id: 'V-1', claimId: 'C-1', findings: [] }],
  packs: [{ id: 'cpor-default@1', active: true }],
};

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates the database at `version` by the shipped steps, with the raw API, and fills it. */
async function createShipped(factory: IDBFactory, version: number): Promise<void> {
  const open = factory.open(NAME, version);
  open.onupgradeneeded = (event) => {
    for (let step = event.oldVersion; step < version; step++) SHIPPED_STEPS[step]!(open.result);
  };
  const db = await request(open);
  const transaction = db.transaction(Object.keys(seed), 'readwrite');
  for (const [store, values] of Object.entries(seed)) {
    for (const value of values) transaction.objectStore(store).put(value);
  }
  await new Promise((resolve) => {
    transaction.oncomplete = resolve;
  });
  db.close();
}

/** Store names, key paths, auto-increment and indexes: the schema as the database holds it. */
function schemaOf(db: IDBDatabase): unknown {
  const stores = [...db.objectStoreNames];
  const transaction = db.transaction(stores, 'readonly');
  return stores.map((name) => {
    const store = transaction.objectStore(name);
    const indexes = [...store.indexNames].map((index) => {
      const i = store.index(index);
      return { index, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry };
    });
    return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  });
}

async function rawSchema(factory: IDBFactory): Promise<unknown> {
  const db = await request(factory.open(NAME));
  const schema = { version: db.version, stores: schemaOf(db) };
  db.close();
  return schema;
}

describe('the database schema', () => {
  it('has one shipped step per version', () => {
    expect(SHIPPED_STEPS).toHaveLength(DB_VERSION);
  });

  it('built from nothing equals the shipped steps', async () => {
    const fresh = new IDBFactory();
    (await openClaimStore({ name: NAME, factory: fresh })).close();
    const shipped = new IDBFactory();
    await createShipped(shipped, DB_VERSION);
    expect(await rawSchema(fresh)).toEqual(await rawSchema(shipped));
  });

  const pastVersions = SHIPPED_STEPS.map((_, index) => index + 1);
  it.each(pastVersions)(
    'keeps all data of a version %i database when opened by this code',
    async (version) => {
      const factory = new IDBFactory();
      await createShipped(factory, version);

      const store = await openClaimStore({ name: NAME, factory });
      expect(await store.all()).toEqual([claim]);
      store.close();

      const db = await request(factory.open(NAME));
      expect(db.version).toBe(DB_VERSION);
      const transaction = db.transaction(Object.keys(seed), 'readonly');
      for (const [name, values] of Object.entries(seed)) {
        expect(await request(transaction.objectStore(name).getAll())).toEqual(values);
      }
      db.close();
    },
  );
});

describe('an upgrade blocked by another connection', () => {
  it('rejects with StoreBlockedError after the timeout, and closes the late connection when the other one goes', async () => {
    const factory = new IDBFactory();
    // An older connection (another tab's) that does not close on versionchange.
    await createShipped(factory, DB_VERSION);
    const old = await request(factory.open(NAME, DB_VERSION));

    // openClaimStore only upgrades from DB_VERSION - 1, so this opens the next version directly.
    const started = Date.now();
    const opening = openDatabase({ name: NAME, factory, version: DB_VERSION + 1, blockedTimeoutMs: 50 });
    const error = await opening.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreBlockedError);
    expect((error as StoreBlockedError).message).toMatch(/close other Partner Center tabs/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);

    // The other tab closes: the pending upgrade completes and its connection is closed at once,
    // so a later version change is not blocked by it.
    old.close();
    const deleted = factory.deleteDatabase(NAME);
    let blocked = false;
    deleted.onblocked = () => {
      blocked = true;
    };
    await request(deleted);
    expect(blocked).toBe(false);
  });

  it('opens normally when the other connection closes before the timeout', async () => {
    const factory = new IDBFactory();
    await createShipped(factory, DB_VERSION);
    const old = await request(factory.open(NAME, DB_VERSION));
    old.onversionchange = () => setTimeout(() => old.close(), 10);

    const db = await openDatabase({ name: NAME, factory, version: DB_VERSION + 1, blockedTimeoutMs: 1000 });
    expect(db.version).toBe(DB_VERSION + 1);
    db.close();
  });
});
