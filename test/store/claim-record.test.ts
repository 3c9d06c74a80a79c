// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClaimRecord,
  HISTORY_LIMIT,
  mergeHistory,
  mergeSighting,
  readClaimRecord,
  type Sighting,
  type StoredStatus,
  sightingProblem,
  timelineOf,
} from '../../src/store';

const t = (iso: string): number => Date.parse(iso);
const HOUR_MS = 3_600_000;

function recordOf(history: StoredStatus[], firstSeen: number, lastSeen: number): ClaimRecord {
  return { claimId: 'C-1', firstSeen, lastSeen, history };
}

const seenInReview = recordOf(
  [{ status: 'in-review', at: t('2026-03-02T09:00:00Z'), estimated: true, estimateBasis: 'first-seen' }],
  t('2026-03-02T09:00:00Z'),
  t('2026-03-05T09:00:00Z'),
);

interface MergeCase {
  name: string;
  record: ClaimRecord | undefined;
  sighting: Omit<Sighting, 'claimId'>;
  now: string;
  expected: ClaimRecord;
}

const mergeCases: MergeCase[] = [
  {
    name: 'a first sighting without a page date is estimated at the moment it was seen',
    record: undefined,
    sighting: { status: 'in-review' },
    now: '2026-03-02T09:00:00Z',
    expected: recordOf(
      [{ status: 'in-review', at: t('2026-03-02T09:00:00Z'), estimated: true, estimateBasis: 'first-seen' }],
      t('2026-03-02T09:00:00Z'),
      t('2026-03-02T09:00:00Z'),
    ),
  },
  {
    name: 'a first sighting with an earlier page date is estimated at the end of that date',
    record: undefined,
    sighting: { status: 'in-review', pageBound: t('2026-02-27T23:59:59.999Z') },
    now: '2026-03-02T09:00:00Z',
    expected: recordOf(
      [
        {
          status: 'in-review',
          at: t('2026-02-27T23:59:59.999Z'),
          estimated: true,
          estimateBasis: 'page-date',
        },
      ],
      t('2026-03-02T09:00:00Z'),
      t('2026-03-02T09:00:00Z'),
    ),
  },
  {
    name: "a first sighting with today's date (its end is in the future) is estimated at now",
    record: undefined,
    sighting: { status: 'in-review', pageBound: t('2026-03-02T23:59:59.999Z') },
    now: '2026-03-02T09:00:00Z',
    expected: recordOf(
      [{ status: 'in-review', at: t('2026-03-02T09:00:00Z'), estimated: true, estimateBasis: 'first-seen' }],
      t('2026-03-02T09:00:00Z'),
      t('2026-03-02T09:00:00Z'),
    ),
  },
  {
    name: 'the same status again only moves lastSeen (a page date seen later changes nothing)',
    record: seenInReview,
    sighting: { status: 'in-review', pageBound: t('2026-02-20T23:59:59.999Z') },
    now: '2026-03-09T09:00:00Z',
    expected: { ...seenInReview, lastSeen: t('2026-03-09T09:00:00Z') },
  },
  {
    name: 'a new status without a page date is estimated at the moment it was seen',
    record: seenInReview,
    sighting: { status: 'approved' },
    now: '2026-03-09T09:00:00Z',
    expected: {
      ...seenInReview,
      lastSeen: t('2026-03-09T09:00:00Z'),
      history: [
        ...seenInReview.history,
        { status: 'approved', at: t('2026-03-09T09:00:00Z'), estimated: true, estimateBasis: 'first-seen' },
      ],
    },
  },
  {
    name: 'a new status with a page date after the last sighting is estimated at the end of that date',
    record: seenInReview,
    sighting: { status: 'approved', pageBound: t('2026-03-06T23:59:59.999Z') },
    now: '2026-03-09T09:00:00Z',
    expected: {
      ...seenInReview,
      lastSeen: t('2026-03-09T09:00:00Z'),
      history: [
        ...seenInReview.history,
        {
          status: 'approved',
          at: t('2026-03-06T23:59:59.999Z'),
          estimated: true,
          estimateBasis: 'page-date',
        },
      ],
    },
  },
  {
    name: 'a new status whose page date is before the last sighting of the old one (a stale date) is estimated at now',
    record: seenInReview,
    sighting: { status: 'approved', pageBound: t('2026-03-03T23:59:59.999Z') },
    now: '2026-03-09T09:00:00Z',
    expected: {
      ...seenInReview,
      lastSeen: t('2026-03-09T09:00:00Z'),
      history: [
        ...seenInReview.history,
        { status: 'approved', at: t('2026-03-09T09:00:00Z'), estimated: true, estimateBasis: 'first-seen' },
      ],
    },
  },
  {
    name: 'a sighting older than the last one (out of order) changes nothing',
    record: seenInReview,
    sighting: { status: 'approved' },
    now: '2026-03-04T09:00:00Z',
    expected: seenInReview,
  },
];

describe('mergeSighting', () => {
  it.each(mergeCases)('$name', ({ record, sighting, now, expected }) => {
    const before = structuredClone(record);
    expect(mergeSighting(record, { claimId: 'C-1', ...sighting }, t(now))).toEqual(expected);
    expect(record).toEqual(before);
  });

  it(`keeps the newest ${HISTORY_LIMIT} entries when the history grows past that, and firstSeen`, () => {
    const start = t('2026-01-01T00:00:00Z');
    let record: ClaimRecord | undefined;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      record = mergeSighting(
        record,
        { claimId: 'C-1', status: i % 2 === 0 ? 'a' : 'b' },
        start + i * HOUR_MS,
      );
    }
    expect(record!.history).toHaveLength(HISTORY_LIMIT);
    expect(record!.history[0]!.at).toBe(start + 5 * HOUR_MS);
    expect(record!.history.at(-1)!.at).toBe(start + (HISTORY_LIMIT + 4) * HOUR_MS);
    expect(record!.firstSeen).toBe(start);
  });

  it.each([
    [{ claimId: '', status: 'a' }, 0, /claimId/],
    [{ claimId: 'C-1', status: '' }, 0, /status/],
    [{ claimId: 'C-1', status: 'a', pageBound: Number.NaN }, 0, /pageBound/],
    [{ claimId: 'C-1', status: 'a' }, Number.NaN, /now/],
  ])('throws a TypeError for an invalid sighting %j at %s', (sighting, now, message) => {
    expect(() => mergeSighting(undefined, sighting as Sighting, now)).toThrow(message);
    expect(() => mergeSighting(undefined, sighting as Sighting, now)).toThrow(TypeError);
  });
});

describe('sightingProblem', () => {
  it('accepts a sighting with or without a page date', () => {
    expect(sightingProblem({ claimId: 'C-1', status: 'a' })).toBeUndefined();
    expect(sightingProblem({ claimId: 'C-1', status: 'a', pageBound: 5 })).toBeUndefined();
  });

  it.each([
    null,
    [],
    'C-1',
    { status: 'a' },
    { claimId: 'C-1', status: 7 },
    { claimId: 'C-1', status: 'a', pageBound: '5' },
  ])('says what is wrong with %j', (value) => {
    expect(sightingProblem(value)).toMatch(/./);
  });
});

describe("a claim's page address", () => {
  const page = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/C-1';
  const now = t('2026-03-06T09:00:00Z');

  it('is kept from a sighting, and the latest wins', () => {
    const first = mergeSighting(undefined, { claimId: 'C-1', status: 'in-review', url: page }, now);
    expect(first.url).toBe(page);
    const moved = `${page}?tab=history`;
    expect(mergeSighting(first, { claimId: 'C-1', status: 'in-review', url: moved }, now + HOUR_MS).url).toBe(
      moved,
    );
    // A sighting without a link keeps the one known; a status change too.
    const unchanged = mergeSighting(first, { claimId: 'C-1', status: 'in-review' }, now + HOUR_MS);
    expect(unchanged.url).toBe(page);
    expect(mergeSighting(first, { claimId: 'C-1', status: 'approved' }, now + 2 * HOUR_MS).url).toBe(page);
  });

  it('must be an https address of reasonable length', () => {
    expect(sightingProblem({ claimId: 'C-1', status: 'x', url: 'javascript:alert(1)' })).toBe(
      'url is not an https address',
    );
    expect(sightingProblem({ claimId: 'C-1', status: 'x', url: 'http://partner.microsoft.com/' })).toBe(
      'url is not an https address',
    );
    expect(
      sightingProblem({ claimId: 'C-1', status: 'x', url: `https://a.example/${'x'.repeat(3000)}` }),
    ).toMatch(/longer than 2048/);
    expect(sightingProblem({ claimId: 'C-1', status: 'x', url: 42 })).toBe('url 42 is not a string');
    expect(sightingProblem({ claimId: 'C-1', status: 'x', url: page })).toBeUndefined();
  });

  it('is read back from the database, and a bad one is dropped without losing the claim', () => {
    const stored = { ...seenInReview, url: page };
    expect(readClaimRecord(stored)).toEqual({ ok: true, record: stored });
    const bad = readClaimRecord({ ...seenInReview, url: 'javascript:alert(1)' });
    expect(bad).toEqual({ ok: true, record: seenInReview });
  });
});

describe('timelineOf', () => {
  it("hands the record's history to the deadline engine", () => {
    expect(timelineOf(seenInReview)).toEqual({ history: seenInReview.history });
  });
});

describe('readClaimRecord', () => {
  it('gives back a valid record, without unknown fields', () => {
    expect(readClaimRecord({ ...seenInReview, extra: 1 })).toEqual({ ok: true, record: seenInReview });
  });

  const entry = seenInReview.history[0]!;
  it.each<[string, unknown]>([
    ['not an object', 'C-1'],
    ['claimId not a string', { ...seenInReview, claimId: 5 }],
    ['firstSeen not a number', { ...seenInReview, firstSeen: '2026-03-02' }],
    ['lastSeen NaN', { ...seenInReview, lastSeen: Number.NaN }],
    ['lastSeen before firstSeen', { ...seenInReview, lastSeen: seenInReview.firstSeen - 1 }],
    ['history not an array', { ...seenInReview, history: 'in-review' }],
    ['history empty', { ...seenInReview, history: [] }],
    ['an entry without status', { ...seenInReview, history: [{ at: entry.at }] }],
    ['an entry with a string at', { ...seenInReview, history: [{ ...entry, at: '2026-03-02' }] }],
    ['an entry with estimated "yes"', { ...seenInReview, history: [{ ...entry, estimated: 'yes' }] }],
    ['an entry with an unknown basis', { ...seenInReview, history: [{ ...entry, estimateBasis: 'guess' }] }],
    [
      'entries out of time order',
      { ...seenInReview, history: [entry, { ...entry, status: 'b', at: entry.at - 1 }] },
    ],
    ['an entry after lastSeen', { ...seenInReview, history: [{ ...entry, at: seenInReview.lastSeen + 1 }] }],
  ])('skips a record with %s', (_name, value) => {
    const result = readClaimRecord(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(/./);
  });
});

// Sightings of one claim: a status, maybe a page date around the sighting, at a time that may go back.
const sightingArb = fc.record({
  status: fc.constantFrom('a', 'b', 'c'),
  step: fc.integer({ min: -2 * HOUR_MS, max: 48 * HOUR_MS }),
  pageOffset: fc.option(fc.integer({ min: -10 * 24 * HOUR_MS, max: 2 * 24 * HOUR_MS }), { nil: undefined }),
});

describe('mergeSighting, for any sequence of sightings', () => {
  it('keeps entry times non-decreasing, each at or before the sighting that added it', () => {
    fc.assert(
      fc.property(fc.array(sightingArb, { maxLength: 60 }), (steps) => {
        let now = t('2026-01-01T00:00:00Z');
        let record: ClaimRecord | undefined;
        let maxNow = Number.NEGATIVE_INFINITY;
        for (const { status, step, pageOffset } of steps) {
          now += step;
          const before = record;
          const pageBound = pageOffset === undefined ? undefined : now + pageOffset;
          record = mergeSighting(record, { claimId: 'C-1', status, pageBound }, now);
          maxNow = Math.max(maxNow, now);

          const ats = record.history.map((e) => e.at);
          expect(ats).toEqual([...ats].sort((x, y) => x - y));
          if (record.history.at(-1) !== before?.history.at(-1))
            expect(record.history.at(-1)!.at).toBeLessThanOrEqual(now);
          if (before && now < before.lastSeen) expect(record).toBe(before);
          expect(record.lastSeen).toBe(maxNow);
          expect(record.history.length).toBeLessThanOrEqual(HISTORY_LIMIT);
          expect(readClaimRecord(record)).toEqual({ ok: true, record });
        }
      }),
    );
  });

  it('never puts an entry before the moment the claim really entered the status (an upper bound)', () => {
    // A real history (status changes at known moments) watched at increasing times; the page's
    // date, when shown, is never before the real change (it is, e.g., the end of that day).
    const world = fc.record({
      changes: fc.array(
        fc.record({ status: fc.constantFrom('a', 'b', 'c'), gap: fc.integer({ min: 1, max: 72 * HOUR_MS }) }),
        { minLength: 1, maxLength: 15 },
      ),
      watches: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 48 * HOUR_MS }),
          pageSlack: fc.option(fc.integer({ min: 0, max: 5 * 24 * HOUR_MS }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    });
    fc.assert(
      fc.property(world, ({ changes, watches }) => {
        const real: { status: string; at: number }[] = [];
        let time = t('2026-01-01T00:00:00Z');
        for (const { status, gap } of changes) {
          time += gap;
          real.push({ status, at: time });
        }
        let now = real[0]!.at;
        let record: ClaimRecord | undefined;
        for (const { gap, pageSlack } of watches) {
          now += gap;
          const current = real.filter((change) => change.at <= now).at(-1)!;
          const before = record;
          const pageBound = pageSlack === undefined ? undefined : current.at + pageSlack;
          record = mergeSighting(record, { claimId: 'C-1', status: current.status, pageBound }, now);
          const added = record.history.at(-1)!;
          if (added !== before?.history.at(-1)) expect(added.at).toBeGreaterThanOrEqual(current.at);
        }
      }),
    );
  });
});

describe('mergeHistory (a visit of the claim’s own page)', () => {
  const submitted = { status: 'submitted', at: t('2026-11-16T16:41:00-08:00') };
  const review = { status: 'under-review', at: t('2026-11-18T09:02:00-08:00') };
  const action = { status: 'partner-action-required', at: t('2026-11-23T14:14:00-08:00') };
  const now = t('2026-11-27T10:00:00-08:00');
  const sighting = { claimId: 'C-1', status: 'partner-action-required' };

  it('replaces the estimates with the exact entries of the History panel', () => {
    const estimated = recordOf(
      [
        {
          status: 'partner-action-required',
          at: t('2026-11-24T00:00:00-08:00'),
          estimated: true,
          estimateBasis: 'page-date',
        },
      ],
      t('2026-11-25T10:00:00-08:00'),
      t('2026-11-25T10:00:00-08:00'),
    );
    expect(mergeHistory(estimated, [action, submitted, review], sighting, now)).toEqual({
      claimId: 'C-1',
      firstSeen: t('2026-11-25T10:00:00-08:00'),
      lastSeen: now,
      history: [submitted, review, action],
    });
  });

  it('adds the current status as an estimate when the panel does not show it yet', () => {
    const record = mergeHistory(undefined, [submitted, review], sighting, now);
    expect(record.history).toEqual([
      submitted,
      review,
      { status: 'partner-action-required', at: now, estimated: true, estimateBasis: 'first-seen' },
    ]);
    // The record's own estimate of the current status is kept when it is after the panel's last entry.
    const seen = recordOf(
      [
        {
          status: 'partner-action-required',
          at: t('2026-11-24T00:00:00-08:00'),
          estimated: true,
          estimateBasis: 'page-date',
        },
      ],
      t('2026-11-25T10:00:00-08:00'),
      t('2026-11-25T10:00:00-08:00'),
    );
    expect(mergeHistory(seen, [submitted, review], sighting, now).history.at(-1)).toEqual(seen.history[0]);
  });

  it('keeps the record valid whatever the page says: one entry per stay, none after now', () => {
    const record = mergeHistory(
      undefined,
      [
        submitted,
        { ...submitted, at: submitted.at + 1 },
        { status: 'partner-action-required', at: now + 86_400_000 },
      ],
      sighting,
      now,
    );
    expect(record.history).toEqual([submitted, { status: 'partner-action-required', at: now }]);
    expect(readClaimRecord(record).ok).toBe(true);
  });

  it('is mergeSighting when the panel has no status entries', () => {
    expect(mergeHistory(undefined, [], sighting, now)).toEqual(mergeSighting(undefined, sighting, now));
  });

  it('keeps the exact entries when the claims list is seen later with the same status', () => {
    const exact = mergeHistory(undefined, [submitted, review, action], sighting, now);
    expect(mergeSighting(exact, { ...sighting, pageBound: now }, now + HOUR_MS).history).toEqual(
      exact.history,
    );
  });

  it('keeps the History’s events (sorted, once each, none after now) for the engine, also across list sightings', () => {
    const filed = { event: 'dispute-filed', at: t('2026-11-25T09:00:00-08:00') };
    const rejectedSighting = { claimId: 'C-1', status: 'rejected' };
    const rejected = { status: 'rejected', at: t('2026-11-24T09:00:00-08:00') };
    const record = mergeHistory(undefined, [submitted, rejected], rejectedSighting, now, [
      filed,
      filed,
      { event: 'dispute-answered', at: now + 1 },
    ]);
    expect(record.events).toEqual([filed]);
    expect(timelineOf(record)).toEqual({ history: record.history, events: [filed] });
    expect(readClaimRecord(record)).toEqual({ ok: true, record });
    expect(mergeSighting(record, rejectedSighting, now + HOUR_MS).events).toEqual([filed]);
    expect(readClaimRecord({ ...record, events: [{ event: '', at: 1 }] }).ok).toBe(false);
  });
});
