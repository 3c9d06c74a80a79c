// Decides, once per run, whether the Firefox suite can run: it needs Firefox and the built
// Firefox extension. Without Firefox a developer gets a loud skip and CI (CI set) a failure, as
// the Chromium suite does (test/e2e/global-setup.ts).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIREFOX_EXTENSION_DIR, FIREFOX_INSTALL_HINT, findFirefox } from '../../demo/harness-firefox.mjs';
import { installNode20Polyfills } from '../support/node20';

declare module 'vitest' {
  export interface ProvidedContext {
    cporGuardFirefox: { firefoxPath: string | null };
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  installNode20Polyfills();
  removeStalePolicy();
  const firefoxPath = findFirefox();
  project.provide('cporGuardFirefox', { firefoxPath });
  if (firefoxPath) {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      throw new Error(
        `No built Firefox extension in ${FIREFOX_EXTENSION_DIR}: run \`npm run test:e2e:firefox\` (builds first).`,
      );
    return undefined;
  }
  const where = process.env.FIREFOX_PATH
    ? `FIREFOX_PATH=${process.env.FIREFOX_PATH}`
    : '$FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox, PATH';
  const ci = process.env.CI?.trim().toLowerCase();
  if (ci && ci !== 'false' && ci !== '0')
    throw new Error(
      `FIREFOX E2E FAILED: Firefox not found (looked at ${where}), and CI is set, so the Firefox tests ` +
        `may not be skipped. Install it with: ${FIREFOX_INSTALL_HINT}`,
    );
  const banner = () =>
    process.stderr.write(
      `\n${'!'.repeat(78)}\n!!   FIREFOX E2E SKIPPED: Firefox not found — install with ${FIREFOX_INSTALL_HINT}\n` +
        `!!   Looked at: ${where}. The Firefox build was NOT tested. Set CI=true to make this a failure.\n${'!'.repeat(78)}\n\n`,
    );
  banner();
  return banner;
}

/**
 * A policies.json left by an interrupted run of managed-policy.e2e.test.ts (its policy's name
 * marks it) would manage every Firefox of this run; another's is left alone.
 */
function removeStalePolicy(): void {
  const file = '/etc/firefox/policies/policies.json';
  try {
    if (readFileSync(file, 'utf8').includes('(cpor-guard e2e)')) rmSync(file);
  } catch {
    // No file, or not ours to read: nothing to do.
  }
}
