/**
 * The partner's pending deadlines over every claim kept on this computer (the claim store), most
 * pressing first: what the toolbar popup lists and what reminders are drawn from. Pure: the
 * background runs it over the store's records (src/background/overlay-service.ts).
 */
import type { DeadlineEngine } from '../deadlines/engine';
import { localize } from '../i18n/format';
import type { RulePack } from '../rules/types';
import { type ClaimRecord, timelineOf } from '../store';
import { type ClaimBadge, claimBadge, type DeadlineLine, levelForPartner, levelRank } from './badges';

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
    const statusId = record.history[record.history.length - 1]!.status;
    const status = pack.statuses.statuses.find((s) => s.id === statusId);
    claims.push({
      claimId: record.claimId,
      status: status ? localize(status.label, locale, pack.pack.defaultLocale) : statusId,
      lastSeen: record.lastSeen,
      badge,
      ...(record.url === undefined ? {} : { url: record.url }),
    });
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
    const lines = filter === 'all' ? claim.badge.lines : claim.badge.lines.filter((l) => l.actor === filter);
    if (lines.length === 0) continue;
    const ordered = [...lines].sort(
      (a, b) =>
        levelRank(levelForPartner(b)) - levelRank(levelForPartner(a)) ||
        (a.due ?? Infinity) - (b.due ?? Infinity),
    );
    const shown =
      ordered === claim.badge.lines ? claim : { ...claim, badge: { ...claim.badge, lines: ordered } };
    (lines.some((l) => l.actor === 'partner') ? groups.yours : groups.others).push(shown);
  }
  const rank = (c: PendingClaim) => levelRank(levelForPartner(c.badge.lines[0]!));
  const due = (c: PendingClaim) => c.badge.lines[0]!.due ?? Number.POSITIVE_INFINITY;
  groups.yours.sort((a, b) => rank(b) - rank(a) || due(a) - due(b) || a.claimId.localeCompare(b.claimId));
  groups.others.sort((a, b) => due(a) - due(b) || a.claimId.localeCompare(b.claimId));
  return groups;
}
