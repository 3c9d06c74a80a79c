// Smoke test of the BUILT extension (.output/chrome-mv3) in real Chromium: the service worker
// starts, the popup and options pages render without errors, the content script runs on the
// dashboard's real URLs (served from the demo/ replica), and the extension talks to nobody but
// Partner Center. Deliberately asserts only what later issues will not redesign.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  PARTNER_ORIGIN,
  serveDemo,
} from '../../demo/harness.mjs';
import { openWatchedPage } from './pages';

// Only the calls made inside the service worker (via worker.evaluate) use this: Chromium's
// extension API, typed like WXT's `browser`.
declare const chrome: typeof import('wxt/browser').browser;

// Undefined when this file is picked up by a config other than test/e2e/vitest.config.ts, whose
// global setup decides whether Chromium is there (and fails in CI when it is not).
const e2e = inject('cporGuardE2e');
const chromiumPath = e2e?.chromiumPath ?? null;

if (!e2e) {
  console.warn(
    'extension.e2e.test.ts runs only via `npm run test:e2e` (test/e2e/vitest.config.ts); skipped.',
  );
}

const CONTENT_SCRIPT_PAGES = [
  ['the English claims list', associationsUrl('en-us')],
  ['the Dutch claims list', associationsUrl('nl-nl')],
  ['an English claim detail page', associationsUrl('en-us', '30448305')],
  ['a Dutch claim detail page', associationsUrl('nl-nl', '30448305')],
] as const;

describe.skipIf(!chromiumPath)('the built extension in Chromium', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;
  const requestedUrls: string[] = [];
  const workerErrors: string[] = [];

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
    context = launched.context;
    context.on('request', (request) => requestedUrls.push(request.url()));
    launched.worker.on('console', (message) => {
      if (message.type() === 'error') workerErrors.push(message.text());
    });
    await serveDemo(context);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('starts the background service worker of an unpacked extension', async () => {
    expect(launched.worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
    // Running code in the worker proves it is alive, not merely registered.
    const runtimeId = await launched.worker.evaluate(() => chrome.runtime.id);
    expect(runtimeId).toBe(launched.extensionId);
  });

  it('declares its icons, and every icon file loads as a PNG', async () => {
    const icons = await launched.worker.evaluate(() => chrome.runtime.getManifest().icons ?? {});
    expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
    const types = await launched.worker.evaluate(
      (paths) =>
        Promise.all(
          paths.map(async (path) => (await fetch(chrome.runtime.getURL(path))).headers.get('content-type')),
        ),
      Object.values(icons),
    );
    expect(types).toEqual(Object.values(icons).map(() => 'image/png'));
  });

  it.each(['popup.html', 'options.html'])('renders %s without errors', async (file) => {
    const { page, errors } = await openWatchedPage(
      context,
      `chrome-extension://${launched.extensionId}/${file}`,
    );
    await page.waitForFunction(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0);
    expect((await page.locator('#app').textContent())?.trim()).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(CONTENT_SCRIPT_PAGES)('runs the content script on %s', async (_name, url) => {
    const { page, errors } = await openWatchedPage(context, url);
    // Content scripts run in an isolated world, but the DOM is shared: what the script shows (the
    // badges, the claim page's panel) is there, and nothing else of ours marks the page.
    await page.waitForFunction(() => document.querySelector('[data-cpor-guard]') !== null, null, {
      timeout: 15_000,
    });
    expect(await page.evaluate(() => document.documentElement.getAttributeNames())).not.toContain(
      'data-cpor-guard',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last, so that it judges every request the tests above caused.
  it('makes no network requests outside Partner Center', () => {
    // The collector must have seen the dashboard, or an empty list would prove nothing.
    expect(requestedUrls).toContain(associationsUrl('en-us'));
    const ownOrigin = `chrome-extension://${launched.extensionId}`;
    const elsewhere = requestedUrls.filter((url) => !isAllowedRequest(url, ownOrigin));
    expect(elsewhere).toEqual([]);
    expect(workerErrors).toEqual([]);
  });
});

function isAllowedRequest(url: string, ownOrigin: string): boolean {
  const { protocol, origin } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  // `origin` of a chrome-extension: URL is "null" in Node, so compare prefixes.
  return origin === PARTNER_ORIGIN || url.startsWith(`${ownOrigin}/`);
}
