/**
 * The pending deadlines as calendar entries: one per due moment of a claim's clock, with the
 * moment of its alarm and the rule's source. Drawn from what src/overlay/pending.ts gives (the
 * claims kept on this computer, the stale ones left out), completed from the engine's clocks (the
 * rule version in force, which names the urgency thresholds and the source). Pure: the background
 * runs it over the claim store's records; ics.ts and csv.ts write the files.
 *
 * A paused clock has no due moment (it moves while paused): it is counted, not written.
 */
import { DAY_MS } from '../deadlines/civil';
import type { DeadlineEngine } from '../deadlines/engine';
import type { ClockResult, UrgencyLevel } from '../deadlines/types';
import type { BadgeLevel } from '../overlay/badges';
import { pendingDeadlines } from '../overlay/pending';
import type { Clock, RulePack } from '../rules/types';
import { type ClaimRecord, timelineOf } from '../store';

export interface CalendarAlarm {
  /** Epoch ms: when the clock reaches the threshold (no later pause assumed, as for `due`). */
  at: number;
  /** The urgency level whose threshold it is ('warning' when the rule has one). */
  level: UrgencyLevel;
  /** The threshold: days left in the clock's unit. */
  remaining: number;
}

export interface CalendarDeadline {
  claimId: string;
  clockId: string;
  /** The clock's name in the partner's language. */
  label: string;
  /** The claim's latest known status in the partner's language. */
  status: string;
  actor: ClockResult['actor'];
  level: BadgeLevel;
  /** Epoch ms. */
  due: number;
  /** True when the start is an estimate: `due` is then the latest it can be. */
  estimated: boolean;
  alarm: CalendarAlarm | null;
  /** The document the rule comes from (pack.json `sources`) and the sentence it encodes. */
  source: { doc: string; title: string; url?: string; quote: string } | null;
}

export interface CalendarDeadlines {
  /** Most pressing first, as the popup lists them. */
  deadlines: CalendarDeadline[];
  /** Pending deadlines without a due moment (paused clocks), not written. */
  paused: number;
  /** As PendingDeadlines: claims left out because not seen for a long time, or whose deadlines failed. */
  stale: number;
  failed: number;
}

/**
 * The threshold of a clock rule's alarm: its 'warning' level; for a rule without one, its first
 * (least urgent) urgency level, e.g. Microsoft's clocks' 'notice' at 0 days left, the due moment
 * itself. Null when the rule has no urgency levels.
 */
export function alarmThreshold(rule: Clock): { level: UrgencyLevel; remaining: number } | null {
  const urgency = rule.urgency ?? [];
  const chosen = urgency.find((u) => u.level === 'warning') ?? urgency[0];
  return chosen ? { level: chosen.level, remaining: chosen.remaining } : null;
}

/**
 * The first moment at which the clock has `remaining` days left of its unit before `due`: for
 * business days, counted on the clock's business calendar as the engine counts (business time
 * between the two moments); null when that falls outside the holiday table.
 */
function alarmMoment(
  engine: DeadlineEngine,
  clock: ClockResult,
  due: number,
  remaining: number,
): number | null {
  const span = remaining * DAY_MS;
  if (clock.unit !== 'business-days') return due - span;
  try {
    const calendar = engine.table.calendar(clock.calendar);
    return calendar.instantAtBusinessMs(calendar.businessMsAt(due) - span);
  } catch {
    return null;
  }
}

export function calendarDeadlines(
  records: readonly ClaimRecord[],
  engine: DeadlineEngine,
  pack: RulePack,
  locale: string,
  now: number,
): CalendarDeadlines {
  const pending = pendingDeadlines(records, engine, pack, locale, now);
  const byId = new Map(records.map((record) => [record.claimId, record]));
  const deadlines: CalendarDeadline[] = [];
  let paused = 0;
  for (const claim of pending.claims) {
    const clocks = engine.clocks(timelineOf(byId.get(claim.claimId)!), now);
    for (const line of claim.badge.lines) {
      if (line.due === null) {
        paused++;
        continue;
      }
      // The run of the clock this line shows: its id and start name it.
      const clock = clocks.find((c) => c.id === line.clockId && c.start === line.start);
      const threshold = clock ? alarmThreshold(clock.rule) : null;
      const at = clock && threshold ? alarmMoment(engine, clock, line.due, threshold.remaining) : null;
      const doc = clock?.rule.source.doc;
      const document = doc === undefined ? undefined : pack.pack.sources[doc];
      deadlines.push({
        claimId: claim.claimId,
        clockId: line.clockId,
        label: line.label,
        status: claim.status,
        actor: line.actor,
        level: line.level,
        due: line.due,
        estimated: line.estimated,
        alarm: threshold && at !== null ? { at, ...threshold } : null,
        source:
          clock && document
            ? {
                doc: doc!,
                title: document.title,
                quote: clock.rule.source.quote,
                ...(document.document ? { url: document.document } : {}),
              }
            : null,
      });
    }
  }
  return { deadlines, paused, stale: pending.stale, failed: pending.failed };
}
