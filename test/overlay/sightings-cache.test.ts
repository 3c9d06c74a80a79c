// @vitest-environment node
// A tab's copy of the records of its claims list (issue 14), over the real overlay service and a
// claim store in fake-indexeddb: only changed rows cross, and the copy is dropped when the store
// changed in another way.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createOverlayService } from '../../src/background/overlay-service';
import type { ErrorResponse, SightingsResponse } from '../../src/messaging/protocol';
import { createSightingsCache } from '../../src/overlay/sightings-cache';
import { defaultSettings } from '../../src/settings';
import { openClaimStore, type Sighting } from '../../src/store';
import { testPack } from '../fixtures/packs';

const t = (iso: string) => Date.parse(iso);
/** Midday in Redmond; the next readings a minute later (the same local day in every whole-minute time zone). */
const now = t('2026-11-27T10:00-08:00');
const minute = 60_000;
const day = 86_400_000;

const rows: Sighting[] = [
  { claimId: '30448305', status: 'partner-action-required', pageBound: t('2026-11-24T00:00-08:00') },
  { claimId: '30451877', status: 'under-review' },
  { claimId: '30460001', status: 'submitted', url: 'https://partner.microsoft.com/claims/30460001' },
];

async function setUp(name: string) {
  const store = await openClaimStore({ name, factory: new IDBFactory() });
  const service = createOverlayService({
    activePack: async () => ({ pack: testPack() }),
    builtinPack: testPack,
    settings: async (pack) => defaultSettings(pack),
    openStore: async () => store,
    now: () => new Date(now),
  });
  /** What crossed to the background: the claim ids of each request. */
  const requests: string[][] = [];
  const send = vi.fn((sightings: Sighting[], at: number, have: string | undefined) => {
    requests.push(sightings.map((s) => s.claimId));
    return service.sightings(sightings, at, have);
  });
  return { store, service, requests, tab: () => createSightingsCache(send) };
}

function recordsOf(response: SightingsResponse | ErrorResponse) {
  if (!response.ok) throw new Error(response.error);
  return response.records;
}

describe('a tab’s copy of its list’s records (issue 14)', () => {
  it('sends every row at first, then only the row that changed, and answers every row’s record as stored', async () => {
    const { store, requests, tab } = await setUp('cache-changed');
    const cache = tab();
    const first = recordsOf(await cache.records(rows, now, { verify: true }));
    expect(first.map((r) => r.claimId)).toEqual(rows.map((r) => r.claimId));
    const changed = [rows[0]!, { ...rows[1]!, status: 'partner-action-required' }, rows[2]!];
    const second = recordsOf(await cache.records(changed, now + minute, { verify: true }));
    expect(requests).toEqual([rows.map((r) => r.claimId), ['30451877']]);
    expect(second).toEqual([
      await store.get('30448305'),
      await store.get('30451877'),
      await store.get('30460001'),
    ]);
    expect(second[1]!.history.map((e) => e.status)).toEqual(['under-review', 'partner-action-required']);
    store.close();
  });

  it('sends no row for a new navigation of an unchanged list, only asks whether its copy is current', async () => {
    const { store, requests, tab } = await setUp('cache-unchanged');
    const cache = tab();
    const first = recordsOf(await cache.records(rows, now, { verify: true }));
    const again = await cache.records(rows, now + minute, { verify: true });
    expect(requests).toEqual([rows.map((r) => r.claimId), []]);
    expect(again).toMatchObject({ ok: true, saved: true, written: 0 });
    expect(recordsOf(again)).toEqual(first);
    // Without `verify` (a re-render of the same navigation) nothing crosses at all.
    await cache.records(rows, now + 2 * minute);
    expect(requests).toHaveLength(2);
    store.close();
  });

  it('sends every row again when another tab wrote since, and answers that tab’s record', async () => {
    const { store, requests, tab } = await setUp('cache-other-tab');
    const mine = tab();
    const other = tab();
    await mine.records(rows, now, { verify: true });
    await other.records([{ ...rows[2]!, status: 'rejected' }], now + minute, { verify: true });
    const after = recordsOf(await mine.records(rows.slice(0, 2), now + 2 * minute, { verify: true }));
    expect(requests.slice(2)).toEqual([[], ['30448305', '30451877']]);
    expect(after).toEqual([await store.get('30448305'), await store.get('30451877')]);
    // The copy is then current again: the next navigation sends nothing.
    await mine.records(rows.slice(0, 2), now + 3 * minute, { verify: true });
    expect(requests.at(-1)).toEqual([]);
    store.close();
  });

  it('sends every row again after a claim page recorded a History, whose record the list then shows', async () => {
    const { store, service, requests, tab } = await setUp('cache-history');
    const cache = tab();
    await cache.records(rows, now, { verify: true });
    const exact = [{ status: 'partner-action-required', at: t('2026-11-23T09:00-08:00') }];
    await service.history(rows[0], exact, now + minute);
    const after = recordsOf(await cache.records(rows, now + 2 * minute, { verify: true }));
    expect(requests.at(-1)).toEqual(rows.map((r) => r.claimId));
    expect(after[0]).toEqual(await store.get('30448305'));
    expect(after[0]!.history[0]!.at).toBe(exact[0]!.at);
    store.close();
  });

  it('sends an unchanged row again once a local midnight passed, so the store refreshes its lastSeen once a day', async () => {
    const { store, requests, tab } = await setUp('cache-midnight');
    const cache = tab();
    await cache.records(rows, now, { verify: true });
    const tomorrow = now + day;
    const answer = await cache.records(rows, tomorrow, { verify: true });
    expect(requests.at(-1)).toEqual(rows.map((r) => r.claimId));
    expect(answer).toMatchObject({ ok: true, written: 3 });
    expect((await store.get('30451877'))!.lastSeen).toBe(tomorrow);
    store.close();
  });

  it('keeps nothing when the store could not save, and sends every row the next time', async () => {
    const answers: (SightingsResponse | ErrorResponse)[] = [];
    const requests: string[][] = [];
    const cache = createSightingsCache(async (sightings, at) => {
      requests.push(sightings.map((s) => s.claimId));
      const answer: SightingsResponse = {
        ok: true,
        saved: false,
        error: 'blocked',
        records: sightings.map((s) => ({
          claimId: s.claimId,
          firstSeen: at,
          lastSeen: at,
          history: [{ status: s.status, at }],
        })),
      };
      answers.push(answer);
      return answer;
    });
    expect(await cache.records(rows, now, { verify: true })).toBe(answers[0]);
    await cache.records(rows, now + minute, { verify: true });
    expect(requests).toEqual([rows.map((r) => r.claimId), rows.map((r) => r.claimId)]);
  });
});
