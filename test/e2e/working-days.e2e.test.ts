// "Your working days" on the options page in real Chromium: the partner picks Belgium, saves,
// and after a reload the choice is still there (browser.storage.local), and the preview shows
// the days off that count for Microsoft's calendar and for Belgium, built with date-holidays in
// the options page bundle.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LaunchedExtension, launchWithExtension } from '../../demo/harness.mjs';
import { openWatchedPage } from './pages';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

describe.skipIf(!chromiumPath)('your working days on the options page in Chromium', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('keeps Belgium after saving and reloading, and previews its days off beside Microsoft’s', async () => {
    const { page, errors } = await openWatchedPage(
      launched.context,
      `chrome-extension://${launched.extensionId}/options.html`,
    );
    const country = page.getByTestId('partner-country');
    // The pack's default before any choice: the Netherlands.
    await expect.poll(() => country.inputValue()).toBe('NL');
    await country.selectOption('BE');
    // Belgium has regions in date-holidays: an optional state select appears, left at the whole country.
    await expect.poll(() => page.getByTestId('partner-state').inputValue()).toBe('');
    await page.getByTestId('save-working-days').click();
    await expect.poll(() => page.getByTestId('working-days-status').textContent()).toMatch(/Belgi/);

    await page.reload();
    await expect.poll(() => page.getByTestId('partner-country').inputValue()).toBe('BE');
    await page.getByTestId('preview-year').selectOption('2026');

    const partner = page.getByTestId('days-off-partner');
    const microsoft = page.getByTestId('days-off-microsoft');
    await expect.poll(() => partner.locator('li[data-date="2026-07-21"]').count()).toBe(1);
    expect(await partner.locator('li[data-date="2026-04-27"]').count()).toBe(0); // Dutch King's Day
    expect(await microsoft.locator('li[data-date="2026-11-26"]').count()).toBe(1); // Thanksgiving
    expect(await partner.locator('li[data-date="2026-11-26"]').count()).toBe(0);
    // Each day is written with its weekday: 21 July 2026 is a Tuesday, 26 November a Thursday.
    expect(await partner.locator('li[data-date="2026-07-21"] time').textContent()).toMatch(/21/);
    expect(await partner.locator('li[data-date="2026-07-21"] time').getAttribute('datetime')).toBe(
      '2026-07-21',
    );
    expect(await microsoft.locator('li[data-date="2026-11-26"] time').textContent()).toMatch(/(Thu|do).*26/);

    // Keyboard: the country select, the save button and the year select are reachable by Tab.
    const focusable = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '[data-testid="working-days"] select, [data-testid="working-days"] button',
        ),
      ].map((el) => (el as HTMLElement).tabIndex),
    );
    expect(focusable.every((i) => i >= 0)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Dutch in a Dutch browser: country names, weekdays and texts', async () => {
    const page = await launched.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const cdp = await launched.context.newCDPSession(page);
    // What Playwright's `locale` option does: navigator.language follows the accept-language.
    const userAgent = await page.evaluate(() => navigator.userAgent);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: 'nl-NL' });
    await page.goto(`chrome-extension://${launched.extensionId}/options.html`);
    await expect.poll(() => page.locator('#working-days').textContent()).toBe('Uw werkdagen');
    expect(await page.getByTestId('partner-country').locator('option[value="BE"]').textContent()).toBe(
      'België',
    );
    // The browser's Dutch names (Intl.DisplayNames), not date-holidays' own ones ("Ελλάδα").
    expect(await page.getByTestId('partner-country').locator('option[value="GR"]').textContent()).toBe(
      'Griekenland',
    );
    await expect
      .poll(() => page.getByTestId('days-off-microsoft').locator('h5').textContent())
      .toContain('Verenigde Staten, Washington');
    await page.getByTestId('partner-country').selectOption('BE'); // the preview follows the choice before saving
    await page.getByLabel('Jaar').selectOption('2026');
    const day = page.getByTestId('days-off-partner').locator('li[data-date="2026-07-21"] time');
    await expect.poll(() => day.textContent()).toMatch(/^di,? 21 jul\.? 2026$/);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect
      .poll(() => page.getByTestId('working-days-status').textContent())
      .toMatch(/^Opgeslagen: .*België/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
