// @vitest-environment node
// The claim's fields first seen on its page (issue 13): kept in the claim's record, per field, and
// never overwritten by a later visit; read back and through an upgrade of the database.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClaimRecord,
  type ClaimStore,
  FIRST_FIELDS_LIMIT,
  firstFieldsProblem,
  mergeHistory,
  mergeSighting,
  openClaimStore,
  readClaimRecord,
  withFirstFields,
} from '../../src/store';
import { openDatabase } from '../../src/store/db';

const t = (iso: string): number => Date.parse(iso);
const NAME = 'cpor-guard-first-fields-test';
const sighting = { claimId: '30500101', status: 'partner-action-required' };

const opened: ClaimStore[] = [];
async function open(factory: IDBFactory): Promise<ClaimStore> {
  const store = await openClaimStore({ name: NAME, factory });
  opened.push(store);
  return store;
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const record = (): ClaimRecord => mergeSighting(undefined, sighting, t('2026-12-01T10:00:00Z'));

describe('withFirstFields', () => {
  it('keeps the first value of each field: a later visit showing another value changes nothing', () => {
    const first = withFirstFields(record(), {
      claimName: 'Tailspin Toys – Microsoft Teams usage',
      tenantId: null,
    });
    expect(first.firstFields).toEqual({ claimName: 'Tailspin Toys – Microsoft Teams usage', tenantId: null });
    const later = withFirstFields(first, {
      claimName: 'Tailspin Toys – Teams and SharePoint',
      tenantId: 'x',
    });
    expect(later).toBe(first);
  });

  it('adds a field first shown on a later visit, keeping the others', () => {
    const first = withFirstFields(record(), { claimName: 'A' });
    const later = withFirstFields(first, { claimName: 'B', products: ['microsoft-teams'] });
    expect(later.firstFields).toEqual({ claimName: 'A', products: ['microsoft-teams'] });
    expect(first.firstFields).toEqual({ claimName: 'A' });
  });

  it('refuses values it cannot keep', () => {
    expect(firstFieldsProblem([])).toBe('is not an object');
    expect(firstFieldsProblem({ a: { b: 1 } })).toMatch(/field "a"/);
    expect(firstFieldsProblem({ a: 'x'.repeat(FIRST_FIELDS_LIMIT.textLength + 1) })).toMatch(/field "a"/);
    expect(firstFieldsProblem({ a: Number.NaN })).toMatch(/field "a"/);
    expect(firstFieldsProblem({ a: 'x', b: 2, c: true, d: null, e: ['y'] })).toBeUndefined();
    expect(() => withFirstFields(record(), { a: [1] } as never)).toThrow(TypeError);
  });

  it('survives a visit of the claim’s page (mergeHistory) and a sighting on the list, as does its link', () => {
    const page =
      'https://partner.microsoft.com/en-us/dashboard/incentives/engagements/ux/workshops/claims/30500101';
    const kept = withFirstFields(
      mergeSighting(undefined, { ...sighting, url: page }, t('2026-12-01T10:00:00Z')),
      { claimName: 'A' },
    );
    const visited = mergeHistory(
      kept,
      [{ status: 'partner-action-required', at: t('2026-11-19T18:30:00Z') }],
      sighting,
      t('2026-12-02T10:00:00Z'),
    );
    expect(visited.firstFields).toEqual({ claimName: 'A' });
    expect(visited.url).toBe(page);
    expect(mergeSighting(visited, sighting, t('2026-12-03T10:00:00Z')).firstFields).toEqual({
      claimName: 'A',
    });
  });

  it('is read back from the database; fields that cannot be kept are dropped, not the claim', () => {
    const kept = withFirstFields(record(), { claimName: 'A', products: ['x', 'y'] });
    const read = readClaimRecord(JSON.parse(JSON.stringify(kept)));
    expect(read).toEqual({ ok: true, record: kept });
    const broken = readClaimRecord({ ...kept, firstFields: { claimName: { nested: true } } });
    expect(broken.ok && broken.record.firstFields).toBe(undefined);
    expect(broken.ok && broken.record.claimId).toBe('30500101');
  });
});

describe('the claim store keeps the fields first seen', () => {
  it('for a claim never seen, from the sighting; a later visit gets the first values back', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    expect(
      await store.keepFirstFields(sighting, { claimName: 'A', tenantId: 'T1' }, t('2026-12-01T10:00:00Z')),
    ).toEqual({ claimName: 'A', tenantId: 'T1' });
    store.close();
    // Another tab, another day, the page showing a changed name and one more field.
    const again = await open(factory);
    expect(
      await again.keepFirstFields(
        sighting,
        { claimName: 'B', partnerId: '4871236' },
        t('2026-12-02T10:00:00Z'),
      ),
    ).toEqual({ claimName: 'A', tenantId: 'T1', partnerId: '4871236' });
    const stored = await again.get('30500101');
    expect(stored?.history).toEqual([
      {
        status: 'partner-action-required',
        at: t('2026-12-01T10:00:00Z'),
        estimated: true,
        estimateBasis: 'first-seen',
      },
    ]);
    expect(stored?.firstFields).toEqual({ claimName: 'A', tenantId: 'T1', partnerId: '4871236' });
  });

  it('adds them to a claim already kept without touching its history', async () => {
    const store = await open(new IDBFactory());
    await store.recordHistory(
      sighting,
      [{ status: 'partner-action-required', at: t('2026-11-19T18:30:00Z') }],
      t('2026-12-01T10:00:00Z'),
    );
    const before = await store.get('30500101');
    await store.keepFirstFields(sighting, { claimName: 'A' }, t('2026-12-02T10:00:00Z'));
    const after = await store.get('30500101');
    expect(after).toEqual({ ...before, firstFields: { claimName: 'A' } });
    // A later sighting on the list keeps them.
    await store.record([sighting], t('2026-12-05T10:00:00Z'));
    expect((await store.get('30500101'))?.firstFields).toEqual({ claimName: 'A' });
  });

  it('rejects fields it cannot keep before touching the database', async () => {
    const store = await open(new IDBFactory());
    await expect(store.keepFirstFields(sighting, { a: { b: 1 } } as never, 1)).rejects.toThrow(TypeError);
    expect(await store.all()).toEqual([]);
  });
});

it('a version 3 database’s claim is kept whole by the upgrade to 4, and then gets its first fields', async () => {
  const factory = new IDBFactory();
  const old = await openDatabase({ name: NAME, factory, version: 3 });
  const claim = record();
  await old.put('claims', claim);
  old.close();
  const store = await open(factory);
  expect(await store.get('30500101')).toEqual(claim);
  await store.keepFirstFields(sighting, { claimName: 'A' }, t('2026-12-02T10:00:00Z'));
  expect(await store.get('30500101')).toEqual({ ...claim, firstFields: { claimName: 'A' } });
});
