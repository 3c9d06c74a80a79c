import { describe, expect, it } from 'vitest';
import { defaultPack, defaultPackFiles } from '../../src/rules/default-pack';
import { loadPack } from '../../src/rules/load';
import { formatProblem } from '../../src/rules/problems';
import type { StatusesFile } from '../../src/rules/types';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('loading a pack through the generated standalone validators', () => {
  it('loads the built-in CPOR pack', () => {
    const pack = defaultPack();
    expect(pack.pack.id).toBe('cpor');
    expect(pack.statuses.statuses.map((s) => s.id)).toContain('partner-action-required');
  });

  it('refuses an imported pack with a wrong unit and says where and how to fix it', () => {
    const files = clone(defaultPackFiles) as { statuses: StatusesFile };
    (files.statuses.statuses[3]!.clocks[0] as { unit: string }).unit = 'days';
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        "import/statuses.json /statuses/3/clocks/0/unit: 'days' is not a valid unit; use 'business-days' or 'calendar-days'",
      ]);
    }
  });

  it('reports a missing file of the pack', () => {
    const { messages: _dropped, ...rest } = clone(defaultPackFiles);
    const result = loadPack(rest, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map(formatProblem).join('\n')).toMatch(
        /import\/messages\.json \/: the file is missing/,
      );
  });

  it('does not crash on a pack whose files are not objects', () => {
    const result = loadPack({ ...clone(defaultPackFiles), statuses: 42, fields: null }, { dir: 'import' });
    expect(result.ok).toBe(false);
  });
});
