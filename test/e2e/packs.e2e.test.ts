// A policy owner changes the rules without a code change, in the BUILT extension in real
// Chromium: imports a rule pack on the options page (the respond-to-reviewer deadline shortened
// from 5 to 3 business days), sees its own cases run, the rule that changed and the partner's
// claims whose deadlines would move, activates it, sees the dashboard count with it, and rolls
// back to the built-in pack. The browser's clock is the overlay suite's CLOCK_AT (Wed 9 Dec 2026,
// 09:30 UTC = 01:30 in Redmond); the texts with 3 business days are counted by hand below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  ROOT,
  serveDemo,
} from '../../demo/harness.mjs';
import { defaultPackFiles } from '../../src/rules/default-pack';
import { PACK_FILE_KINDS, packFileOf } from '../../src/rules/kinds';
import type { RulePack } from '../../src/rules/types';
import { badgesOn, waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { AT_CLOCK, CLOCK_AT, PENDING_AT_CLOCK } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

/**
 * The built-in files with the partner's response shortened to 3 business days, and a new version.
 * The version changed is the one in force for the demo's 2026 claims: from 2023-10-10 (14 days).
 */
function shortenedFiles(): RulePack {
  const files = structuredClone(defaultPackFiles) as unknown as RulePack;
  const respond = files.statuses.statuses
    .find((s) => s.id === 'partner-action-required')!
    .clocks.find((c) => c.id === 'respond-to-reviewer' && c.from === '2023-10-10')!;
  respond.amount = 3;
  respond.urgency = respond.urgency?.map((u) => ({ ...u, remaining: Math.min(u.remaining, 3) }));
  // The partner's choice of warning cannot reach before the shorter clock starts.
  respond.warningAdjustable = { min: 1, max: 3 };
  files.pack.version = '2026.99.0';
  return files;
}

/**
 * With the partner's response shortened to 3 business days (calendar "microsoft": Redmond, closed
 * on weekends and on Thanksgiving 26 Nov 2026 and the day after), each clock starting at the end of
 * the list's date (23:59:59 UTC = 15:59:59 in Redmond, as test/e2e/set-clock.ts explains):
 * - 30448305, Partner action required ≤ Mon 23 Nov: 24, 25, 30 Nov → due Mon 30 Nov 16:00 (was
 *   Tue 15 Dec with 14 days). At CLOCK_AT overdue by 8 h of 30 Nov, 1-4 and 7-8 Dec, 1.5 h of
 *   9 Dec → 6 business days 9 h.
 * - 30428846, Partner action required ≤ Thu 19 Nov: 20, 23, 24 Nov → due Tue 24 Nov 16:00 (was
 *   Fri 11 Dec).
 */
const SHORTENED = {
  badge: 'overdue 6d 9h',
  due: 'due Mon 30 Nov, 16:00 (Redmond) at the latest',
  impact: [
    'Claim 30448305, Respond to the reviewer: due Tue 15 Dec, 16:00 (Redmond) → due Mon 30 Nov, 16:00 (Redmond)',
    'Claim 30428846, Respond to the reviewer: due Fri 11 Dec, 16:00 (Redmond) → due Tue 24 Nov, 16:00 (Redmond)',
  ],
};

function uploads(files: RulePack, cases: string[]) {
  return [
    ...PACK_FILE_KINDS.map((kind) => ({
      name: packFileOf(kind),
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(files[kind])),
    })),
    ...cases.map((name) => ({
      name,
      mimeType: 'application/json',
      buffer: readFileSync(join(ROOT, 'rules/cpor', name)),
    })),
  ];
}

describe.skipIf(!chromiumPath)('a policy owner’s rule pack in Chromium', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;
  let options: Page;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    context = launched.context;
    await serveDemo(context);
    // The partner has seen the claims list once, so cpor-guard knows their claims.
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    await page.close();
    options = (await openWatchedPage(context, `chrome-extension://${launched.extensionId}/options.html`))
      .page;
  });

  afterAll(async () => {
    await launched?.close();
  });

  it('tests the imported pack, shows what it changes and whose deadlines move, before anything is active', async () => {
    await options
      .getByTestId('pack-files')
      .setInputFiles(uploads(shortenedFiles(), ['statuses.clocks.cases.json']));
    const preview = options.getByTestId('pack-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 15_000 }).toBe(true);
    // The built-in cases expect 14 business days: the shortened pack fails some, and says which.
    const cases = (await options.getByTestId('pack-cases').textContent()) ?? '';
    expect(cases).toMatch(/^Tests: \d+ cases, [1-9]\d* failed\.$/);
    expect(await preview.textContent()).toContain('statuses.clocks.cases.json');
    const changes = (await options.getByTestId('pack-changes').textContent()) ?? '';
    expect(changes).toContain(
      "status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › amount: 14 → 3",
    );
    expect(changes).toContain('version: "2026.');
    // Both demo claims waiting for the partner would be due earlier.
    await expect
      .poll(() => options.getByTestId('pack-impact').textContent(), { timeout: 20_000 })
      .toContain('30448305');
    const impact = (await options.getByTestId('pack-impact').textContent()) ?? '';
    // Each due moment as the badges say it: in the rule's calendar, with its place.
    for (const line of SHORTENED.impact) expect(impact).toContain(line);
    // Nothing is active yet: the built-in pack still is.
    expect(
      await options.locator('[data-testid="pack-list"] li', { hasText: 'active' }).textContent(),
    ).toContain('built in');
  });

  it('activates it: the dashboard counts the partner’s response in 3 business days, open tabs at once', async () => {
    // A dashboard tab open before the activation switches without a reload.
    const { page: open } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(open, PENDING_AT_CLOCK.length);
    const badgeOf = async (page: Page) => (await badgesOn(page))['30448305'];
    expect((await badgeOf(open))?.short).toBe(AT_CLOCK['30448305']!.short.en);

    // Its own cases fail (they expect 14 days): activating needs a second, explicit yes that names them.
    await options.getByTestId('pack-activate').click();
    const confirm = options.getByTestId('pack-confirm-failing');
    await expect
      .poll(() => confirm.textContent())
      .toMatch(
        /^\d+ of the pack's own cases fails?: statuses\.clocks\.cases\.json #\d+ .+\. Activate it anyway\?/,
      );
    await confirm.getByRole('button', { name: "Don't activate" }).click();
    expect(await confirm.count()).toBe(0);
    expect(
      await options.locator('[data-testid="pack-list"] li', { hasText: 'active' }).textContent(),
    ).toContain('built in');
    await options.getByTestId('pack-activate').click();
    await options.getByTestId('pack-activate-anyway').click();
    await expect.poll(() => options.getByTestId('pack-message').textContent()).toContain('Active now: ');
    expect(await options.getByTestId('pack-message').textContent()).toContain('2026.99.0');
    expect(await options.getByTestId('pack-summary').textContent()).toContain('2026.99.0');
    await expect.poll(async () => (await badgeOf(open))?.short, { timeout: 15_000 }).toBe(SHORTENED.badge);
    expect((await badgeOf(open))?.name).toContain(SHORTENED.due);
    await open.close();

    // The popup (and the check page, mounted the same way) show the active pack.
    const popup = (await openWatchedPage(context, `chrome-extension://${launched.extensionId}/popup.html`))
      .page;
    await expect.poll(() => popup.getByTestId('popup-pack').textContent()).toContain('2026.99.0');
    await popup.close();

    // A page opened now counts with it too.
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    expect((await badgeOf(page))?.short).toBe(SHORTENED.badge);
    await page.close();
  });

  it('rolls back to the built-in pack in one step', async () => {
    await options.getByTestId('pack-rollback').click();
    await expect.poll(() => options.getByTestId('pack-summary').textContent()).not.toContain('2026.99.0');
    expect(
      await options.locator('[data-testid="pack-list"] li', { hasText: 'active' }).textContent(),
    ).toContain('built in');
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const shown = (await badgesOn(page))['30448305'];
    expect(shown?.short).toBe(AT_CLOCK['30448305']!.short.en);
    expect(shown?.name).toContain(AT_CLOCK['30448305']!.line.en);
    await page.close();
  });

  it('downloads a pack as a zip, and takes the edited zip back: the whole edit loop without code', async () => {
    const builtinItem = options.locator('[data-testid="pack-list"] li', { hasText: 'built in' });
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      builtinItem.getByTestId('pack-download').click(),
    ]);
    const builtin = defaultPackFiles.pack as { id: string; version: string };
    expect(download.suggestedFilename()).toBe(`${builtin.id}-${builtin.version}.zip`);
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const folder = `${builtin.id}-${builtin.version}`;
    expect(Object.keys(zip).sort()).toEqual(
      [
        ...PACK_FILE_KINDS.map(packFileOf),
        'calendars.cases.json',
        'fields.cases.json',
        'reasons.cases.json',
        'statuses.cases.json',
        'statuses.clocks.cases.json',
      ]
        .map((name) => `${folder}/${name}`)
        .sort(),
    );
    // The files as written in rules/cpor: the same data.
    expect(JSON.parse(strFromU8(zip[`${folder}/statuses.json`]!))).toEqual(defaultPackFiles.statuses);

    // The policy owner gives the partner 4 business days instead of 5, and zips the folder again.
    const statuses = JSON.parse(strFromU8(zip[`${folder}/statuses.json`]!)) as RulePack['statuses'];
    statuses.statuses
      .find((s) => s.id === 'partner-action-required')!
      .clocks.find((c) => c.id === 'respond-to-reviewer')!.amount = 4;
    zip[`${folder}/statuses.json`] = strToU8(JSON.stringify(statuses, null, 2));
    await options
      .getByTestId('pack-files')
      .setInputFiles({ name: 'edited.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(zip)) });
    const preview = options.getByTestId('pack-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await options.getByTestId('pack-changes').textContent()).toContain(
      "status 'partner-action-required' › clock 'respond-to-reviewer' › amount: 5 → 4",
    );
    // Its own cases came along in the zip and ran: the clock cases expect 5 days, so some fail.
    expect(await options.getByTestId('pack-cases').textContent()).toMatch(
      /^Tests: \d+ cases, [1-9]\d* failed\.$/,
    );

    // A zip that is not one: said, and nothing checked.
    await options.getByTestId('pack-files').setInputFiles({
      name: 'broken.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('not a zip at all'),
    });
    await expect
      .poll(() => options.getByTestId('check-result').textContent())
      .toContain('broken.zip could not be read: the zip has no central directory');
    expect(await preview.count()).toBe(0);
  });
});
