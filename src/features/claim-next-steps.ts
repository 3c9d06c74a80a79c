/**
 * Feature 'claim-next-steps': on a claim's own page, under its title (after claim-deadlines'
 * panel), what the partner can do next, as the rules say it:
 * - a claim waiting for the partner (a status with a clock that an action-required reason of
 *   reasons.json names): the reason the reviewer's latest comment gives (matched by the reasons'
 *   labels and aliases), what it means, the time left to answer, what to do and how to fix the
 *   PoE, and that the in-page check (claim-check.ts) checks the new PoE in Edit mode;
 * - a rejected claim (a status with a clock that a rejection reason names): the reason the page
 *   shows, matched to reasons.json, the status's meaning (one dispute, within its window; then a
 *   new association), the dispute window with its due date, or that the one dispute was used;
 * - a closed claim (a status with no way out): no dispute, only a new association, with a link to
 *   the claims list where the partner adds the customer again;
 * - an approved claim (a status with a customer's clock): the customer's opt-out period as its
 *   clock says (since 2023-10-10 at any time: decision 'opt-out-window' in pack.json) and what the
 *   partner's own way out (Disassociate customer) leads to.
 * Which status is which is read from the rules' shape (clocks, transitions), not from status ids;
 * every text is the rules' (messages.json ui.next.*, reasons.json, statuses.json). The clocks are
 * counted by claim-deadlines' claimClocks, so both panels always agree.
 */

import { countdownText } from '../deadlines/countdown';
import { type DeadlineEngine, deadlineEngine } from '../deadlines/engine';
import type { ClockResult } from '../deadlines/types';
import { formatMessage, localize } from '../i18n/format';
import { addressSays, type DetailReading, LIST_PAGE_ID, mayBePage, readClaimDetail } from '../page';
import { type ClaimNotes, matchReason, readClaimNotes } from '../page/read-comments';
import { DETAIL_PAGE_ID } from '../rules/ids';
import type { ActionRequiredReason, LocalizedText, RejectionReason, RulePack } from '../rules/types';
import type { ClaimRecord } from '../store';
import { type ClaimPagePort, claimClocks } from './claim-deadlines';
import { showFailure } from './deadline-badges-view';
import { OWN_ATTRIBUTE as OWN, watchPage } from './watch';

export const FEATURE_ID = 'claim-next-steps';
const HOST = 'next-steps';
/** claim-deadlines' panel under the same title: ours goes after it, never on top of it. */
const DEADLINES_HOST = 'claim-panel';
const REFRESH_MS = 60_000;
const SETTLE_MS = 250;
const MAX_WAIT_MS = 1_000;
/** A reviewer's comment is quoted up to this many characters when its reason is not known. */
const QUOTE_CHARS = 200;

export type ClaimNextStepsPort = ClaimPagePort;

/** What a claim's status asks of the partner, told from the rules' shape. */
export type Situation = 'action-required' | 'rejected' | 'closed' | 'approved';

/** One block of the panel: a paragraph, a list, or a link. */
export type Block =
  | { type: 'p'; text: string; role?: 'reason' | 'deadline' | 'note' }
  | { type: 'ul'; heading: string; items: string[] }
  | { type: 'a'; text: string; href: string };

export interface NextSteps {
  claimId: string;
  situation: Situation;
  /** The reason of reasons.json that was matched; null when none could be told. */
  reasonId: string | null;
  blocks: Block[];
}

type Status = RulePack['statuses']['statuses'][number];

/** The status's situation: the clocks its reasons name, its way out, the customer's clock. */
export function situationOf(pack: RulePack, status: Status): Situation | null {
  const clocks = new Set(status.clocks.map((c) => c.id));
  const named = (reasons: readonly (ActionRequiredReason | RejectionReason)[], action: string) =>
    reasons.some((r) =>
      r.next.some((n) => n.action === action && n.clock !== undefined && clocks.has(n.clock)),
    );
  if (named(pack.reasons.actionRequired, 'respond')) return 'action-required';
  if (named(pack.reasons.rejection, 'dispute')) return 'rejected';
  if (status.transitions.length === 0 && !status.draft) return 'closed';
  if (status.clocks.some((c) => c.actor === 'customer')) return 'approved';
  return null;
}

/** The clock ids a reason's steps name, else the status's clocks of `actor`. */
function clockIds(
  status: Status,
  reason: ActionRequiredReason | RejectionReason | null,
  actor: string,
): string[] {
  const fromReason = (reason?.next ?? []).flatMap((n) => (n.clock ? [n.clock] : []));
  return fromReason.length > 0 ? fromReason : status.clocks.filter((c) => c.actor === actor).map((c) => c.id);
}

/** The latest run of one of `ids` that started in `status`. */
function clockOf(clocks: readonly ClockResult[], ids: readonly string[], status: string): ClockResult | null {
  const runs = clocks.filter((c) => ids.includes(c.id) && c.status === status);
  return runs.sort((a, b) => a.start - b.start).at(-1) ?? null;
}

function deadlineBlock(pack: RulePack, clock: ClockResult, locale: string): Block {
  const label = localize(clock.label as LocalizedText, locale, pack.pack.defaultLocale);
  const text = countdownText(pack, clock, locale);
  const parts = [
    text.line === text.relative
      ? formatMessage(pack, 'ui.next.deadline', locale, { label, relative: text.relative })
      : formatMessage(pack, 'ui.next.deadlineWithDue', locale, {
          label,
          relative: text.relative,
          due: text.line,
        }),
  ];
  if (clock.state === 'expired' && clock.onExpiry?.text)
    parts.push(localize(clock.onExpiry.text, locale, pack.pack.defaultLocale));
  return { type: 'p', text: parts.join(' '), role: 'deadline' };
}

const isPending = (clock: ClockResult) =>
  !clock.endless && (clock.state === 'running' || clock.state === 'expired' || clock.state === 'paused');

/** The reviewer's latest comment (by its moment, else the last in the page). */
function latestReviewerComment(notes: ClaimNotes): string | null {
  const byReviewer = notes.comments
    .map((comment, index) => ({ comment, index }))
    .filter(({ comment }) => comment.byReviewer);
  byReviewer.sort((a, b) => (a.comment.at ?? '').localeCompare(b.comment.at ?? '') || a.index - b.index);
  return byReviewer.at(-1)?.comment.text ?? null;
}

/** The unique texts, in order. */
const unique = (texts: readonly string[]) => [...new Set(texts.filter((t) => t !== ''))];

/** The claims list's address: the claim page's without its last segment, when the rules call that the list. */
export function listAddressOf(url: string, pack: RulePack): string | null {
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return null;
  }
  const segments = address.pathname.split('/').filter((s) => s !== '');
  if (segments.length < 2) return null;
  address.pathname = `/${segments.slice(0, -1).join('/')}`;
  address.search = '';
  address.hash = '';
  return addressSays(address.href, pack, LIST_PAGE_ID) === 'this' ? address.href : null;
}

/**
 * What to do next on the claim that `reading` shows, from its notes (comments, rejection reason)
 * and its clocks. Pure: no DOM but what `notes` read. null when the status asks nothing that the
 * rules describe (Submitted, Under review, …).
 */
export function nextSteps(
  pack: RulePack,
  reading: Extract<DetailReading, { kind: 'detail' }> & { status: string },
  notes: ClaimNotes,
  clocks: readonly ClockResult[],
  url: string,
): NextSteps | null {
  const { locale, claimId } = reading;
  const status = pack.statuses.statuses.find((s) => s.id === reading.status);
  if (!status) return null;
  const situation = situationOf(pack, status);
  if (!situation) return null;
  const fallback = pack.pack.defaultLocale;
  const text = (t: LocalizedText) => localize(t, locale, fallback);
  const meaning: Block = { type: 'p', text: text(status.meaning) };
  const blocks: Block[] = [];
  let reasonId: string | null = null;

  if (situation === 'action-required') {
    const comment = latestReviewerComment(notes);
    const match = comment === null ? null : matchReason(comment, pack.reasons.actionRequired);
    const reason = match?.reason ?? null;
    reasonId = reason?.id ?? null;
    if (reason) {
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.reviewerReason', locale, { reason: text(reason.label) }),
        role: 'reason',
      });
      blocks.push({ type: 'p', text: text(reason.description) });
    } else if (comment !== null) {
      const quoted = comment.length > QUOTE_CHARS ? `${comment.slice(0, QUOTE_CHARS - 1)}…` : comment;
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.reviewerReasonUnknown', locale, { comment: quoted }),
        role: 'reason',
      });
    } else
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.noReviewerComment', locale),
        role: 'reason',
      });
    const clock = clockOf(clocks, clockIds(status, reason, 'partner'), status.id);
    if (clock && isPending(clock)) blocks.push(deadlineBlock(pack, clock, locale));
    const steps = reason
      ? unique([
          ...reason.next.map((n) => text(n.text)),
          ...reason.poeChecks
            .filter((c) => c.severity === 'blocking' && c.predictsReason !== false)
            .map((c) => text(c.fix)),
        ])
      : [text(status.meaning)];
    blocks.push({ type: 'ul', heading: formatMessage(pack, 'ui.next.whatToDo', locale), items: steps });
    blocks.push({ type: 'p', text: formatMessage(pack, 'ui.next.checkPanel', locale), role: 'note' });
  } else if (situation === 'rejected') {
    const shown = notes.rejectionReason ?? latestReviewerComment(notes);
    const match = shown === null ? null : matchReason(shown, pack.reasons.rejection);
    const reason = match?.reason ?? null;
    reasonId = reason?.id ?? null;
    if (reason) {
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.rejectionReason', locale, { reason: text(reason.label) }),
        role: 'reason',
      });
      blocks.push({ type: 'p', text: text(reason.description) });
    } else if (notes.rejectionReason !== null)
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.rejectionReasonUnknown', locale, {
          reason: notes.rejectionReason,
        }),
        role: 'reason',
      });
    else
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.noRejectionReason', locale),
        role: 'reason',
      });
    blocks.push(meaning);
    const clock = clockOf(clocks, clockIds(status, reason, 'partner'), status.id);
    if (clock && isPending(clock)) blocks.push(deadlineBlock(pack, clock, locale));
    else if (clock?.state === 'stopped')
      blocks.push({ type: 'p', text: formatMessage(pack, 'ui.next.disputeUsed', locale), role: 'deadline' });
    if (reason)
      blocks.push({
        type: 'ul',
        heading: formatMessage(pack, 'ui.next.whatToDo', locale),
        items: unique(reason.next.map((n) => text(n.text))),
      });
  } else if (situation === 'closed') {
    blocks.push(meaning, {
      type: 'p',
      text: formatMessage(pack, 'ui.next.noDispute', locale),
      role: 'reason',
    });
    const list = listAddressOf(url, pack);
    if (list) blocks.push({ type: 'a', text: formatMessage(pack, 'ui.next.toList', locale), href: list });
  } else {
    blocks.push(meaning);
    const clock = clockOf(clocks, clockIds(status, null, 'customer'), status.id);
    if (clock?.endless && clock.onExpiry?.text) {
      const label = text(clock.label as LocalizedText);
      blocks.push({ type: 'p', text: `${label}: ${text(clock.onExpiry.text)}`, role: 'deadline' });
    } else if (clock && isPending(clock)) blocks.push(deadlineBlock(pack, clock, locale));
    // The partner's own way out: a transition of theirs to a status with no way out (Disassociate customer).
    for (const transition of status.transitions) {
      const to = pack.statuses.statuses.find((s) => s.id === transition.to);
      if (transition.actor !== 'partner' || !to || to.transitions.length > 0) continue;
      blocks.push({
        type: 'p',
        text: formatMessage(pack, 'ui.next.leave', locale, {
          when: text(transition.when),
          status: text(to.label),
        }),
      });
    }
  }
  return { claimId, situation, reasonId, blocks };
}

// ---------------------------------------------------------------------------------------------
// The panel

const PANEL_CSS = `
:host { all: initial; display: block; margin: 8px 0 16px; }
section { max-width: 720px; padding: 12px 16px; border: 1px solid #d1d1d1; border-left: 4px solid #0f6cbd;
  border-radius: 4px; background: #fff; color: #242424; font: 400 13px/18px "Segoe UI", system-ui, sans-serif; }
section[data-situation="rejected"], section[data-situation="closed"] { border-left-color: #c50f1f; }
section[data-situation="approved"] { border-left-color: #107c10; }
h2 { font-size: 13px; margin: 0 0 8px; }
h3 { font-size: 12px; margin: 8px 0 4px; }
p { margin: 0 0 6px; }
p.reason { font-weight: 600; }
p.note { color: #616161; font-size: 12px; }
ul { margin: 0 0 6px; padding: 0 0 0 16px; }
li { margin: 0 0 4px; }
a { color: #0f6cbd; }
`;

function removePanel(doc: Document): void {
  for (const host of doc.querySelectorAll(`[${OWN}="${HOST}"]`)) host.remove();
}

/** Puts (or updates) the panel under the claim's title, after claim-deadlines' panel when it is there. */
export function renderNextSteps(
  doc: Document,
  heading: Element,
  steps: NextSteps,
  pack: RulePack,
  locale: string,
): void {
  const content = JSON.stringify([locale, steps]);
  let host = doc.querySelector<HTMLElement>(`[${OWN}="${HOST}"]`);
  if (host?.dataset.content === content) return;
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(OWN, HOST);
    host.attachShadow({ mode: 'open' });
  }
  const after =
    heading.nextElementSibling?.getAttribute(OWN) === DEADLINES_HOST ? heading.nextElementSibling : heading;
  if (after.nextElementSibling !== host) after.insertAdjacentElement('afterend', host);
  host.dataset.claimId = steps.claimId;
  host.dataset.content = content;
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const section = doc.createElement('section');
  section.setAttribute('aria-label', formatMessage(pack, 'ui.next.name', locale, { claimId: steps.claimId }));
  section.dataset.situation = steps.situation;
  if (steps.reasonId) section.dataset.reason = steps.reasonId;
  const title = doc.createElement('h2');
  title.textContent = formatMessage(pack, 'ui.next.title', locale);
  section.append(title);
  for (const block of steps.blocks) {
    if (block.type === 'p') {
      const p = doc.createElement('p');
      if (block.role) p.className = block.role;
      p.textContent = block.text;
      section.append(p);
    } else if (block.type === 'ul') {
      const h = doc.createElement('h3');
      h.textContent = block.heading;
      const list = doc.createElement('ul');
      for (const item of block.items) {
        const li = doc.createElement('li');
        li.textContent = item;
        list.append(li);
      }
      section.append(h, list);
    } else {
      const p = doc.createElement('p');
      const a = doc.createElement('a');
      a.href = block.href;
      a.textContent = block.text;
      p.append(a);
      section.append(p);
    }
  }
  host.shadowRoot!.replaceChildren(style, section);
}

/** Starts the feature; false (nothing done) when the address is not a claim's page. */
export async function init(
  signal: AbortSignal,
  port: ClaimNextStepsPort,
  { doc = document, url = doc.location?.href ?? '' }: { doc?: Document; url?: string } = {},
): Promise<boolean> {
  let pack: RulePack;
  let engine: DeadlineEngine;
  try {
    const response = await port.context();
    if (!response.ok) throw new Error(response.error);
    pack = response.pack;
    engine = deadlineEngine(response.pack, response.table);
  } catch (error) {
    console.error(`[cpor-guard] ${FEATURE_ID}: no rule pack from the background:`, error);
    return false;
  }
  if (signal.aborted || !mayBePage(url, pack, DETAIL_PAGE_ID)) return false;

  const sent: { key: string; record?: ClaimRecord } = { key: '' };
  async function scan(): Promise<void> {
    const reading = readClaimDetail(doc, pack, url);
    // Not a claim (yet): claim-deadlines tells the partner when the page stays unreadable.
    if (reading?.kind !== 'detail' || reading.status === null || !reading.heading) {
      removePanel(doc);
      return;
    }
    const known = { ...reading, status: reading.status };
    const status = pack.statuses.statuses.find((s) => s.id === known.status);
    if (!status || situationOf(pack, status) === null) {
      removePanel(doc);
      return;
    }
    const notes = readClaimNotes(doc, pack, reading.locale);
    const { clocks } = await claimClocks(known, port, engine, port.now(), sent);
    if (signal.aborted) return;
    const steps = nextSteps(pack, known, notes, clocks, url);
    if (steps) renderNextSteps(doc, reading.heading, steps, pack, reading.locale);
    else removePanel(doc);
  }

  await watchPage(signal, doc, scan, {
    refreshMs: REFRESH_MS,
    settleMs: SETTLE_MS,
    maxWaitMs: MAX_WAIT_MS,
    onError: (error) =>
      showFailure(doc, FEATURE_ID, error, pack, doc.documentElement.lang || pack.pack.defaultLocale),
    onAbort: () => removePanel(doc),
  });
  return true;
}
