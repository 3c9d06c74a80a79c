import { describe, expect, it } from 'vitest';
import { buildHolidayTable, defaultHolidayRange } from '../../src/deadlines/holiday-table';
import { smokeTestPack } from '../../src/packs/smoke';
import type { RulePack } from '../../src/rules/types';
import { testPack } from '../fixtures/packs';

const NOW = Date.parse('2026-12-09T09:30:00Z');
const tableOf = (pack: RulePack) =>
  buildHolidayTable(pack.calendars.calendars, defaultHolidayRange(new Date(NOW)));

function changed(edit: (pack: RulePack) => void): RulePack {
  const pack = structuredClone(testPack());
  edit(pack);
  return pack;
}

describe('smokeTestPack', () => {
  it('finds nothing wrong with a pack that works', () => {
    const pack = testPack();
    expect(smokeTestPack(pack, { now: NOW, table: tableOf(pack) })).toEqual([]);
  });

  it('fails a pack whose calendar has a time zone the browser does not know, naming what failed', () => {
    const good = testPack();
    const table = tableOf(good);
    const pack = changed((p) => {
      p.calendars.calendars[0]!.timeZone = 'Mars/Olympus';
    });
    const problems = smokeTestPack(pack, { now: NOW, table });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.level).toBe('error');
    expect(problems[0]!.message).toMatch(/failed when run: .*Mars\/Olympus/);
    expect(problems[0]!.message).toContain('correct it and import it again');
  });

  it('fails a pack whose field checks throw when run, naming the status they were checked in', () => {
    // No pack that loads makes them throw today (patterns run on RE2 and are checked at load):
    // a field whose checks cannot be read stands in for whatever a later rule kind might do.
    const pack = changed((p) => {
      Object.defineProperty(p.fields.fields[0]!, 'checks', {
        get() {
          throw new Error('this check cannot run');
        },
      });
    });
    const problems = smokeTestPack(pack, { now: NOW, table: tableOf(pack) });
    expect(problems.map((p) => p.message).join('\n')).toMatch(
      /checking the fields of a claim in status '[a-z-]+' failed when run: this check cannot run/,
    );
  });

  it('fails a pack that takes longer than its budget', () => {
    const pack = testPack();
    let ms = 0;
    const clock = () => (ms += 1_500);
    const problems = smokeTestPack(pack, { now: NOW, table: tableOf(pack), budgetMs: 1_000, clock });
    expect(problems).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^running the pack took 1500 ms \(at most 1000 ms\)/),
      }),
    ]);
  });
});
