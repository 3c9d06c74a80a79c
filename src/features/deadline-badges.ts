/**
 * Feature 'deadline-badges': on the claims list, a countdown badge beside each claim's status for
 * every pending deadline (the most pressing one's time left; all of them, with due dates in both
 * calendars, on activation), and the page's summary on the toolbar icon.
 *
 * The page is read by what a person sees (src/page, rules/cpor/locators.json); the claims' status
 * history lives in the background's database (messages, src/messaging/protocol.ts); the clocks
 * come from the deadline engine over the background's holiday table. Everything runs under the
 * content script's AbortSignal and never throws into the page: a page it cannot read gets a small
 * notice, an error of ours gets a notice and a console message with the feature id.
 */

import { type DeadlineEngine, deadlineEngine } from '../deadlines/engine';
import type { ClockResult } from '../deadlines/types';
import { formatMessage } from '../i18n/format';
import type { ContextResponse, ErrorResponse, SightingsResponse } from '../messaging/protocol';
import { type ClaimBadge, claimBadge, type PageSummary, summarizeBadges } from '../overlay/badges';
import {
  type ClaimRow,
  endOfLocalDate,
  LIST_PAGE_ID,
  type ListReading,
  mayBePage,
  readClaimList,
} from '../page';
import { errorMessage } from '../platform/error-message';
import { SUBMITTED_STATUS_ID } from '../rules/ids';
import type { RulePack } from '../rules/types';
import type { ClaimRecord, Sighting } from '../store';
import { timelineOf } from '../store/claim-record';
import {
  placeBadges,
  removeBadges,
  removeOverlay,
  renderBadge,
  showFailure,
  showNotice,
  showPackFallback,
} from './deadline-badges-view';
import { watchPage } from './watch';

export const FEATURE_ID = 'deadline-badges';
/** How often the countdowns are recomputed while the page stays open. */
const REFRESH_MS = 60_000;
/** How long the page must be quiet before it is read again after a change (SPA renders in bursts). */
const SETTLE_MS = 250;
/** Rows that keep streaming in still get their badges this soon after the first of them. */
const MAX_WAIT_MS = 1_000;
/**
 * Badges are made in slices of about this long, the page's own tasks (a click, a scroll) running
 * between them: a browser counts a task over 50 ms as long, and a 5,000-row list is far more.
 */
const SLICE_MS = 25;
/** The window's badges go into the page before the others only when the others take longer than this to make. */
const EARLY_PLACE_MS = 300;

/** Lets the page run its own tasks, then goes on (scheduler.yield where there is one). */
function nextTask(doc: Document): Promise<void> {
  const scheduler = (doc.defaultView as (Window & { scheduler?: { yield?: () => Promise<void> } }) | null)
    ?.scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The rows in the window first (the partner sees them get their badge first), then the others in page order. */
function visibleFirst<T extends { statusCell: Element }>(rows: readonly T[], doc: Document): T[] {
  const height = doc.defaultView?.innerHeight ?? 0;
  const visible: T[] = [];
  const others: T[] = [];
  for (const row of rows) {
    const { top, bottom } = row.statusCell.getBoundingClientRect();
    (bottom >= 0 && top <= height ? visible : others).push(row);
  }
  return visible.concat(others);
}

/** What the background was last told about a row: a sighting goes again only when this changes. */
function rowKey(row: ClaimRow): string {
  return `${row.status}:${row.submitted}:${row.lastUpdated}:${row.link}`;
}

/** What the feature needs from the extension; the content script passes runtime messages, tests fakes. */
export interface OverlayPort {
  context(): Promise<ContextResponse | ErrorResponse>;
  /**
   * Tells the background what the list shows and answers the rows' records. `verify`: the first
   * reading of a navigation (the content script's port sends only rows that changed since this tab
   * sent them, src/overlay/sightings-cache.ts, and asks whether its copy of the rest is current).
   */
  sightings(
    sightings: Sighting[],
    now: number,
    options?: { verify?: boolean },
  ): Promise<SightingsResponse | ErrorResponse>;
  summary(summary: PageSummary, locale: string): Promise<unknown>;
  now(): number;
}

interface Context {
  pack: RulePack;
  engine: DeadlineEngine;
  /** The pack chosen as active, when `pack` stands in for it. */
  fallbackFrom: string | undefined;
}

/** The first text of a keyword list (rules' localizedKeywords) in the locale, else in the fallback. */
function localizeKeywords(
  texts: Record<string, string[] | undefined>,
  locale: string,
  fallback: string,
): string | undefined {
  return texts[locale]?.[0] ?? texts[fallback]?.[0];
}

/** The page's bound for when a row's claim entered its status: the submission date for 'submitted', else the last update. */
export function sightingOf(row: ClaimRow & { status: string }): Sighting {
  const date = row.status === SUBMITTED_STATUS_ID ? (row.submitted ?? row.lastUpdated) : row.lastUpdated;
  return {
    claimId: row.claimId,
    status: row.status,
    ...(date ? { pageBound: endOfLocalDate(date) } : {}),
    ...(row.link ? { url: row.link } : {}),
  };
}

/**
 * Starts the feature on this page. Returns false (and does nothing) when the address is not the
 * claims list. Otherwise it watches the page until `signal` aborts: Partner Center renders the
 * list after the address changes, and re-renders it when the partner sorts, filters or pages.
 */
export async function init(
  signal: AbortSignal,
  port: OverlayPort,
  { doc = document, url = doc.location?.href ?? '' }: { doc?: Document; url?: string } = {},
): Promise<boolean> {
  let context: Context;
  try {
    const response = await port.context();
    if (!response.ok) throw new Error(response.error);
    if (signal.aborted || !mayBePage(url, response.pack, LIST_PAGE_ID)) return false;
    context = {
      pack: response.pack,
      // deadlineEngine keeps one engine per pack and table: the content script keeps the background's
      // context across in-page navigations, so a navigation reuses it.
      engine: deadlineEngine(response.pack, response.table),
      fallbackFrom: response.fallbackFrom,
    };
  } catch (error) {
    console.error(`[cpor-guard] ${FEATURE_ID}: no rule pack from the background:`, error);
    return false;
  }
  // The engine was built in this task: the list is read in the next.
  await nextTask(doc);
  if (signal.aborted) return false;

  const { pack, engine, fallbackFrom } = context;
  const records = new Map<string, ClaimRecord>();
  /** Per claim, the row as the background last saw it (rowKey). */
  const sent = new Map<string, string>();
  /** Whether this navigation's first reading asked the port (with `verify`). */
  let verified = false;
  let summaryKey = '';
  let storeProblem: string | undefined;
  async function scan(): Promise<void> {
    if (signal.aborted) return;
    const reading: ListReading | null = readClaimList(doc, pack, { url });
    if (reading === null) return; // not rendered yet, or another view: wait for the next change
    if (reading.kind === 'unreadable') {
      const locale = reading.locale ?? pack.pack.defaultLocale;
      console.warn(
        `[cpor-guard] ${FEATURE_ID}: list not readable (${reading.reason}):`,
        reading.missing,
        reading.error ?? '',
      );
      removeBadges(doc);
      if (reading.reason === 'error') throw reading.error;
      // Name the missing columns as the partner would see them ("Status"), not by their rule ids.
      const missing = reading.missing.map((id) => {
        const target = pack.locators.targets.find((t) => t.id === id);
        return target ? (localizeKeywords(target.text, locale, pack.pack.defaultLocale) ?? id) : id;
      });
      showNotice(
        doc,
        'unreadable',
        formatMessage(pack, 'ui.overlay.unreadable', locale, {
          missing: missing.map((m) => `“${m}”`).join(', '),
        }),
        pack,
        locale,
      );
      return;
    }
    const { locale, rows } = reading;
    if (fallbackFrom !== undefined) showPackFallback(doc, fallbackFrom, pack, locale);
    const known = rows.filter((row): row is ClaimRow & { status: string } => row.status !== null);
    const now = port.now();

    // Tell the background only the rows that changed since it last saw them (a sort, a page of the
    // list, a re-render send nothing new): the countdowns refresh every minute without it. The
    // first reading of each navigation hands every row to the port: its answer is the records the
    // badges need, and they may have changed since (a claim's own page recorded its History). The
    // content script's port sends only the rows that changed since this tab sent them, when the
    // store has not changed otherwise (src/overlay/sightings-cache.ts); the background writes
    // only the records that changed (src/store/claim-store.ts mustWrite).
    const changed = known.filter((row) => sent.get(row.claimId) !== rowKey(row));
    if (changed.length > 0 || !verified) {
      const response = await port.sightings(changed.map(sightingOf), now, { verify: !verified });
      verified = true;
      if (signal.aborted) return;
      if (!response.ok) throw new Error(response.error);
      for (const record of response.records) records.set(record.claimId, record);
      for (const row of changed) sent.set(row.claimId, rowKey(row));
      if (!response.saved && response.error !== storeProblem) {
        storeProblem = response.error;
        showNotice(
          doc,
          'not-saved',
          formatMessage(
            pack,
            response.problem ? `ui.overlay.notSaved.${response.problem}` : 'ui.overlay.notSaved',
            locale,
            { error: response.error ?? '' },
          ),
          pack,
          locale,
        );
      }
    }

    // In slices, the rows in the window first, and the page touched once or twice. Any change to
    // the list makes the browser lay out and paint the whole list again at its next frame (about
    // 65 ms at 1,000 rows and 600 ms at 5,000 here, for one character in one cell: `npx tsx
    // scripts/bench/list.ts` prints it), so slices that only compute cost no frame, and the
    // badges go into the page together at the end. Only when the rest would take longer than
    // EARLY_PLACE_MS do the window's badges go in after the first slice, so the partner sees them first.
    const badges: (ClaimBadge | null)[] = [];
    let made: HTMLElement[] = [];
    let firstSlice = true;
    const ordered = visibleFirst(rows, doc);
    let done = 0;
    let sliceStart = performance.now();
    for (const row of ordered) {
      const spent = performance.now() - sliceStart;
      if (spent > SLICE_MS) {
        if (firstSlice) {
          firstSlice = false;
          const rest = (spent / done) * (ordered.length - done);
          if (rest > EARLY_PLACE_MS) {
            placeBadges(doc, made);
            made = [];
          }
        }
        await nextTask(doc);
        if (signal.aborted) return;
        sliceStart = performance.now();
      }
      done++;
      let host: HTMLElement | null;
      if (row.status === null) {
        host = renderBadge(row.statusCell, row.claimId, null, pack, locale, {
          unknown: formatMessage(pack, 'ui.overlay.unknownStatus', locale, { status: row.statusText }),
        });
      } else {
        const record = records.get(row.claimId);
        let clocks: ClockResult[] = [];
        try {
          clocks = record ? engine.clocks(timelineOf(record), now) : [];
        } catch (error) {
          // e.g. a claim older than the holiday table: no badge rather than a wrong one.
          console.warn(`[cpor-guard] ${FEATURE_ID}: claim ${row.claimId}:`, errorMessage(error));
        }
        const badge = claimBadge(row.claimId, clocks, pack, locale);
        badges.push(badge);
        host = renderBadge(row.statusCell, row.claimId, badge, pack, locale);
      }
      if (host) made.push(host);
    }
    // The page's layout of the new badges (placeBadges measures their cells) in a task of its own.
    if (made.length > 0 && !firstSlice) {
      await nextTask(doc);
      if (signal.aborted) return;
    }
    placeBadges(doc, made);

    const summary = summarizeBadges(badges);
    const summaryText = JSON.stringify([summary, locale]);
    if (summaryText !== summaryKey) {
      summaryKey = summaryText;
      await port.summary(summary, locale).catch((error: unknown) => {
        console.warn(`[cpor-guard] ${FEATURE_ID}: toolbar summary:`, errorMessage(error));
      });
    }
  }

  const locale = () => doc.documentElement.lang || pack.pack.defaultLocale;
  await watchPage(signal, doc, scan, {
    refreshMs: REFRESH_MS,
    settleMs: SETTLE_MS,
    maxWaitMs: MAX_WAIT_MS,
    onError: (error) => showFailure(doc, FEATURE_ID, error, pack, locale()),
    onAbort: () => removeOverlay(doc),
  });
  return true;
}
