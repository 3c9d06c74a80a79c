// @vitest-environment node
// fake-indexeddb/auto installs the IDB globals idb checks its objects against; each test takes a
// fresh factory (an empty origin) of the same implementation.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ClaimRecord,
  type ClaimStore,
  mergeSighting,
  openClaimStore,
  StoreVersionError,
} from '../../src/store';
import { DB_VERSION } from '../../src/store/db';

const t = (iso: string): number => Date.parse(iso);
const NAME = 'cpor-guard-test';

const opened: ClaimStore[] = [];
async function open(
  factory: IDBFactory,
  options: Parameters<typeof openClaimStore>[0] = {},
): Promise<ClaimStore> {
  const store = await openClaimStore({ name: NAME, factory, ...options });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** Opens the database with the raw API at `version`; the connection ignores versionchange unless told. */
function rawOpen(factory: IDBFactory, version?: number, onUpgrade?: (request: IDBOpenDBRequest) => void) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(NAME, version);
    if (onUpgrade) request.onupgradeneeded = () => onUpgrade(request);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawPut(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).put(value);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}

const monday = t('2026-03-02T09:00:00Z');
const friday = t('2026-03-06T09:00:00Z');

describe('the claim store', () => {
  it('records sightings in one call and reads them back by get and all', async () => {
    const store = await open(new IDBFactory());
    const returned = await store.record(
      [
        { claimId: 'C-2', status: 'in-review' },
        { claimId: 'C-1', status: 'approved', pageBound: t('2026-02-27T23:59:59.999Z') },
      ],
      monday,
    );
    expect(returned.map((r) => r.claimId)).toEqual(['C-2', 'C-1']);
    expect(returned[1]!.history).toEqual([
      { status: 'approved', at: t('2026-02-27T23:59:59.999Z'), estimated: true, estimateBasis: 'page-date' },
    ]);
    expect(await store.get('C-1')).toEqual(returned[1]);
    expect(await store.get('C-3')).toBeUndefined();
    expect(await store.all()).toEqual([returned[1], returned[0]]);
  });

  it('merges a later sighting into the stored record', async () => {
    const store = await open(new IDBFactory());
    const [first] = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    const [second] = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
    expect(second).toEqual(mergeSighting(first, { claimId: 'C-1', status: 'approved' }, friday));
    expect(await store.get('C-1')).toEqual(second);
  });

  it('gives a claim seen twice in one call its record after both sightings, at both places', async () => {
    const store = await open(new IDBFactory());
    const records = await store.record(
      [
        { claimId: 'C-1', status: 'in-review' },
        { claimId: 'C-2', status: 'in-review' },
        { claimId: 'C-1', status: 'approved' },
      ],
      monday,
    );
    expect(records[0]).toBe(records[2]);
    expect(records[0]!.history.map((e) => e.status)).toEqual(['in-review', 'approved']);
    expect(await store.get('C-1')).toEqual(records[0]);
  });

  it('rejects an invalid sighting before writing anything', async () => {
    const store = await open(new IDBFactory());
    await expect(
      store.record(
        [
          { claimId: 'C-1', status: 'in-review' },
          { claimId: 'C-2', status: '' },
        ],
        monday,
      ),
    ).rejects.toThrow(TypeError);
    expect(await store.all()).toEqual([]);
    expect(await store.record([], monday)).toEqual([]);
  });

  it('forgets every claim on clear', async () => {
    const store = await open(new IDBFactory());
    await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    await store.clear();
    expect(await store.all()).toEqual([]);
    expect(await store.get('C-1')).toBeUndefined();
  });

  it('keeps the records across close and reopen', async () => {
    const factory = new IDBFactory();
    const store = await openClaimStore({ name: NAME, factory });
    const [record] = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    store.close();
    await expect(store.all()).rejects.toThrow(/close/);

    const reopened = await open(factory);
    expect(await reopened.all()).toEqual([record]);
  });

  it('skips a corrupt record in all() and get(), tells about it, and starts it again on its next sighting', async () => {
    const factory = new IDBFactory();
    const onCorrupt = vi.fn();
    const store = await open(factory, { onCorrupt });
    const [good] = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    const db = await rawOpen(factory);
    await rawPut(db, 'claims', {
      claimId: 'C-2',
      firstSeen: 'last week',
      lastSeen: monday,
      history: 'in-review',
    });
    await rawPut(db, 'claims', { claimId: 7, firstSeen: monday, lastSeen: monday, history: [] });
    db.close();

    expect(await store.all()).toEqual([good]);
    expect(onCorrupt).toHaveBeenCalledWith({ key: 'C-2', problem: expect.stringMatching(/firstSeen/) });
    expect(onCorrupt).toHaveBeenCalledWith({ key: 7, problem: expect.stringMatching(/claimId/) });
    expect(await store.get('C-2')).toBeUndefined();

    const [restarted] = await store.record([{ claimId: 'C-2', status: 'approved' }], friday);
    expect(restarted).toEqual(mergeSighting(undefined, { claimId: 'C-2', status: 'approved' }, friday));
    expect(await store.get('C-2')).toEqual(restarted);
  });
});

describe('the claim store and other connections', () => {
  it('closes its connection when another asks for a newer version, and the next record() reopens', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);

    // A newer version elsewhere wants to upgrade; its upgrade is then abandoned, so the database
    // stays at our version (as when an upgrade fails). Without our close it would wait forever.
    const upgrade = rawOpen(factory, DB_VERSION + 1, (request) => request.transaction!.abort());
    await expect(upgrade).rejects.toThrow(/abort/i);

    const [record] = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
    expect(record!.history.map((e) => e.status)).toEqual(['in-review', 'approved']);
    expect(await store.get('C-1')).toEqual(record);
  });

  it('lets another page delete the database, then creates it again on the next record()', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);

    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase(NAME);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });

    const [record] = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
    expect(record).toEqual(mergeSighting(undefined, { claimId: 'C-1', status: 'approved' }, friday));
    expect(await store.all()).toEqual([record]);
  });

  it('rejects with StoreVersionError once a newer version really upgraded the database', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    const newer = await rawOpen(factory, DB_VERSION + 1, () => {});
    newer.close();

    await expect(store.get('C-1')).rejects.toThrow(StoreVersionError);
    await expect(openClaimStore({ name: NAME, factory })).rejects.toThrow(/newer version of cpor-guard/);
  });
});

describe('records returned', () => {
  it('are plain data that survive a structured clone (the message to the content script)', async () => {
    const store = await open(new IDBFactory());
    const records: ClaimRecord[] = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    expect(structuredClone(records)).toEqual(records);
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });
});
