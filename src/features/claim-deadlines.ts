/**
 * Feature 'claim-deadlines': on a claim's own page, a panel under its title with every pending
 * deadline of the claim, counted from the exact moments its History panel shows (which also makes
 * the claims list's badges exact from then on: the background keeps them in the claim's record).
 *
 * Read by what a person sees (src/page/read-detail.ts, rules/cpor/locators.json); the record is
 * kept by the background (messages); the clocks come from the deadline engine. Runs under the
 * content script's AbortSignal and never throws into the page.
 */

import { type DeadlineEngine, deadlineEngine } from '../deadlines/engine';
import type { ClockResult } from '../deadlines/types';
import { formatMessage } from '../i18n/format';
import type { ContextResponse, ErrorResponse, HistoryResponse } from '../messaging/protocol';
import { BADGE_COLOURS, claimBadge } from '../overlay/badges';
import { type DetailReading, localWallClock, mayBePage, readClaimDetail } from '../page';
import { DETAIL_PAGE_ID } from '../rules/ids';
import type { RulePack } from '../rules/types';
import type { ClaimRecord, ExactEvent, ExactStatus, Sighting } from '../store';
import { timelineOf } from '../store/claim-record';
import {
  DEADLINE_CONTENT_CSS,
  deadlineContent,
  showFailure,
  showNotice,
  showPackFallback,
} from './deadline-badges-view';
import { OWN_ATTRIBUTE as OWN, watchPage } from './watch';

export const FEATURE_ID = 'claim-deadlines';
const REFRESH_MS = 60_000;
const SETTLE_MS = 250;
/** A claim page that keeps rendering (History entries arriving) is still read this soon after it began. */
const MAX_WAIT_MS = 1_000;
/**
 * How long a claim page may stay unreadable before the partner is told so. Partner Center shows
 * a spinner first and renders the claim later (the replica, demo/claim-status.*.html, 300 ms
 * after load, and again 200 ms after Edit or Back): a read at that moment finds no fields yet, and
 * saying "not recognised" then would be wrong. A read that succeeds before this cancels it.
 */
const UNREADABLE_NOTICE_MS = 2_000;
const UNREADABLE_NOTICE = 'unreadable-claim';
const UNKNOWN_STATUS_NOTICE = 'unknown-status';

export interface ClaimPagePort {
  context(): Promise<ContextResponse | ErrorResponse>;
  history(
    sighting: Sighting,
    history: ExactStatus[],
    events: ExactEvent[],
    now: number,
  ): Promise<HistoryResponse | ErrorResponse>;
  now(): number;
}

const PANEL_CSS = `
:host { all: initial; display: block; margin: 8px 0 16px; }
section { max-width: 720px; padding: 12px 16px; border: 1px solid #d1d1d1; border-left: 4px solid ${BADGE_COLOURS.running.accent};
  border-radius: 4px; background: #fff; color: #242424; font: 400 13px/18px "Segoe UI", system-ui, sans-serif; }
${(['warning', 'critical', 'overdue'] as const).map((level) => `section[data-level="${level}"] { border-left-color: ${BADGE_COLOURS[level].accent}; }`).join('\n')}
.source { margin: 8px 0 0; font-size: 12px; color: #616161; }
`;

function removePanel(doc: Document): void {
  for (const host of doc.querySelectorAll(`[${OWN}="claim-panel"]`)) host.remove();
}

/** Removes this feature's notice of one kind (what it said is no longer true). */
function removeNotice(doc: Document, kind: string): void {
  for (const host of doc.querySelectorAll(`[${OWN}="notice"][data-kind="${kind}"]`)) host.remove();
}

/** The claim as the page shows it, read (readClaimDetail) with a known status. */
export type KnownClaimReading = Extract<DetailReading, { kind: 'detail' }> & { status: string };

/**
 * The claim's clocks as cpor-guard counts them: the page's History (exact moments) is sent to the
 * background, which merges it into the claim's record, and the deadline engine counts the
 * record's timeline. One function for every feature that shows a claim's deadline, so the claim
 * page's panel and its "What to do next" (claim-next-steps.ts) never count differently.
 * `sent` remembers what was last sent, so an unchanged page is not sent again.
 */
export async function claimClocks(
  reading: KnownClaimReading,
  port: ClaimPagePort,
  engine: DeadlineEngine,
  now: number,
  sent: { key: string; record?: ClaimRecord },
): Promise<{ record: ClaimRecord; clocks: ClockResult[] }> {
  const { claimId, status } = reading;
  const exact = reading.history.map((entry) => ({ status: entry.status, at: localWallClock(entry.at) }));
  const events = reading.events.map((entry) => ({ event: entry.event, at: localWallClock(entry.at) }));
  const key = JSON.stringify([claimId, status, exact, events]);
  if (key !== sent.key || !sent.record) {
    const response = await port.history({ claimId, status }, exact, events, now);
    if (!response.ok) throw new Error(response.error);
    sent.record = response.record;
    sent.key = key;
  }
  const record = sent.record;
  let clocks: ClockResult[] = [];
  try {
    clocks = engine.clocks(timelineOf(record), now);
  } catch (error) {
    console.warn(`[cpor-guard] claim ${claimId}:`, error);
  }
  return { record, clocks };
}

/** Puts (or updates) the panel after the claim's title; no pending deadline: no panel. */
function renderPanel(
  doc: Document,
  anchor: Element,
  claimId: string,
  clocks: readonly ClockResult[],
  record: ClaimRecord,
  pack: RulePack,
  locale: string,
): void {
  const badge = claimBadge(claimId, clocks, pack, locale);
  let host = doc.querySelector<HTMLElement>(`[${OWN}="claim-panel"]`);
  if (!badge) {
    host?.remove();
    return;
  }
  const content = JSON.stringify([claimId, locale, badge.description]);
  if (host?.dataset.content === content) return;
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(OWN, 'claim-panel');
    host.attachShadow({ mode: 'open' });
    anchor.insertAdjacentElement('afterend', host);
  }
  host.dataset.claimId = claimId;
  host.dataset.content = content;
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS + DEADLINE_CONTENT_CSS;
  const section = doc.createElement('section');
  const name = formatMessage(pack, 'ui.overlay.badgeName', locale, { claimId });
  section.setAttribute('aria-label', name);
  section.dataset.level = badge.level;
  section.append(...deadlineContent(doc, name, badge, pack, locale));
  const exact = record.history.filter((entry) => !entry.estimated).length;
  if (exact > 0) {
    const source = doc.createElement('p');
    source.className = 'source';
    source.textContent = formatMessage(pack, 'ui.overlay.fromHistory', locale, { count: exact });
    section.append(source);
  }
  host.shadowRoot!.replaceChildren(style, section);
}

/** Starts the feature; false (nothing done) when the address is not a claim's page. */
export async function init(
  signal: AbortSignal,
  port: ClaimPagePort,
  { doc = document, url = doc.location?.href ?? '' }: { doc?: Document; url?: string } = {},
): Promise<boolean> {
  let pack: RulePack;
  let engine: DeadlineEngine;
  let fallbackFrom: string | undefined;
  try {
    const response = await port.context();
    if (!response.ok) throw new Error(response.error);
    pack = response.pack;
    engine = deadlineEngine(response.pack, response.table);
    fallbackFrom = response.fallbackFrom;
  } catch (error) {
    console.error(`[cpor-guard] ${FEATURE_ID}: no rule pack from the background:`, error);
    return false;
  }
  if (signal.aborted || !mayBePage(url, pack, DETAIL_PAGE_ID)) return false;

  const sent: { key: string; record?: ClaimRecord } = { key: '' };
  let unreadableTimer: ReturnType<typeof setTimeout> | undefined;
  const cancelUnreadable = () => {
    clearTimeout(unreadableTimer);
    unreadableTimer = undefined;
    removeNotice(doc, UNREADABLE_NOTICE);
  };

  /**
   * The page shows no claim (yet): the notice only if it still shows none a while later, read
   * again then (a page that rendered in between is read by the change it made, and cancels this).
   */
  function noticeUnreadableLater(): void {
    if (unreadableTimer !== undefined) return;
    unreadableTimer = setTimeout(() => {
      unreadableTimer = undefined;
      if (signal.aborted) return;
      const again = readClaimDetail(doc, pack, url);
      if (again?.kind !== 'unreadable') return;
      const locale = again.locale ?? pack.pack.defaultLocale;
      console.warn(`[cpor-guard] ${FEATURE_ID}: claim page not readable:`, again.missing);
      showNotice(doc, UNREADABLE_NOTICE, formatMessage(pack, 'ui.pageNotRecognized', locale), pack, locale);
    }, UNREADABLE_NOTICE_MS);
  }

  async function scan(): Promise<void> {
    const reading = readClaimDetail(doc, pack, url);
    if (reading === null) {
      cancelUnreadable();
      return;
    }
    if (reading.kind === 'unreadable') {
      removePanel(doc);
      if (reading.reason === 'error') throw reading.error;
      noticeUnreadableLater();
      return;
    }
    cancelUnreadable();
    const { locale, claimId, status } = reading;
    if (fallbackFrom !== undefined) showPackFallback(doc, fallbackFrom, pack, locale);
    if (status === null) {
      removePanel(doc);
      showNotice(
        doc,
        UNKNOWN_STATUS_NOTICE,
        formatMessage(pack, 'ui.overlay.unknownStatus', locale, { status: reading.statusText }),
        pack,
        locale,
      );
      return;
    }
    removeNotice(doc, UNKNOWN_STATUS_NOTICE);
    const now = port.now();
    const counted = await claimClocks({ ...reading, status }, port, engine, now, sent);
    if (signal.aborted || !reading.heading) return;
    renderPanel(doc, reading.heading, claimId, counted.clocks, counted.record, pack, locale);
  }

  const locale = () => doc.documentElement.lang || pack.pack.defaultLocale;
  await watchPage(signal, doc, scan, {
    refreshMs: REFRESH_MS,
    settleMs: SETTLE_MS,
    maxWaitMs: MAX_WAIT_MS,
    onError: (error) => showFailure(doc, FEATURE_ID, error, pack, locale()),
    onAbort: () => {
      clearTimeout(unreadableTimer);
      removePanel(doc);
      for (const host of doc.querySelectorAll(`[${OWN}="notice"]`)) host.remove();
    },
  });
  return true;
}
