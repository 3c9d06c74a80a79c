// Accessibility of everything cpor-guard draws, checked by axe-core in the BUILT extension in
// real Chromium: the badges and the open deadline popover on the claims list and the deadlines
// panel on a claim's own page (only our own nodes: the replica of Partner Center is not ours to
// judge), the toolbar popup, the options
// page and the check page with findings, in English and Dutch, light and dark.
// Rules: WCAG 2.x A and AA, best practices (heading order, landmarks) and the experimental
// label-content-name-mismatch (a control's accessible name must start with its visible text).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  customerClaimsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Our own nodes on a Partner Center page: the shadow hosts of what the content script draws. */
const OURS = 'body [data-cpor-guard]';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Violation {
  id: string;
  help: string;
  nodes: string[];
}

declare const axe: {
  run(
    context: unknown,
    options: unknown,
  ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }>;
};

/**
 * Runs axe in the page (through the debugger protocol, so the extension pages' CSP does not stop
 * it) on `include` (CSS selectors; default the whole document) and returns what it found.
 */
async function violations(page: Page, include?: string): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      const result = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: tags },
        rules: { 'label-content-name-mismatch': { enabled: true } },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    { include, tags: TAGS },
  );
}

describe.skipIf(!chromiumPath)('what cpor-guard draws, checked by axe-core', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;
  const extensionPage = (name: string) => `chrome-extension://${launched.extensionId}/${name}.html`;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    context = launched.context;
    await serveDemo(context);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it.each([
    ['en-us', 'light'],
    ['nl-nl', 'dark'],
  ] as const)('the badges and an open popover on the claims list (%s, %s)', async (locale, scheme) => {
    const { page, errors } = await openWatchedPage(context, 'about:blank');
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(associationsUrl(locale));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    expect(await violations(page, OURS)).toEqual([]);
    // The first badge's deadlines, opened with the keyboard.
    await page.locator('[data-cpor-guard="badge"] button').first().focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('[data-cpor-guard]')].some((host) =>
            host.shadowRoot?.querySelector('[role="dialog"], [popover]:popover-open, [data-open="true"]'),
          ),
        ),
      )
      .toBe(true);
    expect(await violations(page, OURS)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['the 2020 claim page', associationsUrl('en-us', '30448305'), 'light'],
    ['the 2023 claim page', customerClaimsUrl('nl-nl', '30448305'), 'dark'],
  ] as const)('the deadlines panel on %s (%s)', async (_name, url, scheme) => {
    const { page, errors } = await openWatchedPage(context, 'about:blank');
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    await page.waitForFunction(
      () => document.querySelector('[data-cpor-guard="claim-panel"]')?.shadowRoot?.textContent,
      null,
      { timeout: 20_000 },
    );
    expect(await violations(page, OURS)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['popup', 'light', 'popup-pack'],
    ['popup', 'dark', 'popup-pack'],
    ['options', 'light', 'pack-download'],
    ['options', 'dark', 'pack-download'],
  ] as const)('the %s page (%s)', async (name, scheme, lastDrawn) => {
    const { page, errors } = await openWatchedPage(context, 'about:blank');
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(extensionPage(name));
    // The parts drawn after an answer from storage (the popup's deadlines, the options page's
    // list of packs) are there before axe looks.
    await page.getByTestId(lastDrawn).first().waitFor();
    if (name === 'popup') await page.locator('[data-testid="popup-deadlines"][aria-busy="false"]').waitFor();
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['light', 'dark'] as const)('the check page with findings (%s)', async (scheme) => {
    const { page, errors } = await openWatchedPage(context, 'about:blank');
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(extensionPage('check'));
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('check-result').locator('li').first().waitFor();
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
