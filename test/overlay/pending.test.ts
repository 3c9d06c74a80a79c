// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import {
  type ActorFilter,
  deadlineOrder,
  deadlinesPage,
  groupByActor,
  pendingDeadlines,
  STALE_AFTER_MS,
} from '../../src/overlay/pending';
import type { ClaimRecord } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const engine = createDeadlineEngine(pack, table);
const t = (iso: string) => Date.parse(iso);
const now = t('2026-11-30T10:00-08:00');

const record = (claimId: string, status: string, at: string, lastSeen = now): ClaimRecord => ({
  claimId,
  firstSeen: t(at),
  lastSeen,
  history: [{ status, at: t(at) }],
});

/** Partner action required since Mon 23 Nov 10:00 Redmond: 2 business days left on Mon 30 Nov ('warning'). */
const respond = record('30448305', 'partner-action-required', '2026-11-23T10:00-08:00');
/** Under review since Wed 25 Nov: Microsoft's review clock, 'running'. */
const review = record('30451877', 'under-review', '2026-11-25T10:00-08:00');
/** Under review since Tue 24 Nov: due a day before `review`, same level. */
const earlierReview = record('30451000', 'under-review', '2026-11-24T10:00-08:00');
/** Approved in 2026: the opt-out clock is endless since 2023, nothing pending. */
const approved = record('30440061', 'approved', '2026-11-20T10:00-08:00');

describe('pending deadlines over the claims kept on this computer', () => {
  it('lists the claims with a pending deadline, most pressing first, then the earliest due', () => {
    const { claims, stale, failed } = pendingDeadlines(
      [review, approved, respond, earlierReview],
      engine,
      pack,
      'en',
      now,
    );
    expect(claims.map((c) => [c.claimId, c.badge.level])).toEqual([
      ['30448305', 'warning'],
      ['30451000', 'running'],
      ['30451877', 'running'],
    ]);
    expect(claims[0]!.status).toBe('Partner action required');
    expect(claims[0]!.badge.lines[0]!).toMatchObject({
      clockId: 'respond-to-reviewer',
      label: 'Respond to the reviewer',
      relative: '2 business days left',
      actor: 'partner',
      start: respond.history[0]!.at,
    });
    expect([stale, failed]).toEqual([0, 0]);
  });

  it('speaks the partner’s language', () => {
    const { claims } = pendingDeadlines([respond], engine, pack, 'nl', now);
    expect(claims[0]!.status).toBe('Partner actie vereist');
    expect(claims[0]!.badge.lines[0]!.relative).toBe('nog 2 werkdagen');
  });

  it('leaves out claims not seen for 30 days and says how many', () => {
    const old = { ...respond, lastSeen: now - STALE_AFTER_MS - 1 };
    expect(pendingDeadlines([old, review], engine, pack, 'en', now)).toMatchObject({
      claims: [{ claimId: '30451877' }],
      stale: 1,
      failed: 0,
    });
  });

  it('counts the claims whose deadlines cannot be computed instead of failing them all', () => {
    // Before the holiday table's first year: the engine refuses rather than guess.
    const ancient = record('10000001', 'partner-action-required', '2010-01-04T10:00-08:00');
    expect(pendingDeadlines([ancient, respond], engine, pack, 'en', now)).toMatchObject({
      claims: [{ claimId: '30448305' }],
      stale: 0,
      failed: 1,
    });
  });
});

describe('the popup’s list in pages (issue 14)', () => {
  const ACTORS: ActorFilter[] = ['all', 'partner', 'microsoft', 'customer'];
  const STATUSES = ['submitted', 'under-review', 'partner-action-required', 'approved', 'rejected'];
  const DAY = 86_400_000;
  /** Any claims: one to three statuses in the last 40 days, some seen long ago, some before the holiday table. */
  const claims = fc.uniqueArray(
    fc.record({
      claimId: fc.integer({ min: 30_000_000, max: 30_000_999 }).map(String),
      statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 3 }),
      ageHours: fc.integer({ min: 1, max: 40 * 24 }),
      seenDaysAgo: fc.constantFrom(0, 0, 0, 31),
      ancient: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { selector: (c) => c.claimId, maxLength: 40 },
  );
  const recordsOf = (
    list: { claimId: string; statuses: string[]; ageHours: number; seenDaysAgo: number; ancient: boolean }[],
  ) =>
    list.map((c): ClaimRecord => {
      const start = c.ancient ? t('2010-01-04T10:00-08:00') : now - c.ageHours * 3_600_000;
      const step = Math.floor((now - start) / (c.statuses.length + 1));
      return {
        claimId: c.claimId,
        firstSeen: start,
        lastSeen: now - c.seenDaysAgo * DAY,
        history: c.statuses.map((status, i) => ({
          status,
          at: Math.min(start + i * step, now - c.seenDaysAgo * DAY),
        })),
      };
    });

  it('gives, page after page, exactly the claims and lines groupByActor gives over the whole list', () => {
    fc.assert(
      fc.property(
        claims,
        fc.constantFrom(...ACTORS),
        fc.integer({ min: 1, max: 7 }),
        (list, actor, limit) => {
          const records = recordsOf(list);
          const all = pendingDeadlines(records, engine, pack, 'en', now);
          const groups = groupByActor(all.claims, actor);
          const order = deadlineOrder(records, engine, now, actor);
          const pages = [];
          for (let offset = 0; offset < order.entries.length; offset += limit)
            pages.push(deadlinesPage(order, pack, 'en', offset, limit));
          expect(pages.flatMap((p) => p.claims)).toEqual([...groups.yours, ...groups.others]);
          expect(order).toMatchObject({
            yours: groups.yours.length,
            pending: all.claims.length,
            stale: all.stale,
            failed: all.failed,
          });
          for (const page of pages) expect(page.claims.length).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('says how many there are, the partner’s first, and makes texts for the page only', () => {
    const order = deadlineOrder([review, approved, respond, earlierReview], engine, now);
    const first = deadlinesPage(order, pack, 'nl', 0, 2);
    expect(first).toMatchObject({ offset: 0, total: 3, yours: 1, pending: 3, stale: 0, failed: 0 });
    expect(first.claims.map((c) => c.claimId)).toEqual(['30448305', '30451000']);
    expect(first.claims[0]!.status).toBe(
      pendingDeadlines([respond], engine, pack, 'nl', now).claims[0]!.status,
    );
    const rest = deadlinesPage(order, pack, 'nl', 2, 2);
    expect(rest.claims.map((c) => c.claimId)).toEqual(['30451877']);
    expect(deadlinesPage(order, pack, 'nl', 3, 2).claims).toEqual([]);
    // Microsoft's deadlines only: the partner's claim keeps its Microsoft line and is no longer theirs.
    const microsoft = deadlineOrder([review, respond], engine, now, 'microsoft');
    expect(microsoft).toMatchObject({ yours: 0, pending: 2 });
    const lines = deadlinesPage(microsoft, pack, 'en', 0, 5).claims.flatMap((c) => c.badge.lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.actor === 'microsoft')).toBe(true);
  });
});
