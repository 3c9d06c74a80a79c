/**
 * Bench, validation part (the PoE check's speed budget): the full PoE check of a 30-page PDF against pdf.js's own
 * text extraction of the same file, cold and warm, in the same run (goal: the checks add no
 * more than 10%); and the field checks for 1,000 claims (goal: under 20 ms).
 *
 * Cold means a fresh process: pdf.js not yet loaded, nothing compiled. Each cold figure is
 * measured in its own child process (this file run with `--cold <which>`), so neither side
 * warms the other up. Runnable alone: `npx tsx scripts/bench/validation.ts`.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultPack } from '../../src/rules/default-pack';
import type { ClaimValues } from '../../src/validation/claim';
import { checkFields } from '../../src/validation/fields';
import type { Finding } from '../../src/validation/finding';
import { checkPoe } from '../../src/validation/poe';
import { loadPdfJs } from '../../src/validation/poe/extract/pdf';
import { makePdf, paginate } from '../lib/poe-documents';
import { FIXTURE_CLAIM, FIXTURE_SUBMISSION, longFixtureLines } from '../lib/poe-fixture-texts';

const PAGES = 30;
const WARM_RUNS = 15;
const COLD_RUNS = 5;

function benchPdf(): Uint8Array {
  return makePdf({ pages: paginate(longFixtureLines('en', PAGES)) });
}

/** pdf.js's own text extraction: open, getTextContent of every page, close. */
async function pdfJsExtraction(bytes: Uint8Array): Promise<number> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  let items = 0;
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    items += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await task.destroy();
  return items;
}

async function fullCheck(bytes: Uint8Array): Promise<Finding[]> {
  return checkPoe([{ name: 'bench.pdf', bytes }], FIXTURE_CLAIM, defaultPack(), {
    submissionDate: new Date(FIXTURE_SUBMISSION),
    timeLimitMs: 60_000,
  });
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const pct = (check: number, base: number) => `${(((check - base) / base) * 100).toFixed(1)}%`;

/** One cold measurement in a fresh process; undefined when a child process cannot be started. */
function coldInChild(which: 'pdfjs' | 'check', preload: boolean): number | undefined {
  const self = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, self, '--cold', which, ...(preload ? ['--preload'] : [])];
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const value = Number(/^cold-ms=([\d.]+)$/m.exec(result.stdout ?? '')?.[1]);
  return Number.isFinite(value) ? value : undefined;
}

async function benchPoe(): Promise<void> {
  const bytes = benchPdf();
  const findings = await fullCheck(bytes);
  console.log(
    `PoE: ${PAGES}-page PDF, ${(bytes.length / 1024).toFixed(0)} KB; findings: ${findings.map((f) => f.id).join(', ') || 'none'}`,
  );
  // The first child also fills tsx's transform cache (pdf.js is large): run one and drop it,
  // then alternate, and take the medians.
  coldInChild('pdfjs', false);
  for (const preload of [false, true]) {
    const coldBase: number[] = [];
    const coldChecks: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const b = coldInChild('pdfjs', preload);
      const c = coldInChild('check', preload);
      if (b !== undefined) coldBase.push(b);
      if (c !== undefined) coldChecks.push(c);
    }
    const label = preload ? 'pdf.js module already imported' : 'including the import of pdf.js';
    if (coldBase.length > 0 && coldChecks.length > 0) {
      const coldPdfJs = median(coldBase);
      const coldCheck = median(coldChecks);
      console.log(
        `  cold, ${label} (fresh process each, median of ${COLD_RUNS}): pdf.js extraction ${ms(coldPdfJs)}, full check ${ms(coldCheck)}, ratio ${(coldCheck / coldPdfJs).toFixed(3)} (checks add ${pct(coldCheck, coldPdfJs)})`,
      );
    } else {
      console.log(`  cold, ${label}: not measured (could not start a child process)`);
    }
  }
  // Warm: alternate the two so drift on a shared machine hits both alike.
  await pdfJsExtraction(bytes);
  await fullCheck(bytes);
  const base: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    base.push(await time(() => pdfJsExtraction(bytes)));
    check.push(await time(() => fullCheck(bytes)));
  }
  const b = median(base);
  const c = median(check);
  console.log(
    `  warm (median of ${WARM_RUNS}): pdf.js extraction ${ms(b)}, full check ${ms(c)}, ratio ${(c / b).toFixed(3)} (checks add ${pct(c, b)}; goal ≤ 10%)`,
  );
}

function sampleClaims(n: number): ClaimValues[] {
  const products = ['dynamics-365-sales', 'power-bi', 'power-apps', 'not-a-product'];
  return Array.from({ length: n }, (_x, i) => ({
    partnerId: i % 7 === 0 ? 'abc' : String(4_000_000 + i),
    customerName: `Customer ${i}`,
    customerDomain: i % 5 === 0 ? 'not a domain' : `customer${i}.example`,
    tenantId: i % 3 === 0 ? 'not-a-guid' : '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
    solutionArea: i % 2 ? 'business-applications' : 'modern-work',
    activity: i % 4 ? 'deployment' : 'pre-sales',
    products: products.slice(0, 1 + (i % products.length)),
    dynamicsSubscriptionCount: i % 3,
    'customerContact.name': 'Jan de Vries',
    'customerContact.email': i % 6 ? 'jan@customer.example' : 'jan@',
    poe: ['sow.pdf'],
  }));
}

async function benchFields(): Promise<void> {
  const pack = defaultPack();
  const claims = sampleClaims(1000);
  const at = new Date(FIXTURE_SUBMISSION);
  const status = pack.statuses.statuses[0]?.id ?? 'draft';
  const runAll = () => {
    let n = 0;
    for (const claim of claims) n += checkFields(claim, pack, { status, at }).length;
    return n;
  };
  const coldStart = performance.now();
  const findings = runAll();
  const cold = performance.now() - coldStart;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    runAll();
    warm.push(performance.now() - start);
  }
  console.log(
    `fields: 1,000 claims (status '${status}', ${findings} findings): first run ${ms(cold)}, warm median of 20 ${ms(median(warm))} (goal < 20 ms)`,
  );
}

export async function benchValidation(): Promise<void> {
  await benchPoe();
  await benchFields();
}

const coldArg = process.argv.indexOf('--cold');
const runAlone = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (coldArg > 0) {
  const which = process.argv[coldArg + 1];
  const bytes = benchPdf();
  defaultPack(); // the pack is loaded once per extension start, not per check
  if (process.argv.includes('--preload')) await loadPdfJs();
  const elapsed = await time(() => (which === 'pdfjs' ? pdfJsExtraction(bytes) : fullCheck(bytes)));
  console.log(`cold-ms=${elapsed.toFixed(2)}`);
} else if (runAlone) {
  await benchValidation();
}
