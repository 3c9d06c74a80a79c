/**
 * What cpor-guard remembers of one claim, and how a sighting on the dashboard changes it. Pure:
 * no IndexedDB here (claim-store.ts persists these records), so the overlay can also estimate a
 * record from the page alone when the database cannot be used.
 *
 * The dashboard shows a claim's current status, sometimes with a 'Last updated' date, never the
 * moment the claim entered the status. So every entry cpor-guard writes is an estimate, and its
 * `at` is the LATEST moment the claim can have entered the status (src/deadlines/types.ts
 * StatusEntry): the deadlines computed from it are upper bounds, shown as "at most N days left".
 */
import type { ClaimTimeline } from '../deadlines/types';

/** One status of a claim's history as stored (src/deadlines/types.ts StatusEntry with `at` in epoch ms). */
export interface StoredStatus {
  status: string;
  /** Epoch ms: the latest moment the claim can have entered `status` when `estimated`. */
  at: number;
  estimated?: true;
  /** Where an estimated `at` comes from: the page's date, or the moment cpor-guard first saw the status. */
  estimateBasis?: 'page-date' | 'first-seen';
}

export interface ClaimRecord {
  claimId: string;
  /** Epoch ms of the first sighting of the claim; kept when old history entries are dropped (HISTORY_LIMIT). */
  firstSeen: number;
  /** Epoch ms of the latest sighting (the maximum, whatever order sightings arrive in). */
  lastSeen: number;
  /** The statuses in the order the claim went through them; `at` never decreases. Never empty. */
  history: StoredStatus[];
  /**
   * Things that happened without a status change, with their exact times, as a claim's History
   * shows them (e.g. { event: 'dispute-filed', at }): clocks start or stop on them (statuses.json
   * `startsOn`/`stopsOn`). Since database v3; absent when none is known.
   */
  events?: ExactEvent[];
  /**
   * The claim's own page, as the list links it (the latest seen; an https address, at most
   * URL_LIMIT characters). Absent when no link was seen.
   */
  url?: string;
  /**
   * The claim's fields as cpor-guard first saw them on its page (field id of fields.json → value
   * as the checks read it: option ids, not the page's words), for the locked-field check of an
   * edit mode (src/checker/frame.ts): a later change of a field the claim's status locks is a
   * finding against these. A field the page showed empty is null. Written once per field, never
   * overwritten (withFirstFields says why). Since database v4; absent until the claim was checked
   * on its page.
   */
  firstFields?: FirstFields;
}

/** One field's value as first seen: ClaimValues' value (src/validation/claim.ts) as JSON keeps it. */
export type FirstFieldValue = string | number | boolean | string[] | null;
export type FirstFields = Record<string, FirstFieldValue>;

/** Bounds of what firstFields keeps: the claim's fields are a few dozen short texts. */
export const FIRST_FIELDS_LIMIT = { fields: 200, idLength: 100, textLength: 4096, listLength: 500 };

/** Why `value` cannot be kept as a claim's first-seen fields, or undefined when it can. */
export function firstFieldsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const entries = Object.entries(value);
  if (entries.length > FIRST_FIELDS_LIMIT.fields) return `has more than ${FIRST_FIELDS_LIMIT.fields} fields`;
  const text = (v: unknown) => typeof v === 'string' && v.length <= FIRST_FIELDS_LIMIT.textLength;
  for (const [id, v] of entries) {
    if (id === '' || id.length > FIRST_FIELDS_LIMIT.idLength)
      return `field id ${JSON.stringify(id)} is not kept`;
    const ok =
      v === null ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      text(v) ||
      (Array.isArray(v) && v.length <= FIRST_FIELDS_LIMIT.listLength && v.every(text));
    if (!ok) return `field ${JSON.stringify(id)} has a value that is not kept`;
  }
  return undefined;
}

function copyFirstFields(value: FirstFields): FirstFields {
  const copy: FirstFields = {};
  for (const [id, v] of Object.entries(value)) copy[id] = Array.isArray(v) ? [...v] : v;
  return copy;
}

/**
 * The record with the fields of `seen` that it did not hold yet; the same record when it already
 * held them all. A field kept is never overwritten by a later sighting: what the page shows on a
 * later visit may already carry the partner's own change (typed in an edit mode and saved, or kept
 * by the page as a draft), and nothing on the page tells an allowed change from a forbidden one;
 * the review compares against the claim as it was. Only the first sighting of each field is
 * evidence of that. A field first shown on a later visit (another step, an edit mode showing more
 * boxes) is added then. Throws a TypeError when `seen` cannot be kept (firstFieldsProblem).
 */
export function withFirstFields(record: ClaimRecord, seen: FirstFields): ClaimRecord {
  const problem = firstFieldsProblem(seen);
  if (problem) throw new TypeError(`claim store: first fields ${problem}`);
  const kept = record.firstFields ?? {};
  const added = Object.entries(seen).filter(([id]) => !Object.hasOwn(kept, id));
  if (added.length === 0) return record;
  const merged = copyFirstFields(kept);
  for (const [id, v] of added) merged[id] = Array.isArray(v) ? [...v] : v;
  if (Object.keys(merged).length > FIRST_FIELDS_LIMIT.fields) return record;
  return { ...record, firstFields: merged };
}

/** The longest claim page address kept. */
export const URL_LIMIT = 2048;

/** Why `url` cannot be kept as a claim's page, or undefined when it can: an https address, not too long. */
export function claimUrlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return `url ${JSON.stringify(url)} is not a string`;
  if (url.length > URL_LIMIT) return `url is longer than ${URL_LIMIT} characters`;
  if (!URL.canParse(url) || new URL(url).protocol !== 'https:') return 'url is not an https address';
  return undefined;
}

/** An event of a claim's History, in epoch ms. */
export interface ExactEvent {
  event: string;
  at: number;
}

export interface Sighting {
  claimId: string;
  /** The pack's status id seen now on the page. */
  status: string;
  /**
   * The latest moment the claim can have entered `status` according to the page (epoch ms), e.g.
   * the end of the 'Last updated' date shown; absent when the page shows none.
   */
  pageBound?: number;
  /** The claim's page as the list links it, when it does (ClaimRecord.url). */
  url?: string;
}

/**
 * The most status entries a record keeps. A claim changes status a handful of times; this only
 * guards the database against a page reader that flips between two statuses on every visit.
 */
export const HISTORY_LIMIT = 100;

/**
 * Why a sighting cannot be recorded, or undefined when it can. Sightings arrive by message from
 * the content script, so the background can check them with this before recording.
 */
export function sightingProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const { claimId, status, pageBound, url } = value as Record<string, unknown>;
  if (typeof claimId !== 'string' || claimId === '')
    return `claimId ${JSON.stringify(claimId)} is not a non-empty string`;
  if (typeof status !== 'string' || status === '')
    return `status ${JSON.stringify(status)} is not a non-empty string`;
  if (pageBound !== undefined && !Number.isFinite(pageBound))
    return `pageBound ${String(pageBound)} is not a finite number (epoch ms)`;
  if (url !== undefined) return claimUrlProblem(url);
  return undefined;
}

/** Throws a TypeError when `now` or the sighting cannot be recorded (a programming error of the caller). */
export function assertRecordable(sighting: Sighting, now: number): void {
  if (!Number.isFinite(now))
    throw new TypeError(`claim store: now ${String(now)} is not a finite number (epoch ms)`);
  const problem = sightingProblem(sighting);
  if (problem) throw new TypeError(`claim store: sighting ${problem}`);
}

/** The latest moment the page allows for entering the status seen `now`, and whether the page's date decided it. */
function pageEstimate(sighting: Sighting, now: number): { at: number; fromPage: boolean } {
  const bound = sighting.pageBound;
  return bound !== undefined && bound < now ? { at: bound, fromPage: true } : { at: now, fromPage: false };
}

/**
 * The record after one sighting at `now`. Pure: neither argument is changed; an unchanged history
 * is shared with the new record. `record` must be valid (as readClaimRecord gives); throws a
 * TypeError when the sighting or `now` is not (sightingProblem).
 *
 * - First sighting: one entry at min(now, pageBound), basis 'page-date' when the page's date is
 *   earlier than now, else 'first-seen'.
 * - Same status as the last entry: only lastSeen moves. A page date seen later does not move the
 *   entry: the record keeps what it first derived.
 * - Another status: the claim changed after we last saw the old status, so the new entry is at
 *   min(now, pageBound), basis 'page-date', when that is not before the previous sighting (nor
 *   the previous entry). A page date before the previous sighting contradicts what we saw (a
 *   stale date): the entry is then at `now`, basis 'first-seen', the only upper bound left.
 * - A sighting older than lastSeen (messages arriving out of order) changes nothing: it cannot
 *   tell what happened after what we already saw.
 * - More than HISTORY_LIMIT entries: the oldest are dropped. The first entry is not kept apart:
 *   keeping it beside the newest ones would make the engine see one stay of its status running
 *   from then until the first kept change (a long stay that never happened, with clocks to
 *   match). Dropping whole old entries loses only clocks that ended long ago; firstSeen still
 *   says when the claim was first seen.
 */
export function mergeSighting(record: ClaimRecord | undefined, sighting: Sighting, now: number): ClaimRecord {
  assertRecordable(sighting, now);
  const { claimId, status } = sighting;
  const url = sighting.url ?? record?.url;
  const withUrl = url === undefined ? {} : { url };
  if (!record) {
    const { at, fromPage } = pageEstimate(sighting, now);
    return {
      claimId,
      firstSeen: now,
      lastSeen: now,
      history: [{ status, at, estimated: true, estimateBasis: fromPage ? 'page-date' : 'first-seen' }],
      ...withUrl,
    };
  }
  if (now < record.lastSeen) return record;
  const last = record.history[record.history.length - 1];
  if (last?.status === status) return { ...record, lastSeen: now, ...withUrl };

  const page = pageEstimate(sighting, now);
  const floor = Math.max(record.lastSeen, last?.at ?? Number.NEGATIVE_INFINITY);
  // The change happened after we last saw the old status. A page date before that contradicts
  // what we saw (a stale date): then only `now` is a safe upper bound.
  const fromPage = page.fromPage && page.at >= floor;
  const entry: StoredStatus = {
    status,
    at: fromPage ? page.at : now,
    estimated: true,
    estimateBasis: fromPage ? 'page-date' : 'first-seen',
  };
  const history = [...record.history, entry];
  return {
    ...record,
    lastSeen: now,
    history: history.length > HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT) : history,
    ...withUrl,
  };
}

/** The deadline engine's input for a record (src/deadlines/types.ts). Shares the record's history array. */
/** A status change the page shows with its exact time (a claim's History panel), in epoch ms. */
export interface ExactStatus {
  status: string;
  at: number;
}

/**
 * The record after a visit of the claim's own page, whose History panel shows when each status
 * was entered. Those exact entries replace what cpor-guard had estimated; the current status
 * (`sighting`) is appended as an estimate only when the history does not end with it yet (the
 * panel may lag behind the status): from the record's own estimate of it when that is later than
 * the last exact entry, else as first seen now. Exact entries after `now` (a clock far off) or
 * unordered ones are sorted and clamped to `now`, so the record stays valid. Without exact entries
 * this is mergeSighting.
 */
export function mergeHistory(
  record: ClaimRecord | undefined,
  exact: readonly ExactStatus[],
  sighting: Sighting,
  now: number,
  exactEvents: readonly ExactEvent[] = [],
): ClaimRecord {
  assertRecordable(sighting, now);
  // The History shows every event it knows: they replace the record's (one entry per event and time).
  const events = exactEvents
    .filter((e) => typeof e.event === 'string' && e.event !== '' && Number.isFinite(e.at) && e.at <= now)
    .map((e) => ({ event: e.event, at: e.at }))
    .sort((a, b) => a.at - b.at)
    .filter((e, i, all) => i === 0 || e.event !== all[i - 1]!.event || e.at !== all[i - 1]!.at);
  const withEvents = (merged: ClaimRecord): ClaimRecord =>
    events.length > 0 ? { ...merged, events } : merged;
  const ordered = exact
    .filter((e) => typeof e.status === 'string' && e.status !== '' && Number.isFinite(e.at))
    .map((e) => ({ status: e.status, at: Math.min(e.at, now) }))
    .sort((a, b) => a.at - b.at);
  if (ordered.length === 0) return withEvents(mergeSighting(record, sighting, now));
  const history: StoredStatus[] = [];
  for (const entry of ordered) {
    if (history[history.length - 1]?.status !== entry.status) history.push(entry);
  }
  const last = history[history.length - 1]!;
  if (last.status !== sighting.status) {
    const known = record?.history[record.history.length - 1];
    history.push(
      known && known.status === sighting.status && known.at >= last.at
        ? copyStatus(known)
        : { status: sighting.status, at: now, estimated: true, estimateBasis: 'first-seen' },
    );
  }
  const merged: ClaimRecord = {
    claimId: sighting.claimId,
    firstSeen: record?.firstSeen ?? now,
    lastSeen: Math.max(record?.lastSeen ?? now, now),
    history: history.length > HISTORY_LIMIT ? history.slice(history.length - HISTORY_LIMIT) : history,
  };
  if (record?.events) merged.events = record.events;
  // The claim's link and its fields first seen are not part of the History panel: kept as they were.
  const url = sighting.url ?? record?.url;
  if (url !== undefined) merged.url = url;
  if (record?.firstFields) merged.firstFields = record.firstFields;
  return withEvents(merged);
}

export function timelineOf(record: ClaimRecord): ClaimTimeline {
  return record.events ? { history: record.history, events: record.events } : { history: record.history };
}

export type ReadResult = { ok: true; record: ClaimRecord } | { ok: false; problem: string };

function statusProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const { status, at, estimated, estimateBasis } = value as Record<string, unknown>;
  if (typeof status !== 'string' || status === '')
    return `status ${JSON.stringify(status)} is not a non-empty string`;
  if (typeof at !== 'number' || !Number.isFinite(at)) return `at ${String(at)} is not a finite number`;
  if (estimated !== undefined && estimated !== true) return `estimated ${String(estimated)} is not true`;
  if (estimateBasis !== undefined && estimateBasis !== 'page-date' && estimateBasis !== 'first-seen')
    return `estimateBasis ${JSON.stringify(estimateBasis)} is not 'page-date' or 'first-seen'`;
  return undefined;
}

function copyStatus(value: StoredStatus): StoredStatus {
  const entry: StoredStatus = { status: value.status, at: value.at };
  if (value.estimated) entry.estimated = true;
  if (value.estimateBasis) entry.estimateBasis = value.estimateBasis;
  return entry;
}

/**
 * Checks a value read from the database. A record with anything wrong (a wrong type, an empty
 * history, entries out of time order, lastSeen before firstSeen or before an entry) is not
 * repaired but skipped whole: dropping a bad entry from the middle would make the engine see
 * one long stay where there were two, and guessing a missing time could give a deadline later
 * than the real one. The caller treats the claim as never seen; its next sighting starts a new
 * record (an upper-bound estimate again). The record returned is a copy with only the fields
 * above: a field added later needs a database version step (db.ts), so that older code, which
 * would drop it, cannot open the database.
 */
export function readClaimRecord(value: unknown): ReadResult {
  const fail = (problem: string): ReadResult => ({ ok: false, problem });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('is not an object');
  const { claimId, firstSeen, lastSeen, history, events, url, firstFields } = value as Record<
    string,
    unknown
  >;
  if (typeof claimId !== 'string' || claimId === '')
    return fail(`claimId ${JSON.stringify(claimId)} is not a non-empty string`);
  if (typeof firstSeen !== 'number' || !Number.isFinite(firstSeen))
    return fail(`firstSeen ${String(firstSeen)} is not a finite number`);
  if (typeof lastSeen !== 'number' || !Number.isFinite(lastSeen))
    return fail(`lastSeen ${String(lastSeen)} is not a finite number`);
  if (lastSeen < firstSeen) return fail('lastSeen is before firstSeen');
  if (!Array.isArray(history) || history.length === 0) return fail('history is not a non-empty array');
  const entries: StoredStatus[] = [];
  for (const [index, item] of history.entries()) {
    const problem = statusProblem(item);
    if (problem) return fail(`history[${index}] ${problem}`);
    const entry = copyStatus(item as StoredStatus);
    const previous = entries[entries.length - 1];
    if (previous && entry.at < previous.at)
      return fail(`history[${index}] is earlier than the entry before it`);
    if (entry.at > lastSeen) return fail(`history[${index}] is later than lastSeen`);
    entries.push(entry);
  }
  const record: ClaimRecord = { claimId, firstSeen, lastSeen, history: entries };
  if (events !== undefined) {
    if (!Array.isArray(events)) return fail('events is not an array');
    const copies: ExactEvent[] = [];
    for (const [index, item] of events.entries()) {
      const { event, at } = (item ?? {}) as Record<string, unknown>;
      if (typeof event !== 'string' || event === '') return fail(`events[${index}] has no event name`);
      if (typeof at !== 'number' || !Number.isFinite(at))
        return fail(`events[${index}].at is not a finite number`);
      copies.push({ event, at });
    }
    record.events = copies;
  }
  // A link that cannot be kept is dropped, not the claim: it only saves the partner a search.
  if (url !== undefined && claimUrlProblem(url) === undefined) record.url = url as string;
  // Fields that cannot be kept are dropped, not the claim: without them a locked-field change is
  // judged against the values the tab first saw, as before v4.
  if (firstFields !== undefined && firstFieldsProblem(firstFields) === undefined)
    record.firstFields = copyFirstFields(firstFields as FirstFields);
  return { ok: true, record };
}

/**
 * Whether a local midnight (the browser's time zone, as the page's dates) lies in (after, upTo]:
 * the store writes an unchanged claim's lastSeen only then (claim-store.ts mustWrite), and a tab
 * sends an unchanged row again only then (src/overlay/sightings-cache.ts).
 */
export function localMidnightBetween(after: number, upTo: number): boolean {
  const date = new Date(upTo - 1);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() >= after;
}
