/**
 * What the dashboard overlay shows for a claim: its pending deadlines as a badge (the most urgent
 * one's countdown, a level for its colour) and one line per deadline for the tooltip and screen
 * readers, and what the toolbar icon shows for a whole page. Pure: the content script renders it
 * (src/features/deadline-badges.ts), tests read it directly. Every text comes from messages.json.
 */
import { countdownText } from '../deadlines/countdown';
import type { ClockResult, UrgencyLevel } from '../deadlines/types';
import { formatMessage, localize } from '../i18n/format';
import type { RulePack } from '../rules/types';

/**
 * How pressing a claim's deadlines are, least to most: 'paused' (waiting for someone else, the
 * clock does not run), 'running' (no urgency threshold reached), the rule's urgency levels, and
 * 'overdue'.
 */
export type BadgeLevel = 'paused' | 'running' | UrgencyLevel | 'overdue';

const LEVEL_ORDER: readonly BadgeLevel[] = ['paused', 'running', 'notice', 'warning', 'critical', 'overdue'];

/** The levels from which a deadline needs the partner's attention (the toolbar counts them). */
const ATTENTION: ReadonlySet<BadgeLevel> = new Set<BadgeLevel>(['warning', 'critical', 'overdue']);

/**
 * The colours of each level (Fluent UI's status colours), the one table of them: a badge's text,
 * background and border on the page; `accent`, the level's strong colour, for the toolbar icon's
 * count and the claim panel's edge. 'unknown': a status the pack does not know.
 */
export const BADGE_COLOURS: Record<
  BadgeLevel | 'unknown',
  { fg: string; bg: string; border: string; accent: string }
> = {
  overdue: { fg: '#ffffff', bg: '#c50f1f', border: '#c50f1f', accent: '#c50f1f' },
  critical: { fg: '#ffffff', bg: '#c50f1f', border: '#c50f1f', accent: '#c50f1f' },
  warning: { fg: '#4a1e04', bg: '#fdcfb4', border: '#bc4b09', accent: '#bc4b09' },
  notice: { fg: '#0e4775', bg: '#ebf3fc', border: '#0f6cbd', accent: '#0f6cbd' },
  running: { fg: '#0e4775', bg: '#ebf3fc', border: '#b4d6fa', accent: '#0f6cbd' },
  paused: { fg: '#424242', bg: '#f5f5f5', border: '#d1d1d1', accent: '#616161' },
  unknown: { fg: '#424242', bg: '#f5f5f5', border: '#d1d1d1', accent: '#616161' },
};

export function levelRank(level: BadgeLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

/** One pending deadline of a claim, in words. */
export interface DeadlineLine {
  clockId: string;
  /** The clock's name, e.g. "Respond to the reviewer". */
  label: string;
  /** Time left, e.g. "3 business days left" / "at most 3 business days left". */
  relative: string;
  /** The same in a few characters for the badge itself, e.g. "2d 10h", "≤ 3d 4h", "overdue 1d 2h", "paused". */
  short: string;
  /** The due moment and the partner's working days, e.g. "due Tue 1 Dec, 10:00 (Redmond); 3 working days left for you (NL)". */
  detail: string;
  level: BadgeLevel;
  /** Who must act before it expires. */
  actor: ClockResult['actor'];
  estimated: boolean;
  /** When this run of the clock started (epoch ms): with clockId, names the run. */
  start: number;
  due: number | null;
}

export interface ClaimBadge {
  claimId: string;
  /** The most pressing level among the claim's pending deadlines. */
  level: BadgeLevel;
  /** The most pressing deadline's time left, e.g. "2 business days and 10 hours left". */
  text: string;
  /** The badge's own text: the same in a few characters (the status column is narrow). */
  short: string;
  /** Every pending deadline, most pressing first. */
  lines: DeadlineLine[];
  /** The whole content in one sentence per deadline, for the accessible name and the tooltip. */
  description: string;
}

/** The time left (or overdue) of a clock in a few characters; its unit is in the full text. */
export function shortText(pack: RulePack, clock: ClockResult, locale: string): string {
  const remaining = clock.remaining;
  if (clock.state === 'paused' || !remaining) return formatMessage(pack, 'ui.overlay.short.paused', locale);
  const { days, hours } = remaining;
  const time =
    days > 0
      ? formatMessage(pack, 'ui.overlay.short.daysHours', locale, { days, hours })
      : hours > 0
        ? formatMessage(pack, 'ui.overlay.short.hours', locale, { hours })
        : formatMessage(pack, 'ui.overlay.short.lessThanAnHour', locale);
  if (clock.state === 'expired') return formatMessage(pack, 'ui.overlay.short.overdue', locale, { time });
  return clock.estimated ? formatMessage(pack, 'ui.overlay.short.atMost', locale, { time }) : time;
}

/** A clock's badge level: the one its line shows (the popup's order ranks by it too). */
export function levelOf(clock: ClockResult): BadgeLevel {
  if (clock.state === 'expired') return 'overdue';
  if (clock.state === 'paused') return 'paused';
  return clock.urgency ?? 'running';
}

/** Clocks the partner still has to watch: running, overdue or paused, with a deadline. */
export function pendingClocks(clocks: readonly ClockResult[]): ClockResult[] {
  return clocks.filter(
    (c) => !c.endless && (c.state === 'running' || c.state === 'expired' || c.state === 'paused'),
  );
}

/** The badge of one claim, or null when none of its clocks is pending. */
export function claimBadge(
  claimId: string,
  clocks: readonly ClockResult[],
  pack: RulePack,
  locale: string,
): ClaimBadge | null {
  const pending = pendingClocks(clocks);
  if (pending.length === 0) return null;
  const lines: DeadlineLine[] = pending.map((clock) => {
    const text = countdownText(pack, clock, locale);
    return {
      clockId: clock.id,
      label: localize(clock.label as Record<string, string>, locale, pack.pack.defaultLocale),
      relative: text.relative,
      short: shortText(pack, clock, locale),
      detail: text.line === text.relative ? '' : text.line,
      level: levelOf(clock),
      actor: clock.actor,
      estimated: clock.estimated,
      start: clock.start,
      due: clock.due,
    };
  });
  // Most pressing first; among equals, the earliest due (a paused clock has none: last).
  lines.sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      (a.due ?? Number.POSITIVE_INFINITY) - (b.due ?? Number.POSITIVE_INFINITY),
  );
  const description = lines
    .map((line) =>
      formatMessage(pack, line.detail ? 'ui.overlay.lineWithDetail' : 'ui.overlay.line', locale, {
        label: line.label,
        relative: line.relative,
        detail: line.detail,
      }),
    )
    .join(' ');
  const first = lines[0]!;
  return { claimId, level: first.level, text: first.relative, short: first.short, lines, description };
}

/** What the toolbar icon shows for the claims of a page. */
export interface PageSummary {
  /** Claims with at least one pending deadline. */
  pending: number;
  /**
   * Claims with a deadline of the partner's at 'warning', 'critical' or 'overdue': what needs
   * their attention. An overdue deadline of Microsoft's or the customer's does not: the partner
   * can do nothing about it.
   */
  attention: number;
  /**
   * The most pressing level on the page for the partner: their own deadlines' levels, and at
   * most 'running' for the others' (they colour nothing red); null when nothing is pending.
   */
  level: BadgeLevel | null;
}

/** A deadline line's level as far as the partner is concerned (see PageSummary.level). */
export function levelForPartner(line: Pick<DeadlineLine, 'actor' | 'level'>): BadgeLevel {
  return line.actor === 'partner' || levelRank(line.level) <= levelRank('running') ? line.level : 'running';
}

export function summarizeBadges(badges: readonly (ClaimBadge | null)[]): PageSummary {
  let pending = 0;
  let attention = 0;
  let level: BadgeLevel | null = null;
  for (const badge of badges) {
    if (!badge) continue;
    pending++;
    if (badge.lines.some((line) => line.actor === 'partner' && ATTENTION.has(line.level))) attention++;
    for (const line of badge.lines) {
      const own = levelForPartner(line);
      if (level === null || levelRank(own) > levelRank(level)) level = own;
    }
  }
  return { pending, attention, level };
}
