/**
 * The DOM of feature 'deadline-badges': a badge host in a claim's status cell and a notice host on
 * the page, each with its own shadow root (the host page's CSS cannot reach in, ours cannot leak
 * out; px, never rem). Hosts carry data-cpor-guard so the feature recognises (and never
 * duplicates) its own nodes. Keyboard: the badge is a button; Enter or Space opens the deadlines
 * (a popover, so the grid cell's overflow cannot clip it, placed by Floating UI), Escape or a
 * second press closes them.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { formatMessage } from '../i18n/format';
import { BADGE_COLOURS, type ClaimBadge } from '../overlay/badges';
import { errorMessage } from '../platform/error-message';
import type { RulePack } from '../rules/types';

const OWN = 'data-cpor-guard';
const PREFIX = 'cpor-guard-deadline-badges';

const BADGE_CSS = `
/* Beside the status when both fit in the cell; on a line of its own under it when they do not
   (layoutBadge measures the real cell): never over the host's text, never cut off. */
:host { all: initial; display: inline-flex; flex: none; margin-left: 8px; vertical-align: middle; max-width: 100%; }
:host([data-layout="stacked"]) { display: flex; flex: 0 0 100%; margin: 4px 0 0; }
button { font: 600 12px/18px "Segoe UI", system-ui, sans-serif; border-radius: 10px; border: 1px solid;
  padding: 0 8px; cursor: pointer; white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
[popover] { margin: 0; inset: auto; position: fixed; top: 0; left: 0; max-width: min(380px, calc(100vw - 16px));
  max-height: calc(100vh - 16px); overflow: auto; box-sizing: border-box; padding: 12px; border: 1px solid #d1d1d1;
  border-radius: 4px; background: #fff; color: #242424; box-shadow: 0 4px 16px rgba(0,0,0,.2);
  font: 400 13px/18px "Segoe UI", system-ui, sans-serif; }
`;

/** The gap between the status and a badge beside it (the host's margin-left above). */
const INLINE_GAP_PX = 8;

/**
 * Decides, from the real cell, whether the badge fits beside the status ('inline') or goes on a
 * line of its own under it ('stacked'), and applies it. Only widths decide, and they do not change
 * with the choice, so re-measuring after a resize never flips back and forth. A flex cell (the
 * replica's, Fluent's) gets flex-wrap for the second line; it is given back as it was when the
 * badge goes inline again or away.
 */
export function layoutBadge(host: HTMLElement): void {
  const cell = host.parentElement;
  const button = host.shadowRoot?.querySelector('button');
  if (!cell || !button) return;
  const view = cell.ownerDocument.defaultView;
  const style = view?.getComputedStyle(cell);
  const padding = style ? parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) : 0;
  const available = cell.clientWidth - (Number.isFinite(padding) ? padding : 0);
  const needed = hostContentWidth(cell, host) + INLINE_GAP_PX + button.scrollWidth;
  const stacked = needed > available;
  host.dataset.layout = stacked ? 'stacked' : 'inline';
  if (stacked && style?.display.includes('flex')) {
    if (!cell.hasAttribute(WRAP_ATTRIBUTE)) cell.setAttribute(WRAP_ATTRIBUTE, cell.style.flexWrap);
    cell.style.flexWrap = 'wrap';
  } else restoreWrap(cell);
}

/** The host page's own attribute for the cell's flex-wrap before a stacked badge changed it. */
const WRAP_ATTRIBUTE = 'data-cpor-guard-wrap';

function restoreWrap(cell: Element): void {
  const before = cell.getAttribute(WRAP_ATTRIBUTE);
  if (before === null || !(cell instanceof HTMLElement)) return;
  cell.style.flexWrap = before;
  cell.removeAttribute(WRAP_ATTRIBUTE);
}

/** The width of the cell's own content (everything but our badge), from its boxes on screen. */
function hostContentWidth(cell: Element, host: Element): number {
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  const range = cell.ownerDocument.createRange();
  for (const node of cell.childNodes) {
    if (node === host) continue;
    let rect: DOMRect | undefined;
    if (node instanceof Element) rect = node.getBoundingClientRect();
    else if (node.nodeType === 3 && node.textContent?.trim()) {
      range.selectNodeContents(node);
      rect = range.getBoundingClientRect();
    }
    if (!rect || rect.width === 0) continue;
    left = Math.min(left, rect.left);
    right = Math.max(right, rect.right);
  }
  return right > left ? right - left : 0;
}

/** One observer per page re-lays out every badge whose cell changes size (window, column width). */
const resizeObservers = new WeakMap<Document, ResizeObserver>();

function observeCell(doc: Document, cell: Element): void {
  const view = doc.defaultView;
  if (!view || typeof view.ResizeObserver !== 'function') return;
  let observer = resizeObservers.get(doc);
  if (!observer) {
    // Laid out in the next frame, not in the callback: a change of the cell's height inside the
    // callback would be reported as a ResizeObserver loop.
    observer = new view.ResizeObserver((entries) => {
      view.requestAnimationFrame(() => {
        for (const entry of entries) {
          const host = ownHostIn(entry.target);
          if (host) layoutBadge(host);
        }
      });
    });
    resizeObservers.set(doc, observer);
  }
  observer.observe(cell);
}

function stopObserving(doc: Document): void {
  resizeObservers.get(doc)?.disconnect();
  resizeObservers.delete(doc);
}

function ownHostIn(cell: Element): HTMLElement | null {
  for (const child of cell.children) if (child.getAttribute(OWN) === 'badge') return child as HTMLElement;
  return null;
}

/** Removes every badge of the feature (the list became unreadable). */
export function removeBadges(doc: Document): void {
  stopObserving(doc);
  for (const host of doc.querySelectorAll<HTMLElement>(`[${OWN}="badge"]`)) removeHost(host);
}

function removeHost(host: HTMLElement): void {
  const cell = host.parentElement;
  floatingCleanups.get(host)?.();
  host.remove();
  if (cell) restoreWrap(cell);
}

/** Removes every badge and notice of the feature (it stops: the page navigated away, or the extension was updated). */
export function removeOverlay(doc: Document): void {
  removeBadges(doc);
  for (const host of doc.querySelectorAll(`[${OWN}="notice"]`)) host.remove();
}

/**
 * Puts (or updates, or removes) the badge of a claim into its status cell. `badge` null and no
 * `unknown` text: the claim has no pending deadline, so no badge.
 */
export function renderBadge(
  cell: Element,
  claimId: string,
  badge: ClaimBadge | null,
  pack: RulePack,
  locale: string,
  options: { unknown?: string } = {},
): void {
  let host = ownHostIn(cell);
  if (!badge && !options.unknown) {
    if (host) removeHost(host);
    return;
  }
  const doc = cell.ownerDocument;
  const content = JSON.stringify([claimId, locale, badge?.level, badge?.description, options.unknown]);
  if (host && host.dataset.content === content) return; // nothing changed: keep focus and an open popover
  if (!host) {
    host = doc.createElement('span');
    host.setAttribute(OWN, 'badge');
    host.attachShadow({ mode: 'open' });
    cell.append(host);
  }
  floatingCleanups.get(host)?.();
  host.dataset.claimId = claimId;
  host.dataset.level = badge?.level ?? 'unknown';
  host.dataset.content = content;
  const root = host.shadowRoot!;
  root.replaceChildren();

  const style = doc.createElement('style');
  style.textContent = BADGE_CSS + DEADLINE_CONTENT_CSS;
  const colours = BADGE_COLOURS[badge?.level ?? 'unknown'];
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = `${PREFIX}-badge`;
  button.style.cssText = `color:${colours.fg};background:${colours.bg};border-color:${colours.border}`;
  if (!badge) {
    // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    button.textContent = '?';
    button.title = options.unknown!;
    button.setAttribute('aria-label', `? ${options.unknown!}`);
    root.append(style, button);
    placeBadge(doc, cell, host);
    return;
  }
  const name = formatMessage(pack, 'ui.overlay.badgeName', locale, { claimId });
  button.textContent = badge.short;
  button.title = badge.description;
  button.setAttribute('aria-label', `${badge.short}, ${name}: ${badge.description}`);
  button.setAttribute('aria-expanded', 'false');

  // The panel's contents are built when it opens (most badges are never opened).
  const panel = doc.createElement('div');
  panel.id = `${PREFIX}-panel`;
  panel.setAttribute('popover', 'manual');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', name);
  button.setAttribute('aria-controls', panel.id);

  const badgeHost = host;
  const open = () => panel.matches(':popover-open');
  const close = () => {
    floatingCleanups.get(badgeHost)?.();
    floatingCleanups.delete(badgeHost);
    if (open()) panel.hidePopover();
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', (event) => {
    // The row may be a link or select the claim: the badge is ours, the click stops here.
    event.stopPropagation();
    if (open()) {
      close();
      return;
    }
    panel.replaceChildren(...deadlineContent(doc, name, badge, pack, locale));
    panel.showPopover();
    button.setAttribute('aria-expanded', 'true');
    floatingCleanups.set(badgeHost, followBadge(button, panel));
  });
  // Escape closes from the button or from inside the panel, and gives focus back to the badge.
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && open()) {
      event.stopPropagation();
      close();
      button.focus();
    }
  });
  button.addEventListener('blur', (event) => {
    if (!panel.contains(event.relatedTarget as Node | null)) close();
  });
  root.append(style, button, panel);
  placeBadge(doc, cell, host);
}

function placeBadge(doc: Document, cell: Element, host: HTMLElement): void {
  layoutBadge(host);
  observeCell(doc, cell);
}

/** What stops an open panel following its badge, per badge host. */
const floatingCleanups = new WeakMap<HTMLElement, () => void>();

/**
 * Keeps an open panel at its badge (Floating UI): below it, above when there is no room below,
 * shifted to stay inside the window, and following the badge when the page scrolls or resizes.
 */
function followBadge(button: HTMLElement, panel: HTMLElement): () => void {
  const update = () =>
    computePosition(button, panel, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [offset(4), flip({ padding: 8 }), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      panel.style.left = `${Math.round(x)}px`;
      panel.style.top = `${Math.round(y)}px`;
    });
  return autoUpdate(button, panel, () => void update());
}

/**
 * The deadlines of a claim as a heading, one list item per deadline (name, time left, due moment
 * in both calendars, who must act) and the estimate note when any is an estimate: the badge's
 * popover and the claim page's panel (claim-deadlines.ts) show the same.
 */
export function deadlineContent(
  doc: Document,
  name: string,
  badge: ClaimBadge,
  pack: RulePack,
  locale: string,
): HTMLElement[] {
  const heading = doc.createElement('h2');
  heading.textContent = name;
  const list = doc.createElement('ul');
  for (const line of badge.lines) {
    const item = doc.createElement('li');
    const strong = doc.createElement('strong');
    strong.textContent = `${line.label}: `;
    item.append(strong, line.relative);
    if (line.detail) {
      const detail = doc.createElement('div');
      detail.className = 'detail';
      detail.textContent = line.detail;
      item.append(detail);
    }
    const actor = doc.createElement('div');
    actor.className = 'detail';
    actor.textContent = formatMessage(pack, `ui.overlay.actor.${line.actor}`, locale);
    item.append(actor);
    list.append(item);
  }
  const content: HTMLElement[] = [heading, list];
  if (badge.lines.some((line) => line.estimated)) {
    const note = doc.createElement('p');
    note.className = 'note';
    note.textContent = formatMessage(pack, 'ui.overlay.estimateNote', locale);
    content.push(note);
  }
  return content;
}

/** The CSS of the deadline lists, for any shadow root that shows deadlineContent. */
export const DEADLINE_CONTENT_CSS = `
h2 { font-size: 13px; margin: 0 0 8px; }
ul { margin: 0; padding: 0 0 0 16px; }
li { margin: 0 0 6px; }
.detail, .note { color: #616161; }
.note { margin: 8px 0 0; font-size: 12px; }
`;

const NOTICE_CSS = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; }
div { display: flex; gap: 12px; align-items: flex-start; max-width: 420px; padding: 12px 16px; background: #fff;
  color: #242424; border: 1px solid #d1d1d1; border-left: 4px solid #bc4b09; border-radius: 4px;
  box-shadow: 0 4px 16px rgba(0,0,0,.2); font: 400 13px/18px "Segoe UI", system-ui, sans-serif; }
button { font: 600 12px/18px "Segoe UI", system-ui, sans-serif; border: 1px solid #d1d1d1; background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
`;

const dismissed = new WeakMap<Document, Set<string>>();

/**
 * A small notice at the bottom of the page (role=status, read out by screen readers), one per
 * kind; once dismissed, a kind stays away for this page view.
 */
/**
 * A feature's own error, in the page: logged for developers with the feature's id, and a small
 * notice for the partner that Partner Center works as usual (never an error dialog).
 */
export function showFailure(
  doc: Document,
  featureId: string,
  error: unknown,
  pack: RulePack,
  locale: string,
): void {
  console.error(`[cpor-guard] ${featureId}:`, error);
  showNotice(
    doc,
    'failed',
    formatMessage(pack, 'ui.overlay.failed', locale, { error: errorMessage(error) }),
    pack,
    locale,
  );
}

/** Says that the pack chosen as active could not be used and which one counts instead (ContextResponse.fallbackFrom). */
export function showPackFallback(doc: Document, chosen: string, pack: RulePack, locale: string): void {
  const name = pack.pack.name[locale] ?? pack.pack.name[pack.pack.defaultLocale] ?? pack.pack.id;
  showNotice(
    doc,
    'pack-fallback',
    formatMessage(pack, 'ui.overlay.packFallback', locale, { chosen, used: `${name} ${pack.pack.version}` }),
    pack,
    locale,
  );
}

export function showNotice(doc: Document, kind: string, text: string, pack: RulePack, locale: string): void {
  if (dismissed.get(doc)?.has(kind)) return;
  let host = doc.querySelector<HTMLElement>(`[${OWN}="notice"][data-kind="${kind}"]`);
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(OWN, 'notice');
    host.dataset.kind = kind;
    host.attachShadow({ mode: 'open' });
    (doc.body ?? doc.documentElement).append(host);
  } else if (host.dataset.text === text) return; // shown already: not announced again at each read
  host.dataset.text = text;
  const root = host.shadowRoot!;
  const style = doc.createElement('style');
  style.textContent = NOTICE_CSS;
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  const message = doc.createElement('span');
  message.textContent = text;
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = formatMessage(pack, 'ui.overlay.dismiss', locale);
  const target = host;
  close.addEventListener('click', () => {
    let kinds = dismissed.get(doc);
    if (!kinds) {
      kinds = new Set();
      dismissed.set(doc, kinds);
    }
    kinds.add(kind);
    target.remove();
  });
  box.append(message, close);
  root.replaceChildren(style, box);
}
