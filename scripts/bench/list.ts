/**
 * Bench (not a test): the claims list at a partner's scale, in headless Chromium with the built
 * extension (`npx wxt build` first), against the same page without the extension in the same run.
 *
 * The page is the replica demo/associations.en.html with its eight rows repeated (new claim ids)
 * to 100, 1,000 and 5,000 rows, generated in memory and served at Partner Center's URL. The table
 * is in the HTML, so "table in the DOM" is the document's DOMContentLoaded; the content script
 * starts after it (document_idle). Per run, in a fresh tab:
 * - badges: DOMContentLoaded → the last badge host added to the page, plus the next frame (paint);
 * - longest task: the longest PerformanceObserver 'longtask' that starts after the page's first frame
 *   after DOMContentLoaded (parsing and first layout are the page's own work; 0: none over 50 ms);
 * - main-thread time: CDP Performance.getMetrics TaskDuration of the tab's renderer once the page
 *   is settled (no badge added for SETTLED_MS), and for the page alone the same wait after load.
 * Median of RUNS after one warm-up visit (so the claims are stored: a partner's usual visit), the
 * two browsers interleaved so that a noisy moment hits both. The clock is set to the e2e suite's
 * instant when the clock shim builds (demo/clock-shim.c), so the badges are the same from run to run.
 *
 * The page alone also gets one character added to one status cell once settled, and the frame
 * that shows it is timed: any change to the list costs at least that (the browser lays out and
 * paints the whole list again), the floor of the overlay's longest task.
 *
 * Then the second visit against the first (issue 14), at VISIT_ROWS rows: RUNS pairs of visits of
 * a list whose claim ids were never seen (the first: every claim is new and written) and of the
 * same list again (the second: the store already holds all of it and writes nothing). The content
 * script waits for the background's answer before its first badge, so the first badge shows
 * the background's work; main-thread time as above.
 * Last, an in-page navigation of a list already read (inPageNavigation): the bytes of
 * 'cpor/sightings' at the page's load and after the navigation, counted in the service worker.
 * Run alone: `npx tsx scripts/bench/list.ts [rows...]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import {
  associationsUrl,
  canSetClock,
  chromiumArgs,
  clockEnv,
  DEMO_DIR,
  EXTENSION_DIR,
  findChromium,
  launchWithExtension,
  PARTNER_ORIGIN,
} from '../../demo/harness.mjs';

const SIZES = [100, 1_000, 5_000];
/** Visits per size and browser; LIST_RUNS=1 for a quick look. */
const RUNS = Number(process.env.LIST_RUNS ?? 5);
/** No badge added for this long: the overlay is done with the page. */
const SETTLED_MS = 1_500;
/** The longest wait for the first badge (none: the bench says 0 badges). */
const FIRST_BADGE_TIMEOUT_MS = 60_000;
/** The e2e suite's instant (test/e2e/set-clock.ts): the replica's claims have pending deadlines then. */
const CLOCK_AT = '2026-12-09T09:30:00Z';

/** The rows of the second-visit part. */
const VISIT_ROWS = 1_000;
/** The rows of the in-page navigation part. */
const NAVIGATION_ROWS = 1_000;

/** The replica list with its rows repeated to `count` rows, each with its own claim id from `firstId`. */
export function replicaList(count: number, firstId = 50_000_000): string {
  const html = readFileSync(join(DEMO_DIR, 'associations.en.html'), 'utf8');
  const rowPattern =
    /\s*<div role="row" aria-rowindex="\d+" class="ms-DetailsRow[^"]*"[\s\S]*?\n {10}<\/div>/g;
  const rows = html.match(rowPattern);
  if (!rows || rows.length === 0) throw new Error('no rows found in demo/associations.en.html');
  const first = html.indexOf(rows[0]!);
  const last = html.indexOf(rows.at(-1)!) + rows.at(-1)!.length;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(firstId + i);
    out.push(
      rows[i % rows.length]!.replace(/aria-rowindex="\d+"/, `aria-rowindex="${i + 2}"`)
        .replace(/data-item-index="\d+"/, `data-item-index="${i}"`)
        .replace(/associations\/\d+">\d+</, `associations/${id}">${id}<`),
    );
  }
  return (html.slice(0, first) + out.join('') + html.slice(last))
    .replace(/aria-rowcount="\d+"/, `aria-rowcount="${count + 1}"`)
    .replace(/Showing 1–8 of 8 items/, `Showing 1–${count} of ${count} items`);
}

interface Probe {
  longTasks: [number, number][];
  firstBadge: number;
  lastBadge: number;
  painted: number;
  /** The first frame after DOMContentLoaded: the page's own table on screen. */
  pagePainted: number;
  badges: number;
}

/** Installed before the page's own scripts: long tasks and the moment of the last badge. */
const PROBE = () => {
  const w = window as unknown as { __bench: Probe };
  w.__bench = { longTasks: [], firstBadge: 0, lastBadge: 0, painted: 0, pagePainted: 0, badges: 0 };
  document.addEventListener('DOMContentLoaded', () =>
    requestAnimationFrame(() => setTimeout(() => (w.__bench.pagePainted = performance.now()), 0)),
  );
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((mutations) => {
    let added = false;
    for (const m of mutations)
      for (const n of m.addedNodes)
        if (n instanceof Element && n.getAttribute('data-cpor-guard') === 'badge') added = true;
    if (!added) return;
    w.__bench.lastBadge = performance.now();
    w.__bench.firstBadge ||= w.__bench.lastBadge;
    w.__bench.badges = document.querySelectorAll('[data-cpor-guard="badge"]').length;
    requestAnimationFrame(() => setTimeout(() => (w.__bench.painted = performance.now()), 0));
  }).observe(document, { childList: true, subtree: true });
};

interface Visit {
  badges: number;
  /** DOMContentLoaded → all badges painted (ms); 0 without badges. */
  paintedMs: number;
  /** DOMContentLoaded → the first badge in the page. */
  firstBadgeMs: number;
  /** DOMContentLoaded → the page's first frame after it (its own table painted). */
  pagePaintedMs: number;
  longestTaskMs: number;
  mainThreadMs: number;
  /**
   * The page alone only: one character added to one status cell once the page is settled → the
   * end of the next frame (ms). Any change to the list costs at least this much (the browser lays
   * out and paints the whole list again), so it is the floor of the overlay's longest task.
   */
  oneChangeFrameMs: number;
}

/** Adds a character to a status cell in the middle of the list and times the frame that shows it (page.evaluate of a string: no helper names for tsx to wrap). */
const ONE_CHANGE = `new Promise((resolve) => {
  const cells = document.querySelectorAll('[role="row"] [role="gridcell"]');
  requestAnimationFrame(() => setTimeout(() => {
    const cell = cells[Math.floor(cells.length / 2)];
    const start = performance.now();
    cell.append('x');
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
  }, 0));
})`;

async function visit(
  context: BrowserContext,
  rows: number,
  withExtension: boolean,
  firstId?: number,
): Promise<Visit> {
  const page: Page = await context.newPage();
  try {
    await page.addInitScript(PROBE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const ids = firstId === undefined ? '' : `&ids=${firstId}`;
    await page.goto(`${associationsUrl('en-us')}?rows=${rows}${ids}`, { waitUntil: 'load' });
    // Settled: badges there and none added for SETTLED_MS (the page alone: the same wait after
    // load). At 5,000 rows the page alone paints its table seconds after load: wait for a first
    // badge before judging quiet.
    const lastBadge = () => page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.lastBadge);
    if (withExtension) {
      const until = Date.now() + FIRST_BADGE_TIMEOUT_MS;
      while ((await lastBadge()) === 0 && Date.now() < until) await page.waitForTimeout(250);
    }
    let last = -1;
    for (;;) {
      await page.waitForTimeout(SETTLED_MS);
      const now = await lastBadge();
      if (now === last || !withExtension) break;
      last = now;
    }
    const { metrics } = await cdp.send('Performance.getMetrics');
    const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const probe = await page.evaluate(() => {
      const b = (window as unknown as { __bench: Probe }).__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const dcl = nav.domContentLoadedEventEnd;
      // The page's own first layout and paint come after DOMContentLoaded (a long task of its own
      // at 1,000 rows): the overlay's tasks are those after the page's first frame.
      const after = b.longTasks.filter(([start]) => start >= b.pagePainted).map(([, d]) => d);
      return {
        badges: b.badges,
        paintedMs: b.painted ? b.painted - dcl : 0,
        firstBadgeMs: b.firstBadge ? b.firstBadge - dcl : 0,
        pagePaintedMs: b.pagePainted - dcl,
        longestTaskMs: after.length ? Math.max(...after) : 0,
      };
    });
    // After the metrics: the change is not part of the page alone's main-thread time.
    const oneChangeFrameMs = withExtension ? 0 : ((await page.evaluate(ONE_CHANGE)) as number);
    return { ...probe, mainThreadMs: taskSeconds * 1000, oneChangeFrameMs };
  } finally {
    await page.close();
  }
}

async function serveReplica(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => url.protocol !== 'chrome-extension:',
    (route) => route.abort('blockedbyclient'),
  );
  const pages = new Map<string, string>();
  await context.route(`${PARTNER_ORIGIN}/**`, (route) => {
    const params = new URL(route.request().url()).searchParams;
    const rows = Number(params.get('rows') ?? 8);
    const firstId = params.has('ids') ? Number(params.get('ids')) : undefined;
    const key = `${rows}:${firstId}`;
    if (!pages.has(key)) pages.set(key, replicaList(rows, firstId));
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pages.get(key)! });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** Counts, in the service worker, the JSON bytes of each 'cpor/sightings' request (runtime messages are JSON). */
async function countSightingBytes(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as {
      __sightingBytes?: number[];
      chrome: {
        runtime: { onMessage: { addListener(listener: (message: { type?: string }) => void): void } };
      };
    };
    if (g.__sightingBytes) return;
    g.__sightingBytes = [];
    g.chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'cpor/sightings') g.__sightingBytes!.push(JSON.stringify(message).length);
    });
  });
}

const takeSightingBytes = (worker: Worker) =>
  worker.evaluate(() => {
    const g = globalThis as unknown as { __sightingBytes?: number[] };
    const bytes = (g.__sightingBytes ?? []).reduce((a, b) => a + b, 0);
    g.__sightingBytes = [];
    return bytes;
  });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * An in-page navigation of a list already read (issue 14: only changed rows cross): a visit of
 * NAVIGATION_ROWS rows, then history.pushState to another address of the list, as Partner Center
 * changes its address when the partner sorts or pages; the content script starts the feature
 * again (wxt:locationchange). Bytes: the 'cpor/sightings' requests of each; time: the navigation
 * → all badges back and painted; main-thread time of the tab from the navigation until settled.
 */
async function inPageNavigation(context: BrowserContext, worker: Worker): Promise<void> {
  await countSightingBytes(worker);
  const loads: number[] = [];
  const navigations: number[] = [];
  const painted: number[] = [];
  const mainThread: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page: Page = await context.newPage();
    try {
      await page.addInitScript(PROBE);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await takeSightingBytes(worker);
      await page.goto(`${associationsUrl('en-us')}?rows=${NAVIGATION_ROWS}`, { waitUntil: 'load' });
      await settle(page);
      loads.push(await takeSightingBytes(worker));
      const taskSeconds = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      const before = await taskSeconds();
      const started = await page.evaluate(() => {
        const b = (window as unknown as { __bench: Probe }).__bench;
        b.firstBadge = b.lastBadge = b.painted = 0;
        history.pushState(
          null,
          '',
          `${location.pathname}?rows=${new URL(location.href).searchParams.get('rows')}&sort=status`,
        );
        return performance.now();
      });
      await settle(page);
      mainThread.push(((await taskSeconds()) - before) * 1000);
      navigations.push(await takeSightingBytes(worker));
      const end = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.painted);
      painted.push(end ? end - started : 0);
    } finally {
      await page.close();
    }
  }
  console.log(`  in-page navigation of a list already read, ${NAVIGATION_ROWS} rows (median of ${RUNS}):`);
  console.log(
    `    'cpor/sightings' sent: after the navigation ${kb(median(navigations))}, at the page's load ${kb(median(loads))}: ${(median(navigations) / median(loads)).toFixed(3)}x`,
  );
  console.log(
    `    navigation → all badges painted: ${ms(median(painted))}; main-thread time until settled: ${ms(median(mainThread))}`,
  );
}

/** Waits for the first badge, then until no badge was added for SETTLED_MS. */
async function settle(page: Page): Promise<void> {
  const lastBadge = () => page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.lastBadge);
  const until = Date.now() + FIRST_BADGE_TIMEOUT_MS;
  while ((await lastBadge()) === 0 && Date.now() < until) await page.waitForTimeout(250);
  let last = -1;
  for (;;) {
    await page.waitForTimeout(SETTLED_MS);
    const now = await lastBadge();
    if (now === last) break;
    last = now;
  }
}

/** The second visit of a list against its first (see the module's comment). */
async function secondVisit(context: BrowserContext): Promise<void> {
  const first: Visit[] = [];
  const second: Visit[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Ids never used before in this browser: far above the sizes' 50,000,000 + rows.
    const firstId = 60_000_000 + i * VISIT_ROWS;
    first.push(await visit(context, VISIT_ROWS, true, firstId));
    second.push(await visit(context, VISIT_ROWS, true, firstId));
  }
  const m = (list: Visit[], key: keyof Visit) => median(list.map((v) => v[key]));
  console.log(
    `  second visit vs first, ${VISIT_ROWS} rows (median of ${RUNS} pairs; first: all claims new):`,
  );
  for (const [label, key] of [
    ['table in DOM → first badge', 'firstBadgeMs'],
    ['table in DOM → all badges painted', 'paintedMs'],
    ['main-thread time until settled', 'mainThreadMs'],
  ] as const)
    console.log(
      `    ${label}: second ${ms(m(second, key))}, first ${ms(m(first, key))}: ${(m(second, key) / m(first, key)).toFixed(2)}x`,
    );
}

export async function benchList(sizes = SIZES): Promise<void> {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log('list: no Chromium (apt-get install -y chromium): skipped');
    return;
  }
  const clockAt = canSetClock() ? CLOCK_AT : undefined;
  // LIST_EXTENSION_DIR: a copy of a build, so that a long run is not disturbed by the next build.
  const extensionDir = process.env.LIST_EXTENSION_DIR ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    console.log(`list: no built extension in ${extensionDir} (npx wxt build first): skipped`);
    return;
  }
  const ext = await launchWithExtension({ chromiumPath, clockAt, extensionDir });
  const { chromium } = await import('playwright-core');
  const alone = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs().filter((a) => !a.includes('extension')),
    ...(clockAt ? { env: clockEnv(clockAt) } : {}),
  });
  const aloneContext = await alone.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await serveReplica(ext.context);
    await serveReplica(aloneContext);
    console.log(
      `claims list in headless Chromium, median of ${RUNS} visits after a warm-up (clock ${clockAt ?? 'real'}), with the extension vs the page alone:`,
    );
    const painted = new Map<number, number>();
    for (const rows of sizes) {
      await visit(ext.context, rows, true);
      await visit(aloneContext, rows, false);
      const withExt: Visit[] = [];
      const base: Visit[] = [];
      for (let i = 0; i < RUNS; i++) {
        withExt.push(await visit(ext.context, rows, true));
        base.push(await visit(aloneContext, rows, false));
      }
      const m = (list: Visit[], key: keyof Visit) => median(list.map((v) => v[key]));
      painted.set(rows, m(withExt, 'paintedMs'));
      const mainExt = m(withExt, 'mainThreadMs');
      const mainBase = m(base, 'mainThreadMs');
      console.log(`  ${rows} rows (${m(withExt, 'badges')} badges):`);
      console.log(
        `    table in DOM → all badges painted: ${ms(m(withExt, 'paintedMs'))} (first badge ${ms(m(withExt, 'firstBadgeMs'))}); page alone: its table painted ${ms(m(base, 'pagePaintedMs'))} (goal at 1,000 rows: badges within 100 ms)`,
      );
      console.log(
        `    longest task after the page's first frame: ${ms(m(withExt, 'longestTaskMs'))}, page alone ${ms(m(base, 'longestTaskMs'))} (0: none over 50 ms); page alone, one character changed in one cell → its frame: ${ms(m(base, 'oneChangeFrameMs'))} (the least any change to the list costs)`,
      );
      console.log(
        `    main-thread time until settled: ${ms(mainExt)}, page alone ${ms(mainBase)}: ${(mainExt / mainBase).toFixed(2)}x (goal 1.2x)`,
      );
    }
    const low = painted.get(sizes[0]!);
    const high = painted.get(sizes.at(-1)!);
    if (sizes.length > 1 && low && high)
      console.log(
        `  growth ${sizes[0]} → ${sizes.at(-1)} rows (${sizes.at(-1)! / sizes[0]!}x the rows): badges painted ${(high / low).toFixed(1)}x`,
      );
    await secondVisit(ext.context);
    await inPageNavigation(ext.context, ext.worker);
  } finally {
    await aloneContext.close();
    await alone.close();
    await ext.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  await benchList(sizes.length ? sizes : SIZES);
}
