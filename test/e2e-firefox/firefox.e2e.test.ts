// The Firefox build (.output/firefox-mv2, Manifest V2) in real Firefox, installed as a temporary
// add-on: the core flows a partner uses, as the Chromium suite checks them in test/e2e. The
// badges on the claims list (en, nl), the toolbar popup's deadlines, the options page with the
// built-in pack checked by the standalone validators, and the check page reading a PoE with
// pdf.js in its worker. Firefox's clock is set to the Chromium suite's instant (CLOCK_AT, the
// clock shim of demo/harness.mjs) and the badges and the popup must show the texts a person
// counted by hand for it (test/e2e/set-clock.ts).
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { associationsUrl } from '../../demo/harness.mjs';
import { type LaunchedFirefox, launchFirefoxWithExtension } from '../../demo/harness-firefox.mjs';
import {
  fixture,
  labelOf,
  optionLabelOf,
  POE_DIR,
  SELECT_VALUES,
  SUBMISSION_DAY,
  TEXT_VALUES,
} from '../e2e/check-claim';
import { readBadges } from '../e2e/demo-claims';
import { CLOCK_AT, PENDING_AT_CLOCK, POPUP_AT_CLOCK, shownAtClock } from '../e2e/set-clock';
import {
  buttonNamed,
  controlLabelled,
  openExtensionPage,
  openPartnerCenter,
  textOfTestId,
  waitUntilTrue,
} from './pages';

const firefoxPath = inject('cporGuardFirefox')?.firefoxPath ?? null;

async function badgesOn(page: Page, count: number) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-cpor-guard="badge"]').length === n,
    { timeout: 20_000 },
    count,
  );
  return page.evaluate(readBadges);
}

async function fillClaim(page: Page) {
  for (const [id, option] of Object.entries(SELECT_VALUES))
    await (await controlLabelled(page, labelOf(id))).select(option);
  for (const product of fixture.claim.products)
    await (await controlLabelled(page, optionLabelOf('products', product))).click();
  for (const [id, value] of Object.entries(TEXT_VALUES))
    await (await controlLabelled(page, labelOf(id))).type(value);
  // Typing into Firefox's date field follows the OS locale's field order: set the value as the
  // date picker does, with the input event Preact listens to.
  await (await controlLabelled(page, 'Submission date')).evaluate((input, day) => {
    input.value = day;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, SUBMISSION_DAY);
}

async function checkWith(page: Page, file: string): Promise<string> {
  await fillClaim(page);
  await (await controlLabelled(page, labelOf('poe'))).uploadFile(`${POE_DIR}/${file}`);
  await (await buttonNamed(page, 'Check')).click();
  return textOfTestId(page, 'check-summary', 40_000);
}

describe.skipIf(!firefoxPath)('the Firefox build in Firefox', () => {
  let launched: LaunchedFirefox;
  let browser: Browser;

  beforeAll(async () => {
    launched = await launchFirefoxWithExtension({ firefoxPath: firefoxPath!, clockAt: CLOCK_AT });
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('installs as the gecko id of the manifest', () => {
    expect(launched.extensionId).toBe('cpor-guard@cpor-guard.dev');
  });

  it.each([
    ['en-us', 'en'],
    ['nl-nl', 'nl'],
  ] as const)(
    'shows a countdown beside each claim with a pending deadline (%s)',
    async (urlLocale, locale) => {
      const { page, errors } = await openPartnerCenter(browser, associationsUrl(urlLocale));
      expect(await badgesOn(page, PENDING_AT_CLOCK.length)).toEqual(shownAtClock(locale));
      expect(await errors()).toEqual([]);
      await page.close();
    },
  );

  it('lists the deadlines of the claims it saw in the toolbar popup, most pressing first', async () => {
    const { page, errors } = await openExtensionPage(browser, 'popup.html');
    await page.waitForSelector('[data-testid="popup-deadlines"][aria-busy="false"]', { timeout: 10_000 });
    const shown = await page.$$eval('[data-testid="popup-deadlines"] .cg-deadlines > li', (items) =>
      items.map((li) => [(li as HTMLElement).dataset.claimId, li.querySelector('.cg-badge')?.textContent]),
    );
    expect(shown).toEqual([...POPUP_AT_CLOCK.yours, ...POPUP_AT_CLOCK.others]);
    expect(await page.$eval('[data-testid="popup-deadlines"] h2', (h) => h.textContent)).toBe(
      'Your deadlines',
    );
    expect(await errors()).toEqual([]);
    await page.close();
  });

  it('shows the built-in pack on the options page, checked by the standalone validators', async () => {
    const { page, errors } = await openExtensionPage(browser, 'options.html');
    await waitUntilTrue(page, () =>
      /CPOR.*2026\.\d+\.\d+/.test(document.querySelector('[data-testid="pack-summary"]')?.textContent ?? ''),
    );
    expect(await page.$('[data-testid="pack-valid"]')).not.toBeNull();
    expect(await errors()).toEqual([]);
    await page.close();
  });

  it('finds no blocking problem in a complete claim with a good PDF, read by pdf.js in a worker', async () => {
    const { page, errors } = await openExtensionPage(browser, 'check.html');
    const summary = await checkWith(page, 'good.en.pdf');
    expect(summary).toContain('No blocking problems found.');
    expect(await page.$$('[data-finding]')).toHaveLength(0);
    expect(await errors()).toEqual([]);
    await page.close();
  });

  it('names Missing Customer Acknowledgment, with evidence from the PDF, for an unsigned PoE', async () => {
    const { page, errors } = await openExtensionPage(browser, 'check.html');
    const summary = await checkWith(page, 'missing-customer-acknowledgment.en.pdf');
    expect(summary).toMatch(/^1 blocking problem found/);
    const text = await page.$eval('[data-finding="poe-customer-signature"]', (f) => f.textContent ?? '');
    expect(text).toContain('Would likely cause: Missing Customer Acknowledgment');
    expect(text).toMatch(/Evidence:\s*not found.*missing-customer-acknowledgment\.en\.pdf/);
    expect(await errors()).toEqual([]);
    await page.close();
  });
});
