// "Language and reminders" in the BUILT extension in real Chromium: the language chosen on the
// options page is the one the options page and the popup speak (the browser's is English), and
// reminders turned off show no notification until turned on again. At the set instant of
// ./set-clock.ts, when two of the partner's deadlines are at a warning.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK, REMINDERS_AT_CLOCK } from './set-clock';

declare const chrome: typeof import('wxt/browser').browser;

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

describe.skipIf(!chromiumPath)('language and reminders, in Chromium', () => {
  let launched: LaunchedExtension;
  const optionsUrl = () => `chrome-extension://${launched.extensionId}/options.html`;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    await serveDemo(launched.context);
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('speaks the language the partner chose on the options page and in the popup, and back', async () => {
    const { page, errors } = await openWatchedPage(launched.context, optionsUrl());
    const language = page.getByTestId('preferences-language');
    await language.waitFor({ timeout: 20_000 });
    expect(await page.locator('h1').textContent()).toBe('cpor-guard: rules and settings');
    await Promise.all([page.waitForEvent('load'), language.selectOption('nl')]);
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('cpor-guard: regels en instellingen');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.getByTestId('preferences-language').inputValue()).toBe('nl');

    const popup = await openWatchedPage(
      launched.context,
      `chrome-extension://${launched.extensionId}/popup.html`,
    );
    await expect
      .poll(() => popup.page.locator('h2').first().textContent(), { timeout: 10_000 })
      .toBe('Uw termijnen');
    await popup.page.close();

    await Promise.all([page.waitForEvent('load'), page.getByTestId('preferences-language').selectOption('')]);
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('cpor-guard: rules and settings');
    expect(errors).toEqual([]);
    expect(popup.errors).toEqual([]);
    await page.close();
  });

  it('shows no reminder while reminders are off, and the due ones once they are on again', async () => {
    const list = await openWatchedPage(launched.context, associationsUrl('en-us'));
    await waitForBadges(list.page, PENDING_AT_CLOCK.length);
    await list.page.close();
    const { page, errors } = await openWatchedPage(launched.context, optionsUrl());
    const reminders = page.getByTestId('preferences-reminders');
    await reminders.waitFor({ timeout: 20_000 });
    await reminders.uncheck();
    await expect.poll(() => page.getByTestId('preferences-status').textContent()).toBe('Saved.');

    const fire = () =>
      launched.worker.evaluate(() => chrome.alarms.create('cpor/reminders', { when: Date.now() }));
    const shown = () =>
      launched.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
    await fire();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await shown()).toEqual([]);

    await reminders.check();
    await expect.poll(() => reminders.isChecked()).toBe(true);
    await fire();
    // The reminders are shown one after another: wait for all of them, not the first.
    const got = async () =>
      (await shown())
        .map((id) => id.replace('cpor-reminder:', '').split('|'))
        .map(([claimId, clockId, , level]) => `${claimId} ${clockId} ${level}`)
        .sort();
    await expect.poll(got, { timeout: 15_000 }).toEqual(REMINDERS_AT_CLOCK);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves the warning of a clock the rules let the partner move, and refuses a choice outside their range', async () => {
    const level = async (claimId: string) => {
      const list = await openWatchedPage(launched.context, associationsUrl('en-us'));
      await waitForBadges(list.page, PENDING_AT_CLOCK.length);
      const value = await list.page
        .locator(`[data-cpor-guard="badge"][data-claim-id="${claimId}"]`)
        .getAttribute('data-level');
      await list.page.close();
      return value;
    };
    // 30448305 has 4 business days and 14 hours left to respond: a notice while the warning starts at 3.
    expect(await level('30448305')).toBe('notice');
    const { page, errors } = await openWatchedPage(launched.context, optionsUrl());
    const respond = page.getByTestId('preferences-warning-respond-to-reviewer');
    await respond.waitFor({ timeout: 20_000 });
    expect(await respond.inputValue()).toBe('3');
    await respond.fill('5');
    await respond.press('Enter');
    await respond.blur();
    await expect.poll(() => page.getByTestId('preferences-status').textContent()).toBe('Saved.');
    await expect.poll(() => level('30448305'), { timeout: 10_000 }).toBe('warning');
    // Out of the rules' range: not saved, said so.
    await respond.fill('30');
    await respond.blur();
    await expect
      .poll(() => page.getByTestId('preferences-status').textContent())
      .toBe('Not saved: choose from 1 to 10.');
    expect(errors).toEqual([]);
    await page.close();
  });
});
