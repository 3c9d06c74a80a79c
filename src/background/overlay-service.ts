/**
 * What the background does for the dashboard overlay, without browser API (entrypoints/background.ts
 * wires it to runtime messages): hands out the active pack and the holiday table, and records the
 * claims the page shows in the claim store. A store that cannot be opened (an upgrade blocked by
 * another tab, a broken database) never stops the overlay: the records are then estimated from
 * the page alone and the response says so.
 *
 * The active pack is read once and kept in memory until invalidatePack() (the options page
 * activated another pack); the holiday table and engine built from it go with it. Memory is only
 * a cache: an MV3 service worker may be stopped at any time, and a new one reads the pack again.
 * When the active pack cannot be read now (the database is blocked), the built-in pack serves
 * that request and the next one asks again.
 */

import { calendarDeadlines } from '../calendar/deadlines';
import { createDeadlineEngine, type DeadlineEngine } from '../deadlines/engine';
import { buildHolidayTable, defaultHolidayRange } from '../deadlines/holiday-table';
import type { HolidayTable } from '../deadlines/types';
import {
  type CalendarResponse,
  type ContextResponse,
  type ContextUnchanged,
  DEADLINES_PAGE_MAX,
  type DeadlinesPageResponse,
  type DeadlinesResponse,
  type ErrorResponse,
  type FirstFieldsResponse,
  type HistoryResponse,
  type SightingsResponse,
} from '../messaging/protocol';
import {
  type ActorFilter,
  type DeadlineOrder,
  deadlineOrder,
  deadlinesPage,
  pendingDeadlines,
} from '../overlay/pending';
import { type PopupShell, popupShell } from '../overlay/popup-shell';
import { type Reminder, remindersDue } from '../overlay/reminders';
import { errorMessage } from '../platform/error-message';
import { retryingLazy } from '../platform/retrying-lazy';
import type { RulePack } from '../rules/types';
import { calendarsWithSettings, type Settings, withWarningLevels } from '../settings';
import {
  type ClaimRecord,
  type ClaimStore,
  type ExactEvent,
  type ExactStatus,
  type FirstFields,
  firstFieldsProblem,
  mergeHistory,
  mergeSighting,
  type Sighting,
  type StoreProblem,
  sightingProblem,
  storeProblemOf,
  withFirstFields,
} from '../store';
import { mustWrite } from '../store/claim-store';
import { asSnapshot, type ContextSnapshot, type SnapshotStore } from './context-snapshot';

/** The rules in use, as PackRepository.active answers (src/packs). */
export interface ActiveRules {
  pack: RulePack;
  /** The id of the pack chosen as active when it cannot be used and `pack` stands in for it. */
  fallbackFrom?: string;
}

export interface OverlayServiceDeps {
  /**
   * Reads the active rule pack (src/packs: PackRepository.active); called again only after
   * invalidatePack(). Rejects when it cannot be told now (e.g. the database is blocked).
   */
  activePack(): Promise<ActiveRules>;
  /** The built-in pack: serves while the active pack cannot be read. */
  builtinPack(): RulePack;
  /** The partner's settings (working-days region) for a pack (its defaults), already checked. */
  settings(pack: RulePack): Promise<Settings>;
  /** Opens the claim store; called again after a failure. */
  openStore(): Promise<ClaimStore>;
  /** The current time; tests pass a fixed one. */
  now?(): Date;
  /**
   * Where the context is kept for the next service worker, and the stamp of what it is built from
   * now (context-snapshot.ts). Without it every worker builds its own.
   */
  snapshot?: { store: SnapshotStore; stamp(): Promise<string> };
}

export interface OverlayService {
  /**
   * The active pack and holiday table, named by a revision that changes whenever either is built
   * again (random, so that a restarted worker never repeats one).
   */
  context(): Promise<ContextResponse>;
  /** As context(), or only the revision when it is `have`, the one the caller holds. */
  contextUnless(have: string | undefined): Promise<ContextResponse | ContextUnchanged>;
  /** Records what the list shows; `have`: the revision of the caller's copy of the records (SightingsResponse.current). */
  sightings(
    sightings: readonly unknown[],
    now: number,
    have?: string,
  ): Promise<SightingsResponse | ErrorResponse>;
  /** Records a visit of a claim's own page (its exact history); estimates from the page alone when the store cannot be used. */
  history(
    sighting: unknown,
    exact: readonly unknown[],
    now: number,
    events?: readonly unknown[],
  ): Promise<HistoryResponse | ErrorResponse>;
  /**
   * Keeps a claim's fields first seen on its page (ClaimStore.keepFirstFields) and answers the
   * fields kept; when the store cannot be used, the fields sent, unsaved (the check then judges
   * against what this tab saw first).
   */
  firstFields(sighting: unknown, fields: unknown, now: number): Promise<FirstFieldsResponse | ErrorResponse>;
  /** The pending deadlines of the claims in the store, most pressing first (see src/overlay/pending.ts). */
  deadlines(now: number, locale: string): Promise<DeadlinesResponse | ErrorResponse>;
  /**
   * One page of the popup's list (src/overlay/pending.ts deadlinesPage): `limit` claims at most
   * (DEADLINES_PAGE_MAX) from `offset`. The order of the claims is kept for the next page while
   * `now`, the filter, the engine and the claims written by this service stay the same.
   */
  deadlinesPage(
    now: number,
    locale: string,
    page: { actor?: ActorFilter; offset?: number; limit?: number },
  ): Promise<DeadlinesPageResponse | ErrorResponse>;
  /** What the popup shows around its list, from the rules in use (src/overlay/popup-shell.ts). */
  popup(locale: string): Promise<({ ok: true } & PopupShell) | ErrorResponse>;
  /** The pending deadlines as calendar entries, with alarms and sources (see src/calendar/deadlines.ts). */
  calendar(now: number, locale: string): Promise<CalendarResponse | ErrorResponse>;
  /** The reminders due now for the claims in the store (see src/overlay/reminders.ts). */
  reminders(now: number, locale: string, sent: ReadonlySet<string>): Promise<Reminder[]>;
  /** The active rule pack, from memory after the first call (see the module's comment). */
  pack(): Promise<RulePack>;
  /** The claims kept were changed by another way than this service (a backup restored): the revision moves on. */
  claimsChanged(): void;
  /** Forget the holiday table (the settings changed); the next context() builds it again. */
  invalidate(): void;
  /** Forget the active pack and the holiday table (another pack was activated); the next call reads them again. */
  invalidatePack(): void;
}

/** `{ problem }` when the store's error is one the partner can act on, else nothing. */
function problemOf(error: unknown): { problem?: StoreProblem } {
  const problem = storeProblemOf(error);
  return problem ? { problem } : {};
}

/** A response's part saying the claim store could not be used now, and why (logged for developers too). */
function notSaved(error: unknown): { saved: false; error: string; problem?: StoreProblem } {
  const message = errorMessage(error);
  console.warn('[cpor-guard] claim store:', message);
  return { saved: false, error: message, ...problemOf(error) };
}

export function createOverlayService(deps: OverlayServiceDeps): OverlayService {
  /** The holiday table for the current pack, settings and years, and the engine over it (made when first asked). */
  let table:
    | { pack: RulePack; key: string; revision: string; table: HolidayTable; engine?: DeadlineEngine }
    | undefined;
  // A failed open or read is not kept: the next request asks again (the other tab may be closed by then).
  const store = retryingLazy(() => deps.openStore());
  const activePack = retryingLazy(() => deps.activePack());

  /** The rules in use; the built-in pack while the active one cannot be read (`forNow`). */
  async function currentRules(): Promise<ActiveRules & { forNow?: true }> {
    try {
      return await activePack.get();
    } catch (error) {
      console.warn(
        '[cpor-guard] the active rule pack could not be read; using the built-in pack for now:',
        errorMessage(error),
      );
      return { pack: deps.builtinPack(), forNow: true };
    }
  }

  const currentPack = async () => (await currentRules()).pack;

  /** The active pack with the partner's warning levels (settings), the same object while neither changes. */
  let adjusted: { from: RulePack; key: string; pack: RulePack } | undefined;
  async function partnerPack(active?: RulePack): Promise<RulePack> {
    active ??= await currentPack();
    const settings = await deps.settings(active);
    const key = JSON.stringify(settings.warningLevels ?? {});
    if (adjusted?.from !== active || adjusted.key !== key)
      adjusted = { from: active, key, pack: withWarningLevels(active, settings) };
    return adjusted.pack;
  }

  /**
   * The last worker's context (context-snapshot.ts) while its stamp is the stamp of now: looked up
   * once, and again after each invalidation (the stamp then names the new pack or settings, so a
   * snapshot of the old ones no longer serves). A lookup that an invalidation overtook gives none.
   */
  let lastWorker: Promise<ContextSnapshot | undefined> | undefined;
  let invalidations = 0;
  /** The revision this worker last kept as the snapshot (or served from it). */
  let keptRevision: string | undefined;

  async function lastWorkerContext(): Promise<ContextSnapshot | undefined> {
    const snapshot = deps.snapshot;
    if (!snapshot) return undefined;
    const asked = invalidations;
    lastWorker ??= Promise.all([snapshot.store.read(), snapshot.stamp()]).then(
      ([value, stamp]) => {
        const kept = asSnapshot(value);
        return kept?.stamp === stamp ? kept : undefined;
      },
      (error: unknown) => {
        console.warn('[cpor-guard] the kept context could not be read:', errorMessage(error));
        return undefined;
      },
    );
    const kept = await lastWorker;
    return asked === invalidations ? kept : undefined;
  }

  async function holidayTable(pack: RulePack): Promise<NonNullable<typeof table>> {
    const calendars = calendarsWithSettings(pack, await deps.settings(pack));
    // The table covers the rules' first year to two years ahead: rebuilt when a new year starts
    // or the partner's region changes (the key), never per request (date-holidays is slow). Two
    // imported packs may share id and version, so another pack object also rebuilds it.
    const range = defaultHolidayRange(deps.now?.() ?? new Date());
    const key = JSON.stringify([pack.pack.id, pack.pack.version, range, calendars.map((c) => c.region)]);
    if (table?.pack !== pack || table.key !== key) {
      // The last worker's table when it was built from the same (its stamp says so): the same
      // revision, so that open tabs keep theirs.
      const kept = await lastWorkerContext();
      if (table?.pack !== pack || table.key !== key)
        table =
          kept?.key === key
            ? { pack, key, revision: kept.revision, table: kept.table }
            : { pack, key, revision: crypto.randomUUID(), table: buildHolidayTable(calendars, range) };
    }
    return table;
  }

  /** Keeps this context for the next worker, under the stamp taken before it was built. */
  function keep(stamp: string | undefined, key: string, context: ContextResponse): void {
    if (!deps.snapshot || stamp === undefined || context.revision === keptRevision) return;
    keptRevision = context.revision;
    const { revision, pack, table: holidays, fallbackFrom } = context;
    const snapshot: ContextSnapshot = { stamp, key, revision, pack, table: holidays };
    if (fallbackFrom !== undefined) snapshot.fallbackFrom = fallbackFrom;
    deps.snapshot.store.write(snapshot).catch((error: unknown) => {
      keptRevision = undefined;
      console.warn('[cpor-guard] the context could not be kept:', errorMessage(error));
    });
  }

  /** The active pack and the engine over its holiday table, made once per table. */
  async function currentEngine(): Promise<{ pack: RulePack; engine: DeadlineEngine }> {
    const pack = await partnerPack();
    const current = await holidayTable(pack);
    current.engine ??= createDeadlineEngine(pack, current.table);
    return { pack, engine: current.engine };
  }

  const claimStore = () => store.get();

  /**
   * The claim store's revision as this worker knows it: random at its start (a restarted worker
   * never repeats one), then one more at every write it makes. Writes go one at a time (`writing`),
   * so a sightings request can tell whether the caller's revision was the store's right before it.
   */
  const storeEpoch = crypto.randomUUID();
  let storeWrites = 0;
  const storeRevision = () => `${storeEpoch}:${storeWrites}`;
  let writing: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(write: () => Promise<T>): Promise<T> {
    const next = writing.then(write, write);
    writing = next.catch(() => {});
    return next;
  }

  /**
   * A copy of the store's records in memory, read once (store.all) and kept up to date by this
   * service's own writes, for the revision it holds: the popup's list, the toolbar count, the
   * calendar and the reminders read them all (10,000 claims took about 150 ms to read at each
   * popup opening, issue 14), and a list whose sightings would write nothing is answered from it
   * without a transaction. Only this service writes claims, besides a restored backup
   * (claimsChanged, which drops the copy) and a worker restart (which starts without one).
   */
  let mirror:
    | { revision: string; loading: Promise<Map<string, ClaimRecord>>; byId?: Map<string, ClaimRecord> }
    | undefined;
  /** The records of `mirror` in the store's order (by claim id), made again after a change. */
  let mirrorList: { byId: Map<string, ClaimRecord>; version: number; list: ClaimRecord[] } | undefined;
  let mirrorVersion = 0;

  function loadMirror(): Promise<Map<string, ClaimRecord>> {
    const revision = storeRevision();
    if (mirror?.revision !== revision) {
      const loading = claimStore()
        .then((claims) => claims.all())
        .then((records) => new Map(records.map((record) => [record.claimId, record])));
      const loaded: NonNullable<typeof mirror> = { revision, loading };
      mirror = loaded;
      mirrorVersion++;
      loading.then(
        (byId) => {
          if (mirror === loaded) loaded.byId = byId;
        },
        () => {
          if (mirror === loaded) mirror = undefined;
        },
      );
    }
    return mirror.loading;
  }

  async function storedRecords(): Promise<ClaimRecord[]> {
    const byId = await loadMirror();
    if (mirrorList?.byId !== byId || mirrorList.version !== mirrorVersion) {
      const list = [...byId.values()].sort((a, b) =>
        a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0,
      );
      mirrorList = { byId, version: mirrorVersion, list };
    }
    return mirrorList.list;
  }

  /** The copy of the records when it is loaded and holds the store as of `revision`. */
  const mirrorAt = (revision: string) => (mirror?.revision === revision ? mirror.byId : undefined);

  /** After a write of this service at `before`: the copy takes the records written and the new revision. */
  function patchMirror(before: string, records: readonly ClaimRecord[]): void {
    const byId = mirrorAt(before);
    if (!byId || !mirror) {
      mirror = undefined;
      return;
    }
    for (const record of records) byId.set(record.claimId, record);
    mirror.revision = storeRevision();
    mirrorVersion++;
  }

  /**
   * The store's answer to `sightings` from the copy, when none of them would be written
   * (claim-store.ts record: merged in order, mustWrite per claim, the unwritten answered as
   * stored); null when one would be, or when there is no copy for the revision now.
   */
  function unwrittenFromMirror(sightings: readonly Sighting[], now: number): ClaimRecord[] | null {
    const byId = mirrorAt(storeRevision());
    if (!byId) return null;
    const merged = new Map<string, ClaimRecord>();
    for (const sighting of sightings)
      merged.set(
        sighting.claimId,
        mergeSighting(merged.get(sighting.claimId) ?? byId.get(sighting.claimId), sighting, now),
      );
    for (const [claimId, record] of merged) if (mustWrite(byId.get(claimId), record)) return null;
    return sightings.map((sighting) => byId.get(sighting.claimId)!);
  }

  /**
   * The popup's order of the claims, for its next page (see deadlinesPage), kept from the moment it
   * is asked for: a second request while the store is read waits for the same order. Forgotten when
   * a claim is written or the order could not be made.
   */
  let lastOrder:
    | { now: number; engine: DeadlineEngine; actor: ActorFilter; order: Promise<DeadlineOrder> }
    | undefined;

  async function contextUnless(have: string | undefined): Promise<ContextResponse | ContextUnchanged> {
    if (table === undefined) {
      // A new worker: the last one's context serves while nothing it was built from changed,
      // without reading the pack or building the table (context-snapshot.ts).
      const kept = await lastWorkerContext();
      if (kept && table === undefined) {
        keptRevision = kept.revision;
        if (have === kept.revision) return { ok: true, revision: kept.revision, unchanged: true };
        const { revision, pack, table: holidays, fallbackFrom } = kept;
        return fallbackFrom === undefined
          ? { ok: true, revision, pack, table: holidays }
          : { ok: true, revision, pack, table: holidays, fallbackFrom };
      }
    }
    // Taken before the context is built (a change meanwhile makes the kept one stale, never wrong),
    // and only while the context in memory is not the one kept: a navigation of an open tab
    // reads no storage for it.
    const stamp =
      deps.snapshot && (table === undefined || table.revision !== keptRevision)
        ? await deps.snapshot.stamp().catch(() => undefined)
        : undefined;
    const { pack: active, fallbackFrom, forNow } = await currentRules();
    const pack = await partnerPack(active);
    const { key, revision, table: holidays } = await holidayTable(pack);
    const context: ContextResponse =
      fallbackFrom === undefined
        ? { ok: true, revision, pack, table: holidays }
        : { ok: true, revision, pack, table: holidays, fallbackFrom };
    // What serves only while the active pack cannot be read is not kept for the next worker.
    if (!forNow) keep(stamp, key, context);
    if (have === revision) return { ok: true, revision, unchanged: true };
    return context;
  }

  return {
    pack: currentPack,

    // No revision is undefined: without one held, the whole context.
    context: () => contextUnless(undefined) as Promise<ContextResponse>,
    contextUnless,

    async sightings(received, now, have) {
      // Messages are data from another context: a malformed sighting is dropped, not recorded.
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      const sightings = received.filter((sighting): sighting is Sighting => {
        const problem = sightingProblem(sighting);
        if (problem) console.warn('[cpor-guard] sighting ignored:', problem);
        return !problem;
      });
      try {
        return await oneAtATime(async () => {
          const before = storeRevision();
          const unwritten = unwrittenFromMirror(sightings, now);
          if (unwritten)
            return {
              ok: true,
              records: unwritten,
              saved: true,
              written: 0,
              revision: before,
              current: have === before,
            };
          // Read for the next request (and the popup) while the store answers this one.
          if (!mirror) void loadMirror().catch(() => {});
          const { records, written } = await (await claimStore()).record(sightings, now);
          if (written > 0) {
            storeWrites++;
            lastOrder = undefined;
            patchMirror(before, records);
          }
          return {
            ok: true,
            records,
            saved: true,
            written,
            revision: storeRevision(),
            current: have === before,
          };
        });
      } catch (error) {
        return {
          ok: true,
          records: sightings.map((sighting) => mergeSighting(undefined, sighting, now)),
          ...notSaved(error),
        };
      }
    },

    async history(sighting, received, now, receivedEvents = []) {
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      const problem = sightingProblem(sighting);
      if (problem) return { ok: false, error: `sighting ${problem}` };
      const exact = received.filter(
        (e): e is ExactStatus =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as ExactStatus).status === 'string' &&
          Number.isFinite((e as ExactStatus).at),
      );
      const events = receivedEvents.filter(
        (e): e is ExactEvent =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as ExactEvent).event === 'string' &&
          Number.isFinite((e as ExactEvent).at),
      );
      try {
        const record = await oneAtATime(async () => {
          const before = storeRevision();
          try {
            const written = await (await claimStore()).recordHistory(
              sighting as Sighting,
              exact,
              now,
              events,
            );
            storeWrites++;
            patchMirror(before, [written]);
            return written;
          } catch (error) {
            storeWrites++;
            mirror = undefined;
            throw error;
          }
        });
        lastOrder = undefined;
        return { ok: true, record, saved: true };
      } catch (error) {
        return {
          ok: true,
          record: mergeHistory(undefined, exact, sighting as Sighting, now, events),
          ...notSaved(error),
        };
      }
    },

    async firstFields(sighting, fields, now) {
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      const problem = sightingProblem(sighting) ?? firstFieldsProblem(fields);
      if (problem) return { ok: false, error: `first fields: ${problem}` };
      const sent = fields as FirstFields;
      try {
        const kept = await oneAtATime(async () => {
          const before = storeRevision();
          const claimId = (sighting as Sighting).claimId;
          const known = mirrorAt(before)?.get(claimId);
          const claims = await claimStore();
          try {
            const answer = await claims.keepFirstFields(sighting as Sighting, sent, now);
            // Written unless the kept record already held these fields (claim-store.ts puts only then).
            if (known === undefined || withFirstFields(known, sent) !== known) {
              storeWrites++;
              lastOrder = undefined;
              const written = await claims.get(claimId);
              if (written) patchMirror(before, [written]);
              else mirror = undefined;
            }
            return answer;
          } catch (error) {
            storeWrites++;
            mirror = undefined;
            throw error;
          }
        });
        return { ok: true, fields: kept, saved: true };
      } catch (error) {
        const { error: message } = notSaved(error);
        return { ok: true, fields: sent, saved: false, error: message };
      }
    },

    async deadlines(now, locale) {
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      try {
        const { pack, engine } = await currentEngine();
        const records = await storedRecords();
        return { ok: true, ...pendingDeadlines(records, engine, pack, locale, now) };
      } catch (error) {
        return {
          ok: false,
          error: errorMessage(error),
          ...problemOf(error),
        };
      }
    },

    async deadlinesPage(now, locale, { actor = 'all', offset = 0, limit = DEADLINES_PAGE_MAX }) {
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      try {
        const { pack, engine } = await currentEngine();
        let kept = lastOrder;
        if (kept?.now !== now || kept.engine !== engine || kept.actor !== actor) {
          const order = storedRecords().then((records) => deadlineOrder(records, engine, now, actor));
          kept = { now, engine, actor, order };
          lastOrder = kept;
          order.catch(() => {
            if (lastOrder?.order === order) lastOrder = undefined;
          });
        }
        const order = await kept.order;
        const size = Math.min(Math.max(0, limit), DEADLINES_PAGE_MAX);
        return { ok: true, ...deadlinesPage(order, pack, locale, Math.max(0, offset), size) };
      } catch (error) {
        return { ok: false, error: errorMessage(error), ...problemOf(error) };
      }
    },

    async popup(locale) {
      try {
        return { ok: true, ...popupShell(await partnerPack(), locale) };
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      }
    },

    async calendar(now, locale) {
      if (!Number.isFinite(now)) return { ok: false, error: `not a time: ${String(now)}` };
      try {
        const { pack, engine } = await currentEngine();
        const records = await storedRecords();
        return { ok: true, ...calendarDeadlines(records, engine, pack, locale, now) };
      } catch (error) {
        return { ok: false, error: errorMessage(error), ...problemOf(error) };
      }
    },

    async reminders(now, locale, sent) {
      const { pack, engine } = await currentEngine();
      const records = await storedRecords();
      return remindersDue(records, engine, pack, locale, now, sent);
    },

    claimsChanged() {
      storeWrites++;
      mirror = undefined;
      lastOrder = undefined;
    },

    invalidate() {
      table = undefined;
      lastOrder = undefined;
      lastWorker = undefined;
      invalidations++;
    },

    invalidatePack() {
      activePack.forget();
      table = undefined;
      lastOrder = undefined;
      lastWorker = undefined;
      invalidations++;
    },
  };
}
