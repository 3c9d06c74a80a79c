/**
 * Reminders: which of the partner's deadlines deserve a notification now. Pure: the background
 * (entrypoints/background.ts) runs it on an alarm over the claims in the store and shows the
 * result with the notifications API; tests call it directly.
 *
 * A reminder goes out once per claim, clock run and level: when a deadline the partner must meet
 * reaches 'warning', again at 'critical', and once when it is overdue. Deadlines of Microsoft or
 * the customer are shown on the badges but never notified: the partner cannot act on them.
 */
import type { DeadlineEngine } from '../deadlines/engine';
import { formatMessage, localize } from '../i18n/format';
import type { RulePack } from '../rules/types';
import { type ClaimRecord, timelineOf } from '../store';
import { type BadgeLevel, claimBadge } from './badges';

/** The levels that notify, least to most pressing. */
const NOTIFY: readonly BadgeLevel[] = ['warning', 'critical', 'overdue'];

/**
 * Claims not seen on the dashboard for this long get no reminders: their status may well have
 * changed since (a reminder from stale data is worse than none).
 */
export const REMINDER_STALE_AFTER_MS = 30 * 86_400_000;

export interface Reminder {
  /** Unique per claim, clock run and level: a reminder with a key already sent is not sent again. */
  key: string;
  claimId: string;
  clockId: string;
  level: BadgeLevel;
  title: string;
  message: string;
}

export function remindersDue(
  records: readonly ClaimRecord[],
  engine: DeadlineEngine,
  pack: RulePack,
  locale: string,
  now: number,
  sent: ReadonlySet<string>,
): Reminder[] {
  const due: Reminder[] = [];
  for (const record of records) {
    if (now - record.lastSeen > REMINDER_STALE_AFTER_MS) continue;
    let clocks: ReturnType<DeadlineEngine['clocks']>;
    try {
      clocks = engine.clocks(timelineOf(record), now);
    } catch {
      continue; // e.g. a claim older than the holiday table: no reminder rather than a wrong one
    }
    const badge = claimBadge(record.claimId, clocks, pack, locale);
    if (!badge) continue;
    for (const line of badge.lines) {
      if (line.actor !== 'partner' || !NOTIFY.includes(line.level)) continue;
      const clock = clocks.find((c) => c.id === line.clockId && c.due === line.due)!;
      const key = `${record.claimId}|${line.clockId}|${clock.start}|${line.level}`;
      if (sent.has(key)) continue;
      due.push({
        key,
        claimId: record.claimId,
        clockId: line.clockId,
        level: line.level,
        title: formatMessage(pack, `ui.reminder.title.${line.level}`, locale, {
          label: localize(clock.label as Record<string, string>, locale, pack.pack.defaultLocale),
          claimId: record.claimId,
        }),
        message: formatMessage(pack, line.detail ? 'ui.reminder.body' : 'ui.reminder.bodyShort', locale, {
          relative: line.relative,
          detail: line.detail,
        }),
      });
    }
  }
  return due;
}
