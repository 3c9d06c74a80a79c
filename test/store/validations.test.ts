// @vitest-environment node
// fake-indexeddb/auto installs the IDB globals idb checks its objects against; each test takes a
// fresh factory (an empty origin) of the same implementation.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openValidationStore, VALIDATION_LIMIT, type ValidationRecord } from '../../src/store';
import { DB_NAME, openDatabase } from '../../src/store/db';

const result = (checkedAt: number): Omit<ValidationRecord, 'id'> => ({
  checkedAt,
  pack: { id: 'cpor', version: '2026.11.0' },
  claim: { customerName: `Customer ${checkedAt}` },
  status: 'editing',
  day: '2026-11-27',
  findings: [],
});

describe('the validation store', () => {
  it('keeps check results, newest first, across close and reopen', async () => {
    const factory = new IDBFactory();
    const store = await openValidationStore({ factory });
    await store.save(result(2000));
    const saved = await store.save(result(3000));
    await store.save(result(1000));
    expect(saved.id).toMatch(/^[0-9a-z]{10}-[0-9a-z]+$/);
    store.close();
    const reopened = await openValidationStore({ factory });
    expect((await reopened.recent()).map((r) => r.checkedAt)).toEqual([3000, 2000, 1000]);
    expect((await reopened.recent(2)).map((r) => r.claim.customerName)).toEqual([
      'Customer 3000',
      'Customer 2000',
    ]);
    reopened.close();
  });

  it(`keeps only the newest ${VALIDATION_LIMIT}`, async () => {
    const store = await openValidationStore({ factory: new IDBFactory() });
    for (let i = 1; i <= VALIDATION_LIMIT + 5; i++) await store.save(result(i * 1000));
    const kept = await store.recent(1000);
    expect(kept).toHaveLength(VALIDATION_LIMIT);
    expect(kept.at(-1)!.checkedAt).toBe(6000);
    store.close();
  });

  it('finds the newest PoE check made in a claim’s page, with the files it read, and no other', async () => {
    const store = await openValidationStore({ factory: new IDBFactory() });
    const inPage = (checkedAt: number, claimId: string, files: string[], extra = {}) =>
      store.save({ ...result(checkedAt), claimId, filesHash: `h${checkedAt}`, files, ...extra });
    await inPage(1000, '30500101', ['sow.pdf']);
    await inPage(2000, '30500101', ['sow.pdf', 'products.pdf']);
    await inPage(3000, '30500101', ['late.pdf'], { poeFailure: 'time limit' });
    await inPage(4000, '30500102', ['other.pdf']);
    await store.save({ ...result(5000), claimId: '30500101' }); // a check-page result, no files hash
    expect(await store.latestPoeCheck('30500101')).toMatchObject({
      checkedAt: 2000,
      files: ['sow.pdf', 'products.pdf'],
    });
    expect(await store.latestPoeCheck('30599999')).toBeUndefined();
    store.close();
  });

  it('skips a corrupt stored result instead of failing the list', async () => {
    const factory = new IDBFactory();
    const db = await openDatabase({ name: DB_NAME, factory, blockedTimeoutMs: 1000 });
    await db.put('validations', { id: 'broken', checkedAt: 'yesterday' });
    db.close();
    const store = await openValidationStore({ factory });
    await store.save(result(5000));
    expect((await store.recent()).map((r) => r.checkedAt)).toEqual([5000]);
    store.close();
  });
});
