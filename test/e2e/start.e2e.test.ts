// The README's promise: `npm start` runs the product on its built-in demo. Run as a partner
// would (`npm start -- --once`: build, open the demo in Chromium, report, close), it finds the
// content script on the claims list and its badges there.
import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../demo/harness.mjs';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

describe.skipIf(!chromiumPath)('npm start', () => {
  it('builds, opens the demo and reports the content script and its badges', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs', '--once'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, CHROMIUM_PATH: chromiumPath!, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Content script: +running on the demo page/);
    expect(run.stdout).toMatch(/Deadline badges: +[1-9]\d* on the claims list/);
    expect(run.stdout).toMatch(/In-page check: +its panel is on the creation flow/);
  }, 200_000);
});
