// @vitest-environment node
// The schema's own patterns run (in the generated validators, as JavaScript RegExps) on texts
// from an imported pack, so none may backtrack exponentially: 'MM?' in a date format's pattern
// matched a run of M's in every split, and 'YYYY D ' followed by 40 M's and an 'x' took seconds
// (35 took 412 ms, each M more doubling it). Each pattern here meets long runs of every
// character it names, after prefixes that satisfy its lookaheads; one that backtracks would
// not finish within the test's time limit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const schemaDir = join(import.meta.dirname, '..', '..', 'rules', 'schema');

/** Every 'pattern' of every schema, with the file it is in. */
function schemaPatterns(): { file: string; pattern: string }[] {
  const out: { file: string; pattern: string }[] = [];
  for (const file of readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json'))) {
    const stack: unknown[] = [JSON.parse(readFileSync(join(schemaDir, file), 'utf8'))];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object') continue;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') out.push({ file, pattern: value });
        else stack.push(value);
      }
    }
  }
  return out;
}

const PREFIXES = ['', 'YYYY D ', 'YYYY D mm H ', 'YYYY D mm h A ', '{to}', 'a-'];
const SUFFIXES = ['', 'x', '!', '\n', '{'];

describe("the schema's own patterns", () => {
  const patterns = schemaPatterns();

  it('are found (so the next test checks something)', () => {
    expect(patterns.length).toBeGreaterThan(15);
  });

  it.each(patterns.map((p) => [p.file, p.pattern]))(
    'in %s, %s answers on 5,000-character runs of each character it names',
    (_file, pattern) => {
      const re = new RegExp(pattern, 'u');
      const chars = new Set([...pattern.replace(/\\./g, '')].filter((c) => !'^$()[]?*+|'.includes(c)));
      let answered = 0;
      for (const prefix of PREFIXES)
        for (const c of chars)
          for (const suffix of SUFFIXES) {
            expect(typeof re.test(prefix + c.repeat(5_000) + suffix)).toBe('boolean');
            answered++;
          }
      expect(answered).toBe(PREFIXES.length * chars.size * SUFFIXES.length);
    },
  );

  it("refuses a run of three M's in a date format, which the date reader could never read", () => {
    const dateFormat = patterns.find((p) => p.pattern.startsWith('^(?=.*YYYY)(?=.*M)(?=.*D)(?:'))!;
    const re = new RegExp(dateFormat.pattern, 'u');
    expect(re.test('MM/DD/YYYY')).toBe(true);
    expect(re.test('M/D/YYYY')).toBe(true);
    expect(re.test('MMM/D/YYYY')).toBe(false);
    expect(re.test(`YYYY D ${'M'.repeat(5_000)}x`)).toBe(false);
  });
});
