// A rule pack pushed by the organisation, through a real policy file: Debian's Chromium reads
// /etc/chromium/policies/managed/*.json at start, and gives the extension (fixed id, from the
// manifest's key) the values of `3rdparty.extensions.<id>` as its managed storage. Each test
// writes its own file there before launching and removes it afterwards, whatever happens.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type LaunchedExtension, launchWithExtension, ROOT } from '../../demo/harness.mjs';
import { managedPolicyValue } from '../../src/packs/managed';
import { PACK_FILE_KINDS } from '../../src/rules/kinds';
import type { RawPackFiles } from '../../src/rules/load';
import { canWritePolicyFile, inCi } from '../support/policy-folder';
import { openWatchedPage } from './pages';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'cpor-guard-e2e.json');
/** The Chromium build's id, fixed by the manifest's key (wxt.config.ts). */
const EXTENSION_ID = 'kfldjgjiojpafodgmakpjomcjajbjefi';

function builtInFiles(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    PACK_FILE_KINDS.map((kind) => [
      kind,
      JSON.parse(readFileSync(join(ROOT, `rules/cpor/${kind}.json`), 'utf8')),
    ]),
  );
}

function writePolicy(files: RawPackFiles) {
  mkdirSync(POLICY_DIR, { recursive: true });
  const policy = { '3rdparty': { extensions: { [EXTENSION_ID]: managedPolicyValue(files, 'Contoso IT') } } };
  writeFileSync(POLICY_FILE, JSON.stringify(policy));
}

const ci = inCi;
const writable = chromiumPath !== null && canWritePolicyFile(POLICY_DIR, POLICY_FILE);
if (chromiumPath && !writable && ci)
  throw new Error(
    `E2E FAILED: cannot write ${POLICY_DIR} (run as root); the policy test may not be skipped in CI`,
  );
if (chromiumPath && !writable)
  process.stderr.write(`\n!! managed-policy e2e SKIPPED: cannot write ${POLICY_DIR} (needs root)\n\n`);

describe.skipIf(!writable)('a rule pack pushed by enterprise policy, in Chromium', () => {
  let launched: LaunchedExtension | undefined;

  afterEach(async () => {
    await launched?.close();
    launched = undefined;
    rmSync(POLICY_FILE, { force: true });
  });

  async function openOptions() {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
    expect(launched.extensionId).toBe(EXTENSION_ID);
    return openWatchedPage(launched.context, `chrome-extension://${EXTENSION_ID}/options.html`);
  }

  it('makes the pushed pack active, says who set it, and offers no import or activation', async () => {
    // The policy file as an IT admin makes it (README): npm run policy-file on their pack folder.
    const folder = mkdtempSync(join(tmpdir(), 'cpor-guard-pack-'));
    try {
      for (const [kind, data] of Object.entries(builtInFiles())) {
        if (kind === 'pack')
          (data as { name: unknown }).name = { en: 'Contoso CPOR rules', nl: 'Contoso CPOR-regels' };
        writeFileSync(join(folder, `${kind}.json`), JSON.stringify(data));
      }
      const made = spawnSync('npx', ['tsx', 'scripts/policy-file.ts', folder, '--name', 'Contoso IT'], {
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
    const { page, errors } = await openOptions();
    const managed = page.getByTestId('managed-rules');
    await managed.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('managed-by').textContent()).toBe(
      "Contoso IT manages cpor-guard's rules for your organisation; this page cannot override them.",
    );
    await page.getByTestId('managed-in-use').waitFor();
    expect(await page.getByTestId('managed-locked').isVisible()).toBe(true);
    // The page runs the pushed pack (the smoke test) before it shows it as active: seconds on a
    // loaded machine.
    await expect
      .poll(() => page.getByTestId('pack-summary').textContent(), { timeout: 20_000 })
      .toMatch(/^Contoso CPOR rules, version/);
    await page.getByTestId('pack-list').waitFor();
    // Locked: no file input to import, no activate or roll-back button.
    expect(await page.getByTestId('pack-files').count()).toBe(0);
    expect(await page.getByTestId('pack-activate').count()).toBe(0);
    expect(await page.getByTestId('pack-rollback').count()).toBe(0);
    expect(await page.getByTestId('managed-failed').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps the last good pack when the pushed one fails its checks, and lists the problems for the admin', async () => {
    const files = builtInFiles();
    files.pack!.name = { en: 'Contoso CPOR rules', nl: 'Contoso CPOR-regels' };
    const statuses = files.statuses as { statuses: { clocks: { unit: string }[] }[] };
    statuses.statuses[3]!.clocks[0]!.unit = 'days';
    writePolicy(files as RawPackFiles);
    const { page, errors } = await openOptions();
    const failed = page.getByTestId('managed-failed');
    await failed.waitFor({ timeout: 20_000 });
    const text = (await failed.textContent()) ?? '';
    expect(text).toContain(
      'The rule pack your organisation set cannot be used, so the last pack that worked stays active. For Contoso IT, the problems to fix:',
    );
    expect(text).toContain(
      "policy/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' › unit (/statuses/3/clocks/0/unit): 'days' is not a valid unit; use 'business-days' or 'calendar-days'",
    );
    expect(await page.getByTestId('managed-in-use').count()).toBe(0);
    expect(await page.getByTestId('pack-summary').textContent()).not.toContain('Contoso');
    expect(await page.getByTestId('pack-summary').textContent()).toMatch(/^CPOR/);
    expect(errors).toEqual([]);
  });
});
