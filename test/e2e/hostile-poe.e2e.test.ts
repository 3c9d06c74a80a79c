// Hostile PoE files on the check page of the BUILT extension in real Chromium: a few of the set of
// scripts/make-hostile-poe.ts (small ones, one of each kind of trouble), uploaded one by one on a
// complete claim. Each must end in the finding its manifest entry names, shown on the page (not a
// hang, not a blank, not the "PoE check stopped" notice). The whole set is checked in Node by
// test/validation/poe/hostile.test.ts. Run alone:
// `npx wxt build && npx vitest run --config test/e2e/vitest.config.ts test/e2e/hostile-poe.e2e.test.ts`.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LaunchedExtension, launchWithExtension } from '../../demo/harness.mjs';
import { type HostileFile, hostilePoeFiles } from '../../scripts/make-hostile-poe';
import { fixture, labelOf, optionLabelOf, SELECT_VALUES, SUBMISSION_DAY, TEXT_VALUES } from './check-claim';
import { openWatchedPage } from './pages';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

/** One of each kind of trouble, each under 3 MB so the upload is quick. */
const CHOSEN = [
  'html-unclosed-script-0.8mb.html',
  'html-deep-nesting.html',
  'html-meta-iso-2022-jp-binary.html',
  'mht-nested-11.mht',
  'mht-empty-boundary.mht',
  'docx-entity-bomb.docx',
  'docx-zip-bomb.docx',
  'pdf-header-then-garbage.pdf',
  'pdf-kids-loop.pdf',
];
const files: HostileFile[] = [...hostilePoeFiles((name) => CHOSEN.includes(name))];

async function fillClaim(page: Page) {
  for (const [id, option] of Object.entries(SELECT_VALUES))
    await page.getByLabel(labelOf(id), { exact: true }).selectOption(option);
  for (const product of fixture.claim.products)
    await page.getByLabel(optionLabelOf('products', product), { exact: true }).check();
  for (const [id, value] of Object.entries(TEXT_VALUES))
    await page.getByLabel(labelOf(id), { exact: true }).fill(value);
  await page.getByLabel('Submission date', { exact: true }).fill(SUBMISSION_DAY);
}

describe('the chosen hostile files are in the set', () => {
  it('finds every chosen file, each with the findings it must end in', () => {
    expect(files.map((f) => f.name).sort()).toEqual([...CHOSEN].sort());
    for (const file of files) expect(file.expect.ids?.length, file.name).toBeGreaterThan(0);
  });
});

describe.skipIf(!chromiumPath)('hostile PoE files on the check page in Chromium', () => {
  let launched: LaunchedExtension;
  let checkUrl: string;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
    checkUrl = `chrome-extension://${launched.extensionId}/check.html`;
  });
  afterAll(async () => {
    await launched?.close();
  });

  for (const file of files) {
    it(`shows ${file.expect.ids!.join(' + ')} for ${file.name} (${file.what})`, async () => {
      const { page, errors } = await openWatchedPage(launched.context, checkUrl);
      await fillClaim(page);
      await page.getByLabel(labelOf('poe'), { exact: true }).setInputFiles({
        name: file.name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(file.bytes),
      });
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      // Within the PoE check's own limit (20 s) and well before the worker's hard stop (30 s).
      await page.getByTestId('check-summary').waitFor({ timeout: 25_000 });
      const shown = await page
        .locator('[data-finding]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-finding')));
      expect(shown.sort()).toEqual([...file.expect.ids!].sort());
      for (const id of file.expect.ids!) {
        const text = (await page.locator(`[data-finding="${id}"]`).textContent()) ?? '';
        expect(text).toContain(file.name);
      }
      // Not the notice of a PoE check that stopped or ran out of time (ui.check.poeNotChecked).
      expect(await page.getByText('The PoE was not checked').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
