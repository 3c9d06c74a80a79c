// The options page's check of a policy owner's files (src/packs/check-files.ts): each problem with
// the line and column of its value in the file as chosen, as rules:check gives them.
import { describe, expect, it } from 'vitest';
import { checkRuleFiles } from '../../src/packs/check-files';
import { PACK_FILE_KINDS, packFileOf } from '../../src/rules/kinds';
import { formatProblem } from '../../src/rules/problems';
import { testPackFiles } from '../fixtures/packs';

describe('checkRuleFiles', () => {
  it('says where a problem is by line and column of the file chosen, and in words', () => {
    const files = testPackFiles() as Record<string, unknown>;
    const texts = PACK_FILE_KINDS.map((kind) => ({
      name: packFileOf(kind),
      text: JSON.stringify(files[kind], null, 2),
    }));
    const statuses = texts.find((t) => t.name === 'statuses.json')!;
    // The first clock unit of the file becomes 'days'; its line and column are counted here.
    const at = statuses.text.indexOf('"unit": "business-days"');
    statuses.text = `${statuses.text.slice(0, at)}"unit": "days"${statuses.text.slice(at + '"unit": "business-days"'.length)}`;
    const before = statuses.text.slice(0, at + '"unit": '.length);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');

    const check = checkRuleFiles(texts);
    expect(check.pack).toBeNull();
    const problem = check.problems.find((p) => p.pointer.endsWith('/unit'))!;
    expect({ line: problem.line, column: problem.column }).toEqual({ line, column });
    expect(formatProblem(problem)).toMatch(
      new RegExp(`^import/statuses\\.json:${line}:${column}: status '[a-z-]+' › clock '[a-z-]+'`),
    );
  });
});
