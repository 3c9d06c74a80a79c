// A rule pack pushed by enterprise policy to the Firefox build, through a real policy file:
// Firefox on Linux reads /etc/firefox/policies/policies.json at start and gives the extension
// (its gecko id) the values of `3rdparty.Extensions.<id>` as its managed storage. The file is
// made as an IT admin makes it (npm run policy-file -- … --firefox), written before the launch
// and removed afterwards, whatever happens. A policies.json of someone else's is never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../demo/harness.mjs';
import { type LaunchedFirefox, launchFirefoxWithExtension } from '../../demo/harness-firefox.mjs';
import { PACK_FILE_KINDS } from '../../src/rules/kinds';
import { canWritePolicyFile, inCi } from '../support/policy-folder';
import { openExtensionPage, waitUntilTrue } from './pages';

const firefoxPath = inject('cporGuardFirefox')?.firefoxPath ?? null;
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');
/** What marks the file as this test's (the policy's name). */
const OURS = 'Contoso IT (cpor-guard e2e)';

/** Writable, and not another's policies.json (one we would overwrite). */
function writable(): boolean {
  if (existsSync(POLICY_FILE) && !readFileSync(POLICY_FILE, 'utf8').includes(OURS)) return false;
  return canWritePolicyFile(POLICY_DIR, POLICY_FILE);
}

const ci = inCi;
const canWrite = firefoxPath !== null && writable();
if (firefoxPath && !canWrite && ci)
  throw new Error(`E2E FAILED: cannot write ${POLICY_FILE} (needs root, and no policies.json of another's)`);
if (firefoxPath && !canWrite)
  process.stderr.write(`\n!! Firefox managed-policy e2e SKIPPED: cannot write ${POLICY_FILE}\n\n`);

describe.skipIf(!canWrite)('a rule pack pushed by enterprise policy, in Firefox', () => {
  let launched: LaunchedFirefox | undefined;
  afterAll(async () => {
    await launched?.close();
    rmSync(POLICY_FILE, { force: true });
  });

  it('makes the pushed pack active, says who set it, and offers no import', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cpor-guard-pack-'));
    try {
      for (const kind of PACK_FILE_KINDS) {
        const data = JSON.parse(readFileSync(join(ROOT, `rules/cpor/${kind}.json`), 'utf8'));
        if (kind === 'pack') data.name = { en: 'Contoso CPOR rules', nl: 'Contoso CPOR-regels' };
        writeFileSync(join(folder, `${kind}.json`), JSON.stringify(data));
      }
      const made = spawnSync('npx', ['tsx', 'scripts/policy-file.ts', folder, '--name', OURS, '--firefox'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(POLICY_FILE, made.stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    launched = await launchFirefoxWithExtension({ firefoxPath: firefoxPath! });
    const { page, errors } = await openExtensionPage(launched.browser, 'options.html');
    await page.waitForSelector('[data-testid="managed-in-use"]', { timeout: 20_000 });
    expect(await page.$eval('[data-testid="managed-by"]', (p) => p.textContent)).toBe(
      `${OURS} manages cpor-guard's rules for your organisation; this page cannot override them.`,
    );
    await waitUntilTrue(
      page,
      () =>
        document
          .querySelector('[data-testid="pack-summary"]')
          ?.textContent?.startsWith('Contoso CPOR rules') === true,
    );
    expect(await page.$('[data-testid="pack-files"]')).toBeNull();
    expect(await page.$('[data-testid="managed-failed"]')).toBeNull();
    expect(await errors()).toEqual([]);
  });
});
