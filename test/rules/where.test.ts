// @vitest-environment node
// Problems say where they are in words and by line and column (issue 10), and a file that is not
// JSON gives one problem, not a cascade of problems about what it would have held.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRuleFiles } from '../../src/packs/check-files';
import { PACK_FILE_KINDS, packFileOf } from '../../src/rules/kinds';
import { checkPackDir } from '../../src/rules/node/check-packs';
import { formatProblem } from '../../src/rules/problems';
import { locatePointer, placeProblems, pointerInWords } from '../../src/rules/where';

const root = fileURLToPath(new URL('../..', import.meta.url));

const statuses = {
  statuses: [
    { id: 'editing', clocks: [] },
    {
      id: 'partner-action-required',
      transitions: [{ to: 'under-review' }],
      clocks: [
        { id: 'respond-to-reviewer', from: '2020-01-01', unit: 'business-days' },
        { id: 'respond-to-reviewer', from: '2023-10-10', unit: 'days' },
      ],
    },
  ],
};

describe('a pointer in words', () => {
  it.each([
    [
      '/statuses/1/clocks/1/unit',
      "status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › unit",
    ],
    ['/statuses/1/transitions/0/to', "status 'partner-action-required' › transition to 'under-review' › to"],
    ['/statuses/1', "status 'partner-action-required'"],
    ['/statuses/1/clocks', "status 'partner-action-required' › clocks"],
    ['/statuses/0/clocks/0/amount', "status 'editing' › clocks[0] › amount"],
    ['/statuses/1/label', "status 'partner-action-required' › label"],
    ['/statuses', 'statuses'],
  ])('says %s as %s', (pointer, words) => {
    expect(pointerInWords(statuses, pointer)).toBe(words);
  });

  it('names an entry of a map by its key: a message, a source document', () => {
    const messages = { messages: { 'ui.overlay.failed': { en: 'x' } } };
    expect(pointerInWords(messages, '/messages/ui.overlay.failed/nl')).toBe(
      "message 'ui.overlay.failed' › nl",
    );
    expect(pointerInWords({ sources: { 'M-2023': {} } }, '/sources/M-2023/date')).toBe(
      "source document 'M-2023' › date",
    );
  });
});

describe('a pointer by line and column', () => {
  const text = '{\n  "statuses": [\n    { "id": "a",\n      "unit": "days" }\n  ]\n}\n';
  const tree = parseTree(text);

  it('finds the value, line and column from 1', () => {
    expect(locatePointer(tree, text, '/statuses/0/unit')).toEqual({ line: 4, column: 15 });
  });

  it('finds the nearest enclosing value of a property that is missing', () => {
    expect(locatePointer(tree, text, '/statuses/0/amount')).toEqual({ line: 3, column: 5 });
  });

  it('places problems of the file it knows, and leaves whole-file problems and other files alone', () => {
    const files = new Map([['p/statuses.json', { data: JSON.parse(text), text }]]);
    const placed = placeProblems(
      [
        { file: 'p/statuses.json', pointer: '/statuses/0/unit', message: 'm', level: 'error' },
        { file: 'p/statuses.json', pointer: '', message: 'whole', level: 'error' },
        { file: 'p/fields.json', pointer: '/fields/0', message: 'other', level: 'error' },
      ],
      files,
    ).map(formatProblem);
    expect(placed).toEqual([
      "p/statuses.json:4:15: status 'a' › unit (/statuses/0/unit): m",
      'p/statuses.json /: whole',
      'p/fields.json /fields/0: other',
    ]);
  });
});

describe('rules:check places a problem on the line of the value', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it("says the line and column of a clock's unit in statuses.json as an editor counts them", () => {
    dir = mkdtempSync(join(tmpdir(), 'cpor-where-'));
    cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
    const file = join(dir, 'statuses.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.statuses[3].clocks[0].unit = 'days';
    // Each property on its own line, two spaces a level: find the line of the unit by hand.
    const text = JSON.stringify(data, null, 2);
    writeFileSync(file, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"unit": "days"')) + 1;
    const column = lines[line - 1]!.indexOf('"days"') + 1;
    const result = checkPackDir(root, dir);
    expect(result.problems.map(formatProblem)).toEqual([
      `${result.dir}/statuses.json:${line}:${column}: status 'partner-action-required' › clock 'respond-to-reviewer' › unit (/statuses/3/clocks/0/unit): 'days' is not a valid unit; use 'business-days' or 'calendar-days'`,
    ]);
  });
});

describe('a file that is not JSON gives one problem', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it.each(PACK_FILE_KINDS.map(packFileOf))('in rules:check, for a broken %s', (name) => {
    dir = mkdtempSync(join(tmpdir(), 'cpor-json-'));
    cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
    writeFileSync(join(dir, name), readFileSync(join(dir, name), 'utf8').replace('{', '{,'));
    const problems = checkPackDir(root, dir).problems.map(formatProblem);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`/${name.replace('.', '\\.')} /: is not valid JSON at line 1, column 2`),
    );
  });

  it.each(PACK_FILE_KINDS.map(packFileOf))('on the options page, for a broken %s', (name) => {
    const files = PACK_FILE_KINDS.map(packFileOf).map((n) => {
      const text = readFileSync(join(root, 'rules/cpor', n), 'utf8');
      return { name: n, text: n === name ? text.replace('{', '{,') : text };
    });
    const check = checkRuleFiles(files);
    expect(check.problems.filter((p) => p.level === 'error').map(formatProblem)).toEqual([
      expect.stringMatching(
        new RegExp(`^import/${name.replace('.', '\\.')} /: is not valid JSON at line 1, column 2`),
      ),
    ]);
  });
});
