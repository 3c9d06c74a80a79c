// Decides, once per run, whether the e2e suite can run: it needs Chromium and a built extension.
// A developer without Chromium gets a loud skip; CI without Chromium is a failure, because a
// silently skipped browser suite would let a broken extension ship.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_INSTALL_HINT, EXTENSION_DIR, findChromium } from '../../demo/harness.mjs';

export interface E2eContext {
  /** Chromium to launch, or null when the suite must be skipped. */
  chromiumPath: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cporGuardE2e: E2eContext;
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  polyfillMapGroupBy();
  const chromiumPath = findChromium();
  if (!chromiumPath) return skipOrFail(project);
  assertExtensionBuilt();
  project.provide('cporGuardE2e', { chromiumPath });
  return undefined;
}

function skipOrFail(project: TestProject): () => void {
  if (isCi()) {
    throw new Error(
      `E2E FAILED: Chromium not found (looked at ${searchedLocations()}), and CI is set, so the browser ` +
        `tests may not be skipped. Install it with: ${CHROMIUM_INSTALL_HINT}`,
    );
  }
  printSkipBanner();
  project.provide('cporGuardE2e', { chromiumPath: null });
  // Again at the end, where people read the result, not only above the test list.
  return printSkipBanner;
}

function isCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}

function searchedLocations(): string {
  const explicit = process.env.CHROMIUM_PATH;
  return explicit ? `CHROMIUM_PATH=${explicit}` : '$CHROMIUM_PATH, /usr/bin/chromium, `chromium` on PATH';
}

function printSkipBanner(): void {
  const line = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      line,
      '!!',
      `!!   E2E SKIPPED: Chromium not found — install with ${CHROMIUM_INSTALL_HINT}`,
      `!!   Looked at: ${searchedLocations()}`,
      '!!   The extension was NOT tested in a browser. Set CI=true to make this a failure.',
      '!!',
      line,
      '',
      '',
    ].join('\n'),
  );
}

function assertExtensionBuilt(): void {
  // The suite tests what ships, so it never builds by itself: `npm run test:e2e` runs
  // `wxt build` first. A missing build is a mistake to fix, not a reason to skip.
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${EXTENSION_DIR}: run \`npm run test:e2e\` (builds first) or \`npx wxt build\`.`,
    );
  }
}

/**
 * vitest 5's reporter formats failed tests with Map.groupBy, which Node 20 lacks: a failing e2e
 * test then shows "Map.groupBy is not a function" instead of the failed assertion (the run still
 * exits 1). Global setup runs in the reporter's process, so defining it here restores the report.
 * TODO [2027-05-01]: drop once the project requires Node ≥ 22 (package.json engines).
 */
function polyfillMapGroupBy(): void {
  if (typeof Map.groupBy === 'function') return;
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value: <K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> => {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}
