/**
 * The partner's pending deadlines over every claim kept on this computer (the claim store), most
 * pressing first: what the toolbar popup lists and what reminders are drawn from. Pure: the
 * background runs it over the store's records (src/background/overlay-service.ts).
 */
import type { DeadlineEngine } from '../deadlines/engine';
import type { ClockResult } from '../deadlines/types';
import { localize } from '../i18n/format';
import type { RulePack } from '../rules/types';
import { type ClaimRecord, timelineOf } from '../store';
import {
  type ClaimBadge,
  claimBadge,
  type DeadlineLine,
  levelForPartner,
  levelOf,
  levelRank,
  pendingClocks,
} from './badges';

/**
 * Claims not seen on the dashboard for this long are left out: their status may well have changed
 * since (a deadline from stale data is worse than none).
 */
export const STALE_AFTER_MS = 30 * 86_400_000;

export interface PendingClaim {
  claimId: string;
  /** The claim's latest known status, in the partner's language. */
  status: string;
  /** When the claim was last seen on the dashboard (epoch ms). */
  lastSeen: number;
  badge: ClaimBadge;
  /** The claim's own page in Partner Center, as the list linked it (ClaimRecord.url). */
  url?: string;
}

export interface PendingDeadlines {
  /** Claims with a pending deadline, most pressing first (then the earliest due). */
  claims: PendingClaim[];
  /** Claims left out because they were not seen for STALE_AFTER_MS. */
  stale: number;
  /** Claims whose deadlines could not be computed (e.g. older than the holiday table). */
  failed: number;
}

export function pendingDeadlines(
  records: readonly ClaimRecord[],
  engine: DeadlineEngine,
  pack: RulePack,
  locale: string,
  now: number,
): PendingDeadlines {
  const claims: PendingClaim[] = [];
  let stale = 0;
  let failed = 0;
  for (const record of records) {
    if (now - record.lastSeen > STALE_AFTER_MS) {
      stale++;
      continue;
    }
    let badge: ClaimBadge | null;
    try {
      badge = claimBadge(record.claimId, engine.clocks(timelineOf(record), now), pack, locale);
    } catch {
      failed++; // no deadline rather than a wrong one
      continue;
    }
    if (!badge) continue;
    claims.push(pendingClaim(record, badge, pack, locale));
  }
  claims.sort(
    (a, b) =>
      levelRank(b.badge.level) - levelRank(a.badge.level) ||
      (a.badge.lines[0]!.due ?? Number.POSITIVE_INFINITY) -
        (b.badge.lines[0]!.due ?? Number.POSITIVE_INFINITY) ||
      a.claimId.localeCompare(b.claimId),
  );
  return { claims, stale, failed };
}

function pendingClaim(record: ClaimRecord, badge: ClaimBadge, pack: RulePack, locale: string): PendingClaim {
  const statusId = record.history[record.history.length - 1]!.status;
  const status = pack.statuses.statuses.find((s) => s.id === statusId);
  return {
    claimId: record.claimId,
    status: status ? localize(status.label, locale, pack.pack.defaultLocale) : statusId,
    lastSeen: record.lastSeen,
    badge,
    ...(record.url === undefined ? {} : { url: record.url }),
  };
}

/** Whose deadlines to show: everyone's, or one actor's (statuses.json `actor`). */
export type ActorFilter = 'all' | DeadlineLine['actor'];

export interface DeadlineGroups {
  /** Claims with a deadline the partner must meet, most pressing for them first. */
  yours: PendingClaim[];
  /** Claims waiting only for Microsoft or the customer, the earliest due first. */
  others: PendingClaim[];
}

/**
 * The pending claims apart by who must act (the popup): a claim with any deadline of the
 * partner's is theirs, the rest wait for Microsoft or the customer. With a filter, each claim
 * keeps only that actor's lines, and claims without one are left out.
 */
export function groupByActor(claims: readonly PendingClaim[], filter: ActorFilter = 'all'): DeadlineGroups {
  const groups: DeadlineGroups = { yours: [], others: [] };
  for (const claim of claims) {
    const shown = forActor(claim, filter);
    if (shown)
      (shown.badge.lines.some((l) => l.actor === 'partner') ? groups.yours : groups.others).push(shown);
  }
  const rank = (c: PendingClaim) => levelRank(levelForPartner(c.badge.lines[0]!));
  const due = (c: PendingClaim) => c.badge.lines[0]!.due ?? Number.POSITIVE_INFINITY;
  groups.yours.sort((a, b) => rank(b) - rank(a) || due(a) - due(b) || a.claimId.localeCompare(b.claimId));
  groups.others.sort((a, b) => due(a) - due(b) || a.claimId.localeCompare(b.claimId));
  return groups;
}

/** The claim with only the filter's lines, most pressing for the partner first; null when it has none. */
function forActor(claim: PendingClaim, filter: ActorFilter): PendingClaim | null {
  const lines = filter === 'all' ? claim.badge.lines : claim.badge.lines.filter((l) => l.actor === filter);
  if (lines.length === 0) return null;
  const ordered = [...lines].sort(
    (a, b) =>
      levelRank(levelForPartner(b)) - levelRank(levelForPartner(a)) ||
      (a.due ?? Infinity) - (b.due ?? Infinity),
  );
  return { ...claim, badge: { ...claim.badge, lines: ordered } };
}

/**
 * The popup's list in pages (issue 14): with 10,000 claims kept, the texts of every badge took
 * about 0.4-0.9 s and 6 MB as JSON, though the popup shows a few dozen at first. DeadlineOrder is
 * the order of groupByActor(pendingDeadlines(…).claims, actor) computed from the clocks alone (no
 * text); deadlinesPage makes the texts of the claims of one page only.
 */
export interface DeadlineOrder {
  actor: ActorFilter;
  /** The claims the filter keeps, in the popup's order: the partner's ('yours') first, then the others. */
  entries: readonly { record: ClaimRecord; clocks: readonly ClockResult[] }[];
  /** How many of `entries` are the partner's: the first `yours`. */
  yours: number;
  /** Claims with a pending deadline, whatever the filter (pendingDeadlines' claims). */
  pending: number;
  stale: number;
  failed: number;
}

export function deadlineOrder(
  records: readonly ClaimRecord[],
  engine: DeadlineEngine,
  now: number,
  actor: ActorFilter = 'all',
): DeadlineOrder {
  type Entry = { record: ClaimRecord; clocks: ClockResult[]; rank: number; due: number; yours: boolean };
  const yours: Entry[] = [];
  const others: Entry[] = [];
  let pending = 0;
  let stale = 0;
  let failed = 0;
  for (const record of records) {
    if (now - record.lastSeen > STALE_AFTER_MS) {
      stale++;
      continue;
    }
    let clocks: ClockResult[];
    try {
      clocks = pendingClocks(engine.clocks(timelineOf(record), now));
    } catch {
      failed++;
      continue;
    }
    if (clocks.length === 0) continue;
    pending++;
    const kept = actor === 'all' ? clocks : clocks.filter((c) => c.actor === actor);
    if (kept.length === 0) continue;
    // The first line groupByActor shows: the most pressing for the partner, then the earliest due.
    let rank = Number.NEGATIVE_INFINITY;
    let due = Number.POSITIVE_INFINITY;
    for (const clock of kept) {
      const r = levelRank(levelForPartner({ actor: clock.actor, level: levelOf(clock) }));
      const d = clock.due ?? Number.POSITIVE_INFINITY;
      if (r > rank || (r === rank && d < due)) {
        rank = r;
        due = d;
      }
    }
    const entry = { record, clocks, rank, due, yours: kept.some((c) => c.actor === 'partner') };
    (entry.yours ? yours : others).push(entry);
  }
  yours.sort((a, b) => b.rank - a.rank || a.due - b.due || a.record.claimId.localeCompare(b.record.claimId));
  others.sort((a, b) => a.due - b.due || a.record.claimId.localeCompare(b.record.claimId));
  return { actor, entries: [...yours, ...others], yours: yours.length, pending, stale, failed };
}

/** One page of the popup's list. */
export interface DeadlinesPage {
  actor: ActorFilter;
  /** The claims from `offset` on, at most the limit asked, as groupByActor shows them. */
  claims: PendingClaim[];
  offset: number;
  /** How many claims the filter keeps in all; those before `yours` are the partner's. */
  total: number;
  yours: number;
  /** Claims with a pending deadline, whatever the filter (0: the popup says there are none). */
  pending: number;
  stale: number;
  failed: number;
}

export function deadlinesPage(
  order: DeadlineOrder,
  pack: RulePack,
  locale: string,
  offset: number,
  limit: number,
): DeadlinesPage {
  const claims: PendingClaim[] = [];
  for (const { record, clocks } of order.entries.slice(offset, offset + limit)) {
    const claim = pendingClaim(record, claimBadge(record.claimId, clocks, pack, locale)!, pack, locale);
    claims.push(forActor(claim, order.actor)!);
  }
  const { actor, yours, pending, stale, failed } = order;
  return { actor, claims, offset, total: order.entries.length, yours, pending, stale, failed };
}
