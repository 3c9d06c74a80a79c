// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import type { ClaimTimeline } from '../../src/deadlines/types';
import { claimBadge, summarizeBadges } from '../../src/overlay/badges';
import { pack, table } from '../deadlines/fixtures';

const engine = createDeadlineEngine(pack, table);
const badgeAt = (timeline: ClaimTimeline, now: string, locale = 'en') =>
  claimBadge('30448305', engine.clocks(timeline, now), pack, locale);

describe('the badge of a claim', () => {
  it('shows the partner’s response deadline first, with both calendars in its line', () => {
    const badge = badgeAt(
      {
        history: [
          { status: 'submitted', at: '2026-11-16T10:00-08:00' },
          { status: 'under-review', at: '2026-11-18T10:00-08:00' },
          { status: 'partner-action-required', at: '2026-11-23T10:00-08:00' },
        ],
      },
      '2026-11-27T09:00-08:00',
    )!;
    // Respond-to-reviewer: 5 business days from Mon 23 Nov 10:00 skipping Thanksgiving and the day
    // after, due Wed 2 Dec; on Friday 27 (closed) 2 days 10 hours are left: the 'notice' level.
    expect(badge.lines[0]).toMatchObject({
      clockId: 'respond-to-reviewer',
      actor: 'partner',
      level: 'notice',
    });
    expect(badge.text).toBe('2 business days and 10 hours left');
    expect(badge.short).toBe('2d 10h');
    expect(badge.lines[0]!.detail).toContain('(Redmond)');
    expect(badge.lines[0]!.detail).toContain('(NL)');
    // The decision clock is paused while the partner must act, and comes last.
    expect(badge.lines.at(-1)).toMatchObject({ clockId: 'decision', level: 'paused' });
    expect(badge.level).toBe('notice');
    expect(badge.description).toContain(`${badge.lines[0]!.label}: ${badge.lines[0]!.relative}`);
  });

  it('reads in Dutch on a Dutch page', () => {
    const badge = badgeAt(
      { history: [{ status: 'submitted', at: '2026-11-20T10:00-08:00' }] },
      '2026-11-25T12:00-08:00',
      'nl',
    )!;
    expect(badge.text).toBe('nog 1 werkdag en 22 uur');
    expect(badge.short).toBe('1d 22u');
    expect(badge.lines[0]!.detail).toBe(
      'uiterlijk di 1 dec, 10:00 (Redmond); nog 3 werkdagen en 22 uur voor u (NL)',
    );
  });

  it('keeps each language its own texts when a page asks in English and Dutch in turn (one formatter cache)', () => {
    const timeline: ClaimTimeline = { history: [{ status: 'submitted', at: '2026-11-20T10:00-08:00' }] };
    const texts = ['en', 'nl', 'en', 'nl'].map((locale) => {
      const badge = badgeAt(timeline, '2026-11-25T12:00-08:00', locale)!;
      return [badge.text, badge.short, badge.lines[0]!.detail];
    });
    expect(texts[0]).toEqual(texts[2]);
    expect(texts[1]).toEqual([
      'nog 1 werkdag en 22 uur',
      '1d 22u',
      'uiterlijk di 1 dec, 10:00 (Redmond); nog 3 werkdagen en 22 uur voor u (NL)',
    ]);
    expect(texts[3]).toEqual(texts[1]);
    expect(texts[0]![0]).toBe('1 business day and 22 hours left');
  });

  it('says "at most" when the start is an estimate from the page', () => {
    const badge = badgeAt(
      {
        history: [
          { status: 'submitted', at: '2026-11-21T00:00-08:00', estimated: true, estimateBasis: 'page-date' },
        ],
      },
      '2026-11-25T12:00-08:00',
    )!;
    expect(badge.text).toMatch(/^at most /);
    expect(badge.short).toMatch(/^≤ \d+d \d+h$/);
    expect(badge.lines.every((line) => line.estimated)).toBe(true);
  });

  it('marks an overdue deadline as overdue', () => {
    const badge = badgeAt(
      { history: [{ status: 'partner-action-required', at: '2026-11-02T10:00-08:00' }] },
      '2026-11-27T10:00-08:00',
    )!;
    expect(badge.level).toBe('overdue');
    expect(badge.text).toMatch(/overdue$/);
    expect(badge.short).toMatch(/^overdue \d+d \d+h$/);
  });

  it('has no badge when no deadline is pending', () => {
    // Approved after 2023: the customer opt-out has no deadline (endless), nothing to count down.
    expect(
      badgeAt({ history: [{ status: 'approved', at: '2026-11-02T10:00-08:00' }] }, '2026-11-27T10:00-08:00'),
    ).toBeNull();
    expect(
      badgeAt({ history: [{ status: 'editing', at: '2026-11-02T10:00-08:00' }] }, '2026-11-27T10:00-08:00'),
    ).toBeNull();
  });
});

describe('the toolbar summary of a page', () => {
  it('counts claims with a pending deadline and those that need attention, and keeps the worst level', () => {
    const at = '2026-11-27T10:00-08:00';
    const badges = [
      badgeAt({ history: [{ status: 'partner-action-required', at: '2026-11-02T10:00-08:00' }] }, at),
      badgeAt({ history: [{ status: 'submitted', at: '2026-11-26T10:00-08:00' }] }, at),
      badgeAt({ history: [{ status: 'approved', at: '2026-11-02T10:00-08:00' }] }, at),
    ];
    expect(summarizeBadges(badges)).toEqual({ pending: 2, attention: 1, level: 'overdue' });
    expect(summarizeBadges([])).toEqual({ pending: 0, attention: 0, level: null });
  });

  it('does not count an overdue deadline of Microsoft’s as needing the partner’s attention', () => {
    // Submitted on Mon 2 Nov: the review should have started within 5 business days (Microsoft's
    // clock), so on 27 Nov it is overdue, and the badge says so, but the partner has nothing to do.
    const overdueReview = badgeAt(
      { history: [{ status: 'submitted', at: '2026-11-02T10:00-08:00' }] },
      '2026-11-27T10:00-08:00',
    )!;
    expect(overdueReview.lines[0]).toMatchObject({ actor: 'microsoft', level: 'overdue' });
    expect(summarizeBadges([overdueReview])).toEqual({ pending: 1, attention: 0, level: 'running' });
  });
});
