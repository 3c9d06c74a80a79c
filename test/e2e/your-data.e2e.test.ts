// "Your data" on the options page of the BUILT extension in real Chromium: after a visit of the
// demo list, a backup downloads everything kept, the pending deadlines download as iCalendar and
// CSV, and the backup restored in another browser profile brings the claims back to its popup.
// Both browsers run at the set instant of ./set-clock.ts, so the deadlines are written out here.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { DEMO_ROWS, waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK, POPUP_AT_CLOCK } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

/** Clicks a button that downloads a file and returns the file's name and text. */
async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe.skipIf(!chromiumPath)('your data on the options page, in Chromium', () => {
  const launched: LaunchedExtension[] = [];
  afterEach(async () => {
    for (const browser of launched.splice(0)) await browser.close();
  });

  async function launch() {
    const browser = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    launched.push(browser);
    await serveDemo(browser.context);
    return browser;
  }

  it('backs up, exports the deadlines to a calendar, and restores the claims in another profile', async () => {
    const first = await launch();
    const list = await openWatchedPage(first.context, associationsUrl('en-us'));
    await waitForBadges(list.page, PENDING_AT_CLOCK.length);
    await list.page.close();

    const { page, errors } = await openWatchedPage(
      first.context,
      `chrome-extension://${first.extensionId}/options.html`,
    );
    await page.getByTestId('your-data').waitFor({ timeout: 20_000 });

    const backup = await download(page, 'data-backup');
    expect(backup.name).toBe('cpor-guard-backup-2026-12-09.json');
    const data = JSON.parse(backup.text);
    expect(data.format).toBe('cpor-guard-backup');
    expect(data.version).toBe(1);
    expect(data.claims.map((c: { claimId: string }) => c.claimId).sort()).toEqual(
      DEMO_ROWS.map(([id]) => id).sort(),
    );

    // The calendar: one event per pending deadline, at its due moment in UTC (16:00 in Redmond is
    // 00:00 UTC the next day), a UID per claim and clock.
    const ics = await download(page, 'data-ics');
    expect(ics.name).toMatch(/\.ics$/);
    const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent');
    const due = Object.fromEntries(
      events.map((event) => [
        String(event.getFirstPropertyValue('uid')),
        (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      ]),
    );
    expect(due).toEqual({
      '30459120.review-start@cpor-guard': '2026-12-04T00:00:00.000Z',
      '30428846.respond-to-reviewer@cpor-guard': '2026-12-12T00:00:00.000Z',
      '30437514.dispute-window@cpor-guard': '2026-12-13T00:00:00.000Z',
      '30448305.respond-to-reviewer@cpor-guard': '2026-12-16T00:00:00.000Z',
      '30451877.review@cpor-guard': '2026-12-15T00:00:00.000Z',
    });

    const csv = await download(page, 'data-csv');
    expect(csv.name).toMatch(/\.csv$/);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows.length).toBe(1 + 5);
    expect(rows.slice(1).filter((row) => row.includes('30428846'))).toHaveLength(1);
    expect(errors).toEqual([]);

    // Another profile (another computer): nothing kept, until the backup is restored.
    const second = await launch();
    const options = await openWatchedPage(
      second.context,
      `chrome-extension://${second.extensionId}/options.html`,
    );
    await options.page.getByTestId('your-data').waitFor({ timeout: 20_000 });
    await options.page.getByTestId('data-restore-file').setInputFiles({
      name: backup.name,
      mimeType: 'application/json',
      buffer: Buffer.from(backup.text),
    });
    await expect
      .poll(() => options.page.getByTestId('data-restored-claims').textContent(), { timeout: 10_000 })
      .toBe(
        'Claims: 8 added, 0 updated, 0 kept because the copy on this computer is as new or newer, 0 already here.',
      );
    // A second restore of the same file duplicates nothing.
    await options.page.getByTestId('data-restore-file').setInputFiles({
      name: backup.name,
      mimeType: 'application/json',
      buffer: Buffer.from(backup.text),
    });
    await expect
      .poll(() => options.page.getByTestId('data-restored-claims').textContent(), { timeout: 10_000 })
      .toMatch(/^Claims: 0 added, 0 updated, .*8 already here\.$/);
    expect(options.errors).toEqual([]);

    const popup = await openWatchedPage(
      second.context,
      `chrome-extension://${second.extensionId}/popup.html`,
    );
    const section = popup.page.getByTestId('popup-deadlines');
    await expect.poll(() => section.getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
    const shown = await section
      .getByTestId('popup-yours')
      .locator(':scope > li')
      .evaluateAll((items) =>
        items.map((li) => [(li as HTMLElement).dataset.claimId, li.querySelector('.cg-badge')?.textContent]),
      );
    expect(shown).toEqual(POPUP_AT_CLOCK.yours);
    expect(popup.errors).toEqual([]);
  });
});
