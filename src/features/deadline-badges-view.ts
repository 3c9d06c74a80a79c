/**
 * The DOM of feature 'deadline-badges': a badge host in a claim's status cell and a notice host on
 * the page, each with its own shadow root (the host page's CSS cannot reach in, ours cannot leak
 * out; px, never rem). Hosts carry data-cpor-guard so the feature recognises (and never
 * duplicates) its own nodes. Keyboard: the badge is a button; Enter or Space opens the deadlines
 * (a popover, so the grid cell's overflow cannot clip it), Escape or a second press closes them.
 */
import { formatMessage } from '../i18n/format';
import { BADGE_COLOURS, type ClaimBadge } from '../overlay/badges';
import { errorMessage } from '../platform/error-message';
import type { RulePack } from '../rules/types';

const OWN = 'data-cpor-guard';
const PREFIX = 'cpor-guard-deadline-badges';

const BADGE_CSS = `
/* sticky: in a cell too narrow for the status and the badge (cells clip, and the page's column
   widths are not ours), the badge stays at the cell's visible end over the status text's tail
   instead of being cut off. */
:host { all: initial; display: inline-flex; flex: none; margin-left: 8px; vertical-align: middle;
  position: sticky; right: 4px; }
button { font: 600 12px/18px "Segoe UI", system-ui, sans-serif; border-radius: 10px; border: 1px solid;
  padding: 0 8px; cursor: pointer; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
[popover] { margin: 0; inset: auto; position: fixed; max-width: 380px; padding: 12px; border: 1px solid #d1d1d1;
  border-radius: 4px; background: #fff; color: #242424; box-shadow: 0 4px 16px rgba(0,0,0,.2);
  font: 400 13px/18px "Segoe UI", system-ui, sans-serif; }
`;

function ownHostIn(cell: Element): HTMLElement | null {
  for (const child of cell.children) if (child.getAttribute(OWN) === 'badge') return child as HTMLElement;
  return null;
}

/** Removes every badge of the feature (the list became unreadable). */
export function removeBadges(doc: Document): void {
  for (const host of doc.querySelectorAll(`[${OWN}="badge"]`)) host.remove();
}

/** Removes every badge and notice of the feature (it stops: the page navigated away, or the extension was updated). */
export function removeOverlay(doc: Document): void {
  for (const host of doc.querySelectorAll(`[${OWN}="badge"], [${OWN}="notice"]`)) host.remove();
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
    host?.remove();
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
    button.textContent = '?';
    button.title = options.unknown!;
    button.setAttribute('aria-label', options.unknown!);
    root.append(style, button);
    return;
  }
  const name = formatMessage(pack, 'ui.overlay.badgeName', locale, { claimId });
  button.textContent = badge.short;
  button.title = badge.description;
  button.setAttribute('aria-label', `${name}: ${badge.description}`);
  button.setAttribute('aria-expanded', 'false');

  const panel = doc.createElement('div');
  panel.id = `${PREFIX}-panel`;
  panel.setAttribute('popover', 'manual');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', name);
  panel.append(...deadlineContent(doc, name, badge, pack, locale));
  button.setAttribute('aria-controls', panel.id);

  const open = () => panel.matches(':popover-open');
  const close = () => {
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
    const rect = button.getBoundingClientRect();
    panel.style.top = `${Math.round(rect.bottom + 4)}px`;
    panel.style.left = `${Math.round(Math.max(8, Math.min(rect.left, doc.documentElement.clientWidth - 388)))}px`;
    panel.showPopover();
    button.setAttribute('aria-expanded', 'true');
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

export function showNotice(doc: Document, kind: string, text: string, pack: RulePack, locale: string): void {
  if (dismissed.get(doc)?.has(kind)) return;
  let host = doc.querySelector<HTMLElement>(`[${OWN}="notice"][data-kind="${kind}"]`);
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(OWN, 'notice');
    host.dataset.kind = kind;
    host.attachShadow({ mode: 'open' });
    (doc.body ?? doc.documentElement).append(host);
  }
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
