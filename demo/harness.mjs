// Runs the built extension in real Chromium against the local replica of Partner Center in this
// folder. Shared by `npm start` (scripts/start.mjs) and the end-to-end tests (test/e2e), so the
// demo a developer looks at and the page the tests check are served the same way.
// Plain ESM JavaScript (typed by harness.d.mts) because scripts/start.mjs runs in bare Node.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_DIR = join(ROOT, 'demo');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const PARTNER_ORIGIN = 'https://partner.microsoft.com';
export const ASSOCIATIONS_PATH = '/dashboard/incentives/claims/associations';
/** Where Microsoft's 2023 pages put the list, "Customer claims". */
export const CUSTOMER_CLAIMS_PATH = '/dashboard/incentives/engagements/ux/workshops/claims';
export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium';

/** The dashboard URL as a partner sees it, for a Partner Center locale such as 'en-us'. */
export function associationsUrl(locale = 'en-us', claimId = '') {
  return `${PARTNER_ORIGIN}/${locale}${ASSOCIATIONS_PATH}${claimId ? `/${claimId}` : ''}`;
}

/** The 2023 "Customer claims" list's URL (or a claim's under it), for a locale such as 'nl-nl'. */
export function customerClaimsUrl(locale = 'en-us', claimId = '') {
  return `${PARTNER_ORIGIN}/${locale}${CUSTOMER_CLAIMS_PATH}${claimId ? `/${claimId}` : ''}`;
}

// --- Finding Chromium ------------------------------------------------------------------------

/**
 * Path of a Chromium that honours --load-extension, or null. An explicit CHROMIUM_PATH wins and
 * is never second-guessed: if it points nowhere we report "not found" rather than silently run
 * some other browser (the e2e suite's CI check relies on that). Branded Google Chrome is not
 * looked for: it ignores --load-extension (checked on Debian's builds: it loads no unpacked extension).
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (dir && isExecutable(candidate)) return candidate;
  }
  return null;
}

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// --- Launching -------------------------------------------------------------------------------

/** Command-line switches that load the unpacked extension and keep Chromium quiet and offline. */
export function chromiumArgs(extensionDir = EXTENSION_DIR) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // Containers and CI runners have no user namespaces for the sandbox and a tiny /dev/shm.
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    // No update checks, sync or first-run pages: they would make requests we did not ask for.
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ];
}

// --- A set clock ---------------------------------------------------------------------------

/** The C source of the clock shim (its comment says why not libfaketime). */
const CLOCK_SHIM_SOURCE = join(DEMO_DIR, 'clock-shim.c');
export const CLOCK_SHIM_HINT = 'a C compiler as `cc` (apt-get install -y gcc)';

/**
 * Path of the clock shim built from demo/clock-shim.c with `cc`, built once per source (its
 * SHA-256 names the file, in .cache/, so an edit builds anew). Several test workers may build at
 * once: each writes its own file and renames it into place. Throws, with what to install, when
 * there is no C compiler.
 */
export function clockShim() {
  const source = readFileSync(CLOCK_SHIM_SOURCE);
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(ROOT, '.cache', 'clock-shim');
  const library = join(dir, `clock-shim-${digest}.so`);
  if (existsSync(library)) return library;
  mkdirSync(dir, { recursive: true });
  const building = `${library}.${process.pid}.tmp`;
  try {
    execFileSync('cc', ['-O2', '-shared', '-fPIC', '-o', building, CLOCK_SHIM_SOURCE], { stdio: 'pipe' });
  } catch (error) {
    rmSync(building, { force: true });
    const said = error?.stderr?.toString().trim() || error?.message || String(error);
    throw new Error(`A set clock needs ${CLOCK_SHIM_HINT}; building demo/clock-shim.c failed: ${said}`);
  }
  renameSync(building, library);
  return library;
}

/** Whether this machine can set a browser's clock (clockShim builds), for tools that can do without. */
export function canSetClock() {
  try {
    clockShim();
    return true;
  } catch {
    return false;
  }
}

/**
 * The environment that makes every process of the browser (the service worker, the pages, the
 * content scripts' isolated worlds) read the same clock: `clockAt` (an ISO instant) at launch,
 * then running at normal speed, in time zone `timeZone`. The clock shim is preloaded with a fixed
 * offset, so a renderer started later agrees with the others to the second. Chromium and Firefox
 * alike.
 */
export function clockEnv(clockAt, timeZone = 'UTC', env = process.env) {
  const at = Date.parse(clockAt);
  if (Number.isNaN(at)) throw new Error(`clockAt: not an ISO date and time: ${clockAt}`);
  const preload = [clockShim(), env.LD_PRELOAD].filter(Boolean).join(':');
  // Whole seconds, rounded up: the clock never reads a moment before clockAt (the e2e texts hold
  // from that instant on, not from half a second before it).
  const offset = Math.ceil((at - Date.now()) / 1000);
  return { ...env, LD_PRELOAD: preload, CPOR_CLOCK_OFFSET_S: String(offset), TZ: timeZone };
}

/**
 * Launches Chromium with the built extension in a fresh, temporary profile and waits for the
 * extension's service worker. A persistent context is the only kind that loads extensions. Returns the
 * context, the extension id (the host of the worker's URL) and a close() that also deletes the
 * profile. With `clockAt`, the whole browser's clock reads that instant at launch (clockEnv).
 */
export async function launchWithExtension({
  chromiumPath,
  headless = true,
  extensionDir = EXTENSION_DIR,
  handleSignals = true,
  clockAt,
  timeZone,
}) {
  // Imported here so that merely finding Chromium (or printing why it is missing) works even
  // before `npm ci` has installed playwright-core.
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'cpor-guard-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless,
    args: chromiumArgs(extensionDir),
    ...(clockAt ? { env: clockEnv(clockAt, timeZone) } : {}),
    viewport: headless ? { width: 1600, height: 1000 } : null,
    // Playwright's own Ctrl+C handler kills Chromium and exits 130 at once, leaving the profile
    // behind; a long-running caller passes false and closes (and cleans up) by itself.
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    const worker = await waitForServiceWorker(context);
    return { context, worker, extensionId: new URL(worker.url()).host, userDataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function waitForServiceWorker(context) {
  // The worker may already be up before we ask, so look first and only then wait.
  const [running] = context.serviceWorkers();
  return running ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
}

// --- Serving the replica -----------------------------------------------------------------------

/**
 * Which replica file answers a Partner Center URL, or null. The locale segment picks the
 * language (nl-* → Dutch, anything else → English); the un-localised URL from Microsoft's docs
 * is English too. Under the 2023 list, claims/new and its steps (claims/new/<step>) are the
 * creation flow, the claims of CLAIM_STATUS_IDS the page of each status, and every other claim
 * id gets the same sample claim page.
 */
export function demoFileFor(url) {
  const { origin, pathname } = new URL(url);
  if (origin !== PARTNER_ORIGIN) return null;
  // The 2020 list (Customer associations) and the 2023 one (Customer claims), each with its claim page.
  const match =
    /^(?:\/([a-z]{2})-[a-z]{2})?\/dashboard\/incentives\/(claims\/associations|engagements\/ux\/workshops\/claims)(?:\/([^/]+)(?:\/([a-z-]+))?)?\/?$/i.exec(
      pathname,
    );
  if (!match) return null;
  const language = match[1]?.toLowerCase() === 'nl' ? 'nl' : 'en';
  const of2023 = match[2].toLowerCase() !== 'claims/associations';
  const [, , , claim, step] = match;
  const isNew = of2023 && claim?.toLowerCase() === 'new';
  // Only the creation flow has steps under its address.
  if (step && !(isNew && CREATE_STEPS.includes(step.toLowerCase()))) return null;
  const file = !claim
    ? of2023
      ? 'claims'
      : 'associations'
    : !of2023
      ? 'claim'
      : isNew
        ? 'create'
        : CLAIM_STATUS_IDS.includes(claim)
          ? 'claim-status'
          : 'claim-2023';
  return join(DEMO_DIR, `${file}.${language}.html`);
}

/** The steps of demo/create.*.html that have their own address under claims/new. */
export const CREATE_STEPS = ['partner-role', 'details', 'workloads', 'contacts', 'review'];
/** The claims of demo/claim-status.*.html: Partner action required, Rejected, Rejected final, Approved. */
export const CLAIM_STATUS_IDS = ['30500101', '30500102', '30500103', '30500104'];

/**
 * Serves the replica at Partner Center's real URLs and blocks every other request, so the
 * extension sees the hosts it will see in production while nothing leaves the machine.
 * Extension-internal URLs are left alone: intercepting chrome-extension:// requests breaks the
 * extension's own pages (their scripts fail with net::ERR_FAILED).
 */
export async function serveDemo(context) {
  await context.route((url) => url.protocol !== 'chrome-extension:', blockRequest);
  // Registered last, so Playwright tries it first (routes run in reverse registration order).
  await context.route(`${PARTNER_ORIGIN}/**`, fulfillFromDemo);
}

function blockRequest(route) {
  return route.abort('blockedbyclient');
}

function fulfillFromDemo(route) {
  const file = demoFileFor(route.request().url());
  if (!file)
    return route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: NOT_IN_DEMO });
  return route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: readFileSync(file, 'utf8'),
  });
}

export const NOT_IN_DEMO = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Not in the replica</title></head><body style="font-family:sans-serif;padding:32px">
<h1>Not part of the local replica</h1><p>cpor-guard's demo only replicates
<a href="/en-us${ASSOCIATIONS_PATH}">Customer associations</a> (English),
<a href="/nl-nl${ASSOCIATIONS_PATH}">Klantkoppelingen</a> (Dutch), the 2023 lists
<a href="/en-us${CUSTOMER_CLAIMS_PATH}">Customer claims</a> and <a href="/nl-nl${CUSTOMER_CLAIMS_PATH}">Klantclaims</a>,
a claim page under each, the 2023 creation flow
(<a href="/en-us${CUSTOMER_CLAIMS_PATH}/new">Add customer</a>, <a href="/nl-nl${CUSTOMER_CLAIMS_PATH}/new">Klant toevoegen</a>)
and a 2023 claim in each later status:
${CLAIM_STATUS_IDS.map((id) => `<a href="/en-us${CUSTOMER_CLAIMS_PATH}/${id}">${id}</a>`).join(', ')}.</p></body></html>`;
