// Runs the built Firefox extension (.output/firefox-mv2) in real Firefox against the same local
// replica of Partner Center as demo/harness.mjs does for Chromium. puppeteer-core drives Firefox
// over WebDriver BiDi (no browser download) and installs the unpacked build as a temporary
// add-on; request interception over BiDi serves the replica at the real Partner Center URLs and
// blocks everything else, so nothing leaves the machine. Plain ESM JavaScript (typed by
// harness-firefox.d.mts) like harness.mjs.

import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { clockEnv, demoFileFor, isExecutable, NOT_IN_DEMO, PARTNER_ORIGIN, ROOT } from './harness.mjs';

export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv2');
export const FIREFOX_INSTALL_HINT = 'apt-get install -y firefox-esr';
/** The gecko id of wxt.config.ts. */
export const GECKO_ID = 'cpor-guard@cpor-guard.dev';
/**
 * The moz-extension:// host of the installed build. Firefox picks a random one per profile
 * unless the `extensions.webextensions.uuids` preference names it, so the tests can open the
 * extension's pages by URL as they do in Chromium.
 */
export const FIREFOX_EXTENSION_UUID = '0c9a6f3e-5d2b-4c1a-9e7f-3b8d2a6c4e10';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

/**
 * Path of Firefox, or null. An explicit FIREFOX_PATH wins and is never second-guessed (as
 * CHROMIUM_PATH in harness.mjs): pointing nowhere means "not found".
 */
export function findFirefox(env = process.env) {
  if (env.FIREFOX_PATH) return isExecutable(env.FIREFOX_PATH) ? env.FIREFOX_PATH : null;
  for (const fixed of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (isExecutable(fixed)) return fixed;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['firefox-esr', 'firefox']) {
      const candidate = join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** Preferences of the throw-away profile: the fixed extension host, a language, no requests of its own. */
export function firefoxPrefs(locale = 'en-US') {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    'intl.locale.requested': locale,
    'intl.accept_languages': locale,
    // puppeteer's defaults already turn off updates, telemetry and safe browsing; these too.
    'extensions.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
  };
}

/**
 * Launches Firefox with a fresh profile (puppeteer makes and deletes it) and installs the built
 * extension as a temporary add-on. Returns the browser, the add-on's id and origin, and close().
 * With `clockAt`, every process of Firefox reads that instant at launch (clockEnv, the same clock
 * shim as Chromium's).
 */
export async function launchFirefoxWithExtension({
  firefoxPath,
  headless = true,
  extensionDir = FIREFOX_EXTENSION_DIR,
  locale = 'en-US',
  clockAt,
  timeZone,
}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless,
    extraPrefsFirefox: firefoxPrefs(locale),
    // Without it WebDriver BiDi refuses to navigate a tab to a moz-extension:// page ("not
    // allowed in this context", Firefox's remote/shared/BrowsingContextUtils.sys.mjs), so the
    // popup, options and check pages could not be opened by URL.
    args: ['--remote-allow-system-access'],
    ...(clockAt ? { env: clockEnv(clockAt, timeZone) } : {}),
  });
  const close = () => browser.close().catch(() => {});
  try {
    const extensionId = await browser.installExtension(extensionDir);
    return { browser, extensionId, origin: FIREFOX_EXTENSION_ORIGIN, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Serves the replica on one page at Partner Center's real URLs and blocks every other request
 * from it, except the extension's own (moz-extension:) and inline data: URLs. Interception is
 * per page over BiDi: call it on each new page before its first navigation.
 */
export async function serveDemoOn(page) {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (url.startsWith(`${PARTNER_ORIGIN}/`)) {
      const file = demoFileFor(url);
      request.respond({
        status: file ? 200 : 404,
        contentType: 'text/html; charset=utf-8',
        body: file ? readFileSync(file, 'utf8') : NOT_IN_DEMO,
      });
    } else if (/^(moz-extension|data|blob|about):/.test(url)) {
      request.continue();
    } else {
      request.abort('blockedbyclient');
    }
  });
}
