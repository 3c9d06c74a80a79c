/**
 * The DOM of feature 'deadline-badges': a badge host in a claim's status cell and a notice host on
 * the page, each with its own shadow root (the host page's CSS cannot reach in, ours cannot leak
 * out; px, never rem). Hosts carry data-cpor-guard so the feature recognises (and never
 * duplicates) its own nodes. Keyboard: the badge is a button; Enter or Space opens the deadlines
 * (a popover, so the grid cell's overflow cannot clip it, placed by followBadge), Escape or a
 * second press closes them.
 */
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

/** Each level's colours (BADGE_COLOURS) by the host's data-level, in the badges' one sheet. */
const LEVEL_CSS = Object.entries(BADGE_COLOURS)
  .map(
    ([level, c]) =>
      `:host([data-level="${level}"]) button { color: ${c.fg}; background: ${c.bg}; border-color: ${c.border}; }`,
  )
  .join('\n');

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
  layoutBadges([host]);
}

/**
 * layoutBadge for many badges at once: every cell is measured first, then every choice applied,
 * so the browser lays the page out once for all of them instead of once per badge (a measure
 * after each write forces a layout of the whole list: quadratic at a thousand rows).
 */
export function layoutBadges(hosts: readonly HTMLElement[]): void {
  const choices: { host: HTMLElement; cell: HTMLElement; stacked: boolean; flex: boolean }[] = [];
  for (const host of hosts) {
    const cell = host.parentElement;
    const button = host.shadowRoot?.querySelector('button');
    if (!cell || !button) continue;
    const view = cell.ownerDocument.defaultView;
    const style = view?.getComputedStyle(cell);
    const padding = style ? parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) : 0;
    const available = cell.clientWidth - (Number.isFinite(padding) ? padding : 0);
    const needed = hostContentWidth(cell, host) + INLINE_GAP_PX + button.scrollWidth;
    laidOutWidths.set(cell, available);
    choices.push({ host, cell, stacked: needed > available, flex: style?.display.includes('flex') ?? false });
  }
  for (const { host, cell, stacked, flex } of choices) {
    const layout = stacked ? 'stacked' : 'inline';
    if (host.dataset.layout !== layout) host.dataset.layout = layout;
    if (stacked && flex) {
      if (!cell.hasAttribute(WRAP_ATTRIBUTE)) cell.setAttribute(WRAP_ATTRIBUTE, cell.style.flexWrap);
      if (cell.style.flexWrap !== 'wrap') cell.style.flexWrap = 'wrap';
    } else restoreWrap(cell);
  }
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

/**
 * The content width of each cell when its badge was last laid out: the observer's first report of
 * a cell (it always reports once, at once) and a change of height alone need no new layout.
 */
const laidOutWidths = new WeakMap<Element, number>();

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
        const hosts: HTMLElement[] = [];
        for (const entry of entries) {
          const width = laidOutWidths.get(entry.target);
          if (width !== undefined && Math.abs(width - entry.contentRect.width) < 0.5) continue;
          const host = ownHostIn(entry.target);
          if (host) hosts.push(host);
        }
        layoutBadges(hosts);
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

/** The badge's CSS, one stylesheet for every badge of a page (adopted by each shadow root). */
const badgeSheets = new WeakMap<Document, CSSStyleSheet | null>();

function badgeSheet(doc: Document): CSSStyleSheet | null {
  let sheet = badgeSheets.get(doc);
  if (sheet === undefined) {
    sheet = null;
    const Sheet = doc.defaultView?.CSSStyleSheet;
    try {
      if (Sheet) {
        const candidate = new Sheet();
        candidate.replaceSync(BADGE_CSS + LEVEL_CSS + DEADLINE_CONTENT_CSS);
        sheet = candidate;
      }
    } catch {
      // No constructable stylesheets here: each badge gets a <style> of its own (styleBadgeRoot).
    }
    badgeSheets.set(doc, sheet);
  }
  return sheet;
}

/** Gives a new badge's shadow root the badge CSS: the page's one adopted sheet, else its own <style>. */
function styleBadgeRoot(doc: Document, root: ShadowRoot): void {
  const sheet = badgeSheet(doc);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      if (root.adoptedStyleSheets.length === 1) return;
    } catch {
      // e.g. a content script's view of the page that refuses the page's sheets: a <style> below.
    }
  }
  const style = doc.createElement('style');
  style.textContent = BADGE_CSS + LEVEL_CSS + DEADLINE_CONTENT_CSS;
  root.prepend(style);
}

/**
 * Puts (or updates, or removes) the badge of a claim into its status cell. `badge` null and no
 * `unknown` text: the claim has no pending deadline, so no badge. Returns the host when it is new
 * or changed: it still has to be laid out beside or under the status (placeBadges), in one go
 * with the others of the same pass. A new host is not in the page yet: placeBadges puts it into
 * its cell, so that making many badges touches the page once, not once per badge.
 */
export function renderBadge(
  cell: Element,
  claimId: string,
  badge: ClaimBadge | null,
  pack: RulePack,
  locale: string,
  options: { unknown?: string } = {},
): HTMLElement | null {
  let host = ownHostIn(cell);
  if (!badge && !options.unknown) {
    if (host) removeHost(host);
    return null;
  }
  const doc = cell.ownerDocument;
  const content = JSON.stringify([claimId, locale, badge?.level, badge?.description, options.unknown]);
  if (host && host.dataset.content === content) return null; // nothing changed: keep focus and an open popover
  let button: HTMLButtonElement;
  if (!host) {
    host = doc.createElement('span');
    host.setAttribute(OWN, 'badge');
    const root = host.attachShadow({ mode: 'open' });
    button = doc.createElement('button');
    button.type = 'button';
    button.className = `${PREFIX}-badge`;
    root.append(button);
    styleBadgeRoot(doc, root);
    wireBadge(doc, host, button);
    pendingCells.set(host, cell);
  } else {
    button = host.shadowRoot!.querySelector('button')!;
    closePanel(host);
  }
  host.dataset.claimId = claimId;
  host.dataset.level = badge?.level ?? 'unknown';
  host.dataset.content = content;
  // The colours come from the shared sheet by the host's data-level (LEVEL_CSS): no style of
  // its own per badge, so the browser computes the style of a level's badges once.
  if (!badge) {
    // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    button.textContent = '?';
    button.title = options.unknown!;
    button.setAttribute('aria-label', `? ${options.unknown!}`);
    button.removeAttribute('aria-expanded');
    button.removeAttribute('aria-controls');
    panelContents.delete(host);
    return host;
  }
  const name = formatMessage(pack, 'ui.overlay.badgeName', locale, { claimId });
  button.textContent = badge.short;
  button.title = badge.description;
  button.setAttribute('aria-label', `${badge.short}, ${name}: ${badge.description}`);
  button.setAttribute('aria-expanded', 'false');
  if (panelOf(host)) button.setAttribute('aria-controls', PANEL_ID);
  // The panel and its contents are built when it opens (most badges are never opened).
  panelContents.set(host, () => ({ name, content: deadlineContent(doc, name, badge, pack, locale) }));
  return host;
}

const PANEL_ID = `${PREFIX}-panel`;

/** What a badge's panel shows when it opens, per badge host (built then, not in advance). */
const panelContents = new WeakMap<HTMLElement, () => { name: string; content: HTMLElement[] }>();

function panelOf(host: HTMLElement): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>('[popover]') ?? null;
}

function closePanel(host: HTMLElement): void {
  floatingCleanups.get(host)?.();
  floatingCleanups.delete(host);
  const panel = panelOf(host);
  if (panel?.matches(':popover-open')) panel.hidePopover();
  const button = host.shadowRoot?.querySelector('button');
  if (button?.hasAttribute('aria-expanded')) button.setAttribute('aria-expanded', 'false');
}

/** The listeners of a badge, once per host: they read what the badge shows now (panelContents). */
function wireBadge(doc: Document, host: HTMLElement, button: HTMLButtonElement): void {
  const root = host.shadowRoot!;
  const isOpen = () => panelOf(host)?.matches(':popover-open') ?? false;
  button.addEventListener('click', (event) => {
    const contents = panelContents.get(host);
    if (!contents) return; // a '?' badge: its text is in the title
    // The row may be a link or select the claim: the badge is ours, the click stops here.
    event.stopPropagation();
    if (isOpen()) {
      closePanel(host);
      return;
    }
    const { name, content } = contents();
    let panel = panelOf(host);
    if (!panel) {
      panel = doc.createElement('div');
      panel.id = PANEL_ID;
      panel.setAttribute('popover', 'manual');
      panel.setAttribute('role', 'dialog');
      root.append(panel);
      button.setAttribute('aria-controls', PANEL_ID);
    }
    panel.setAttribute('aria-label', name);
    panel.replaceChildren(...content);
    panel.showPopover();
    button.setAttribute('aria-expanded', 'true');
    floatingCleanups.set(host, followBadge(button, panel));
  });
  // Escape closes from the button or from inside the panel, and gives focus back to the badge.
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && isOpen()) {
      event.stopPropagation();
      closePanel(host);
      button.focus();
    }
  });
  button.addEventListener('blur', (event) => {
    const panel = panelOf(host);
    if (!panel?.contains(event.relatedTarget as Node | null)) closePanel(host);
  });
}

/** The cell of each new badge host that renderBadge made, until placeBadges puts it there. */
const pendingCells = new WeakMap<HTMLElement, Element>();

/**
 * Puts new badges (renderBadge) into their cells, lays out the new and changed ones
 * (layoutBadges), and re-lays them out when their cell resizes.
 */
export function placeBadges(doc: Document, hosts: readonly HTMLElement[]): void {
  for (const host of hosts) {
    const cell = pendingCells.get(host);
    if (!cell) continue;
    pendingCells.delete(host);
    if (!ownHostIn(cell)) cell.append(host);
  }
  layoutBadges(hosts);
  for (const host of hosts) if (host.parentElement) observeCell(doc, host.parentElement);
}

/** What stops an open panel following its badge, per badge host. */
const floatingCleanups = new WeakMap<HTMLElement, () => void>();

/** The gap between a badge and its open panel, and the least room the panel keeps to the window's edges. */
const PANEL_GAP_PX = 4;
const PANEL_PADDING_PX = 8;

/**
 * Keeps an open panel at its badge: below it, above when there is no room below (the side that
 * cuts less of it when neither has room), shifted sideways to stay inside the window, and placed
 * again when the page or any of its scrolled boxes scrolls, the window resizes, or either box
 * changes size. (Floating UI did the same with computePosition, offset, flip, shift and
 * autoUpdate: 6.4 KB gzip of the content script, issue 14.)
 */
function followBadge(button: HTMLElement, panel: HTMLElement): () => void {
  const doc = button.ownerDocument;
  const view = doc.defaultView;
  if (!view) return () => {};
  const place = () => {
    const badge = button.getBoundingClientRect();
    const { width, height } = panel.getBoundingClientRect();
    // The window without its scroll bars.
    const windowWidth = doc.documentElement.clientWidth || view.innerWidth;
    const windowHeight = doc.documentElement.clientHeight || view.innerHeight;
    let top = badge.bottom + PANEL_GAP_PX;
    const belowCut = top + height - (windowHeight - PANEL_PADDING_PX);
    if (belowCut > 0) {
      const above = badge.top - PANEL_GAP_PX - height;
      if (PANEL_PADDING_PX - above < belowCut) top = above;
    }
    const left = Math.max(PANEL_PADDING_PX, Math.min(badge.left, windowWidth - PANEL_PADDING_PX - width));
    panel.style.left = `${Math.round(left)}px`;
    panel.style.top = `${Math.round(top)}px`;
  };
  place();
  // Scroll events do not bubble: a listener that captures on the window hears every scrolled box.
  view.addEventListener('scroll', place, { capture: true, passive: true });
  view.addEventListener('resize', place, { passive: true });
  const resized = typeof view.ResizeObserver === 'function' ? new view.ResizeObserver(place) : undefined;
  resized?.observe(button);
  resized?.observe(panel);
  return () => {
    view.removeEventListener('scroll', place, { capture: true });
    view.removeEventListener('resize', place);
    resized?.disconnect();
  };
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
