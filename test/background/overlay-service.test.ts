// @vitest-environment node
// The background's overlay service switching packs, with fakes for the pack source, the settings
// and the claim store: no browser API, no database.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOverlayService, type OverlayServiceDeps } from '../../src/background/overlay-service';
import { DEADLINES_PAGE_MAX } from '../../src/messaging/protocol';
import type { RulePack } from '../../src/rules/types';
import { defaultSettings } from '../../src/settings';
import {
  type ClaimRecord,
  type ClaimStore,
  openClaimStore,
  StoreBlockedError,
  StoreVersionError,
} from '../../src/store';
import { testPack } from '../fixtures/packs';

const t = (iso: string) => Date.parse(iso);
const now = t('2026-11-27T10:00-08:00');

/** A claim in partner action required since Mon 23 Nov 10:00 Redmond: 5 business days leave it at 'notice' on Fri 27 Nov; 3 do not. */
const respond: ClaimRecord = {
  claimId: '30448305',
  firstSeen: t('2026-11-23T10:00-08:00'),
  lastSeen: now,
  history: [{ status: 'partner-action-required', at: t('2026-11-23T10:00-08:00') }],
};

/** A copy of the built-in pack, same id and version, with the respond-to-reviewer clock at `amount` and one more closed day at Microsoft. */
function editedPack(amount: number, closed: string): RulePack {
  const pack = structuredClone(testPack());
  const status = pack.statuses.statuses.find((s) => s.id === 'partner-action-required')!;
  status.clocks!.find((c) => c.id === 'respond-to-reviewer')!.amount = amount;
  const microsoft = pack.calendars.calendars.find((c) => c.id === 'microsoft')!;
  microsoft.extraClosures = [
    ...(microsoft.extraClosures ?? []),
    { ...microsoft.extraClosures![0]!, date: closed },
  ];
  return pack;
}

const store: ClaimStore = {
  record: async () => ({ records: [], written: 0 }),
  recordHistory: async () => respond,
  keepFirstFields: async (_sighting, fields) => fields,
  get: async () => undefined,
  all: async () => [respond],
  clear: async () => {},
  close: () => {},
};

/** A service whose active pack is whatever `current` holds (or a rejection), counting the reads. */
function serviceOver(current: { pack: RulePack | Error; fallbackFrom?: string }) {
  const deps = {
    activePack: vi.fn(async () => {
      if (current.pack instanceof Error) throw current.pack;
      return current.fallbackFrom
        ? { pack: current.pack, fallbackFrom: current.fallbackFrom }
        : { pack: current.pack };
    }),
    builtinPack: vi.fn(testPack),
    settings: vi.fn(async (pack: RulePack) => defaultSettings(pack)),
    openStore: vi.fn(async () => store),
    now: () => new Date(now),
  } satisfies OverlayServiceDeps;
  return { service: createOverlayService(deps), deps };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the overlay service and the active pack', () => {
  it('reads the active pack once and hands it out with the holiday table of its calendars', async () => {
    const three = editedPack(3, '2026-06-15');
    const { service, deps } = serviceOver({ pack: three });

    const first = await service.context();
    const second = await service.context();
    expect(first.pack).toBe(three);
    expect(first.table.calendars.microsoft!.closed).toContain('2026-06-15');
    expect(second.table).toBe(first.table);
    expect(await service.pack()).toBe(three);
    expect(deps.activePack).toHaveBeenCalledTimes(1);
    expect(deps.settings).toHaveBeenCalledWith(three);
  });

  it('keeps the pack until told it changed, then reads it again and rebuilds the holiday table', async () => {
    const current: { pack: RulePack | Error } = { pack: testPack() };
    const { service, deps } = serviceOver(current);
    const before = await service.context();
    expect(before.table.calendars.microsoft!.closed).not.toContain('2026-06-15');

    // Another pack of the same id and version: only the notice tells the service.
    current.pack = editedPack(3, '2026-06-15');
    expect((await service.context()).pack).toBe(testPack());

    service.invalidatePack();
    const after = await service.context();
    expect(after.pack).toBe(current.pack);
    expect(after.table.calendars.microsoft!.closed).toContain('2026-06-15');
    expect(deps.activePack).toHaveBeenCalledTimes(2);
  });

  it('tells the page which chosen pack the one it hands out stands in for', async () => {
    const { service } = serviceOver({ pack: testPack(), fallbackFrom: 'acme@3.0.0#0123456789ab' });
    expect(await service.context()).toMatchObject({
      pack: testPack(),
      fallbackFrom: 'acme@3.0.0#0123456789ab',
    });
    const { service: plain } = serviceOver({ pack: testPack() });
    expect(await plain.context()).not.toHaveProperty('fallbackFrom');
  });

  it('computes reminders with the active pack after a switch', async () => {
    const current: { pack: RulePack | Error } = { pack: testPack() };
    const { service } = serviceOver(current);
    expect(await service.reminders(now, 'en', new Set())).toEqual([]);

    current.pack = editedPack(3, '2026-06-15');
    service.invalidatePack();
    const reminders = await service.reminders(now, 'en', new Set());
    expect(reminders.map((r) => [r.claimId, r.clockId])).toEqual([['30448305', 'respond-to-reviewer']]);
  });

  it('lists the pending deadlines of the stored claims with the active pack', async () => {
    const current: { pack: RulePack | Error } = { pack: testPack() };
    const { service } = serviceOver(current);
    const builtin = await service.deadlines(now, 'en');
    expect(builtin).toMatchObject({ ok: true, stale: 0, failed: 0 });
    expect(builtin.ok && builtin.claims.map((c) => [c.claimId, c.badge.level, c.badge.short])).toEqual([
      ['30448305', 'notice', '2d 10h'],
    ]);

    current.pack = editedPack(3, '2026-06-15');
    service.invalidatePack();
    const edited = await service.deadlines(now, 'nl');
    expect(edited.ok && edited.claims.map((c) => [c.status, c.badge.level, c.badge.short])).toEqual([
      ['Partner actie vereist', 'critical', '10u'],
    ]);
  });

  it('gives the calendar entries of the stored claims with the active pack, alarm at the warning level', async () => {
    const current: { pack: RulePack | Error } = { pack: testPack() };
    const { service } = serviceOver(current);
    const calendar = await service.calendar(now, 'en');
    // Mon 23 Nov 10:00 Redmond + 5 business days (Thanksgiving, Thu 26, and Fri 27 closed): Tue 24,
    // Wed 25, Mon 30, Tue 1, Wed 2 Dec 10:00 PST; 2 business days left (warning) at Mon 30 Nov 10:00 PST.
    expect(calendar).toMatchObject({ ok: true, paused: 0, stale: 0, failed: 0 });
    expect(
      calendar.ok &&
        calendar.deadlines.map((d) => [
          d.claimId,
          d.clockId,
          new Date(d.due).toISOString(),
          d.alarm && new Date(d.alarm.at).toISOString(),
        ]),
    ).toEqual([['30448305', 'respond-to-reviewer', '2026-12-02T18:00:00.000Z', '2026-11-30T18:00:00.000Z']]);
    const blocked = serviceOver(current);
    blocked.deps.openStore.mockRejectedValue(new StoreBlockedError(2, 3, 5000));
    expect(await blocked.service.calendar(now, 'en')).toMatchObject({ ok: false, problem: 'blocked' });
  });

  it('tells the pages when the store is blocked by another tab, so they can say what to do', async () => {
    const { service, deps } = serviceOver({ pack: testPack() });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    deps.openStore.mockRejectedValue(new StoreBlockedError(2, 3, 5000));
    const sightings = await service.sightings([{ claimId: '1', status: 'submitted' }], now);
    expect(sightings).toMatchObject({ ok: true, saved: false, problem: 'blocked' });
    expect(await service.deadlines(now, 'en')).toMatchObject({ ok: false, problem: 'blocked' });
    deps.openStore.mockRejectedValue(new StoreVersionError(3));
    expect(await service.deadlines(now, 'en')).toMatchObject({ ok: false, problem: 'newer' });
  });

  it('says why when the claim store cannot be read for the deadlines list', async () => {
    const { service, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockRejectedValue(new Error('upgrade blocked by another tab'));
    expect(await service.deadlines(now, 'en')).toEqual({
      ok: false,
      error: 'upgrade blocked by another tab',
    });
  });

  it('serves the built-in pack while the active one cannot be read, and asks again next time', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const three = editedPack(3, '2026-06-15');
    const current: { pack: RulePack | Error } = { pack: new Error('database blocked') };
    const { service, deps } = serviceOver(current);

    expect((await service.context()).pack).toBe(testPack());
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('built-in pack'), 'database blocked');
    current.pack = three;
    const later = await service.context();
    expect(later.pack).toBe(three);
    expect(later.table.calendars.microsoft!.closed).toContain('2026-06-15');
    expect(deps.activePack).toHaveBeenCalledTimes(2);
  });

  it('forgets only the holiday table when the settings change', async () => {
    const { service, deps } = serviceOver({ pack: testPack() });
    const first = await service.context();
    service.invalidate();
    const second = await service.context();
    expect(second.table).not.toBe(first.table);
    expect(second.table).toEqual(first.table);
    expect(deps.activePack).toHaveBeenCalledTimes(1);
  });

  it('starts afresh in a new service, as after a service worker restart', async () => {
    const three = editedPack(3, '2026-06-15');
    const current: { pack: RulePack | Error } = { pack: testPack() };
    await serviceOver(current).service.context();
    current.pack = three;
    // No notice reached the new worker: it reads the active pack anyway.
    expect((await serviceOver(current).service.context()).pack).toBe(three);
  });
});

describe('the overlay service and the claim store (issue 14)', () => {
  const rows = [
    { claimId: '30448305', status: 'partner-action-required', pageBound: t('2026-11-24T00:00-08:00') },
    { claimId: '30451877', status: 'under-review' },
  ];

  /** A minute apart: the same local day in every time zone of whole minutes (a store's rule, mustWrite). */
  const before = now - 60_000;

  async function serviceOverStore() {
    const store = await openClaimStore({ name: 'overlay-service-test', factory: new IDBFactory() });
    const { service, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockResolvedValue(store);
    return { store, service };
  }

  it('writes nothing on an unchanged second visit, and answers with the same records and deadlines', async () => {
    const { store, service } = await serviceOverStore();
    const first = await service.sightings(rows, before);
    expect(first).toMatchObject({ ok: true, saved: true, written: 2 });
    const deadlines = await service.deadlines(now, 'en');
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const second = await service.sightings(rows, now);
    expect(put).not.toHaveBeenCalled();
    expect(second).toEqual(first.ok ? { ...first, written: 0 } : first);
    expect(await service.deadlines(now, 'en')).toEqual(deadlines);
    store.close();
  });

  it('writes the one row that changed', async () => {
    const { store, service } = await serviceOverStore();
    await service.sightings(rows, before);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const changed = await service.sightings(
      [rows[0]!, { ...rows[1]!, status: 'partner-action-required' }],
      now,
    );
    expect(changed).toMatchObject({ ok: true, saved: true, written: 1 });
    expect(put).toHaveBeenCalledTimes(1);
    expect((await store.get('30451877'))!.history.map((e) => e.status)).toEqual([
      'under-review',
      'partner-action-required',
    ]);
    store.close();
  });

  it('says whether the caller’s copy of the records is current: the revision moves at each write, by any tab, a claim page or a restore', async () => {
    const { store, service } = await serviceOverStore();
    const first = await service.sightings(rows, before);
    if (!first.ok) throw new Error(first.error);
    expect(first).toMatchObject({ saved: true, written: 2, current: false });
    // The same rows again from the tab that holds the revision: nothing written, still current.
    const again = await service.sightings([], now, first.revision);
    expect(again).toMatchObject({ ok: true, written: 0, current: true, revision: first.revision });
    // Another tab writes a row: the first tab's copy is no longer current.
    const other = await service.sightings([{ ...rows[1]!, status: 'partner-action-required' }], now);
    if (!other.ok) throw new Error(other.error);
    expect(other.revision).not.toBe(first.revision);
    expect(await service.sightings([], now, first.revision)).toMatchObject({ current: false });
    expect(await service.sightings([], now, other.revision)).toMatchObject({ current: true });
    // A claim page's History, and a restored backup, move it too.
    await service.history(
      rows[0],
      [{ status: 'partner-action-required', at: t('2026-11-23T09:00-08:00') }],
      now,
    );
    expect(await service.sightings([], now, other.revision)).toMatchObject({ current: false });
    const afterHistory = await service.sightings([], now);
    if (!afterHistory.ok) throw new Error(afterHistory.error);
    service.claimsChanged();
    expect(await service.sightings([], now, afterHistory.revision)).toMatchObject({ current: false });
    store.close();
  });

  it('answers from its copy of the records as the store would: after its writes, a History, and for an unchanged list without a transaction', async () => {
    const { store, service } = await serviceOverStore();
    await service.sightings(rows, before);
    await service.deadlinesPage(now, 'en', { limit: 10 }); // the copy is read
    const shown = [rows[0]!, { ...rows[1]!, status: 'partner-action-required' }];
    await service.sightings(shown, now);
    await service.history(
      rows[0],
      [{ status: 'partner-action-required', at: t('2026-11-23T09:00-08:00') }],
      now,
    );
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const unchanged = await service.sightings(shown, now + 60_000);
    expect(transaction).not.toHaveBeenCalled();
    transaction.mockRestore();
    // A new service reads everything from the store: the same records and the same list.
    const { service: fresh, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockResolvedValue(store);
    const fromStore = await fresh.sightings(shown, now + 60_000);
    if (!unchanged.ok || !fromStore.ok) throw new Error('not recorded');
    expect(unchanged.records).toEqual(fromStore.records);
    expect(unchanged.written).toBe(0);
    expect(await service.deadlinesPage(now + 60_000, 'en', { limit: 10 })).toEqual(
      await fresh.deadlinesPage(now + 60_000, 'en', { limit: 10 }),
    );
    store.close();
  });

  it('keeps its copy as the store after a claim page’s fields were kept, a new claim’s too, and moves the revision only when it wrote', async () => {
    const { store, service } = await serviceOverStore();
    const first = await service.sightings(rows, before);
    await service.deadlinesPage(now, 'en', { limit: 10 }); // the copy is read
    await service.firstFields(rows[0], { claimName: 'A' }, now);
    const newClaim = { claimId: '30470001', status: 'submitted' };
    await service.firstFields(newClaim, { claimName: 'B' }, now);
    const written = await service.sightings([], now);
    if (!first.ok || !written.ok) throw new Error('not recorded');
    expect(written.revision).not.toBe(first.revision);
    // The same fields again write nothing: the revision stays.
    await service.firstFields(rows[0], { claimName: 'A' }, now);
    expect(await service.sightings([], now, written.revision)).toMatchObject({ current: true });
    const { service: fresh, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockResolvedValue(store);
    const all = [...rows, newClaim];
    const mine = await service.sightings(all, now);
    const theirs = await fresh.sightings(all, now);
    expect(mine.ok && mine.records).toEqual(theirs.ok && theirs.records);
    store.close();
  });

  it('gives a restarted service’s revisions a new start, so no tab trusts a copy from before', async () => {
    const { store, service } = await serviceOverStore();
    const first = await service.sightings(rows, before);
    const { service: restarted, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockResolvedValue(store);
    const answer = await restarted.sightings([], now, first.ok ? first.revision : undefined);
    expect(answer).toMatchObject({ ok: true, current: false });
    store.close();
  });
});

describe('the claim’s fields first seen (issue 13)', () => {
  const sighting = { claimId: '30500101', status: 'partner-action-required' };

  it('keeps the first values and answers them on a later visit; a malformed request is refused', async () => {
    const store = await openClaimStore({ name: 'overlay-first-fields', factory: new IDBFactory() });
    const { service, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockResolvedValue(store);
    expect(await service.firstFields(sighting, { claimName: 'A' }, now)).toEqual({
      ok: true,
      fields: { claimName: 'A' },
      saved: true,
    });
    expect(await service.firstFields(sighting, { claimName: 'B' }, now + 1)).toEqual({
      ok: true,
      fields: { claimName: 'A' },
      saved: true,
    });
    expect(await service.firstFields(sighting, { claimName: { x: 1 } }, now)).toMatchObject({ ok: false });
    expect(await service.firstFields({ claimId: '' }, {}, now)).toMatchObject({ ok: false });
    store.close();
  });

  it('answers the fields sent, unsaved, when the store cannot be used', async () => {
    const { service, deps } = serviceOver({ pack: testPack() });
    deps.openStore.mockRejectedValue(new Error('blocked'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await service.firstFields(sighting, { claimName: 'B' }, now)).toEqual({
      ok: true,
      fields: { claimName: 'B' },
      saved: false,
      error: 'blocked',
    });
  });
});

describe('the popup’s pages (issue 14)', () => {
  /** 30 claims under review, an hour apart; the first the earliest due. */
  const claims = (count: number): ClaimRecord[] =>
    Array.from({ length: count }, (_, i) => ({
      claimId: String(30_700_000 + i),
      firstSeen: t('2026-11-25T10:00-08:00'),
      lastSeen: now,
      history: [{ status: 'under-review', at: t('2026-11-25T10:00-08:00') + i * 60_000 }],
    }));
  const many = claims(30);

  function pagedService(kept = many) {
    const { service, deps } = serviceOver({ pack: testPack() });
    const all = vi.fn(async () => kept);
    deps.openStore.mockResolvedValue({ ...store, all, record: async () => ({ records: [], written: 1 }) });
    return { service, all };
  }

  it('answers a page at a time in the order of the whole list, reading the store once for the list and the pages', async () => {
    const { service, all } = pagedService();
    const whole = await service.deadlines(now, 'en');
    const first = await service.deadlinesPage(now, 'en', { offset: 0, limit: 12 });
    const second = await service.deadlinesPage(now, 'en', { offset: 12, limit: 12 });
    const last = await service.deadlinesPage(now, 'en', { offset: 24, limit: 12 });
    expect(all).toHaveBeenCalledTimes(1); // the records are kept until a claim is written
    if (!whole.ok || !first.ok || !second.ok || !last.ok) throw new Error('no deadlines');
    expect([first, second, last].map((p) => p.claims.length)).toEqual([12, 12, 6]);
    expect([...first.claims, ...second.claims, ...last.claims].map((c) => c.claimId)).toEqual(
      whole.claims.map((c) => c.claimId),
    );
    expect(first).toMatchObject({ offset: 0, total: 30, yours: 0, pending: 30 });
  });

  it('reads the store once, again only after a backup was restored: not after its own writes, another filter or time', async () => {
    const { service, all } = pagedService();
    await service.deadlinesPage(now, 'en', { limit: 5 });
    await service.deadlinesPage(now, 'nl', { offset: 5, limit: 5 });
    expect(all).toHaveBeenCalledTimes(1);
    await service.sightings([{ claimId: '1', status: 'submitted' }], now);
    await service.deadlinesPage(now, 'en', { limit: 5 });
    expect(all).toHaveBeenCalledTimes(1);
    await service.deadlinesPage(now, 'en', { actor: 'partner', limit: 5 });
    const later = await service.deadlinesPage(now + 86_400_000, 'en', { actor: 'partner', limit: 5 });
    expect(all).toHaveBeenCalledTimes(1);
    service.claimsChanged();
    const restored = await service.deadlinesPage(now + 86_400_000, 'en', { actor: 'partner', limit: 5 });
    expect(all).toHaveBeenCalledTimes(2);
    expect(restored).toEqual(later);
  });

  it('orders the kept records again at another time: the texts count from that moment (Monday after Friday)', async () => {
    const { service } = pagedService();
    const today = await service.deadlinesPage(now, 'en', { limit: 1 });
    const monday = await service.deadlinesPage(now + 3 * 86_400_000, 'en', { limit: 1 });
    if (!today.ok || !monday.ok) throw new Error('no deadlines');
    expect(monday.claims[0]!.badge.text).not.toBe(today.claims[0]!.badge.text);
  });

  it('orders the claims once for requests that arrive while the store is read (the popup asks ahead)', async () => {
    const { service, all } = pagedService();
    const [ahead, first] = await Promise.all([
      service.deadlinesPage(now, 'en', { limit: 0 }),
      service.deadlinesPage(now, 'en', { limit: 5 }),
    ]);
    expect(all).toHaveBeenCalledTimes(1);
    expect(ahead).toMatchObject({ ok: true, claims: [], total: 30 });
    expect(first.ok && first.claims.length).toBe(5);
  });

  it('reads the store again after it could not be read', async () => {
    const { service, deps } = serviceOver({ pack: testPack() });
    const all = vi.fn<() => Promise<ClaimRecord[]>>().mockRejectedValueOnce(new Error('busy'));
    all.mockResolvedValue(many);
    deps.openStore.mockResolvedValue({ ...store, all });
    expect(await service.deadlinesPage(now, 'en', { limit: 5 })).toEqual({ ok: false, error: 'busy' });
    expect(await service.deadlinesPage(now, 'en', { limit: 5 })).toMatchObject({ ok: true, total: 30 });
  });

  it('never answers more than DEADLINES_PAGE_MAX claims', async () => {
    const { service } = pagedService(claims(DEADLINES_PAGE_MAX + 50));
    const page = await service.deadlinesPage(now, 'en', { limit: 10_000 });
    expect(page.ok && [page.claims.length, page.total]).toEqual([
      DEADLINES_PAGE_MAX,
      DEADLINES_PAGE_MAX + 50,
    ]);
    // Under 200 KB as JSON, the goal of issue 14.
    expect(JSON.stringify(page).length).toBeLessThan(200_000);
  });
});
