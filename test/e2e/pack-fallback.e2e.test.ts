// A rule pack that loads but cannot be used never blanks the overlay silently, in the BUILT
// extension in real Chromium: the pack chosen as active counts with a calendar in a time zone no
// browser knows (as a pack stored by an older cpor-guard, before such a pack was refused, could);
// the background passes over it for the pack active before it, and the claims list says so, in
// the page's language, beside the badges it still shows.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { ACTIVE_PACK_CHANGED_KEY } from '../../src/packs/keys';
import { defaultPackFiles } from '../../src/rules/default-pack';
import type { RulePack } from '../../src/rules/types';
import { waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK } from './set-clock';

declare const chrome: typeof import('wxt/browser').browser;

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

function entry(id: string, version: string, edit: (files: RulePack) => void = () => {}) {
  const files = structuredClone(defaultPackFiles) as unknown as RulePack;
  files.pack.version = version;
  edit(files);
  return {
    id,
    packId: files.pack.id,
    version,
    name: files.pack.name,
    files,
    importedAt: Date.parse(CLOCK_AT),
  };
}

const GOOD = entry('cpor@2026.98.0#000000000001', '2026.98.0');
const BROKEN = entry('cpor@2026.99.0#000000000002', '2026.99.0', (files) => {
  files.calendars.calendars[0]!.timeZone = 'Mars/Olympus';
});

describe.skipIf(!chromiumPath)('a chosen rule pack that cannot be used', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    context = launched.context;
    await serveDemo(context);
    // The options page opens the extension's database (creating its stores), as a first start does.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
    await options.getByTestId('pack-list').waitFor();
    await options.close();
    // Stored as the extension stores them: two entries, the broken one chosen, the good one before it.
    await launched.worker.evaluate(
      ({ entries, key }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cpor-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            if (!open.result.objectStoreNames.contains('packs')) {
              reject(new Error('the extension has not created its database'));
              return;
            }
            const transaction = open.result.transaction(['packs', 'meta'], 'readwrite');
            for (const e of entries) transaction.objectStore('packs').put(e);
            transaction
              .objectStore('meta')
              .put({ active: entries[1]!.id, previous: ['builtin', entries[0]!.id] }, 'activePack');
            transaction.oncomplete = () => {
              open.result.close();
              void chrome.storage.local.set({ [key]: Date.now() }).then(() => resolve());
            };
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      { entries: [GOOD, BROKEN], key: ACTIVE_PACK_CHANGED_KEY },
    );
  });

  afterAll(async () => {
    await launched?.close();
  });

  const notice = (page: import('playwright-core').Page) =>
    page.evaluate(
      () =>
        document
          .querySelector('[data-cpor-guard="notice"][data-kind="pack-fallback"]')
          ?.shadowRoot?.querySelector('[role="status"] span')?.textContent ?? null,
    );

  it.each([
    [
      'en-us',
      `cpor-guard could not use the chosen rule pack (${BROKEN.id}), so these deadlines are counted with ${GOOD.name.en} 2026.98.0. The options page says why.`,
    ],
    [
      'nl-nl',
      `cpor-guard kon de gekozen regelset (${BROKEN.id}) niet gebruiken, dus deze termijnen zijn berekend met ${GOOD.name.nl} 2026.98.0. De optiepagina vermeldt waarom.`,
    ],
  ])('counts with the pack active before it and says so on the claims list (%s)', async (locale, text) => {
    const { page, errors } = await openWatchedPage(context, associationsUrl(locale));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    await expect.poll(() => notice(page), { timeout: 10_000 }).toBe(text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the policy owner why on the options page', async () => {
    const { page, errors } = await openWatchedPage(
      context,
      `chrome-extension://${launched.extensionId}/options.html`,
    );
    const fallback = page.getByTestId('pack-fallback');
    await expect.poll(() => fallback.textContent(), { timeout: 10_000 }).toContain(BROKEN.id);
    expect(await fallback.textContent()).toContain('Mars/Olympus');
    expect(errors).toEqual([]);
    await page.close();
  });
});
