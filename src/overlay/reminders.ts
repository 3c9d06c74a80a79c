/**
 * Reminders: which of the partner's deadlines deserve a notification now. Pure: the background
 * (src/background/reminders.ts) runs it on an alarm over the claims in the store and shows the
 * result with the notifications API; tests call it directly.
 *
 * A reminder goes out once per claim, clock run and level: when a deadline the partner must meet
 * reaches 'warning', again at 'critical', and once when it is overdue. Deadlines of Microsoft or
 * the customer are shown on the badges but never notified: the partner cannot act on them.
 */
import type { DeadlineEngine } from '../deadlines/engine';
import { formatMessage } from '../i18n/format';
import type { RulePack } from '../rules/types';
import type { ClaimRecord } from '../store';
import type { BadgeLevel } from './badges';
import { pendingDeadlines } from './pending';

/** The levels that notify, least to most pressing. */
const NOTIFY: readonly BadgeLevel[] = ['warning', 'critical', 'overdue'];

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
  for (const { claimId, badge } of pendingDeadlines(records, engine, pack, locale, now).claims) {
    for (const line of badge.lines) {
      if (line.actor !== 'partner' || !NOTIFY.includes(line.level)) continue;
      const key = `${claimId}|${line.clockId}|${line.start}|${line.level}`;
      if (sent.has(key)) continue;
      due.push({
        key,
        claimId,
        clockId: line.clockId,
        level: line.level,
        title: formatMessage(pack, `ui.reminder.title.${line.level}`, locale, { label: line.label, claimId }),
        message: formatMessage(pack, line.detail ? 'ui.reminder.body' : 'ui.reminder.bodyShort', locale, {
          relative: line.relative,
          detail: line.detail,
        }),
      });
    }
  }
  return due;
}
