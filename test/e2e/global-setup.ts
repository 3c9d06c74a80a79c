// Decides, once per run, whether the e2e suite can run: it needs Chromium and a built extension.
// A developer without Chromium gets a loud skip; CI without Chromium is a failure, because a
// silently skipped browser suite would let a broken extension ship.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_INSTALL_HINT, clockShim, EXTENSION_DIR, findChromium } from '../../demo/harness.mjs';
import { installNode20Polyfills } from '../support/node20';

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
  installNode20Polyfills();
  const chromiumPath = findChromium();
  if (!chromiumPath) return skipOrFail(project);
  assertExtensionBuilt();
  // A policy file left by an interrupted run of managed-policy.e2e.test.ts would manage every
  // browser of this run.
  rmSync('/etc/chromium/policies/managed/cpor-guard-e2e.json', { force: true });
  // The overlay's texts are checked at a set instant (test/e2e/set-clock.ts): without the clock
  // shim they cannot be, and that is a failure to fix, not a skip. Built here once for the run.
  try {
    clockShim();
  } catch (error) {
    throw new Error(`E2E FAILED: ${(error as Error).message}`);
  }
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
