/**
 * The messages between the content script (on Partner Center) or the extension's pages and the
 * background. The content script never opens the database (IndexedDB there would belong to the
 * page's origin) and never builds the holiday table (date-holidays is too large for it): it asks
 * the background by these messages. The extension's own pages (popup, options, check page) open
 * the database themselves, each through src/store/db.ts, which alone opens it and turns a blocked
 * upgrade or a newer database into StoreBlockedError / StoreVersionError; the popup asks the
 * background for the deadlines only because the background already has the engine built. Plain
 * JSON both ways.
 */
import type { HolidayTable } from '../deadlines/types';
import type { PageSummary } from '../overlay/badges';
import type { PendingDeadlines } from '../overlay/pending';
import type { RulePack } from '../rules/types';
import type { ClaimRecord, ExactEvent, ExactStatus, Sighting, StoreProblem } from '../store';

export type OverlayRequest =
  | { type: 'cpor/context' }
  | { type: 'cpor/sightings'; sightings: Sighting[]; now: number }
  | {
      type: 'cpor/claim-history';
      sighting: Sighting;
      history: ExactStatus[];
      events?: ExactEvent[];
      now: number;
    }
  | { type: 'cpor/summary'; summary: PageSummary; locale: string }
  | { type: 'cpor/deadlines'; now: number; locale: string };

/** The active rule pack and the holiday table of its calendars, with the partner's working-days region applied. */
export interface ContextResponse {
  ok: true;
  pack: RulePack;
  table: HolidayTable;
}

/**
 * The claims' records after the sightings, in their order. `saved` is false when the database
 * could not be used (e.g. another tab blocks its upgrade): the records are then estimates from
 * the page alone, and `error` says why.
 */
export interface SightingsResponse {
  ok: true;
  records: ClaimRecord[];
  saved: boolean;
  error?: string;
  /** Set when the partner can act on why it was not saved (close other tabs, reload). */
  problem?: StoreProblem;
}

/** The claim's record after a visit of its own page; `saved` and `error` as in SightingsResponse. */
export interface HistoryResponse {
  ok: true;
  record: ClaimRecord;
  saved: boolean;
  error?: string;
  problem?: StoreProblem;
}

/** The pending deadlines of every claim kept on this computer (the toolbar popup lists them). */
export interface DeadlinesResponse extends PendingDeadlines {
  ok: true;
}

export interface ErrorResponse {
  ok: false;
  error: string;
  /** Set when the database could not be used for a reason the partner can act on. */
  problem?: StoreProblem;
}

export type ResponseOf<R extends OverlayRequest> = R extends { type: 'cpor/context' }
  ? ContextResponse | ErrorResponse
  : R extends { type: 'cpor/sightings' }
    ? SightingsResponse | ErrorResponse
    : R extends { type: 'cpor/claim-history' }
      ? HistoryResponse | ErrorResponse
      : R extends { type: 'cpor/deadlines' }
        ? DeadlinesResponse | ErrorResponse
        : { ok: true } | ErrorResponse;

/** Whether a value received by the background is one of our requests (any extension page or script can send). */
export function isOverlayRequest(value: unknown): value is OverlayRequest {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'cpor/context' ||
    type === 'cpor/sightings' ||
    type === 'cpor/claim-history' ||
    type === 'cpor/summary' ||
    type === 'cpor/deadlines'
  );
}
