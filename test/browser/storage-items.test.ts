// @vitest-environment node
// The storage.local items keep the keys that earlier versions wrote (a partner's settings and the
// reminders already shown survive an update), read a missing key as its fallback, and watch.
// Runs on WXT's fake browser, installed as the `chrome` global before wxt/browser is first read.

import { beforeAll, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Items = typeof import('../../src/browser/storage-items');
type SettingsStorageModule = typeof import('../../src/browser/settings-storage');
let items: Items;
let settings: SettingsStorageModule;

beforeAll(async () => {
  (globalThis as { chrome?: unknown }).chrome = fakeBrowser;
  items = await import('../../src/browser/storage-items');
  settings = await import('../../src/browser/settings-storage');
});
beforeEach(() => fakeBrowser.reset());

it('reads and writes the keys earlier versions used', async () => {
  await fakeBrowser.storage.local.set({
    settings: { region: { country: 'BE' } },
    'packs.activeRevision': 17,
    'reminders.sent': ['a'],
  });
  expect(await settings.browserSettingsStorage.read()).toEqual({ region: { country: 'BE' } });
  expect(await items.activePackRevisionItem.getValue()).toBe(17);
  expect(await items.remindersSentItem.getValue()).toEqual(['a']);

  await settings.browserSettingsStorage.write({ region: { country: 'NL' } } as never);
  await items.remindersSentItem.setValue(['a', 'b']);
  expect(await fakeBrowser.storage.local.get(null)).toEqual({
    settings: { region: { country: 'NL' } },
    'packs.activeRevision': 17,
    'reminders.sent': ['a', 'b'],
  });
});

it('reads nothing stored as undefined settings and no reminders shown', async () => {
  expect(await settings.browserSettingsStorage.read()).toBeUndefined();
  expect(await items.remindersSentItem.getValue()).toEqual([]);
});

it('tells a watcher when the options page bumps the active pack', async () => {
  const seen: unknown[] = [];
  const unwatch = items.activePackRevisionItem.watch((value) => seen.push(value));
  await fakeBrowser.storage.local.set({ 'packs.activeRevision': 42 });
  unwatch();
  await fakeBrowser.storage.local.set({ 'packs.activeRevision': 43 });
  expect(seen).toEqual([42]);
});
