// The options page in real Chromium: the built-in pack loads through the generated standalone
// validators under MV3's content-security policy (no eval), and a policy owner's broken rule
// files are checked there with every problem listed. Also: the built code holds no eval.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXTENSION_DIR, type LaunchedExtension, launchWithExtension, ROOT } from '../../demo/harness.mjs';
import { openWatchedPage } from './pages';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the built extension code', () => {
  it('holds no new Function and no eval(', () => {
    const scripts = filesUnder(EXTENSION_DIR).filter((f) => /\.(m?js|html)$/.test(f));
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      // A call of eval, not a method of that name (re2js's prefilter has `eval(t,n){…}` and
      // calls it as `.eval(…)`).
      expect(code, file).not.toMatch(/new Function\s*\(|(?<![.\w$])eval\s*\((?![^()]*\)\s*\{)/);
    }
  });
});

describe.skipIf(!chromiumPath)('the options page in Chromium', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('shows the built-in pack as checked by the standalone validators', async () => {
    const { page, errors } = await openWatchedPage(
      launched.context,
      `chrome-extension://${launched.extensionId}/options.html`,
    );
    await expect.poll(() => page.getByTestId('pack-summary').textContent()).toMatch(/CPOR.*2026\.\d+\.\d+/);
    expect(await page.getByTestId('pack-valid').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is in two parts, for the partner and for policy owners, reached from its table of contents by keyboard', async () => {
    const { page, errors } = await openWatchedPage(
      launched.context,
      `chrome-extension://${launched.extensionId}/options.html`,
    );
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.getByTestId('pack-list').waitFor({ timeout: 20_000 });
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual(['For you', 'Rules, for policy owners']);
    // Each part holds its own sections.
    expect(await page.getByTestId('part-you').locator('h3').allTextContents()).toEqual([
      'Your working days',
      'Language and reminders',
      'Your data',
    ]);
    expect(await page.getByTestId('part-rules').locator('h3').allTextContents()).toEqual([
      'Active rule pack',
      'Rule packs',
    ]);
    const nav = page.getByRole('navigation', { name: 'On this page' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Your working days',
      'Language and reminders',
      'Your data',
      'Active rule pack',
      'Rule packs',
    ]);
    // Tab from the top reaches the table of contents; Enter follows a link to its section, which
    // was below the fold.
    const topOfPacks = () => page.locator('#rule-packs').evaluate((h) => h.getBoundingClientRect().top);
    expect(await topOfPacks()).toBeGreaterThan(600);
    const packsLink = nav.getByRole('link', { name: 'Rule packs' });
    for (let k = 0; k < 10 && !(await packsLink.evaluate((a) => a === document.activeElement)); k++)
      await page.keyboard.press('Tab');
    expect(await packsLink.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#rule-packs');
    expect(await topOfPacks()).toBeGreaterThanOrEqual(0);
    expect(await topOfPacks()).toBeLessThan(600);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists every problem of a broken rule pack with file, pointer and fix', async () => {
    const { page, errors } = await openWatchedPage(
      launched.context,
      `chrome-extension://${launched.extensionId}/options.html`,
    );
    const statuses = JSON.parse(readFileSync(join(ROOT, 'rules/cpor/statuses.json'), 'utf8'));
    statuses.statuses[3].clocks[0].unit = 'days';
    statuses.statuses[1].transitions[0].to = 'in-review';
    // Written out as a policy owner's editor keeps it; the value's line and column counted here.
    const statusesText = JSON.stringify(statuses, null, 2);
    const before = statusesText.slice(0, statusesText.indexOf('"unit": "days"') + '"unit": '.length);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    await page.getByTestId('pack-files').setInputFiles([
      { name: 'statuses.json', mimeType: 'application/json', buffer: Buffer.from(statusesText) },
      { name: 'calendars.json', mimeType: 'application/json', buffer: Buffer.from('{"calendars": [}') },
    ]);
    const result = page.getByTestId('check-result');
    await expect.poll(() => result.textContent()).toMatch(/problems found/);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(
      `import/statuses.json:${line}:${column}: status 'partner-action-required' › clock 'respond-to-reviewer' › unit (/statuses/3/clocks/0/unit): 'days' is not a valid unit; use 'business-days' or 'calendar-days'`,
    );
    expect(text).toMatch(/import\/calendars\.json \/: is not valid JSON at line 1, column \d+/);
    expect(text).toMatch(/import\/fields\.json \/: the file is missing/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
