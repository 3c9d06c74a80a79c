// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import { pendingDeadlines, STALE_AFTER_MS } from '../../src/overlay/pending';
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
