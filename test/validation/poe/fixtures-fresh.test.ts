// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPoeFixtures } from '../../../scripts/make-poe-fixtures';

const dir = fileURLToPath(new URL('../../fixtures/poe/', import.meta.url));

function committed(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? committed(path) : [relative(dir, path)];
  });
}

describe('the committed PoE fixtures', () => {
  it('are exactly what scripts/make-poe-fixtures.ts makes (run it after changing the fixture texts)', () => {
    const built = buildPoeFixtures();
    expect(committed(dir).sort()).toEqual([...built.keys()].sort());
    for (const [name, bytes] of built) {
      expect(Buffer.compare(readFileSync(join(dir, name)), Buffer.from(bytes)), `${name} is stale`).toBe(0);
    }
  });
});

describe('the PoE check code', () => {
  it('imports no Node module and uses no DOM, so it runs unchanged in a worker', () => {
    const src = fileURLToPath(new URL('../../../src/validation/poe/', import.meta.url));
    const files = committedFiles(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      // The code without its comments (they may say "the document.").
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/ .*$/gm, '');
      expect(code, file).not.toMatch(/from ['"](node:|fs|path|child_process)/);
      expect(code, file).not.toMatch(/(?<![\w/])(document|window|DOMParser)\./);
      expect(code, file).not.toMatch(/new Function\(|\beval\(/);
    }
  });
});

function committedFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? committedFiles(path) : [path];
  });
}
