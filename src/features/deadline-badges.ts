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
import { SUBMITTED_STATUS_ID } from '../rules/contract';
import type { RulePack } from '../rules/types';
import { type ClaimRecord, type Sighting, timelineOf } from '../store';
import {
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

/** What the feature needs from the extension; the content script passes runtime messages, tests fakes. */
export interface OverlayPort {
  context(): Promise<ContextResponse | ErrorResponse>;
  sightings(sightings: Sighting[], now: number): Promise<SightingsResponse | ErrorResponse>;
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
    context = {
      pack: response.pack,
      engine: deadlineEngine(response.pack, response.table),
      fallbackFrom: response.fallbackFrom,
    };
  } catch (error) {
    console.error(`[cpor-guard] ${FEATURE_ID}: no rule pack from the background:`, error);
    return false;
  }
  if (signal.aborted) return false;
  if (!mayBePage(url, context.pack, LIST_PAGE_ID)) return false;

  const { pack, engine, fallbackFrom } = context;
  let records = new Map<string, ClaimRecord>();
  let sentKey = '';
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

    // Tell the background only what changed: the countdowns refresh every minute without it.
    const key = known.map((r) => `${r.claimId}:${r.status}:${r.submitted}:${r.lastUpdated}`).join('|');
    if (key !== sentKey) {
      const sightings = known.map(sightingOf);
      const response = await port.sightings(sightings, now);
      if (signal.aborted) return;
      if (!response.ok) throw new Error(response.error);
      records = new Map(response.records.map((record) => [record.claimId, record]));
      sentKey = key;
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

    const badges: (ClaimBadge | null)[] = [];
    for (const row of rows) {
      if (row.status === null) {
        renderBadge(row.statusCell, row.claimId, null, pack, locale, {
          unknown: formatMessage(pack, 'ui.overlay.unknownStatus', locale, { status: row.statusText }),
        });
        continue;
      }
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
      renderBadge(row.statusCell, row.claimId, badge, pack, locale);
    }

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
