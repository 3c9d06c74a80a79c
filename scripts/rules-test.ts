/**
 * `npm run rules:test`: runs every *.cases.json of every pack under rules/ (or of the pack
 * folders given) and prints each case, then 'N passed, N failed'. Exits 1 on any failure.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCases } from '../src/rules/cases/run';
import { checkPackDir, packDirs } from '../src/rules/node/check-packs';
import { formatProblem } from '../src/rules/problems';

const root = fileURLToPath(new URL('..', import.meta.url));
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const dirs = asked.length > 0 ? asked.map((d) => resolve(d)) : packDirs(root);

let passed = 0;
let failed = 0;
for (const dir of dirs) {
  const result = checkPackDir(root, dir);
  if (!result.pack) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`${result.dir}: the pack has problems, so its cases cannot run; see 'npm run rules:check'`);
    failed++;
    continue;
  }
  for (const { file, cases } of result.cases) {
    console.log(file);
    for (const r of runCases(file, cases, result.pack)) {
      if (r.pass) passed++;
      else failed++;
      console.log(
        `  ${r.pass ? 'ok  ' : 'FAIL'} ${r.name}${r.pass ? '' : `\n       /cases/${r.index}: ${r.failure}`}`,
      );
    }
  }
}
console.log(`rules: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
