// @vitest-environment node
// The merge rules on their own: which record wins, what is added, what is kept.
import { describe, expect, it } from 'vitest';
import { mergeActivePack, mergeClaim, mergeSettings, mergeValidationIds } from '../../src/backup/merge';
import { ROLLBACK_LIMIT } from '../../src/packs';
import type { ClaimRecord } from '../../src/store';
import { VALIDATION_LIMIT } from '../../src/store';

const record = (lastSeen: number, status = 'submitted'): ClaimRecord => ({
  claimId: 'c1',
  firstSeen: 1000,
  lastSeen,
  history: [{ status, at: 1000 }],
});

describe('merging a claim of the backup', () => {
  it.each<[string, ClaimRecord | undefined, ClaimRecord, string]>([
    ['not here', undefined, record(2000), 'added'],
    ['seen later in the backup', record(2000), record(3000), 'updated'],
    ['seen later here', record(3000), record(2000), 'kept'],
    ['seen at the same moment, differently', record(2000, 'approved'), record(2000), 'kept'],
    ['the same', record(2000), record(2000), 'unchanged'],
  ])('%s: %s', (_name, local, incoming, outcome) => {
    expect(mergeClaim(local, incoming)).toBe(outcome);
  });
});

describe('merging check results', () => {
  it('adds the missing ones and counts those already here', () => {
    expect(mergeValidationIds(['a', 'b'], ['b', 'c'])).toEqual({
      add: new Set(['c']),
      remove: [],
      present: 1,
      tooOld: 0,
    });
  });

  it('keeps the newest VALIDATION_LIMIT of both together: older ones of the backup are not added, older ones here go', () => {
    const id = (n: number) => String(n).padStart(4, '0');
    const local = Array.from({ length: VALIDATION_LIMIT }, (_, i) => id(100 + i)); // 0100 … 0149
    const incoming = [id(1), id(2), id(500)];
    const merged = mergeValidationIds(local, incoming);
    expect([...merged.add]).toEqual([id(500)]);
    expect(merged.remove).toEqual([id(100)]);
    expect(merged.tooOld).toBe(2);
  });
});

describe('merging which pack is active', () => {
  const same = (id: string) => id;
  it('takes the backup’s choice on a machine that never chose, with its history', () => {
    expect(
      mergeActivePack(
        { active: 'builtin', previous: [] },
        { active: 'p2', previous: ['builtin', 'p1'] },
        same,
      ),
    ).toEqual({
      outcome: 'restored',
      record: { active: 'p2', previous: ['builtin', 'p1'] },
    });
  });

  it('keeps a choice made here', () => {
    expect(
      mergeActivePack({ active: 'mine', previous: ['builtin'] }, { active: 'p2', previous: [] }, same),
    ).toEqual({
      outcome: 'kept',
    });
  });

  it('keeps the built-in pack when the backup’s active pack was not restored, and drops unrestored ids from the history', () => {
    const restoredOnly = (id: string) => (id === 'p1' ? 'p1#here' : undefined);
    expect(
      mergeActivePack(
        { active: 'builtin', previous: [] },
        { active: 'gone', previous: ['p1'] },
        restoredOnly,
      ),
    ).toEqual({
      outcome: 'kept',
    });
    expect(
      mergeActivePack(
        { active: 'builtin', previous: [] },
        { active: 'p1', previous: ['gone', 'builtin'] },
        restoredOnly,
      ),
    ).toEqual({ outcome: 'restored', record: { active: 'p1#here', previous: ['builtin'] } });
  });

  it('bounds the history as rollback does', () => {
    const previous = Array.from({ length: ROLLBACK_LIMIT + 5 }, (_, i) => `p${i}`);
    const merged = mergeActivePack({ active: 'builtin', previous: [] }, { active: 'last', previous }, same);
    expect(merged.record?.previous).toHaveLength(ROLLBACK_LIMIT);
    expect(merged.record?.previous.at(-1)).toBe(`p${ROLLBACK_LIMIT + 4}`);
  });
});

describe('merging the settings', () => {
  it.each<[string, unknown, object | undefined, string]>([
    ['none in the backup', { partnerRegion: { country: 'NL' } }, undefined, 'absent'],
    ['none chosen here', undefined, { partnerRegion: { country: 'BE' } }, 'restored'],
    ['the same', { partnerRegion: { country: 'BE' } }, { partnerRegion: { country: 'BE' } }, 'unchanged'],
    [
      'another chosen here',
      { partnerRegion: { country: 'NL' } },
      { partnerRegion: { country: 'BE' } },
      'kept',
    ],
  ])('%s', (_name, local, incoming, outcome) => {
    expect(mergeSettings(local, incoming).outcome).toBe(outcome);
  });
});
