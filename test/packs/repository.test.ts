// @vitest-environment node
// fake-indexeddb/auto installs the IDB globals idb checks its objects against; each test takes a
// fresh factory (an empty origin) of the same implementation.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUILTIN_PACK_ID,
  createActivePackReader,
  openPackRepository,
  PackNotLoadableError,
  type PackRepository,
  ROLLBACK_LIMIT,
  type StoredPackEntry,
} from '../../src/packs';
import type { RawPackFiles } from '../../src/rules/load';
import type { StatusesFile } from '../../src/rules/types';
import { type ClaimRecord, openClaimStore, StoreBlockedError } from '../../src/store';
import { DB_VERSION } from '../../src/store/db';
import { testPack, testPackFiles } from '../fixtures/packs';

const NAME = 'cpor-guard-test';
const t = (iso: string): number => Date.parse(iso);
const monday = t('2026-03-02T09:00:00Z');
const tuesday = t('2026-03-03T09:00:00Z');

const opened: PackRepository[] = [];
async function open(
  factory: IDBFactory,
  options: Parameters<typeof openPackRepository>[0] = {},
): Promise<PackRepository> {
  // The test pack stands in for the built-in one, so a policy owner's edit of rules/cpor does not
  // reach these tests of the repository.
  const repository = await openPackRepository({
    name: NAME,
    factory,
    onCorrupt: () => {},
    builtin: testPack,
    ...options,
  });
  opened.push(repository);
  return repository;
}

afterEach(() => {
  for (const repository of opened.splice(0)) repository.close();
});

/** A deep copy of the test pack's files with the respond-to-reviewer clock (partner-action-required) set to `amount`. */
function withRespondAmount(amount: number): RawPackFiles {
  const files = testPackFiles();
  respondClock(files).amount = amount;
  return files;
}

function respondClock(files: RawPackFiles) {
  const status = (files.statuses as StatusesFile).statuses.find((s) => s.id === 'partner-action-required')!;
  return status.clocks!.find((c) => c.id === 'respond-to-reviewer')!;
}

async function imported(
  repository: PackRepository,
  files: RawPackFiles,
  now = monday,
): Promise<StoredPackEntry> {
  const result = await repository.importPack(files, now);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result.entry;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Runs `write` on a raw connection, in one readwrite transaction over `stores`, as another version of cpor-guard (or a broken disk) might. */
async function rawWrite(factory: IDBFactory, stores: string[], write: (t: IDBTransaction) => void) {
  const db = await request(factory.open(NAME));
  const transaction = db.transaction(stores, 'readwrite');
  write(transaction);
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
  });
  db.close();
}

describe('importing a pack', () => {
  it('stores valid files and lists them after the built-in pack, newest first', async () => {
    const repository = await open(new IDBFactory());
    const older = await imported(repository, withRespondAmount(3), monday);
    const newer = await imported(repository, withRespondAmount(4), tuesday);

    const builtin = testPack().pack;
    expect(older.id).toMatch(
      new RegExp(`^${builtin.id}@${builtin.version.replaceAll('.', '\\.')}#[0-9a-f]{12}$`),
    );
    expect(older).toMatchObject({ packId: builtin.id, version: builtin.version, name: builtin.name });
    expect(await repository.list()).toEqual([
      {
        id: BUILTIN_PACK_ID,
        packId: builtin.id,
        version: builtin.version,
        name: builtin.name,
        importedAt: null,
        active: true,
      },
      {
        id: newer.id,
        packId: 'cpor',
        version: builtin.version,
        name: builtin.name,
        importedAt: tuesday,
        active: false,
      },
      {
        id: older.id,
        packId: 'cpor',
        version: builtin.version,
        name: builtin.name,
        importedAt: monday,
        active: false,
      },
    ]);
  });

  it("rejects a clock of unit 'days' with the policy owner's problem and stores nothing", async () => {
    const repository = await open(new IDBFactory());
    const files = testPackFiles();
    (respondClock(files) as { unit: string }).unit = 'days';

    const result = await repository.importPack(files, monday);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: 'import/statuses.json',
        pointer: expect.stringMatching(/^\/statuses\/\d+\/clocks\/0\/unit$/),
        message: expect.stringContaining("use 'business-days' or 'calendar-days'"),
        level: 'error',
      }),
    );
    expect((await repository.list()).map((p) => p.id)).toEqual([BUILTIN_PACK_ID]);
  });

  it('refuses a calendar region that date-holidays does not know when given the known regions', async () => {
    const files = testPackFiles() as { calendars: { calendars: { region: unknown }[] } };
    files.calendars.calendars[0]!.region = { country: 'ZZ' };
    const regions = { hasCountry: (c: string) => c !== 'ZZ', hasState: () => true };
    const repository = await open(new IDBFactory(), { regions });
    const result = await repository.importPack(files as unknown as RawPackFiles, monday);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.problems)).toContain('ZZ');
  });

  it('names the files in problems by the dir given', async () => {
    const repository = await open(new IDBFactory());
    const { statuses: _, ...withoutStatuses } = testPackFiles();
    const result = await repository.importPack(withoutStatuses, monday, { dir: 'my-pack' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.file)).toContain('my-pack/statuses.json');
  });

  it('keeps one entry for the same files imported twice, whatever the order of their keys', async () => {
    const repository = await open(new IDBFactory());
    const first = await repository.importPack(withRespondAmount(3), monday);
    const reordered = Object.fromEntries(Object.entries(withRespondAmount(3)).reverse()) as RawPackFiles;
    reordered.pack = Object.fromEntries(Object.entries(reordered.pack as object).reverse());
    const second = await repository.importPack(reordered, tuesday);

    expect(first).toMatchObject({ ok: true, alreadyImported: false });
    expect(second).toMatchObject({ ok: true, alreadyImported: true });
    if (!first.ok || !second.ok) return;
    expect(second.entry).toEqual(first.entry);
    expect(second.entry.importedAt).toBe(monday);
    expect(await repository.list()).toHaveLength(2);
  });

  it('gives other files another id', async () => {
    const repository = await open(new IDBFactory());
    const three = await imported(repository, withRespondAmount(3));
    const four = await imported(repository, withRespondAmount(4));
    expect(three.id).not.toBe(four.id);
  });

  it('stores only the pack files, copied: cases are left out and later edits by the caller do not reach it', async () => {
    const repository = await open(new IDBFactory());
    const files = { ...withRespondAmount(3), cases: { cases: [] } } as RawPackFiles;
    const entry = await imported(repository, files);
    respondClock(files).amount = 9;

    const stored = await repository.get(entry.id);
    expect(Object.keys(stored!.files).sort()).toEqual(Object.keys(testPackFiles()).sort());
    expect(respondClock(stored!.files).amount).toBe(3);
    expect(await repository.get(BUILTIN_PACK_ID)).toBeUndefined();
    expect(await repository.get('nope')).toBeUndefined();
  });

  it('rejects a time that is not one', async () => {
    const repository = await open(new IDBFactory());
    await expect(repository.importPack(withRespondAmount(3), Number.NaN)).rejects.toThrow(TypeError);
  });
});

describe('the active pack', () => {
  it('is the built-in pack at first', async () => {
    const repository = await open(new IDBFactory());
    expect(await repository.active()).toEqual({ id: BUILTIN_PACK_ID, pack: testPack(), problems: [] });
  });

  it('is the activated pack, with its changed clock', async () => {
    const repository = await open(new IDBFactory());
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);

    const active = await repository.active();
    expect(active.id).toBe(entry.id);
    expect(active.problems).toEqual([]);
    expect(respondClock(active.pack).amount).toBe(3);
    expect(respondClock(testPack()).amount).toBe(5);
    expect((await repository.list()).map((p) => [p.id, p.active])).toEqual([
      [BUILTIN_PACK_ID, false],
      [entry.id, true],
    ]);
  });

  it('gets the built-in interface texts it lacks (a pack made for an older cpor-guard), with a warning at import', async () => {
    const repository = await open(new IDBFactory());
    const files = testPackFiles();
    const messages = (files.messages as { messages: Record<string, unknown> }).messages;
    delete messages['ui.popup.deadlines.yours'];
    delete messages['ui.options.nav'];
    const result = await repository.importPack(files, monday);
    if (!result.ok) throw new Error('import failed');
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      "has no 2 of cpor-guard's interface texts (ui.popup.deadlines.yours, ui.options.nav); the built-in pack's are used for them",
    );
    await repository.activate(result.entry.id);
    const active = await repository.active();
    expect(active.id).toBe(result.entry.id);
    expect(active.pack.messages.messages['ui.popup.deadlines.yours']).toEqual({
      en: 'Yours to meet',
      nl: 'Door u te halen',
    });
  });

  it('rolls back to the previously active pack, and further back when repeated', async () => {
    const repository = await open(new IDBFactory());
    const three = await imported(repository, withRespondAmount(3));
    const four = await imported(repository, withRespondAmount(4));
    await repository.activate(three.id);
    await repository.activate(four.id);
    await repository.activate(four.id); // already active: no history entry

    expect(await repository.rollback()).toBe(three.id);
    expect(respondClock((await repository.active()).pack).amount).toBe(3);
    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('rolls back to the built-in pack when there is no history', async () => {
    const repository = await open(new IDBFactory());
    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);

    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it(`remembers at most ${ROLLBACK_LIMIT} earlier packs`, async () => {
    const repository = await open(new IDBFactory());
    const a = await imported(repository, withRespondAmount(3));
    const b = await imported(repository, withRespondAmount(4));
    for (let i = 0; i < ROLLBACK_LIMIT + 5; i++) await repository.activate(i % 2 === 0 ? a.id : b.id);
    const seen: string[] = [];
    for (let i = 0; i < ROLLBACK_LIMIT + 2; i++) seen.push(await repository.rollback());
    expect(seen.slice(0, ROLLBACK_LIMIT).every((id) => id === a.id || id === b.id)).toBe(true);
    expect(seen.slice(ROLLBACK_LIMIT)).toEqual([BUILTIN_PACK_ID, BUILTIN_PACK_ID]);
  });

  it('refuses to activate an unknown pack, and changes nothing', async () => {
    const repository = await open(new IDBFactory());
    await expect(repository.activate('cpor@9#000000000000')).rejects.toThrow(/not imported/);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('activates the built-in pack by its id, remembering the one before', async () => {
    const repository = await open(new IDBFactory());
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    await repository.activate(BUILTIN_PACK_ID);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
    expect(await repository.rollback()).toBe(entry.id);
  });
});

describe('removing a pack', () => {
  it('refuses the active pack and the built-in pack with a clear error', async () => {
    const repository = await open(new IDBFactory());
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);

    await expect(repository.remove(entry.id)).rejects.toThrow(
      /is active and cannot be removed; activate another/,
    );
    await expect(repository.remove(BUILTIN_PACK_ID)).rejects.toThrow(/built-in rule pack cannot be removed/);
    expect((await repository.list()).map((p) => p.id)).toEqual([BUILTIN_PACK_ID, entry.id]);
    expect((await repository.active()).id).toBe(entry.id);
  });

  it('deletes another pack, and rollback no longer goes back to it', async () => {
    const repository = await open(new IDBFactory());
    const three = await imported(repository, withRespondAmount(3));
    const four = await imported(repository, withRespondAmount(4));
    await repository.activate(three.id);
    await repository.activate(four.id);

    await repository.remove(three.id);
    await repository.remove('never-imported');
    expect((await repository.list()).map((p) => p.id)).toEqual([BUILTIN_PACK_ID, four.id]);
    // Imported again (same files, same id), it is a new choice, not part of the history.
    expect((await imported(repository, withRespondAmount(3))).id).toBe(three.id);
    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
  });

  it('leaves rollback no step that would keep the same pack', async () => {
    const repository = await open(new IDBFactory());
    const three = await imported(repository, withRespondAmount(3));
    const four = await imported(repository, withRespondAmount(4));
    await repository.activate(three.id);
    await repository.activate(four.id);
    await repository.activate(three.id);
    await repository.remove(four.id); // history: builtin, three; three is active

    expect(await repository.rollback()).toBe(BUILTIN_PACK_ID);
  });
});

describe('a pack that loads but fails when run (the smoke test)', () => {
  const failing = {
    file: 'smoke test',
    pointer: '/statuses/[partner-action-required]',
    message: 'counting the deadlines failed when run',
    level: 'error' as const,
  };
  /** Fails the packs whose respond-to-reviewer clock is 7 business days; counts its runs. */
  function smoke() {
    const runs: number[] = [];
    const smokeTest = (pack: ReturnType<typeof testPack>) => {
      const amount = pack.statuses.statuses
        .find((s) => s.id === 'partner-action-required')!
        .clocks!.find((c) => c.id === 'respond-to-reviewer')!.amount as number;
      runs.push(amount);
      return amount === 7 ? [failing] : [];
    };
    return { runs, smokeTest };
  }

  it('cannot be activated: the smoke test’s problems are the refusal, and nothing changes', async () => {
    const factory = new IDBFactory();
    const repository = await open(factory, { smokeTest: smoke().smokeTest });
    const entry = await imported(repository, withRespondAmount(7));
    const error = await repository.activate(entry.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackNotLoadableError);
    expect((error as PackNotLoadableError).problems).toEqual([failing]);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('activated before the test existed, gives way to the last good pack active before it, saying why', async () => {
    const factory = new IDBFactory();
    const plain = await open(factory);
    const good = await imported(plain, withRespondAmount(3));
    const bad = await imported(plain, withRespondAmount(7), tuesday);
    await plain.activate(good.id);
    await plain.activate(bad.id);
    plain.close();

    const { runs, smokeTest } = smoke();
    const repository = await open(factory, { smokeTest });
    const active = await repository.active();
    expect(active.id).toBe(good.id);
    expect(active.fallbackFrom).toBe(bad.id);
    expect(active.problems).toEqual([failing]);
    expect(respondClock(active.pack as unknown as RawPackFiles).amount).toBe(3);
    // Each entry is run once per repository, however often the active pack is asked for.
    await repository.active();
    expect(runs.sort()).toEqual([3, 7]);
  });

  it('gives way to the built-in pack when no pack before it works', async () => {
    const factory = new IDBFactory();
    const plain = await open(factory);
    const bad = await imported(plain, withRespondAmount(7));
    await plain.activate(bad.id);
    plain.close();

    const repository = await open(factory, { smokeTest: smoke().smokeTest });
    const active = await repository.active();
    expect(active).toMatchObject({ id: BUILTIN_PACK_ID, fallbackFrom: bad.id, problems: [failing] });
  });
});

describe('a stored pack that no longer loads', () => {
  /** Imports and activates the 3-day pack, then rewrites its stored clock unit, as a schema change in an update would make it invalid. */
  async function activeThenBroken(factory: IDBFactory) {
    const repository = await open(factory);
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    const broken = structuredClone(entry);
    (respondClock(broken.files) as { unit: string }).unit = 'days';
    await rawWrite(factory, ['packs'], (t) => t.objectStore('packs').put(broken));
    return { repository, entry };
  }

  it('falls back to the built-in pack with its problems, without throwing', async () => {
    const factory = new IDBFactory();
    const { repository, entry } = await activeThenBroken(factory);

    const active = await repository.active();
    expect(active.id).toBe(BUILTIN_PACK_ID);
    expect(active.fallbackFrom).toBe(entry.id);
    expect(active.pack).toBe(testPack());
    expect(active.problems).toContainEqual(
      expect.objectContaining({
        file: `${entry.id}/statuses.json`,
        message: expect.stringContaining("'days'"),
      }),
    );
    expect(active.databaseUnavailable).toBeUndefined();
    // Still the chosen one: the list says so, and the options page shows why it is not used.
    expect((await repository.list()).find((p) => p.id === entry.id)?.active).toBe(true);
  });

  it('cannot be activated again', async () => {
    const factory = new IDBFactory();
    const { repository, entry } = await activeThenBroken(factory);
    await repository.activate(BUILTIN_PACK_ID);

    const error = await repository.activate(entry.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackNotLoadableError);
    expect((error as PackNotLoadableError).problems.length).toBeGreaterThan(0);
    expect((error as Error).message).toMatch(/statuses\.json.*'days'/);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('falls back when the active entry is gone or damaged', async () => {
    const factory = new IDBFactory();
    const repository = await open(factory);
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);

    await rawWrite(factory, ['packs'], (t) => t.objectStore('packs').put({ id: entry.id, files: 'oops' }));
    const damaged = await repository.active();
    expect(damaged).toMatchObject({ id: BUILTIN_PACK_ID, fallbackFrom: entry.id });
    expect(damaged.problems[0]!.message).toMatch(/stored copy is damaged/);

    await rawWrite(factory, ['packs'], (t) => t.objectStore('packs').delete(entry.id));
    const gone = await repository.active();
    expect(gone).toMatchObject({ id: BUILTIN_PACK_ID, fallbackFrom: entry.id });
    expect(gone.problems[0]!.message).toMatch(/no longer stored/);
    expect((await repository.list()).map((p) => [p.id, p.active])).toEqual([[BUILTIN_PACK_ID, true]]);
  });

  it('falls back when the record of the active pack is damaged', async () => {
    const factory = new IDBFactory();
    const onCorrupt = vi.fn();
    const repository = await open(factory, { onCorrupt });
    await rawWrite(factory, ['meta'], (t) => t.objectStore('meta').put({ active: 42 }, 'activePack'));

    const active = await repository.active();
    expect(active.id).toBe(BUILTIN_PACK_ID);
    expect(active.problems[0]!.message).toMatch(/which rule pack is active could not be read/);
    expect(onCorrupt).toHaveBeenCalledWith('activePack', expect.stringContaining("'active'"));
    // Activating writes a sound record again.
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    expect((await repository.active()).id).toBe(entry.id);
  });
});

describe('the database', () => {
  it('keeps the packs and the active one across close and reopen', async () => {
    const factory = new IDBFactory();
    const first = await open(factory);
    const three = await imported(first, withRespondAmount(3));
    const four = await imported(first, withRespondAmount(4), tuesday);
    await first.activate(three.id);
    await first.activate(four.id);
    const listed = await first.list();
    first.close();
    await expect(first.list()).rejects.toThrow(/used after close/);

    const second = await open(factory);
    expect(await second.list()).toEqual(listed);
    expect((await second.active()).id).toBe(four.id);
    expect(await second.rollback()).toBe(three.id);
  });

  it('answers with the built-in pack, saying the database is unavailable, when it cannot be read', async () => {
    const repository = await open(new IDBFactory());
    repository.close();
    const active = await repository.active();
    expect(active).toMatchObject({ id: BUILTIN_PACK_ID, databaseUnavailable: true });
    expect(active.pack).toBe(testPack());
    expect(active.problems[0]!.file).toBe('database');
  });

  it('closes its connection when another one deletes the database, and reopens on the next call', async () => {
    const factory = new IDBFactory();
    const repository = await open(factory);
    await repository.activate((await imported(repository, withRespondAmount(3))).id);

    const deleting = factory.deleteDatabase(NAME);
    let blocked = false;
    deleting.onblocked = () => {
      blocked = true;
    };
    await request(deleting);
    expect(blocked).toBe(false);
    expect(await repository.list()).toHaveLength(1);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('upgrades a version 1 database with claims and an old pack record, losing nothing', async () => {
    const factory = new IDBFactory();
    const claim: ClaimRecord = {
      claimId: 'C-1',
      firstSeen: monday,
      lastSeen: tuesday,
      history: [{ status: 'approved', at: monday, estimated: true, estimateBasis: 'first-seen' }],
    };
    const placeholder = { id: 'cpor-default@1', active: true };
    // Version 1 as it shipped (test/store/db.test.ts SHIPPED_STEPS[0]), with the raw API.
    const v1 = factory.open(NAME, 1);
    v1.onupgradeneeded = () => {
      v1.result.createObjectStore('claims', { keyPath: 'claimId' });
      v1.result.createObjectStore('validations', { keyPath: 'id' });
      v1.result.createObjectStore('packs', { keyPath: 'id' });
    };
    (await request(v1)).close();
    await rawWrite(factory, ['claims', 'packs'], (t) => {
      t.objectStore('claims').put(claim);
      t.objectStore('packs').put(placeholder);
    });

    const onCorrupt = vi.fn();
    const repository = await open(factory, { onCorrupt });
    expect((await repository.list()).map((p) => p.id)).toEqual([BUILTIN_PACK_ID]);
    expect(onCorrupt).toHaveBeenCalledWith('cpor-default@1', expect.any(String));
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    repository.close();

    const claims = await openClaimStore({ name: NAME, factory });
    expect(await claims.all()).toEqual([claim]);
    claims.close();
    const db = await request(factory.open(NAME));
    expect(db.version).toBe(DB_VERSION);
    expect(await request(db.transaction('packs').objectStore('packs').get(placeholder.id))).toEqual(
      placeholder,
    );
    db.close();
  });
});

describe('reading the active pack for the background', () => {
  it('opens the repository once and answers the active pack', async () => {
    const factory = new IDBFactory();
    const repository = await open(factory);
    const entry = await imported(repository, withRespondAmount(3));
    await repository.activate(entry.id);
    const openRepository = vi.fn(() => open(factory));

    const read = createActivePackReader(openRepository);
    expect((await read()).id).toBe(entry.id);
    await repository.activate(BUILTIN_PACK_ID);
    expect((await read()).id).toBe(BUILTIN_PACK_ID);
    expect(openRepository).toHaveBeenCalledTimes(1);
  });

  it('rejects while the database cannot be opened, and opens it again on the next read', async () => {
    const factory = new IDBFactory();
    const openRepository = vi
      .fn<() => Promise<PackRepository>>()
      .mockRejectedValueOnce(new StoreBlockedError(1, 2, 5000))
      .mockImplementation(() => open(factory));

    const read = createActivePackReader(openRepository);
    await expect(read()).rejects.toThrow(StoreBlockedError);
    expect((await read()).id).toBe(BUILTIN_PACK_ID);
    expect(openRepository).toHaveBeenCalledTimes(2);
  });

  it('rejects when the repository answers that the database is unavailable', async () => {
    const repository = await open(new IDBFactory());
    repository.close();
    const read = createActivePackReader(async () => repository);
    await expect(read()).rejects.toThrow(/stored rule packs could not be read/);
  });
});
