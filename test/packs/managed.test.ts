// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PACK_ID, openPackRepository, type PackRepository } from '../../src/packs';
import {
  applyManagedPolicy,
  MANAGED_PACK_LIMIT,
  managedPolicyValue,
  readManagedPolicy,
  UNMANAGED,
} from '../../src/packs/managed';
import { formatProblem } from '../../src/rules/problems';
import type { PackManifest, StatusesFile } from '../../src/rules/types';
import { testPack, testPackFiles } from '../fixtures/packs';

const now = Date.parse('2026-03-02T09:00:00Z');
const opened: PackRepository[] = [];
async function fresh(): Promise<PackRepository> {
  const repository = await openPackRepository({
    name: 'managed-test',
    factory: new IDBFactory(),
    onCorrupt: () => {},
    // The test pack stands in for the built-in one (rules/cpor is the policy owners').
    builtin: testPack,
  });
  opened.push(repository);
  return repository;
}
afterEach(() => {
  for (const repository of opened.splice(0)) repository.close();
});

/** The test pack's files as version `version` of the same pack. */
function version(v: string) {
  const files = testPackFiles();
  (files.pack as PackManifest).version = v;
  return files;
}

describe('readManagedPolicy', () => {
  it('reads who set the rules, the pack text and the lock', () => {
    expect(readManagedPolicy({ name: ' Contoso IT ', pack: '{}', lockPacks: true })).toEqual({
      managed: true,
      by: 'Contoso IT',
      packText: '{}',
      locked: true,
    });
  });

  it.each([[undefined], [{}], ['text'], [[1, 2]], [{ name: '', pack: ' ', lockPacks: 'yes' }]])(
    'takes %j as not managed',
    (values) => {
      expect(readManagedPolicy(values)).toEqual(UNMANAGED);
    },
  );
});

describe('applyManagedPolicy', () => {
  it('imports the pushed pack with the import checks and makes it active, once', async () => {
    const repository = await fresh();
    const policy = readManagedPolicy(managedPolicyValue(version('2026.99.0'), 'Contoso IT'));
    const first = await applyManagedPolicy(repository, policy, now);
    expect(first.changed).toBe(true);
    expect(first.status).toMatchObject({ managed: true, by: 'Contoso IT', locked: true, problems: [] });
    const active = await repository.active();
    expect(active.pack.pack.version).toBe('2026.99.0');
    expect(active.id).toBe(first.status.packEntryId);
    // Applied again (the background's next start): nothing new.
    const again = await applyManagedPolicy(repository, policy, now + 1000);
    expect(again.changed).toBe(false);
    expect((await repository.list()).filter((p) => p.version === '2026.99.0')).toHaveLength(1);
  });

  it('pins the pushed pack again after the partner activated another one', async () => {
    const repository = await fresh();
    const policy = readManagedPolicy(managedPolicyValue(version('2026.99.0'), 'Contoso IT'));
    await applyManagedPolicy(repository, policy, now);
    await repository.activate(BUILTIN_PACK_ID);
    expect((await applyManagedPolicy(repository, policy, now)).changed).toBe(true);
    expect((await repository.active()).pack.pack.version).toBe('2026.99.0');
  });

  it('keeps the last good pack active when the pushed one fails, and lists why', async () => {
    const repository = await fresh();
    await applyManagedPolicy(
      repository,
      readManagedPolicy(managedPolicyValue(version('2026.99.0'), 'IT')),
      now,
    );
    const broken = version('2026.100.0');
    (broken.statuses as StatusesFile).statuses[3]!.clocks![0]!.unit = 'days' as never;
    const result = await applyManagedPolicy(
      repository,
      readManagedPolicy(managedPolicyValue(broken, 'IT')),
      now,
    );
    expect(result.changed).toBe(false);
    expect(result.status.packEntryId).toBeNull();
    expect(result.status.problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(
        /^policy\/statuses\.json: status 'partner-action-required' › clock 'respond-to-reviewer' › unit \(\/statuses\/3\/clocks\/0\/unit\): 'days' is not a valid unit/,
      ),
    );
    expect((await repository.active()).pack.pack.version).toBe('2026.99.0');
    expect((await repository.list()).map((p) => p.version)).not.toContain('2026.100.0');
  });

  it.each([
    ['{"pack": ', /^policy\/pack \/: is not valid JSON at line 1/],
    ['[1]', /^policy\/pack \/: must be a JSON object with the pack's files by kind/],
    ['{"rules": {}}', /^policy\/pack \/: names no pack file 'rules'/],
    [`"${'x'.repeat(MANAGED_PACK_LIMIT)}"`, /more than 4194304; push a smaller pack/],
  ])('refuses the pack text %s with a problem for the admin, changing nothing', async (text, problem) => {
    const repository = await fresh();
    const result = await applyManagedPolicy(repository, { ...UNMANAGED, managed: true, packText: text }, now);
    expect(result.changed).toBe(false);
    expect(result.status.problems.map(formatProblem)).toEqual([expect.stringMatching(problem)]);
    expect((await repository.active()).id).toBe(BUILTIN_PACK_ID);
    expect(await repository.list()).toHaveLength(1);
  });

  it('changes nothing when the policy only names who manages the rules', async () => {
    const repository = await fresh();
    const result = await applyManagedPolicy(repository, readManagedPolicy({ name: 'IT' }), now);
    expect(result).toEqual({
      changed: false,
      status: { managed: true, by: 'IT', locked: false, packEntryId: null, problems: [] },
    });
  });
});
