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
    const { records: returned } = await store.record(
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
    const {
      records: [first],
    } = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    const {
      records: [second],
    } = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
    expect(second).toEqual(mergeSighting(first, { claimId: 'C-1', status: 'approved' }, friday));
    expect(await store.get('C-1')).toEqual(second);
  });

  it('gives a claim seen twice in one call its record after both sightings, at both places', async () => {
    const store = await open(new IDBFactory());
    const { records } = await store.record(
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
    expect(await store.record([], monday)).toEqual({ records: [], written: 0 });
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
    const {
      records: [record],
    } = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
    store.close();
    await expect(store.all()).rejects.toThrow(/close/);

    const reopened = await open(factory);
    expect(await reopened.all()).toEqual([record]);
  });

  it('skips a corrupt record in all() and get(), tells about it, and starts it again on its next sighting', async () => {
    const factory = new IDBFactory();
    const onCorrupt = vi.fn();
    const store = await open(factory, { onCorrupt });
    const {
      records: [good],
    } = await store.record([{ claimId: 'C-1', status: 'in-review' }], monday);
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

    const {
      records: [restarted],
    } = await store.record([{ claimId: 'C-2', status: 'approved' }], friday);
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

    const {
      records: [record],
    } = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
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

    const {
      records: [record],
    } = await store.record([{ claimId: 'C-1', status: 'approved' }], friday);
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
    const { records }: { records: ClaimRecord[] } = await store.record(
      [{ claimId: 'C-1', status: 'in-review' }],
      monday,
    );
    expect(structuredClone(records)).toEqual(records);
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });
});

describe('writes only what changed (issue 14)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  // Local times: the rule is about the partner's local days, whatever zone the test runs in.
  const local = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();
  const rows = [
    { claimId: 'C-1', status: 'in-review' },
    { claimId: 'C-2', status: 'approved', pageBound: local(1, 0) },
    { claimId: 'C-3', status: 'in-review', url: 'https://partner.microsoft.com/claims/C-3' },
  ];

  it('writes nothing on a second visit the same day that shows the same rows, and returns the records as stored', async () => {
    const store = await open(new IDBFactory());
    const first = await store.record(rows, local(2, 9));
    expect(first.written).toBe(3);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const second = await store.record(rows, local(2, 17));
    expect(put).not.toHaveBeenCalled();
    expect(second).toEqual({ records: first.records, written: 0 });
    expect(await store.all()).toEqual(first.records);
  });

  it('writes the one row that changed, and only that one', async () => {
    const store = await open(new IDBFactory());
    await store.record(rows, local(2, 9));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const changed = [rows[0]!, { ...rows[1]!, status: 'in-review' }, rows[2]!];
    const { records, written } = await store.record(changed, local(2, 10));
    expect(written).toBe(1);
    expect(put).toHaveBeenCalledTimes(1);
    expect(records[1]!.history.map((e) => e.status)).toEqual(['approved', 'in-review']);
    expect(await store.get('C-2')).toEqual(records[1]);
    expect((await store.get('C-1'))!.lastSeen).toBe(local(2, 9));
  });

  it('writes a new link, and a new lastSeen once a local midnight passed', async () => {
    const store = await open(new IDBFactory());
    await store.record(rows, local(2, 9));
    const moved = { ...rows[2]!, url: 'https://partner.microsoft.com/claims/C-3?tab=history' };
    expect((await store.record([moved], local(2, 10))).written).toBe(1);
    expect((await store.record([rows[0]!], local(2, 23, 59))).written).toBe(0);
    const nextDay = await store.record([rows[0]!], local(3, 0, 1));
    expect(nextDay.written).toBe(1);
    expect((await store.get('C-1'))!.lastSeen).toBe(local(3, 0, 1));
  });

  it('gives every later status change the entry the exact lastSeen would give', async () => {
    // The page's dates are local midnights (endOfLocalDate), and a page date before the last
    // sighting of the old status is not believed. Seen in review twice (the second maybe unwritten),
    // then approved with a page date: the entry is the one the exact lastSeen gives, for every
    // pair of visits and every date (an hour's rule would believe the 3rd's midnight after 23:00, 00:30).
    const visits = [
      [local(2, 9), local(2, 17)],
      [local(2, 23), local(3, 0, 30)],
    ] as const;
    for (const [one, two] of visits)
      for (const pageBound of [local(2, 0), local(3, 0), local(4, 0)]) {
        const store = await open(new IDBFactory());
        await store.record([rows[0]!], one);
        await store.record([rows[0]!], two);
        const approved = { claimId: 'C-1', status: 'approved', pageBound };
        const { records } = await store.record([approved], local(4, 12));
        const exact = mergeSighting(
          mergeSighting(mergeSighting(undefined, rows[0]!, one), rows[0]!, two),
          approved,
          local(4, 12),
        );
        expect(records[0]!.history, `${new Date(two)} ${new Date(pageBound)}`).toEqual(exact.history);
      }
  });
});
