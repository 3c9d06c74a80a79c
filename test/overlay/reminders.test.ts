// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import { STALE_AFTER_MS } from '../../src/overlay/pending';
import { remindersDue } from '../../src/overlay/reminders';
import type { ClaimRecord } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const engine = createDeadlineEngine(pack, table);
const t = (iso: string) => Date.parse(iso);

/** A claim seen in partner action required since Mon 23 Nov 10:00 Redmond (due Wed 2 Dec 10:00). */
const respond: ClaimRecord = {
  claimId: '30448305',
  firstSeen: t('2026-11-23T10:00-08:00'),
  lastSeen: t('2026-11-27T10:00-08:00'),
  history: [{ status: 'partner-action-required', at: t('2026-11-23T10:00-08:00') }],
};
/** A claim under review: Microsoft's deadline, never a reminder for the partner. */
const review: ClaimRecord = {
  claimId: '30451877',
  firstSeen: t('2026-11-18T10:00-08:00'),
  lastSeen: t('2026-11-27T10:00-08:00'),
  history: [{ status: 'under-review', at: t('2026-11-18T10:00-08:00') }],
};

const due = (now: string, sent: string[] = [], records = [respond, review], locale = 'en') =>
  remindersDue(records, engine, pack, locale, t(now), new Set(sent));

describe('reminders', () => {
  it('stay quiet while the partner’s deadline is far off, and for Microsoft’s deadlines', () => {
    // Fri 27 Nov: 2 business days and some hours left: 'notice', not yet a reminder.
    expect(due('2026-11-27T10:00-08:00')).toEqual([]);
  });

  it('remind once at warning, once at critical and once when overdue', () => {
    const warning = due('2026-11-30T10:00-08:00');
    expect(warning.map((r) => [r.claimId, r.clockId, r.level])).toEqual([
      ['30448305', 'respond-to-reviewer', 'warning'],
    ]);
    expect(warning[0]!.title).toBe('Respond to the reviewer: claim 30448305, due soon');
    expect(warning[0]!.message).toMatch(/^2 business days left\. due Wed 2 Dec, 10:00 \(Redmond\)/);
    // Already sent: not again at the same level.
    expect(due('2026-11-30T12:00-08:00', [warning[0]!.key])).toEqual([]);
    const critical = due('2026-12-01T11:00-08:00', [warning[0]!.key]);
    expect(critical.map((r) => r.level)).toEqual(['critical']);
    const overdue = due('2026-12-02T11:00-08:00', [warning[0]!.key, critical[0]!.key]);
    expect(overdue.map((r) => r.level)).toEqual(['overdue']);
    expect(overdue[0]!.title).toBe('Respond to the reviewer: claim 30448305, overdue');
  });

  it('speak Dutch when the browser does', () => {
    const [reminder] = due('2026-11-30T10:00-08:00', [], [respond], 'nl');
    expect(reminder!.title).toBe('Reageren op de beoordelaar: claim 30448305, termijn loopt bijna af');
    expect(reminder!.message).toMatch(/^nog 2 werkdagen\. uiterlijk wo 2 dec, 10:00 \(Redmond\)/);
  });

  it('skip claims not seen on the dashboard for a month: their status may have changed', () => {
    const stale = { ...respond, lastSeen: t('2026-12-02T11:00-08:00') - STALE_AFTER_MS - 1 };
    expect(due('2026-12-02T11:00-08:00', [], [stale])).toEqual([]);
  });
});
