// @vitest-environment node
// A language the pack lists is a promise that every page, date and case works in it (issue 10):
// a pack listing 'de' passed rules:check and then read no German date.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/rules/load';
import { checkPackDir } from '../../src/rules/node/check-packs';
import { formatProblem } from '../../src/rules/problems';
import type { LocatorsFile, PackManifest } from '../../src/rules/types';
import { testPackFiles } from '../fixtures/packs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/**
 * `value` with a 'de' entry next to every 'en' one of an object keyed by languages (texts, keyword
 * lists, date formats): a German pack that says everything in German (here: in English words).
 */
function withGerman(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withGerman);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const out = Object.fromEntries(entries.map(([k, v]) => [k, withGerman(v)]));
  if (entries.length > 0 && 'en' in value && entries.every(([k]) => LOCALE.test(k))) out.de = out.en;
  return out;
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A copy of the built-in pack that lists 'de' and says every text in it, then `edit` on its files. */
function germanPack(edit: (files: Record<string, { [k: string]: unknown }>) => void): string {
  dir = mkdtempSync(join(tmpdir(), 'cpor-de-'));
  cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
  const files: Record<string, { [k: string]: unknown }> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
    files[name] = withGerman(JSON.parse(readFileSync(join(dir, name), 'utf8'))) as never;
  (files['pack.json'] as unknown as PackManifest).locales.push('de');
  edit(files);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(data));
  return dir;
}
const page = (files: Record<string, unknown>, id: string) =>
  (files['locators.json'] as LocatorsFile).pages.find((p) => p.id === id)! as unknown as {
    dateFormats: Record<string, string[]>;
    headings?: Record<string, string[]>;
  };
/** 'line:column' of the value after the first `key` in a file of the pack at `d` (written by JSON.stringify, one line). */
function lineOf(d: string, file: string, key: string): string {
  const text = readFileSync(join(d, file), 'utf8');
  const at = text.indexOf(key) + key.length + 1;
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}
const problems = (d: string) => checkPackDir(root, d).problems.map(formatProblem);

describe('rules:check holds a pack to every language it lists', () => {
  it('passes a German pack that says everything in German too', () => {
    expect(problems(germanPack(() => {}))).toEqual([]);
  });

  it("fails a German pack without the list page's German date format", () => {
    const d = germanPack((f) => {
      delete page(f, 'associations-list').dateFormats.de;
    });
    expect(problems(d).map((p) => p.slice(p.indexOf('/locators.json')))).toEqual([
      `/locators.json:${lineOf(d, 'locators.json', '"dateFormats"')}: page 'associations-list' › dateFormats (/pages/0/dateFormats): no 'de' date format for page 'associations-list'; a page in 'de' shows its dates unread without one; add "de": [ … ] with the page's form, e.g. "D.M.YYYY"`,
    ]);
  });

  it("fails a German pack without the list page's German heading", () => {
    const d = germanPack((f) => {
      delete page(f, 'associations-list').headings!.de;
    });
    expect(checkPackDir(root, d).problems.map((p) => p.message)).toEqual([
      "no 'de' heading for page 'associations-list'; a page in 'de' is not recognised without one; add \"de\": [ … ] with the heading the page shows",
    ]);
  });

  it('fails a German pack whose case expects no German text', () => {
    const d = germanPack((f) => {
      const cases = f['statuses.clocks.cases.json']!.cases as {
        expected: { clocks: { line?: Record<string, string> }[] };
      }[];
      delete cases[1]!.expected.clocks[0]!.line!.de;
    });
    const found = problems(d);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /statuses\.clocks\.cases\.json:\d+:\d+: case '.+' › expected › clock 'review-start' › line \(\/cases\/1\/expected\/clocks\/0\/line\): case '.+' expects no 'de' text \(the pack lists 'de'\); add "de": … next to '.+'$/,
    );
  });
});

describe('loadPack holds a pack to its languages too', () => {
  it("refuses the test pack listing 'de' without a German date format, heading or text", () => {
    const files = testPackFiles();
    (files.pack as PackManifest).locales.push('de');
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        `import/locators.json: page 'associations-list' › dateFormats (/pages/0/dateFormats): no 'de' date format for page 'associations-list'; a page in 'de' shows its dates unread without one; add "de": [ … ] with the page's form, e.g. "D.M.YYYY"`,
        `import/locators.json: page 'claim-detail' › dateFormats (/pages/1/dateFormats): no 'de' date format for page 'claim-detail'; a page in 'de' shows its dates unread without one; add "de": [ … ] with the page's form, e.g. "D.M.YYYY"`,
        `import/locators.json: page 'associations-list' › headings (/pages/0/headings): no 'de' heading for page 'associations-list'; a page in 'de' is not recognised without one; add "de": [ … ] with the heading the page shows`,
      ]),
    );
  });
});
