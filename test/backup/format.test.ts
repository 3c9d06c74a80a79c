// @vitest-environment node
// The backup file's checks on their own: every way a file is refused, and what an accepted one gives.
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_DEPTH,
  readBackup,
  serializeBackup,
} from '../../src/backup/format';
import type { RegionCatalog } from '../../src/settings/settings';

const catalog: RegionCatalog = {
  hasCountry: (country) => country === 'NL' || country === 'BE',
  hasState: (country, state) => country === 'BE' && state === 'VLG',
};

const claim = {
  claimId: 'c1',
  firstSeen: 1000,
  lastSeen: 2000,
  history: [{ status: 'submitted', at: 1000 }],
};

/** A valid file's object, with `change` applied. */
function file(change: (f: Record<string, unknown>) => void = () => {}): string {
  const f = JSON.parse(
    serializeBackup(
      { claims: [claim], validations: [], packs: [], activePack: { active: 'builtin', previous: [] } },
      Date.parse('2026-12-03T10:00:00Z'),
    ),
  ) as Record<string, unknown>;
  change(f);
  return JSON.stringify(f);
}

describe('reading a backup file', () => {
  it('accepts what serializeBackup writes, and gives the records back', () => {
    const read = readBackup(file(), catalog);
    expect(read).toEqual({
      ok: true,
      version: 1,
      exportedAt: '2026-12-03T10:00:00.000Z',
      backup: {
        claims: [claim],
        validations: [],
        packs: [],
        activePack: { active: 'builtin', previous: [] },
      },
    });
  });

  it.each<[string, () => string, string, string | RegExp]>([
    ['an empty file', () => '', 'not-json', /not JSON/],
    ['a truncated file', () => file().slice(0, -20), 'not-json', /not JSON/],
    ['JSON without a format', () => '{"claims": []}', 'foreign', `it has no "format": "${BACKUP_FORMAT}"`],
    ['another format', () => file((f) => (f.format = 'x-backup')), 'foreign', /its format is "x-backup"/],
    ['a version that is not a number', () => file((f) => (f.version = '1')), 'bad-shape', /version "1"/],
    ['a later version', () => file((f) => (f.version = 7)), 'future-version', /version 7; .* up to 1/],
    ['an unknown part', () => file((f) => (f.reminders = [])), 'bad-shape', 'unknown parts reminders'],
    ['no date of export', () => file((f) => delete f.exportedAt), 'bad-shape', /exportedAt/],
    ['claims that are no list', () => file((f) => (f.claims = {})), 'bad-shape', 'claims is not a list'],
    [
      'a claim twice',
      () => file((f) => (f.claims = [claim, claim])),
      'bad-shape',
      'claims[1]: "c1" appears twice',
    ],
    [
      'a history out of time order',
      () =>
        file(
          (f) =>
            (f.claims = [
              {
                ...claim,
                history: [
                  { status: 'a', at: 1500 },
                  { status: 'b', at: 1200 },
                ],
              },
            ]),
        ),
      'bad-shape',
      'claims[0]: history[1] is earlier than the entry before it',
    ],
    [
      'a check result without its findings',
      () =>
        file(
          (f) =>
            (f.validations = [
              { id: 'v', checkedAt: 1, pack: { id: 'p' }, status: 's', day: 'd', claim: {} },
            ]),
        ),
      'bad-shape',
      'validations[0]: is not a result of the pre-submission check',
    ],
    [
      'a pack without files',
      () => file((f) => (f.packs = [{ id: 'p@1#a', packId: 'p', version: '1', name: {}, importedAt: 1 }])),
      'bad-shape',
      "packs[0]: 'files' is not an object",
    ],
    ['no active pack', () => file((f) => delete f.activePack), 'bad-shape', 'activePack: is missing'],
    [
      'a region date-holidays does not know',
      () => file((f) => (f.settings = { partnerRegion: { country: 'XX' } })),
      'bad-shape',
      /settings partnerRegion: country "XX"/,
    ],
    [
      'an unknown setting',
      () => file((f) => (f.settings = { theme: 'dark' })),
      'bad-shape',
      'settings theme: unknown setting, ignored',
    ],
  ])('refuses %s', (_name, text, reason, detail) => {
    const read = readBackup(text(), catalog);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.refusal.reason).toBe(reason);
    if (typeof detail === 'string') expect(read.refusal.detail).toBe(detail);
    else expect(read.refusal.detail).toMatch(detail);
  });

  it('refuses a file larger than the bound before parsing it, counting UTF-8 octets', () => {
    // Under the bound in UTF-16 units, over it in octets: 'é' is two octets.
    const text = `"${'é'.repeat(MAX_BACKUP_BYTES / 2)}"`;
    expect(text.length).toBeLessThan(MAX_BACKUP_BYTES);
    expect(readBackup(text, catalog)).toMatchObject({ ok: false, refusal: { reason: 'too-big' } });
  });

  it('refuses nesting deeper than the bound, and does not count brackets inside texts', () => {
    const deep = `${'['.repeat(MAX_BACKUP_DEPTH + 1)}${']'.repeat(MAX_BACKUP_DEPTH + 1)}`;
    expect(readBackup(deep, catalog)).toMatchObject({ ok: false, refusal: { reason: 'too-deep' } });
    const brackets = file((f) => (f.claims = [{ ...claim, claimId: `[{\\"${'['.repeat(100)}` }]));
    expect(readBackup(brackets, catalog).ok).toBe(true);
  });

  it('keeps a chosen region, with its state', () => {
    const read = readBackup(
      file((f) => (f.settings = { partnerRegion: { country: 'BE', state: 'VLG' } })),
      catalog,
    );
    expect(read.ok && read.backup.settings).toEqual({ partnerRegion: { country: 'BE', state: 'VLG' } });
  });
});
