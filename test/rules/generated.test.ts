// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateRuleArtifacts } from '../../src/rules/codegen/generate';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the generated folder', () => {
  it('matches what npm run rules:types makes from rules/schema (not stale)', async () => {
    const expected = await generateRuleArtifacts(root);
    for (const [path, content] of Object.entries(expected)) {
      expect(readFileSync(join(root, path), 'utf8'), `${path} is stale: run npm run rules:types`).toBe(
        content,
      );
    }
  });

  it('holds no require( and no new Function, which an MV3 ES module cannot run', () => {
    const code = readFileSync(join(root, GENERATED_DIR, 'validators.js'), 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/new Function|\beval\(/);
    expect(code.startsWith('// DO NOT EDIT')).toBe(true);
  });
});
