import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../src/rules/default-pack';
import { loadPack } from '../../src/rules/load';
import { formatProblem } from '../../src/rules/problems';
import type { StatusesFile } from '../../src/rules/types';
import { adjustableWarningsFiles, testPackFiles } from '../fixtures/packs';

describe('loading a pack through the generated standalone validators', () => {
  // The built-in pack itself: it loads (a broken one is a build defect).
  it('loads the built-in CPOR pack', () => {
    const pack = defaultPack();
    expect(pack.pack.id).toBe('cpor');
    expect(pack.statuses.statuses.map((s) => s.id)).toContain('partner-action-required');
  });

  it('refuses an imported pack with a wrong unit and says where and how to fix it', () => {
    const files = testPackFiles() as { statuses: StatusesFile };
    (files.statuses.statuses[3]!.clocks[0] as { unit: string }).unit = 'days';
    const result = loadPack(files, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        "import/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' › unit (/statuses/3/clocks/0/unit): 'days' is not a valid unit; use 'business-days' or 'calendar-days'",
      ]);
    }
  });

  it('reports a missing file of the pack', () => {
    const { messages: _dropped, ...rest } = testPackFiles();
    const result = loadPack(rest, { dir: 'import' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map(formatProblem).join('\n')).toMatch(
        /import\/messages\.json \/: the file is missing/,
      );
  });

  it('does not crash on a pack whose files are not objects', () => {
    const result = loadPack({ ...testPackFiles(), statuses: 42, fields: null }, { dir: 'import' });
    expect(result.ok).toBe(false);
  });
});

describe('a warning the partner may move (warningAdjustable)', () => {
  /** The test pack with the 2023 respond-to-reviewer clock (test/fixtures/packs) changed by `edit`; the problems of loading it. */
  function problemsWith(edit: (clock: Record<string, unknown>) => void): string[] {
    const files = adjustableWarningsFiles() as { statuses: StatusesFile };
    const status = files.statuses.statuses.findIndex((s) => s.id === 'partner-action-required');
    const clocks = files.statuses.statuses[status]!.clocks as unknown as Record<string, unknown>[];
    const k = clocks.findIndex((c) => c.id === 'respond-to-reviewer' && c.from === '2023-10-10');
    edit(clocks[k]!);
    const result = loadPack(files, { dir: 'import' });
    return result.ok
      ? []
      : result.problems.map(formatProblem).map((p) => p.replace(/\/statuses\/\d+\/clocks\/\d+/, '/…'));
  }

  it('is accepted with the warning level inside its range', () => {
    expect(problemsWith(() => {})).toEqual([]);
  });

  it('needs a warning level for the partner to move', () => {
    expect(
      problemsWith((clock) => {
        clock.urgency = [{ level: 'notice', remaining: 5 }];
      }),
    ).toEqual([
      "import/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › warningAdjustable (/…/warningAdjustable): the clock has no 'warning' level in 'urgency' for the partner to move; add one or remove 'warningAdjustable'",
    ]);
  });

  it('keeps the default between min and max, and min below max', () => {
    expect(
      problemsWith((clock) => {
        clock.warningAdjustable = { min: 4, max: 10 };
      }),
    ).toEqual([
      "import/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › warningAdjustable (/…/warningAdjustable): the 'warning' level's 3 days is the default, so it must lie between 'min' (4) and 'max' (10)",
    ]);
    expect(
      problemsWith((clock) => {
        clock.warningAdjustable = { min: 6, max: 2 };
      }),
    ).toEqual([
      "import/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › warningAdjustable (/…/warningAdjustable): 'min' (6) is more than 'max' (2)",
    ]);
  });

  it('cannot start the warning before the clock starts', () => {
    expect(
      problemsWith((clock) => {
        clock.warningAdjustable = { min: 1, max: 20 };
      }),
    ).toEqual([
      "import/statuses.json: status 'partner-action-required' › clock 'respond-to-reviewer' from 2023-10-10 › warningAdjustable › max (/…/warningAdjustable/max): is more than the clock's 14 days; the warning cannot start before the clock does",
    ]);
  });
});
