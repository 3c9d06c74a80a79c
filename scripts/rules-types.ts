/**
 * `npm run rules:types`: TypeScript types and ajv standalone validators from rules/schema.
 * `npm run rules:types -- --check`: exit 1 when the generated files are stale.
 *
 * MV3 forbids eval, so the extension never calls `ajv.compile`: the validators are compiled here,
 * in Node, into plain ESM (`new Ajv().compile()` throws EvalError under MV3's content-security
 * policy in the content script, the extension pages and the service worker).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRuleArtifacts } from '../src/rules/codegen/generate';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

const files = await generateRuleArtifacts(root);
let stale = 0;
for (const [relativePath, content] of Object.entries(files)) {
  const path = join(root, relativePath);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  if (check) {
    console.error(`${relativePath}: stale; run 'npm run rules:types'`);
    stale++;
  } else {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote ${relativePath}`);
  }
}
if (stale > 0) process.exit(1);
if (check) console.log('generated files are up to date');
