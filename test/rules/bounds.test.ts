// @vitest-environment node
// Hostile rule files (issue 11): each gives one clear problem instead of a stack overflow, and
// problem lists stay short whatever the file holds.
import { describe, expect, it } from 'vitest';
import {
  capProblemsPerFile,
  invalidUtf8Offset,
  RULE_FILE_LIMITS,
  textBoundsProblem,
  valueBoundsProblem,
} from '../../src/rules/bounds';
import { loadPack, UNCHECKABLE } from '../../src/rules/load';
import { parseRuleFile } from '../../src/rules/parse';
import { formatProblem, problemFromJsonSyntax, quote } from '../../src/rules/problems';
import type { FieldsFile, StatusesFile } from '../../src/rules/types';
import { testPackFiles } from '../fixtures/packs';

/** A condition `{ not: { not: … { field, present } } }` nested `depth` deep, built with a loop. */
function deepCondition(depth: number): unknown {
  let condition: unknown = { field: 'partnerId', present: true };
  for (let i = 0; i < depth; i++) condition = { not: condition };
  return condition;
}

describe('a rule file nested or sized beyond the limits', () => {
  it('refuses a condition nested 20,000 deep with one problem naming the limit, without overflowing the stack', () => {
    const files = testPackFiles();
    (files.fields as FieldsFile).fields[0]!.checks[0]!.when = deepCondition(20_000) as never;
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0]!)).toMatch(
      /^import\/fields\.json \/fields\/0\/checks\/0\/…\/not\/not\/not: nests lists and objects more than 40 levels deep/,
    );
  });

  it('refuses the text of a million [ with one problem giving line and column, also from the JSON syntax reporter', () => {
    const text = '['.repeat(1_000_000);
    const parsed = parseRuleFile('import/fields.json', text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatProblem(parsed.problem)).toBe(
      'import/fields.json /: nests lists and objects more than 40 levels deep (at line 1, column 41); a rule file needs far fewer, so look for brackets opened and never closed',
    );
    // Callers that JSON.parse themselves and report the syntax error get the same one problem.
    expect(problemFromJsonSyntax('import/fields.json', text, new SyntaxError('x'))).toEqual(parsed.problem);
  });

  it('refuses a balanced million-deep array, which JSON.parse accepts, before ajv sees it', () => {
    const text = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    expect(textBoundsProblem('f.json', text)?.message).toMatch(/more than 40 levels deep/);
    const deep = JSON.parse(text);
    const result = loadPack({ ...testPackFiles(), statuses: deep }, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem)).toHaveLength(1);
  });

  it('does not count brackets inside texts as nesting', () => {
    const text = JSON.stringify({ label: '['.repeat(1_000), escaped: '\\"[[[' });
    expect(textBoundsProblem('f.json', text)).toBeUndefined();
    expect(parseRuleFile('f.json', text).ok).toBe(true);
  });

  it('refuses a file over the size limit, saying how long it is', () => {
    const text = `"${'a'.repeat(RULE_FILE_LIMITS.maxChars)}"`;
    expect(textBoundsProblem('f.json', text)?.message).toBe(
      `is ${RULE_FILE_LIMITS.maxChars + 2} characters long, more than the ${RULE_FILE_LIMITS.maxChars} a rule file may have; split or shorten it`,
    );
  });

  it('refuses a 1 MB label with a message that quotes only its start', () => {
    const files = testPackFiles();
    (files.statuses as StatusesFile).statuses[0]!.label = { en: 'x'.repeat(1_000_000), nl: 'y' };
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/^import\/statuses\.json \/statuses\/0\/label\/en: is a text of 1000000 characters/);
    expect(text.length).toBeLessThan(400);
  });

  it('refuses an array of more items than allowed and names where it is', () => {
    const problem = valueBoundsProblem('f.json', { a: [new Array(RULE_FILE_LIMITS.maxItems + 1).fill(1)] });
    expect(problem?.pointer).toBe('/a/0');
    expect(problem?.message).toMatch(/has 5001 items, more than the 5000 allowed/);
  });
});

describe('problem messages of a bounded length', () => {
  it('lists a few known ids for 10,000 unknown references, and reports 50 of them and how many more', () => {
    const files = testPackFiles();
    const statuses = files.statuses as StatusesFile;
    // 2,000 statuses, and two events said to happen in 5,000 statuses each that do not exist.
    const template = { ...statuses.statuses[1]!, clocks: [], transitions: [] };
    statuses.statuses = Array.from({ length: 2_000 }, (_, i) => ({
      ...template,
      id: `status-${i}`,
      draft: i === 0 ? true : undefined,
    })) as never;
    statuses.events[0]!.inStatuses = Array.from({ length: 5_000 }, (_, i) => `missing-${i}`) as never;
    statuses.events[1]!.inStatuses = Array.from({ length: 5_000 }, (_, i) => `missing-b${i}`) as never;
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const unknown = result.problems.filter((p) => /^\/events\/[01]\/inStatuses\//.test(p.pointer));
    expect(unknown).toHaveLength(50);
    expect(unknown[0]!.message).toBe(
      "'missing-0' is not a status defined in statuses.json; use one of 'status-0', 'status-1', 'status-2', 'status-3', 'status-4', 'status-5', 'status-6', 'status-7' (and 1992 more)",
    );
    // The 10,000 references and the two statuses the code names (contract.ts): 50 listed, the rest counted.
    expect(result.problems.map(formatProblem)).toContain(
      'import/statuses.json /: has 9952 more problem(s) not listed here (10002 in all); fix the ones above and check again',
    );
  });

  it('quotes a value shortly and never by recursing into it', () => {
    expect(quote('a'.repeat(500))).toBe(`'${'a'.repeat(80)}…'`);
    expect(quote([1, 2])).toBe('[1,2]');
    expect(quote(deepCondition(100_000))).toBe('an object of 1 propert(ies)');
    expect(quote(new Array(1000).fill(0))).toBe('a list of 1000 item(s)');
  });

  it('keeps the first problems of each file and says how many of each were left out', () => {
    const p = (file: string, n: number) => ({
      file,
      pointer: `/${n}`,
      message: 'm',
      level: 'error' as const,
    });
    const capped = capProblemsPerFile([p('a', 1), p('b', 1), p('a', 2), p('a', 3)], 2);
    expect(capped.map((x) => `${x.file}${x.pointer}`)).toEqual(['a/1', 'b/1', 'a/2', 'a']);
    expect(capped[3]!.message).toMatch(/^has 1 more problem\(s\) not listed here \(3 in all\)/);
  });
});

describe('UTF-8', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it.each([
    ['plain ASCII', bytes(0x7b, 0x7d), -1],
    ['é and € and 😀', new TextEncoder().encode('é€😀'), -1],
    ['a lone continuation byte', bytes(0x41, 0x80), 1],
    ['a Latin-1 é', bytes(0x22, 0xe9, 0x22), 1],
    ['an overlong slash', bytes(0xc0, 0xaf), 0],
    ['an overlong 3-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a sequence cut at the end', bytes(0x41, 0xe2, 0x82), 1],
    ['beyond U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
  ])('finds the first wrong byte: %s', (_name, input, offset) => {
    expect(invalidUtf8Offset(input)).toBe(offset);
  });

  it('refuses a rule file that is not UTF-8, naming the offset, instead of reading it with �', () => {
    const parsed = parseRuleFile('import/pack.json', bytes(0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problem.message).toBe(
        'is not UTF-8 text: the bytes at offset 2 (e9 22 3a 31) are not valid UTF-8; save the file as UTF-8 in your editor',
      );
    expect(parseRuleFile('f.json', new TextEncoder().encode('{"é":"€"}'))).toEqual({
      ok: true,
      data: { é: '€' },
    });
  });
});

describe('a pack in too many languages', () => {
  it('refuses 5,000 languages with the schema problem, without checking every text in each', () => {
    const files = testPackFiles();
    (files.pack as { locales: string[] }).locales = Array.from({ length: 5_000 }, (_, i) => `x${i}`);
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problems = result.problems.map(formatProblem);
    expect(problems).toContain(
      'import/pack.json: locales (/locales): languages allows at most 50 item(s); remove some',
    );
    // No "the 'x17' text is missing" for each of the pack's texts.
    expect(problems.filter((p) => p.includes('text is missing'))).toEqual([]);
  });

  it('does not throw on a list of languages that is not a list', () => {
    const files = testPackFiles();
    (files.pack as { locales: unknown }).locales = 5;
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map(formatProblem)).toContain(
        "import/pack.json: locales (/locales): languages must be 'array', not 5",
      );
  });
});

describe('a check that throws inside cpor-guard', () => {
  it('gives one problem for the pack instead of throwing at the caller', () => {
    const files = testPackFiles();
    const result = loadPack(files, {
      dir: 'import',
      validatorFor: () => {
        throw new Error('boom');
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map(formatProblem)).toEqual([
        `import /: ${UNCHECKABLE} (boom); please report it, with the pack, to the cpor-guard team`,
      ]);
  });
});
