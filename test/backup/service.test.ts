// @vitest-environment node
// Backup and restore over fake-indexeddb: each test takes a fresh factory (an empty origin, "another
// machine") of the implementation whose globals fake-indexeddb/auto installs.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/backup/format';
import { type BackupService, createBackupService, type RestoreOutcome } from '../../src/backup/service';
import { BUILTIN_PACK_ID, openPackRepository, type PackRepository } from '../../src/packs';
import type { RawPackFiles } from '../../src/rules/load';
import type { PackManifest, StatusesFile } from '../../src/rules/types';
import type { RegionCatalog, SettingsStorage } from '../../src/settings/settings';
import {
  type ClaimStore,
  openClaimStore,
  openValidationStore,
  VALIDATION_LIMIT,
  type ValidationRecord,
  type ValidationStore,
} from '../../src/store';
import { testPackFiles } from '../fixtures/packs';

const NAME = 'cpor-guard-backup-test';
const t = (iso: string): number => Date.parse(iso);
const monday = t('2026-11-30T09:00:00Z');
const tuesday = t('2026-12-01T09:00:00Z');
const wednesday = t('2026-12-02T09:00:00Z');

/** Stands in for date-holidays' regions: those of the settings in these tests and of the packs' calendars (US-WA). */
const catalog: RegionCatalog = {
  hasCountry: (country) => ['NL', 'BE', 'US'].includes(country),
  hasState: (country, state) => (country === 'BE' && state === 'VLG') || (country === 'US' && state === 'WA'),
};

/** A settings storage in memory, as browser.storage.local holds it. */
function memorySettings(initial?: unknown): SettingsStorage & { value: unknown } {
  const storage = {
    value: initial,
    read: async () => storage.value,
    write: async (settings: unknown) => {
      storage.value = structuredClone(settings);
    },
  };
  return storage as SettingsStorage & { value: unknown };
}

interface Machine {
  factory: IDBFactory;
  settings: SettingsStorage & { value: unknown };
  backup: BackupService;
  claims: ClaimStore;
  checks: ValidationStore;
  packs: PackRepository;
  announced: ReturnType<typeof vi.fn>;
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function machine(settings?: unknown, packsLocked = false): Promise<Machine> {
  const factory = new IDBFactory();
  const options = { name: NAME, factory };
  const announced = vi.fn();
  const storage = memorySettings(settings);
  const backup = createBackupService({
    ...options,
    settings: storage,
    catalog,
    onActivePackChanged: announced,
    packsLocked: async () => packsLocked,
  });
  const claims = await openClaimStore({ ...options, onCorrupt: () => {} });
  const checks = await openValidationStore(options);
  const packs = await openPackRepository({ ...options, onCorrupt: () => {} });
  closers.push(
    () => backup.close(),
    () => claims.close(),
    () => checks.close(),
    () => packs.close(),
  );
  return { factory, settings: storage, backup, claims, checks, packs, announced };
}

/** The test pack under another version, so two packs differ in content. */
function packVersion(version: string): RawPackFiles {
  const files = testPackFiles();
  (files.pack as PackManifest).version = version;
  return files;
}

async function importAndActivate(m: Machine, files: RawPackFiles, at: number): Promise<string> {
  const result = await m.packs.importPack(files, at);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  await m.packs.activate(result.entry.id);
  return result.entry.id;
}

function check(checkedAt: number, claimName: string): Omit<ValidationRecord, 'id'> {
  return {
    checkedAt,
    pack: { id: 'cpor', version: '1' },
    claim: { claimName },
    status: 'editing',
    day: '2026-12-01',
    findings: [{ level: 'error', field: 'customerDomain', message: 'Customer domain is required.' } as never],
  };
}

/** A machine with claims (an estimate, a claim page's exact history with an event), checks, two packs (one active) and a region. */
async function filledMachine(): Promise<Machine> {
  const m = await machine({ partnerRegion: { country: 'BE', state: 'VLG' } });
  await m.claims.record([{ claimId: 'claim-a', status: 'submitted' }], monday);
  await m.claims.record(
    [{ claimId: 'claim-a', status: 'under-review', pageBound: tuesday - 3_600_000 }],
    tuesday,
  );
  await m.claims.recordHistory(
    { claimId: 'claim-b', status: 'rejected' },
    [
      { status: 'submitted', at: monday },
      { status: 'rejected', at: tuesday },
    ],
    wednesday,
    [{ event: 'dispute-filed', at: tuesday + 60_000 }],
  );
  await m.checks.save(check(monday, 'Contoso'));
  await m.checks.save(check(tuesday, 'Fabrikam'));
  await importAndActivate(m, packVersion('2020.1.1'), monday);
  await importAndActivate(m, packVersion('2020.1.2'), tuesday);
  return m;
}

const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;
/** The file without the moment it was made: what a round trip must keep. */
const contentOf = (text: string) => {
  const { exportedAt: _, ...rest } = parsed(text);
  return rest;
};
const restored = (outcome: RestoreOutcome) => {
  if (!outcome.restored) throw new Error(`refused: ${outcome.refusal.reason}: ${outcome.refusal.detail}`);
  return outcome.summary;
};

describe('backing up what cpor-guard keeps', () => {
  it('writes one versioned file with claims, history, events, checks, packs, the active pack and the settings', async () => {
    const m = await filledMachine();
    const file = parsed(await m.backup.exportBackup(wednesday));
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(file.version).toBe(BACKUP_VERSION);
    expect(file.exportedAt).toBe('2026-12-02T09:00:00.000Z');
    const claims = file.claims as { claimId: string; history: unknown[]; events?: unknown[] }[];
    expect(claims.map((c) => c.claimId)).toEqual(['claim-a', 'claim-b']);
    expect(claims[0]!.history).toHaveLength(2);
    expect(claims[1]!.events).toEqual([{ event: 'dispute-filed', at: tuesday + 60_000 }]);
    expect((file.validations as ValidationRecord[]).map((v) => v.claim.claimName)).toEqual([
      'Contoso',
      'Fabrikam',
    ]);
    const packs = file.packs as { id: string; version: string }[];
    expect(packs.map((p) => p.version).sort()).toEqual(['2020.1.1', '2020.1.2']);
    const active = file.activePack as { active: string; previous: string[] };
    expect(packs.find((p) => p.id === active.active)?.version).toBe('2020.1.2');
    expect(active.previous).toEqual([BUILTIN_PACK_ID, packs.find((p) => p.version === '2020.1.1')!.id]);
    expect(file.settings).toEqual({ partnerRegion: { country: 'BE', state: 'VLG' } });
  });

  it('loses nothing in a round trip: export, import into an empty database, export again', async () => {
    const first = await (await filledMachine()).backup.exportBackup(wednesday);
    const empty = await machine();
    const summary = restored(await empty.backup.restoreBackup(first));
    expect(summary.claims).toEqual({ added: 2, updated: 0, kept: 0, unchanged: 0 });
    expect(summary.validations).toEqual({ added: 2, present: 0, tooOld: 0 });
    expect(summary.packs).toEqual({ added: 2, present: 0, notRestored: [], locked: false });
    expect(summary.activePack).toBe('restored');
    expect(summary.settings).toBe('restored');
    const second = await empty.backup.exportBackup(wednesday + 1000);
    expect(contentOf(second)).toEqual(contentOf(first));
    // And the restored data is what the stores themselves read back.
    expect((await empty.claims.get('claim-b'))?.events).toEqual([
      { event: 'dispute-filed', at: tuesday + 60_000 },
    ]);
    expect((await empty.packs.active()).pack.pack.version).toBe('2020.1.2');
    expect(empty.announced).toHaveBeenCalledTimes(1);
  });

  it('duplicates nothing when the same file is restored twice', async () => {
    const file = await (await filledMachine()).backup.exportBackup(wednesday);
    const other = await machine();
    restored(await other.backup.restoreBackup(file));
    const again = restored(await other.backup.restoreBackup(file));
    expect(again.claims).toEqual({ added: 0, updated: 0, kept: 0, unchanged: 2 });
    expect(again.validations).toEqual({ added: 0, present: 2, tooOld: 0 });
    expect(again.packs).toMatchObject({ added: 0, present: 2 });
    expect(again.activePack).toBe('unchanged');
    expect(again.settings).toBe('unchanged');
    expect(await other.claims.all()).toHaveLength(2);
    expect(await other.checks.recent()).toHaveLength(2);
    expect(await other.packs.list()).toHaveLength(3); // the built-in pack and the two
  });

  it('never overwrites a claim seen later on this machine with the older one of the backup', async () => {
    const source = await machine();
    await source.claims.record([{ claimId: 'claim-a', status: 'submitted' }], monday);
    await source.claims.record([{ claimId: 'claim-c', status: 'submitted' }], monday);
    const file = await source.backup.exportBackup(monday);

    const here = await machine();
    await here.claims.record([{ claimId: 'claim-a', status: 'submitted' }], monday - 86_400_000);
    await here.claims.record([{ claimId: 'claim-a', status: 'approved' }], wednesday); // newer here
    await here.claims.record([{ claimId: 'claim-c', status: 'submitted' }], monday - 86_400_000); // older here
    const summary = restored(await here.backup.restoreBackup(file));
    expect(summary.claims).toEqual({ added: 0, updated: 1, kept: 1, unchanged: 0 });
    const a = await here.claims.get('claim-a');
    expect(a?.history.map((h) => h.status)).toEqual(['submitted', 'approved']);
    expect(a?.lastSeen).toBe(wednesday);
    expect((await here.claims.get('claim-c'))?.lastSeen).toBe(monday);
  });

  it('keeps the pack and the region chosen on this machine, and adds the backup’s packs beside them', async () => {
    const file = await (await filledMachine()).backup.exportBackup(wednesday);
    const here = await machine({ partnerRegion: { country: 'NL' } });
    const own = await importAndActivate(here, packVersion('2020.1.9'), wednesday);
    const summary = restored(await here.backup.restoreBackup(file));
    expect(summary.activePack).toBe('kept');
    expect(summary.settings).toBe('kept');
    expect(summary.packs.added).toBe(2);
    expect((await here.packs.active()).id).toBe(own);
    expect(here.settings.value).toEqual({ partnerRegion: { country: 'NL' } });
    expect(here.announced).not.toHaveBeenCalled();
  });

  it('restores packs only through loadPack: one that does not load is named and left out, the rest goes in', async () => {
    const m = await filledMachine();
    const file = parsed(await m.backup.exportBackup(wednesday));
    const packs = file.packs as { id: string; version: string; files: RawPackFiles }[];
    const broken = packs.find((p) => p.version === '2020.1.1')!;
    const statuses = broken.files.statuses as StatusesFile;
    statuses.statuses[0]!.clocks = [{ id: 'x', amount: -1 } as never];
    const here = await machine();
    const summary = restored(await here.backup.restoreBackup(JSON.stringify(file)));
    expect(summary.packs.added).toBe(1);
    expect(summary.packs.notRestored.map((p) => p.id)).toEqual([broken.id]);
    expect(summary.packs.notRestored[0]!.problems.join('\n')).toContain(`${broken.id}/statuses.json`);
    // The active pack (2020.2) loads and is restored; the broken one is gone from its history too.
    expect(summary.activePack).toBe('restored');
    expect((await here.packs.active()).pack.pack.version).toBe('2020.1.2');
    expect((await here.packs.list()).map((p) => p.version)).not.toContain('2020.1.1');
    expect(await here.packs.rollback()).toBe(BUILTIN_PACK_ID);
  });

  it('leaves the packs and the active choice alone where the organisation locks them', async () => {
    const file = await (await filledMachine()).backup.exportBackup(wednesday);
    const here = await machine(undefined, true);
    const summary = restored(await here.backup.restoreBackup(file));
    expect(summary.packs).toEqual({ added: 0, present: 0, notRestored: [], locked: true });
    expect(summary.activePack).toBe('kept');
    expect(summary.claims.added).toBe(2);
    expect(await here.packs.list()).toHaveLength(1);
    expect((await here.packs.active()).id).toBe(BUILTIN_PACK_ID);
  });

  it('backs up only settings its restore accepts, so a backup of odd stored settings still restores', async () => {
    const odd = await machine({ partnerRegion: { country: 'XX' }, theme: 'dark' });
    const file = await odd.backup.exportBackup(wednesday);
    expect(parsed(file).settings).toEqual({});
    expect(restored(await (await machine()).backup.restoreBackup(file)).settings).toBe('restored');
    const unset = await machine();
    expect(parsed(await unset.backup.exportBackup(wednesday))).not.toHaveProperty('settings');
  });

  it('keeps only the newest check results the store holds when a backup brings more', async () => {
    const source = await machine();
    for (let i = 0; i < VALIDATION_LIMIT; i++) await source.checks.save(check(monday + i * 1000, `old ${i}`));
    const file = await source.backup.exportBackup(monday);
    const here = await machine();
    for (let i = 0; i < 10; i++) await here.checks.save(check(wednesday + i * 1000, `new ${i}`));
    const summary = restored(await here.backup.restoreBackup(file));
    expect(summary.validations).toEqual({ added: VALIDATION_LIMIT - 10, present: 0, tooOld: 10 });
    const recent = await here.checks.recent(VALIDATION_LIMIT + 10);
    expect(recent).toHaveLength(VALIDATION_LIMIT);
    expect(recent[0]!.claim.claimName).toBe('new 9');
    expect(recent.at(-1)!.claim.claimName).toBe('old 10');
  });
});

describe('refusing a damaged or foreign file', () => {
  /** Restores `text` on a filled machine and checks that nothing changed; returns the refusal. */
  async function refusedOn(text: string) {
    const m = await filledMachine();
    const before = await m.backup.exportBackup(wednesday);
    const outcome = await m.backup.restoreBackup(text);
    expect(outcome.restored).toBe(false);
    expect(await m.backup.exportBackup(wednesday)).toBe(before);
    expect(m.announced).not.toHaveBeenCalled();
    return outcome.restored ? undefined : outcome.refusal;
  }

  async function validFile(): Promise<Record<string, unknown>> {
    const other = await machine();
    await other.claims.record([{ claimId: 'claim-z', status: 'submitted' }], wednesday);
    return parsed(await other.backup.exportBackup(wednesday));
  }

  it.each([
    ['not JSON', () => 'PK\u0003\u0004 a zip, not JSON', 'not-json'],
    ['JSON of another program', () => JSON.stringify({ format: 'other-tool', claims: [] }), 'foreign'],
    ['a JSON list', () => '[1, 2, 3]', 'foreign'],
  ])('changes nothing for %s', async (_name, text, reason) => {
    expect((await refusedOn(text()))?.reason).toBe(reason);
  });

  it('changes nothing for a backup of a later version', async () => {
    const file = await validFile();
    file.version = BACKUP_VERSION + 1;
    const refusal = await refusedOn(JSON.stringify(file));
    expect(refusal).toEqual({ reason: 'future-version', detail: expect.stringContaining('version 2') });
  });

  it('changes nothing when one claim deep in the file has the wrong shape, and names it', async () => {
    const file = await validFile();
    (file.claims as unknown[]).push({ claimId: 'claim-y', firstSeen: 1, lastSeen: 2, history: [] });
    const refusal = await refusedOn(JSON.stringify(file));
    expect(refusal).toEqual({ reason: 'bad-shape', detail: 'claims[1]: history is not a non-empty array' });
  });
});
