/**
 * `npm run rules:check`: validates every rule pack under rules/ and prints every problem as
 * `file JSON-pointer: what is wrong; how to fix it`. Exits 1 when there is any problem.
 * `npm run rules:check -- rules/mypack` checks one pack folder.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackDir, packDirs } from '../src/rules/node/check-packs';
import { formatProblem } from '../src/rules/problems';

const root = fileURLToPath(new URL('..', import.meta.url));
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const dirs = asked.length > 0 ? asked.map((d) => resolve(d)) : packDirs(root);

let problems = 0;
for (const dir of dirs) {
  const result = checkPackDir(root, dir);
  for (const p of result.problems) console.error(formatProblem(p));
  for (const w of result.warnings) console.warn(formatProblem(w));
  problems += result.problems.length;
  const caseCount = result.cases.reduce((n, f) => n + f.cases.length, 0);
  console.log(
    result.problems.length === 0
      ? `${result.dir}: valid (${Object.keys(result.files).length} rule files, ${caseCount} cases in ${result.cases.length} case files${result.warnings.length ? `, ${result.warnings.length} warnings` : ''})`
      : `${result.dir}: ${result.problems.length} problem(s); fix them and run 'npm run rules:check' again`,
  );
}
process.exit(problems > 0 ? 1 : 0);
