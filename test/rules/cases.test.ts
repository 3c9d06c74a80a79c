// @vitest-environment node
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareExpected, runCase } from '../../src/rules/cases/run';
import { checkPackDir, packDirs } from '../../src/rules/node/check-packs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The same cases `npm run rules:test` runs, one test each, so a failing rule case names itself here too.
for (const dir of packDirs(root)) {
  const result = checkPackDir(root, dir);
  describe(`rule cases of ${result.dir}`, () => {
    it('the pack loads', () => expect(result.problems).toEqual([]));
    for (const { file, cases } of result.cases) {
      describe(file, () => {
        cases.forEach((ruleCase, index) => {
          it(ruleCase.name, () => {
            const outcome = runCase(file, index, ruleCase, result.pack!);
            expect(outcome.failure).toBe('');
            expect(outcome.pass).toBe(true);
          });
        });
      });
    }
  });
}

describe('the case runner', () => {
  it('fails a case whose expected result differs, saying what differs', () => {
    const result = checkPackDir(root, join(root, 'rules/cpor'));
    const outcome = runCase(
      'x.cases.json',
      0,
      {
        name: 'wrong on purpose',
        kind: 'transition',
        input: { from: 'editing', to: 'approved' },
        expected: { allowed: true },
      },
      result.pack!,
    );
    expect(outcome.pass).toBe(false);
    expect(outcome.failure).toBe('allowed: expected true, got false');
  });

  it('fails a case of an unknown kind and lists the known kinds', () => {
    const result = checkPackDir(root, join(root, 'rules/cpor'));
    const outcome = runCase('x', 0, { name: 'odd', kind: 'nope', input: {}, expected: {} }, result.pack!);
    expect(outcome.pass).toBe(false);
    expect(outcome.failure).toMatch(/unknown kind 'nope'; use .*transition/);
  });
});

describe('compareExpected', () => {
  it('names the one value that differs inside a list, and keys nobody expected below the top', () => {
    expect(
      compareExpected(
        {
          clocks: [
            { id: 'a', due: 'x' },
            { id: 'b', due: 'y' },
          ],
          ignored: undefined,
        },
        {
          clocks: [
            { id: 'a', due: 'x' },
            { id: 'b', due: 'z', late: true },
          ],
          other: 1,
        },
      ),
    ).toEqual([
      'clocks[1]: did not expect \'late\' (got {"id":"b","due":"z","late":true})',
      'clocks[1].due: expected "y", got "z"',
    ]);
    expect(compareExpected({ list: [1, 2] }, { list: [1] })).toEqual([
      'list: expected 2 items, got 1: expected [1,2], got [1]',
    ]);
    expect(compareExpected({ a: 1 }, { a: 1, b: 2 })).toEqual([]);
  });
});
