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
import { localWallClock, mayBePage, readClaimDetail } from '../page';
import { DETAIL_PAGE_ID } from '../rules/contract';
import type { RulePack } from '../rules/types';
import { type ClaimRecord, type ExactEvent, type ExactStatus, type Sighting, timelineOf } from '../store';
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

  let record: ClaimRecord | undefined;
  let sentKey = '';

  async function scan(): Promise<void> {
    const reading = readClaimDetail(doc, pack, url);
    if (reading === null) return;
    if (reading.kind === 'unreadable') {
      removePanel(doc);
      if (reading.reason === 'error') throw reading.error;
      const locale = reading.locale ?? pack.pack.defaultLocale;
      console.warn(`[cpor-guard] ${FEATURE_ID}: claim page not readable:`, reading.missing);
      showNotice(doc, 'unreadable-claim', formatMessage(pack, 'ui.pageNotRecognized', locale), pack, locale);
      return;
    }
    const { locale, claimId, status } = reading;
    if (fallbackFrom !== undefined) showPackFallback(doc, fallbackFrom, pack, locale);
    if (status === null) {
      removePanel(doc);
      showNotice(
        doc,
        'unknown-status',
        formatMessage(pack, 'ui.overlay.unknownStatus', locale, { status: reading.statusText }),
        pack,
        locale,
      );
      return;
    }
    const now = port.now();
    const exact = reading.history.map((entry) => ({ status: entry.status, at: localWallClock(entry.at) }));
    const events = reading.events.map((entry) => ({ event: entry.event, at: localWallClock(entry.at) }));
    const key = JSON.stringify([claimId, status, exact, events]);
    if (key !== sentKey) {
      const response = await port.history({ claimId, status }, exact, events, now);
      if (signal.aborted) return;
      if (!response.ok) throw new Error(response.error);
      record = response.record;
      sentKey = key;
    }
    if (!record || !reading.heading) return;
    let clocks: ClockResult[] = [];
    try {
      clocks = engine.clocks(timelineOf(record), now);
    } catch (error) {
      console.warn(`[cpor-guard] ${FEATURE_ID}: claim ${claimId}:`, error);
    }
    renderPanel(doc, reading.heading, claimId, clocks, record, pack, locale);
  }

  const locale = () => doc.documentElement.lang || pack.pack.defaultLocale;
  await watchPage(signal, doc, scan, {
    refreshMs: REFRESH_MS,
    settleMs: SETTLE_MS,
    maxWaitMs: MAX_WAIT_MS,
    onError: (error) => showFailure(doc, FEATURE_ID, error, pack, locale()),
    onAbort: () => {
      removePanel(doc);
      for (const host of doc.querySelectorAll(`[${OWN}="notice"]`)) host.remove();
    },
  });
  return true;
}
