/**
 * The messages between the content script (on Partner Center) or the extension's pages and the
 * background. The content script never opens the database (IndexedDB there would belong to the
 * page's origin) and never builds the holiday table (date-holidays is too large for it): it asks
 * the background by these messages. The extension's own pages (popup, options, check page) open
 * the database themselves, each through src/store/db.ts, which alone opens it and turns a blocked
 * upgrade or a newer database into StoreBlockedError / StoreVersionError; the popup asks the
 * background for the deadlines only because the background already has the engine built. Plain
 * JSON both ways.
 *
 * A new message is one entry of `Messages` (its fields and its answer) and one of REQUEST_CHECKS
 * (the check of its fields, beside it); the compiler then asks for its handler in the background
 * (Handlers) and types its sender's answer (ResponseOf).
 */

import type { RestoreOutcome } from '../backup/service';
import type { CalendarDeadlines } from '../calendar/deadlines';
import type { HolidayTable } from '../deadlines/types';
import type { PageSummary } from '../overlay/badges';
import type { ActorFilter, DeadlinesPage, PendingDeadlines } from '../overlay/pending';
import type { PopupShell } from '../overlay/popup-shell';
import type { RulePack } from '../rules/types';
import type { ClaimRecord, ExactEvent, ExactStatus, FirstFields, Sighting, StoreProblem } from '../store';
import type { ValidationRecord } from '../store/validations';

/** Every message: the fields of its request and its answer (besides ErrorResponse, which any message may get). */
export interface Messages {
  /** The active pack and holiday table; `have`: the revision the sender holds (ContextUnchanged when still current). */
  'cpor/context': { request: { have?: string }; response: ContextResponse | ContextUnchanged };
  /**
   * What the list shows; `have`: the store revision the sender's copy of the records is from
   * (SightingsResponse.current says whether it still is), so that it can send only what changed.
   */
  'cpor/sightings': {
    request: { sightings: Sighting[]; now: number; have?: string };
    response: SightingsResponse;
  };
  'cpor/claim-history': {
    request: { sighting: Sighting; history: ExactStatus[]; events?: ExactEvent[]; now: number };
    response: HistoryResponse;
  };
  /** The dashboard tab's count for the toolbar icon. */
  'cpor/summary': { request: { summary: PageSummary; locale: string }; response: { ok: true } };
  /**
   * The popup's list, one page of it (issue 14: 10,000 claims kept were a 7.7 MB answer): the
   * claims from `offset` (default 0), at most `limit` (default and at most DEADLINES_PAGE_MAX), of
   * the `actor` filter's order (default 'all'); the popup asks for the next page at the end.
   */
  'cpor/deadlines': {
    request: { now: number; locale: string; actor?: ActorFilter; offset?: number; limit?: number };
    response: DeadlinesPageResponse;
  };
  /** What the popup shows around its list, from the rules in use, in `locale` (src/overlay/popup-shell.ts). */
  'cpor/popup': { request: { locale: string }; response: { ok: true } & PopupShell };
  /** The options page's "Your data": the pending deadlines with their alarms and sources, for the calendar file and CSV. */
  'cpor/calendar': { request: { now: number; locale: string }; response: CalendarResponse };
  /** A backup file of everything kept (src/backup), as its text. */
  'cpor/backup': { request: { now: number }; response: BackupResponse };
  /** Merges a backup file's text (at most MAX_BACKUP_BYTES; the background checks it whole before writing). */
  'cpor/restore': { request: { text: string }; response: RestoreResponse };
  /**
   * The checker frame's PoE results, kept with the claim id and the files' hash. The frame is an
   * extension page, but inside Partner Center's tab, where Chromium refuses it IndexedDB (a
   * third-party context): so the background keeps them.
   */
  'cpor/poe-check-find': {
    request: { claimId: string; filesHash: string };
    response: { ok: true; record: ValidationRecord | null };
  };
  'cpor/poe-check-save': { request: { record: Omit<ValidationRecord, 'id'> }; response: { ok: true } };
  /**
   * The checker frame's newest kept PoE result of a claim (any files): a re-opened claim shows it
   * without a new read.
   */
  'cpor/poe-check-latest': {
    request: { claimId: string };
    response: { ok: true; record: ValidationRecord | null };
  };
  /**
   * The checker frame keeps the claim's fields as its page shows them, where the claim's record
   * holds none of them yet (src/store/claim-record.ts withFirstFields), and gets the fields kept:
   * the values first seen, for the locked-field check. `sighting`: the claim and the status its
   * page shows (a claim never seen gets its record from it).
   */
  'cpor/claim-fields': {
    request: { sighting: Sighting; fields: FirstFields; now: number };
    response: FirstFieldsResponse;
  };
}

/** The claim's fields first seen; `saved` false (and `fields` those sent) when the store could not be used. */
export interface FirstFieldsResponse {
  ok: true;
  fields: FirstFields;
  saved: boolean;
  error?: string;
}

export type MessageType = keyof Messages;
export type RequestFields<T extends MessageType> = Messages[T]['request'];
export type RequestOf<T extends MessageType> = { type: T } & RequestFields<T>;
export type OverlayRequest = { [T in MessageType]: RequestOf<T> }[MessageType];
export type AnswerOf<T extends MessageType> = Messages[T]['response'] | ErrorResponse;
export type ResponseOf<R extends OverlayRequest> = AnswerOf<R['type']>;

/** The background's handler of every message; `tabId`: the sender's tab (none from an extension page). */
export type Handlers = {
  [T in MessageType]: (request: RequestOf<T>, tabId: number | undefined) => Promise<AnswerOf<T>>;
};

/**
 * The active rule pack and the holiday table of its calendars, with the partner's working-days
 * region applied. `revision` names this pack and table: a sender that holds it gets
 * ContextUnchanged instead of the whole again (125 KB as JSON for the built-in pack; `npm run bench context`).
 */
export interface ContextResponse {
  ok: true;
  revision: string;
  pack: RulePack;
  table: HolidayTable;
  /** The id of the pack chosen as active when it cannot be used and `pack` stands in for it (the overlay says so). */
  fallbackFrom?: string;
}

/** The pack and table of `revision`, which the sender said it holds, are still current. */
export interface ContextUnchanged {
  ok: true;
  revision: string;
  unchanged: true;
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
  /** How many records the store wrote when saved: 0 when it already held all the sightings said (src/store/claim-store.ts mustWrite). */
  written?: number;
  error?: string;
  /** Set when the partner can act on why it was not saved (close other tabs, reload). */
  problem?: StoreProblem;
  /** When saved: the claim store's revision after this request (it changes with every write of a claim). */
  revision?: string;
  /**
   * When saved: whether `have` was the store's revision right before this request's write, so the
   * sender's copy of the other claims' records is still what the store holds.
   */
  current?: boolean;
}

/** The claim's record after a visit of its own page; `saved` and `error` as in SightingsResponse. */
export interface HistoryResponse {
  ok: true;
  record: ClaimRecord;
  saved: boolean;
  error?: string;
  problem?: StoreProblem;
}

/** The pending deadlines of every claim kept on this computer (the toolbar icon counts them). */
export interface DeadlinesResponse extends PendingDeadlines {
  ok: true;
}

/** The most claims of one 'cpor/deadlines' page: about 0.8 KB each as JSON, so at most about 160 KB. */
export const DEADLINES_PAGE_MAX = 200;

/** One page of the popup's list (src/overlay/pending.ts deadlinesPage). */
export interface DeadlinesPageResponse extends DeadlinesPage {
  ok: true;
}

/** The pending deadlines as calendar entries (src/calendar/deadlines.ts). */
export interface CalendarResponse extends CalendarDeadlines {
  ok: true;
}

export interface BackupResponse {
  ok: true;
  /** The backup file's JSON text. */
  text: string;
}

/** What a restore merged, or why the file was refused (then nothing changed). */
export interface RestoreResponse {
  ok: true;
  outcome: RestoreOutcome;
}

export interface ErrorResponse {
  ok: false;
  error: string;
  /** Set when the database could not be used for a reason the partner can act on. */
  problem?: StoreProblem;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown) => typeof value === 'string';
const ACTORS: readonly ActorFilter[] = ['all', 'partner', 'microsoft', 'customer'];

/**
 * The check of each message's fields: their shape only. Each sighting and history entry is checked
 * by the service that records it (src/store's sightingProblem), which drops a malformed one and
 * keeps the rest.
 */
const REQUEST_CHECKS: { [T in MessageType]: (fields: Record<string, unknown>) => boolean } = {
  'cpor/context': (m) => m.have === undefined || isText(m.have),
  'cpor/sightings': (m) =>
    Array.isArray(m.sightings) && isTime(m.now) && (m.have === undefined || isText(m.have)),
  'cpor/claim-history': (m) =>
    isObject(m.sighting) &&
    Array.isArray(m.history) &&
    (m.events === undefined || Array.isArray(m.events)) &&
    isTime(m.now),
  'cpor/summary': (m) =>
    isObject(m.summary) && isCount(m.summary.pending) && isCount(m.summary.attention) && isText(m.locale),
  'cpor/deadlines': (m) =>
    isTime(m.now) &&
    isText(m.locale) &&
    (m.actor === undefined || ACTORS.includes(m.actor as ActorFilter)) &&
    (m.offset === undefined || isCount(m.offset)) &&
    (m.limit === undefined || (isCount(m.limit) && (m.limit as number) <= DEADLINES_PAGE_MAX)),
  'cpor/popup': (m) => isText(m.locale),
  'cpor/calendar': (m) => isTime(m.now) && isText(m.locale),
  'cpor/backup': (m) => isTime(m.now),
  'cpor/restore': (m) => isText(m.text),
  'cpor/poe-check-find': (m) => isText(m.claimId) && isText(m.filesHash),
  'cpor/poe-check-save': (m) =>
    isObject(m.record) && isTime(m.record.checkedAt) && Array.isArray(m.record.findings),
  'cpor/poe-check-latest': (m) => isText(m.claimId),
  'cpor/claim-fields': (m) => isObject(m.sighting) && isObject(m.fields) && isTime(m.now),
};

const isMessageType = (type: unknown): type is MessageType =>
  typeof type === 'string' && Object.hasOwn(REQUEST_CHECKS, type);

/**
 * What a received value is: not one of ours (another extension's message format, left alone), one
 * of ours with fields that fail its check (answered with an error), or a request.
 */
export function readRequest(
  value: unknown,
):
  | { kind: 'foreign' }
  | { kind: 'malformed'; type: MessageType }
  | { kind: 'request'; request: OverlayRequest } {
  if (!isObject(value) || !isMessageType(value.type)) return { kind: 'foreign' };
  if (!REQUEST_CHECKS[value.type](value)) return { kind: 'malformed', type: value.type };
  return { kind: 'request', request: value as unknown as OverlayRequest };
}

/** Whether a value received by the background is one of our requests, its fields checked (any extension page or script can send). */
export function isOverlayRequest(value: unknown): value is OverlayRequest {
  return readRequest(value).kind === 'request';
}

/** The request's answer from its handler. */
export function dispatch(handlers: Handlers, request: OverlayRequest, tabId: number | undefined) {
  const handler = handlers[request.type] as (
    r: OverlayRequest,
    tabId: number | undefined,
  ) => Promise<unknown>;
  return handler(request, tabId);
}
