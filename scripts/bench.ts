/**
 * `npm run bench`: speed and size, measured in one run and printed as figures and ratios.
 * Machines here are shared and noisy: compare ratios from the same run, not absolute times
 * across runs. Never a test: nothing here fails the build.
 */
const parts = [
  { name: 'deadlines', module: './bench/deadlines.ts', run: 'benchDeadlines' },
  { name: 'validation', module: './bench/validation.ts', run: 'benchValidation' },
  { name: 'size', module: './bench/size.ts', run: 'benchSize' },
  { name: 'context', module: './bench/context.ts', run: 'benchContext' },
  { name: 'list', module: './bench/list.ts', run: 'benchList' },
  { name: 'popup', module: './bench/popup.ts', run: 'benchPopup' },
  { name: 'worker', module: './bench/worker.ts', run: 'benchWorker' },
  { name: 'inpage', module: './bench/inpage.ts', run: 'benchInPage' },
] as const;

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const part of parts) {
  if (only.length > 0 && !only.includes(part.name)) continue;
  console.log(`\n=== ${part.name} ===`);
  const mod = (await import(part.module)) as Record<string, () => Promise<void>>;
  await mod[part.run]!();
}
