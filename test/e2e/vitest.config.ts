// End-to-end tests: the built extension (.output/chrome-mv3) in real Chromium against the local
// replica in demo/. Run with `npm run test:e2e`, which builds first. Kept apart from the unit
// tests because they need a browser, a build, and one Chromium at a time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The config lives in test/e2e, but paths below (and the harness) are relative to the project.
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // Chromium start-up is a second or two here, but a loaded CI runner can take far longer;
    // a generous ceiling avoids flaky timeouts while the suite normally takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time: two Chromiums on a 2-core runner only make each slower.
    fileParallelism: false,
  },
});
