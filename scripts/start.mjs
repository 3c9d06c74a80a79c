#!/usr/bin/env node
// `npm start`: build the extension, then show it at work on the local replica of Partner
// Center's claims dashboard (demo/), in Chromium, without signing in to anything.
//
//   npm start              headed Chromium when a display exists; headless otherwise, with a
//                          screenshot in .output/demo-screenshot.png; runs until Ctrl+C
//   npm start -- --once    the same, but exits 0 right after the screenshot (a smoke check)
//
// Chromium is Debian's (apt-get install -y chromium) or CHROMIUM_PATH: Playwright cannot
// download browsers here, and Google Chrome ignores --load-extension.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  associationsUrl,
  CHROMIUM_INSTALL_HINT,
  customerClaimsUrl,
  findChromium,
  launchWithExtension,
  ROOT,
  serveDemo,
} from '../demo/harness.mjs';

const SCREENSHOT = join(ROOT, '.output', 'demo-screenshot.png');
const SAMPLE_CLAIM_ID = '30448305';
const CONTENT_SCRIPT_TIMEOUT_MS = 15_000;

async function main() {
  const once = process.argv.slice(2).includes('--once');
  // Checked before building: without a browser there is nothing to show, so say so at once.
  const chromiumPath = findChromium();
  if (!chromiumPath) return exitForMissingChromium();

  buildExtension();

  const headless = !hasDisplay();
  section(`Starting Chromium (${headless ? 'headless: no DISPLAY or WAYLAND_DISPLAY' : 'headed'})`);
  const launched = await launchWithExtension({ chromiumPath, headless, handleSignals: once });
  try {
    await serveDemo(launched.context);
    const demoPage = await openDemoPage(launched.context);
    const badges = await waitForBadges(demoPage);
    const contentScriptReady = badges > 0 || (await showsAnythingOfOurs(demoPage));
    const inPageCheck = await openCreateFlow(launched.context);
    await openExtensionPage(launched.context, launched.extensionId, 'options.html');
    await demoPage.bringToFront();
    printInstructions(launched.extensionId, { headless, once, contentScriptReady, badges, inPageCheck });
    if (headless || once) await takeScreenshot(demoPage);
    if (!once) await runUntilStopped(launched.context);
  } finally {
    await launched.close();
  }
}

function exitForMissingChromium() {
  const explicit = process.env.CHROMIUM_PATH;
  console.error(
    [
      '',
      `✖ Chromium not found${explicit ? ` at CHROMIUM_PATH=${explicit}` : ' (looked at /usr/bin/chromium and `chromium` on PATH)'}.`,
      '',
      '  npm start runs the extension in Chromium; install it (Debian/Ubuntu):',
      `      sudo ${CHROMIUM_INSTALL_HINT}`,
      '  or point to a Chromium binary:',
      '      CHROMIUM_PATH=/path/to/chromium npm start',
      '  (Google Chrome will not do: it ignores --load-extension.)',
      '',
    ].join('\n'),
  );
  process.exitCode = 1;
}

function buildExtension() {
  section('Building the extension (npx wxt build)');
  // npx is a .cmd file on Windows, which only a shell can run.
  const result = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`wxt build failed (exit code ${result.status})`);
}

function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function openDemoPage(context) {
  // A persistent context opens with one blank tab: use it rather than leave it lying around.
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(associationsUrl('en-us'));
  return page;
}

/**
 * Whether the content script put anything on the page (a notice, say): it leaves no other mark
 * there, so that a page cannot tell the extension is installed.
 */
async function showsAnythingOfOurs(page) {
  return page.evaluate(() => document.querySelector('[data-cpor-guard]') !== null);
}

/** How many deadline badges the overlay put on the list (0 when none came within the timeout). */
async function waitForBadges(page) {
  try {
    await page.waitForFunction(() => document.querySelector('[data-cpor-guard="badge"]') !== null, null, {
      timeout: CONTENT_SCRIPT_TIMEOUT_MS,
    });
  } catch {
    return 0;
  }
  return page.evaluate(() => document.querySelectorAll('[data-cpor-guard="badge"]').length);
}

async function openExtensionPage(context, extensionId, file) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}

async function takeScreenshot(page) {
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.log(`Screenshot of the English claims list: ${SCREENSHOT}`);
}

/** The replica's creation flow in a tab of its own; true when the in-page check's panel shows there. */
async function openCreateFlow(context) {
  const page = await context.newPage();
  await page.goto(`${customerClaimsUrl('en-us')}/new`);
  return page
    .waitForSelector('[data-cpor-guard="check-panel"]', {
      state: 'attached',
      timeout: CONTENT_SCRIPT_TIMEOUT_MS,
    })
    .then(
      () => true,
      () => false,
    );
}

function printInstructions(extensionId, { headless, once, contentScriptReady, badges, inPageCheck }) {
  const extensionUrl = `chrome-extension://${extensionId}`;
  section('cpor-guard demo is running');
  console.log(
    [
      `Extension id:            ${extensionId}`,
      `Content script:          ${contentScriptReady ? 'running on the demo page' : `NOT detected within ${CONTENT_SCRIPT_TIMEOUT_MS / 1000} s — check the build output above`}`,
      `Deadline badges:         ${badges > 0 ? `${badges} on the claims list (Tab to a badge, Enter for its deadlines)` : 'none shown — see the page and the console'}`,
      `In-page check:           ${inPageCheck ? 'its panel is on the creation flow (second tab): fill in the claim, choose a PoE, Submit claim' : 'NOT shown on the creation flow — see its console'}`,
      '',
      'Pages (open them in the demo browser; they are served from demo/, not by Microsoft):',
      `  Claims list, English:  ${associationsUrl('en-us')}`,
      `  Claims list, Dutch:    ${associationsUrl('nl-nl')}`,
      `  Claim detail:          ${associationsUrl('en-us', SAMPLE_CLAIM_ID)}  (any claim id; /nl-nl/… for Dutch)`,
      `  Create a claim:        ${customerClaimsUrl('en-us')}/new  (the in-page check and the submit gate; PoE files to try: test/fixtures/poe/)`,
      `  Claims by status:      ${customerClaimsUrl('en-us', '30500101')}  (…30500102 Rejected, …30500103 Rejected final, …30500104 Approved)`,
      `  Options page:          ${extensionUrl}/options.html`,
      `  Popup, as a tab:       ${extensionUrl}/popup.html`,
      `  Check a claim:         ${extensionUrl}/check.html`,
      '',
      'Every other request is blocked: nothing leaves this machine.',
      'This is a one-off build; for live reload while editing use `npm run dev` (no replica there).',
      headless ? 'No display found, so Chromium runs headless; set DISPLAY to watch it.' : '',
      once ? '' : 'Press Ctrl+C to stop (or close the browser window).',
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  );
}

/** Resolves on Ctrl+C, on SIGTERM, or when the user closes the browser. */
function runUntilStopped(context) {
  return new Promise((resolve) => {
    let stopped = false;
    const stop = (why) => {
      // Closing the browser ourselves fires 'close' too: report only the first reason.
      if (stopped) return;
      stopped = true;
      console.log(`\n${why}: closing Chromium.`);
      resolve();
    };
    // A second Ctrl+C leaves at once, in case closing Chromium hangs.
    process.on('SIGINT', () => (stopped ? process.exit(130) : stop('Ctrl+C')));
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGHUP', () => stop('Terminal closed'));
    context.once('close', () => stop('Browser closed'));
  });
}

function section(title) {
  console.log(`\n=== ${title} ===`);
}

main().catch((error) => {
  console.error(`\n✖ npm start failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
