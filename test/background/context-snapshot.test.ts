// The overlay's context kept for the next service worker (src/background/context-snapshot.ts): a
// new worker (a new overlay service over the same session storage) answers from the last one's
// context, under the same revision, while the stamp is the same, and builds its own otherwise.
import { describe, expect, it, vi } from 'vitest';
import { asSnapshot, type ContextSnapshot, contextStamp } from '../../src/background/context-snapshot';
import { createOverlayService, type OverlayServiceDeps } from '../../src/background/overlay-service';
import type { ContextResponse } from '../../src/messaging/protocol';
import type { RulePack } from '../../src/rules/types';
import { defaultSettings } from '../../src/settings';
import type { ClaimStore } from '../../src/store';
import { testPack } from '../fixtures/packs';

const now = Date.parse('2026-11-27T10:00:00Z');

const emptyStore: ClaimStore = {
  record: async () => ({ records: [], written: 0 }),
  recordHistory: async () => {
    throw new Error('not in this test');
  },
  get: async () => undefined,
  keepFirstFields: async () => ({}),
  all: async () => [],
  clear: async () => {},
  close: () => {},
};

/** Session storage shared by the workers of a test, as browser.storage.session is; values cloned as it clones them. */
function sessionStorage() {
  let value: unknown = null;
  return {
    store: {
      read: vi.fn(async () => structuredClone(value)),
      write: vi.fn(async (snapshot: ContextSnapshot) => {
        value = structuredClone(snapshot);
      }),
    },
    set(v: unknown) {
      value = v;
    },
  };
}

/** One service worker's overlay service over `session`, with the stamp `stamp.value` and an active pack read counted. */
function worker(
  session: ReturnType<typeof sessionStorage>,
  stamp: { value: string },
  active: () => Promise<{ pack: RulePack }> = async () => ({ pack: testPack() }),
) {
  const deps = {
    activePack: vi.fn(active),
    builtinPack: vi.fn(testPack),
    settings: vi.fn(async (pack: RulePack) => defaultSettings(pack)),
    openStore: vi.fn(async () => emptyStore),
    now: () => new Date(now),
    snapshot: { store: session.store, stamp: async () => stamp.value },
  } satisfies OverlayServiceDeps;
  return { service: createOverlayService(deps), deps };
}

describe('the context kept for the next service worker', () => {
  it('is written once per revision, under the stamp of what it was built from', async () => {
    const session = sessionStorage();
    const { service } = worker(session, { value: 'stamp-1' });
    const first = await service.context();
    await service.context();
    expect(session.store.write).toHaveBeenCalledTimes(1);
    const kept = session.store.write.mock.calls[0]![0];
    expect(kept.stamp).toBe('stamp-1');
    expect(kept.revision).toBe(first.revision);
    expect(kept.table).toEqual(first.table);
  });

  it('takes the stamp only while the context in memory is not the one kept', async () => {
    const session = sessionStorage();
    const { service, deps } = worker(session, { value: 'stamp-1' });
    const stamp = vi.spyOn(deps.snapshot, 'stamp');
    await service.context();
    await service.context();
    await service.contextUnless('some revision');
    // The first lookup of the last worker's context, and the stamp for keeping this one.
    expect(stamp).toHaveBeenCalledTimes(2);
  });

  it('serves a new worker under the same revision, without reading the pack or building the table', async () => {
    const session = sessionStorage();
    const stamp = { value: 'stamp-1' };
    const first = await worker(session, stamp).service.context();

    const next = worker(session, stamp);
    const whole = (await next.service.contextUnless(undefined)) as ContextResponse;
    expect(whole.revision).toBe(first.revision);
    expect(whole.pack).toEqual(first.pack);
    expect(whole.table).toEqual(first.table);
    expect(await next.service.contextUnless(first.revision)).toEqual({
      ok: true,
      revision: first.revision,
      unchanged: true,
    });
    expect(next.deps.activePack).not.toHaveBeenCalled();
    expect(next.deps.settings).not.toHaveBeenCalled();

    // When it builds its engine (another message), it takes the kept table: still the same revision.
    await next.service.deadlines(now, 'en');
    expect(next.deps.activePack).toHaveBeenCalledTimes(1);
    expect((await next.service.contextUnless(undefined)).revision).toBe(first.revision);
  });

  it('does not serve when the stamp changed (a pack activated or settings changed meanwhile)', async () => {
    const session = sessionStorage();
    const stamp = { value: 'stamp-1' };
    const first = await worker(session, stamp).service.context();
    stamp.value = 'stamp-2';
    const next = worker(session, stamp);
    const built = await next.service.context();
    expect(built.revision).not.toBe(first.revision);
    expect(next.deps.activePack).toHaveBeenCalledTimes(1);
    expect(session.store.write.mock.calls.at(-1)![0].stamp).toBe('stamp-2');
  });

  it('looks again after an invalidation, with the stamp of then', async () => {
    const session = sessionStorage();
    const stamp = { value: 'stamp-1' };
    const first = await worker(session, stamp).service.context();
    const next = worker(session, stamp);
    expect((await next.service.context()).revision).toBe(first.revision);
    // Another pack activated while this worker serves from the snapshot: its stamp changes.
    stamp.value = 'stamp-2';
    next.service.invalidatePack();
    const rebuilt = await next.service.context();
    expect(rebuilt.revision).not.toBe(first.revision);
    expect(next.deps.activePack).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing built while the active pack cannot be read (the built-in one serves for now)', async () => {
    const session = sessionStorage();
    const blocked = worker(session, { value: 'stamp-1' }, async () => {
      throw new Error('blocked by another tab');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await blocked.service.context();
    expect(session.store.write).not.toHaveBeenCalled();
  });

  it('builds its own over a stored value that is no snapshot, or storage that fails', async () => {
    const session = sessionStorage();
    session.set({ stamp: 'stamp-1', revision: 7 });
    const next = worker(session, { value: 'stamp-1' });
    await next.service.context();
    expect(next.deps.activePack).toHaveBeenCalledTimes(1);

    const failing = sessionStorage();
    failing.store.read.mockRejectedValue(new Error('no storage.session here'));
    failing.store.write.mockRejectedValue(new Error('quota'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lone = worker(failing, { value: 'stamp-1' });
    expect((await lone.service.context()).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '[cpor-guard] the kept context could not be read:',
      '[cpor-guard] the context could not be kept:',
    ]);
  });
});

describe('contextStamp and asSnapshot', () => {
  it('stamps the active-pack revision, the settings, the built-in version and the day', () => {
    const parts = {
      activePackRevision: 1733300000000,
      settings: { partnerRegion: 'NL' },
      builtinVersion: '2026.12.0',
      now: new Date('2026-12-04T10:00:00Z'),
    };
    const stamp = contextStamp(parts);
    expect(contextStamp({ ...parts, now: new Date('2026-12-04T23:00:00Z') })).toBe(stamp);
    expect(contextStamp({ ...parts, now: new Date('2026-12-05T00:00:00Z') })).not.toBe(stamp);
    expect(contextStamp({ ...parts, activePackRevision: 1 })).not.toBe(stamp);
    expect(contextStamp({ ...parts, settings: { partnerRegion: 'BE' } })).not.toBe(stamp);
    expect(contextStamp({ ...parts, builtinVersion: '2027.1.0' })).not.toBe(stamp);
    // Nothing activated yet, nothing set: the stored values are missing (WXT gives null).
    expect(contextStamp({ ...parts, activePackRevision: undefined, settings: undefined })).toBe(
      contextStamp({ ...parts, activePackRevision: null, settings: null }),
    );
  });

  it('takes only a whole snapshot', () => {
    const whole = { stamp: 's', key: 'k', revision: 'r', pack: {}, table: {} };
    expect(asSnapshot(whole)).toBe(whole);
    expect(asSnapshot({ ...whole, fallbackFrom: 'imported-1' })).toBeDefined();
    for (const broken of [
      null,
      'text',
      { ...whole, revision: 1 },
      { ...whole, pack: null },
      { ...whole, fallbackFrom: 3 },
    ])
      expect(asSnapshot(broken)).toBeUndefined();
  });
});
