// The check page of the BUILT extension in real Chromium: the form from fields.json, the field
// checks on the page, and the PoE check with pdf.js running in a dedicated module Worker under
// MV3's content-security policy (no eval). The fixtures are those of the PoE engine's own tests
// (test/fixtures/poe, claim.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  customerClaimsUrl,
  EXTENSION_DIR,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import {
  fixture,
  labelOf,
  optionLabelOf,
  POE_DIR,
  SELECT_VALUES,
  SUBMISSION_DAY,
  TEXT_VALUES,
} from './check-claim';
import { openWatchedPage } from './pages';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

async function fillClaim(page: Page, overrides: Record<string, string> = {}) {
  for (const [id, option] of Object.entries(SELECT_VALUES))
    await page.getByLabel(labelOf(id), { exact: true }).selectOption(option);
  for (const product of fixture.claim.products)
    await page.getByLabel(optionLabelOf('products', product), { exact: true }).check();
  for (const [id, value] of Object.entries({ ...TEXT_VALUES, ...overrides }))
    await page.getByLabel(labelOf(id), { exact: true }).fill(value);
  await page.getByLabel('Submission date', { exact: true }).fill(SUBMISSION_DAY);
}

async function attach(page: Page, ...names: string[]) {
  await page.getByLabel(labelOf('poe'), { exact: true }).setInputFiles(names.map((n) => join(POE_DIR, n)));
}

/** Clicks Check and waits for the summary, which must then have the focus. */
async function runCheck(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const summary = page.getByTestId('check-summary');
  await summary.waitFor({ timeout: 40_000 });
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
    .toBe('check-summary');
  return (await summary.textContent()) ?? '';
}

/** The check page, with the console errors of its PoE workers counted as the page's. */
async function openCheckPage(url: string, context: LaunchedExtension['context']) {
  const watched = await openWatchedPage(context, url);
  watched.page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') watched.errors.push(`worker console.error: ${message.text()}`);
    }),
  );
  return watched;
}

const finding = (page: Page, id: string) => page.locator(`[data-finding="${id}"]`);
const blockingFindings = (page: Page) => page.locator('[data-severity="blocking"] [data-finding]');

describe('the check page in the built extension', () => {
  it('is an unlisted page: built, but neither the popup nor the options page', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(readFileSync(join(EXTENSION_DIR, 'check.html'), 'utf8')).toContain('<div id="app">');
    expect(manifest.action?.default_popup).not.toBe('check.html');
    expect(manifest.options_ui?.page).not.toBe('check.html');
  });
});

describe.skipIf(!chromiumPath)('the check page in Chromium', () => {
  let launched: LaunchedExtension;
  let checkUrl: string;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
    checkUrl = `chrome-extension://${launched.extensionId}/check.html`;
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('is linked from the popup and the options page', async () => {
    for (const file of ['popup.html', 'options.html']) {
      const { page, errors } = await openWatchedPage(
        launched.context,
        `chrome-extension://${launched.extensionId}/${file}`,
      );
      expect(await page.getByTestId('open-check').getAttribute('href')).toBe(checkUrl);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('finds no blocking problem in a complete claim with a good PDF, read by pdf.js in a worker', async () => {
    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await fillClaim(page);
    await attach(page, 'good.en.pdf');
    const summary = await runCheck(page);
    expect(summary).toContain('No blocking problems found.');
    expect(await blockingFindings(page).count()).toBe(0);
    expect(await page.locator('[data-finding]').count()).toBe(0);
    expect(summary).toContain('Nothing else to report.');
    // The PoE was read in a dedicated worker of the extension's own bundle, not on the page.
    expect(workers).toEqual([
      expect.stringMatching(`^chrome-extension://${launched.extensionId}/assets/worker-`),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names Missing Customer Acknowledgment, with evidence from the PDF, for an unsigned PoE', async () => {
    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    await fillClaim(page);
    await attach(page, 'missing-customer-acknowledgment.en.pdf');
    const summary = await runCheck(page);
    expect(summary).toMatch(/^1 blocking problem found/);
    const signature = finding(page, 'poe-customer-signature');
    expect(await signature.count()).toBe(1);
    expect(await blockingFindings(page).count()).toBe(1);
    const text = (await signature.textContent()) ?? '';
    expect(text).toContain('Would likely cause: Missing Customer Acknowledgment');
    // The evidence of an absence: not found, in the file that was read.
    expect(text).toMatch(/Evidence:\s*not found.*missing-customer-acknowledgment\.en\.pdf/);
    expect(text).toContain('How to fix it: Have the customer sign the PoE');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('quotes the text pdf.js extracted, with file, page and line, for an old date', async () => {
    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    await fillClaim(page);
    await attach(page, 'missing-or-old-dates.en.pdf');
    await runCheck(page);
    const dates = (await finding(page, 'poe-dated-recently').textContent()) ?? '';
    expect(dates).toContain('Would likely cause: Missing or Old Dates');
    expect(dates).toMatch(/missing-or-old-dates\.en\.pdf, page \d+, line \d+: Date: October 15, 2024/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turns an encrypted and a corrupt PDF into clear findings, without a page error', async () => {
    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    await fillClaim(page);
    await attach(page, 'bad/encrypted.pdf', 'bad/corrupt.pdf');
    const summary = await runCheck(page);
    expect(summary).toMatch(/^2 blocking problems found/);
    const encrypted = (await finding(page, 'poe-file-protected').textContent()) ?? '';
    expect(encrypted).toContain('encrypted.pdf');
    expect(encrypted).toContain('Would likely cause: Missing All PoE');
    const corrupt = (await finding(page, 'poe-file-unreadable').textContent()) ?? '';
    expect(corrupt).toContain('corrupt.pdf');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports an invalid tenant ID as a field finding, with the value as evidence', async () => {
    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    await fillClaim(page, { tenantId: 'not-a-tenant-id' });
    await attach(page, 'good.en.pdf');
    const summary = await runCheck(page);
    expect(summary).toMatch(/blocking problems? found/);
    const tenant = finding(page, 'tenant-id-format');
    expect(await tenant.count()).toBe(1);
    const text = (await tenant.textContent()) ?? '';
    expect(text).toContain(`Field: ${labelOf('tenantId')}`);
    expect(text).toContain('must be a GUID');
    expect(text).toContain('not-a-tenant-id');
    // The link next to the finding takes the keyboard back to the field.
    await tenant.getByRole('link', { name: 'Go to the field' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
      'not-a-tenant-id',
    );
    // The result is kept on this computer (the extension's IndexedDB): the page lists it, and a
    // fresh page still does.
    const blocking = (summary.match(/(\d+) blocking/) ?? [])[1];
    const recentItem = new RegExp(`Contoso Pharma – Dynamics 365 Sales roll-out.*: ${blocking} blocking`);
    await expect.poll(() => page.getByTestId('check-recent').textContent()).toMatch(recentItem);
    const again = (await openCheckPage(checkUrl, launched.context)).page;
    await expect.poll(() => again.getByTestId('check-recent').textContent()).toMatch(recentItem);
    await again.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts from a claim seen in Partner Center, filled in with its fields as first seen on its page, by keyboard', async () => {
    // The partner opened the claim's edit mode in Partner Center (the replica): its fields are kept.
    await serveDemo(launched.context);
    const claim = await openWatchedPage(launched.context, customerClaimsUrl('en-us', '30500101'));
    await claim.page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect
      .poll(
        () =>
          claim.page.evaluate(
            () =>
              document
                .querySelector('[data-cpor-guard="check-notes"]')
                ?.shadowRoot?.querySelector('.note[data-field="claimName"]')?.textContent ?? null,
          ),
        { timeout: 30_000 },
      )
      .toBe('Locked: cannot be changed in Partner action required');
    await claim.page.close();

    const { page, errors } = await openCheckPage(checkUrl, launched.context);
    const choice = page.getByLabel('Claim seen on this computer', { exact: true });
    await choice.waitFor({ timeout: 10_000 });
    expect(await choice.locator('option').allTextContents()).toEqual([
      '30500101: Tailspin Toys – Microsoft Teams usage (Partner action required)',
    ]);
    await choice.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fill in the form');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByLabel(labelOf('claimName'), { exact: true }).inputValue())
      .toBe('Tailspin Toys – Microsoft Teams usage');
    expect(await page.getByLabel(labelOf('tenantId'), { exact: true }).inputValue()).toBe(
      '8c4e2a71-3b9f-4d6e-b1a2-57f0c9d3e814',
    );
    expect(await page.getByLabel(labelOf('customerName'), { exact: true }).inputValue()).toBe(
      'Tailspin Toys',
    );
    expect(await page.getByLabel('Microsoft Teams', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('#cg-status').inputValue()).toBe('partner-action-required');
    expect(await page.getByTestId('check-seen-filled').textContent()).toMatch(
      /^Filled in with claim 30500101/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Dutch in a Dutch browser', async () => {
    const page = await launched.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await launched.context.newCDPSession(page);
    // What Playwright's `locale` option does: navigator.language follows the accept-language.
    const userAgent = await page.evaluate(() => navigator.userAgent);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: 'nl-NL' });
    await page.goto(checkUrl);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Een claim controleren vóór het indienen');
    await page.getByRole('button', { name: 'Controleren', exact: true }).click();
    await page.getByTestId('check-summary').waitFor();
    expect(await page.getByTestId('check-summary').textContent()).toMatch(/blokkerende problemen gevonden/);
    expect(await page.getByText(`Veld: ${labelOf('tenantId', 'nl')}`).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
