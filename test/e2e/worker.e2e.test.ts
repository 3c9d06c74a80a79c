// A stopped service worker in the BUILT extension in real Chromium (Chrome stops an idle one after
// 30 s): the next dashboard page wakes a new worker, which answers from the context the last one
// kept in storage.session (src/background/context-snapshot.ts): the same badges, the same revision
// (a tab open before the stop keeps its pack and table), and after another pack is activated, the
// new pack, not the kept one.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { ACTIVE_PACK_CHANGED_KEY } from '../../src/packs/keys';
import { badgesOn, waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK, shownAtClock } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

type Answer = { ok: boolean; revision?: string; unchanged?: boolean; pack?: { pack: { version: string } } };

/** Sends `cpor/context` from an extension page, as a content script does. */
function askContext(page: Page, have?: string): Promise<Answer> {
  return page.evaluate(
    (held) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Answer> } } }
      ).chrome.runtime.sendMessage(held ? { type: 'cpor/context', have: held } : { type: 'cpor/context' }),
    have,
  );
}

describe.skipIf(!chromiumPath)('a stopped service worker', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;
  let extensionPage: Page;
  let cdp: CDPSession;

  /** The running status of each service worker version, as DevTools reports it. */
  const running = new Map<string, string>();
  const stopWorkers = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect
      .poll(() => [...running.values()].every((status) => status === 'stopped'), { timeout: 10_000 })
      .toBe(true);
  };

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    context = launched.context;
    await serveDemo(context);
    // The worker is stopped from an extension page's DevTools session (ServiceWorker domain).
    extensionPage = (await openWatchedPage(context, `chrome-extension://${launched.extensionId}/check.html`))
      .page;
    cdp = await context.newCDPSession(extensionPage);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) running.set(version.versionId, version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('answers the next page from the kept context: the same badges, under the same revision', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const before = await askContext(extensionPage);
    expect(before.ok).toBe(true);

    await stopWorkers();
    const { page: next, errors: nextErrors } = await openWatchedPage(context, associationsUrl('nl-nl'));
    await waitForBadges(next, PENDING_AT_CLOCK.length);
    expect(await badgesOn(next)).toEqual(shownAtClock('nl'));
    // The tab open before the stop holds that revision: the new worker says it is unchanged.
    expect(await askContext(extensionPage, before.revision)).toEqual({
      ok: true,
      revision: before.revision,
      unchanged: true,
    });
    expect([...errors, ...nextErrors]).toEqual([]);
    await page.close();
    await next.close();
  });

  it('does not serve the kept context once the active pack changed while no worker ran', async () => {
    const before = await askContext(extensionPage);
    await stopWorkers();
    // What the options page does after an activation (src/packs/keys.ts): a new revision in
    // storage.local, written here without waking the worker.
    await extensionPage.evaluate(
      (key) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
        ).chrome.storage.local.set({ [key]: Date.now() }),
      ACTIVE_PACK_CHANGED_KEY,
    );
    const after = await askContext(extensionPage, before.revision);
    expect(after.ok).toBe(true);
    expect(after.unchanged).toBeUndefined();
    expect(after.revision).not.toBe(before.revision);
  });
});
