// End-to-end tests of the Firefox build (.output/firefox-mv2) in real Firefox, driven by
// puppeteer-core over WebDriver BiDi. Run with `npm run test:e2e:firefox`, which builds first;
// `npm test` runs them after the Chromium suite. One browser at a time, as there.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e-firefox/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e-firefox/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
