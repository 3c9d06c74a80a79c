// `npm run screenshots`: the README's pictures, taken from the BUILT extension in Chromium on the
// local replica (demo/), at the e2e tests' set instant (test/e2e/set-clock.ts), so that the
// countdowns in the pictures are the ones the tests check. Writes docs/screenshots/*.png.
//
//   npm run screenshots            builds first (wxt build), then takes every picture
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  associationsUrl,
  CHROMIUM_INSTALL_HINT,
  findChromium,
  launchWithExtension,
  ROOT,
  serveDemo,
} from '../demo/harness.mjs';
import {
  fixture,
  labelOf,
  optionLabelOf,
  POE_DIR,
  SELECT_VALUES,
  SUBMISSION_DAY,
  TEXT_VALUES,
} from '../test/e2e/check-claim';
import { CLOCK_AT, PENDING_AT_CLOCK } from '../test/e2e/set-clock';

const OUT = join(ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };

async function main() {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.error(`Chromium not found; install it with: ${CHROMIUM_INSTALL_HINT}`);
    process.exit(1);
  }
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  mkdirSync(OUT, { recursive: true });
  const launched = await launchWithExtension({ chromiumPath, clockAt: CLOCK_AT });
  try {
    await serveDemo(launched.context);
    const extensionPage = (name: string) => `chrome-extension://${launched.extensionId}/${name}`;
    await overlay(await launched.context.newPage());
    await checkPage(await launched.context.newPage(), extensionPage('check.html'));
    await optionsPage(await launched.context.newPage(), extensionPage('options.html'), 'light');
    await optionsPage(await launched.context.newPage(), extensionPage('options.html'), 'dark');
    await popup(await launched.context.newPage(), extensionPage('popup.html'));
  } finally {
    await launched.close();
  }
}

/** The claims list with its badges, one claim's deadlines open. */
async function overlay(page: Page) {
  await page.setViewportSize(VIEWPORT);
  await page.goto(associationsUrl('en-us'));
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-cpor-guard="badge"]').length === n,
    PENDING_AT_CLOCK.length,
    { timeout: 20_000 },
  );
  await page.locator('[data-cpor-guard="badge"][data-claim-id="30428846"] button').click();
  await page.waitForFunction(() =>
    document
      .querySelector('[data-cpor-guard="badge"][data-claim-id="30428846"]')
      ?.shadowRoot?.querySelector('[popover]')
      ?.matches(':popover-open'),
  );
  await save(page, 'overlay.png');
}

/** The check page after checking a claim whose PoE has no customer signature. */
async function checkPage(page: Page, url: string) {
  await page.setViewportSize({ width: VIEWPORT.width, height: 1000 });
  await page.goto(url);
  for (const [id, option] of Object.entries(SELECT_VALUES))
    await page.getByLabel(labelOf(id), { exact: true }).selectOption(option);
  for (const product of fixture.claim.products)
    await page.getByLabel(optionLabelOf('products', product), { exact: true }).check();
  for (const [id, value] of Object.entries(TEXT_VALUES))
    await page.getByLabel(labelOf(id), { exact: true }).fill(value);
  await page.getByLabel('Submission date', { exact: true }).fill(SUBMISSION_DAY);
  await page
    .getByLabel(labelOf('poe'), { exact: true })
    .setInputFiles(join(POE_DIR, 'missing-customer-acknowledgment.en.pdf'));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const summary = page.getByTestId('check-summary');
  await summary.waitFor({ timeout: 40_000 });
  // The summary at the top, the findings under it.
  await summary.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -24);
  });
  await save(page, 'check.png');
}

/** The options page, its table of contents and the two parts, in light or dark. */
async function optionsPage(page: Page, url: string, colorScheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: VIEWPORT.width, height: 900 });
  await page.goto(url);
  await page.getByTestId('pack-list').waitFor({ timeout: 20_000 });
  await save(page, colorScheme === 'dark' ? 'options-dark.png' : 'options.png');
}

/** The toolbar popup's list, most pressing first. */
async function popup(page: Page, url: string) {
  await page.setViewportSize({ width: 380, height: 560 });
  await page.goto(url);
  const section = page.getByTestId('popup-deadlines');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="popup-deadlines"]')?.getAttribute('aria-busy') === 'false',
  );
  await section.waitFor();
  await save(page, 'popup.png');
}

async function save(page: Page, name: string) {
  const path = join(OUT, name);
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
  await page.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
