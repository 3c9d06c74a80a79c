/**
 * Reads a claim's own page the way a person reads it: the claim ID and status next to their
 * labels, and the History panel's entries with the moment each was made, so deadlines count from
 * the moment a status was really entered instead of an estimate. What to look for is data of
 * rules/cpor/locators.json (page 'claim-detail': the field labels, the panel's heading, the texts
 * of its entries and how it writes a moment), per language; status names come from
 * rules/cpor/statuses.json labels and aliases.
 *
 * Partner Center's HTML is not public. What we test against is the replica in demo/claim.*.html
 * (label spans followed by their values; the History panel a popover dialog labelled by its
 * heading, in the DOM while closed, an ordered list of entries, newest first). Nothing here looks
 * at class names or ids of the host page: only visible text, ARIA roles and names, and the HTML
 * elements' own meaning (<label for>, <dt>/<dd>, <li>).
 *
 * Cheap: a few walks of the page with textContent semantics, no layout reads (no innerText, no
 * getBoundingClientRect). It never opens the panel or clicks anything.
 */

import { escapeRegExp } from '../platform/regexp';
import { DETAIL_PAGE_ID, DETAIL_TARGETS } from '../rules/ids';
import type { RulePack } from '../rules/types';
import { foldText } from '../text/fold';
import { findPageDateTime } from './dates';
import { formatsFor, langOf, languageOf, packLocaleOf, statusTexts } from './locale';
import { shownText } from './read-list';
import { addressSays, type LocatorPage } from './url';

// The claim page's id and its targets are part of the contract with the pack (rules/contract.ts).
export { DETAIL_PAGE_ID, DETAIL_TARGETS };

/** A status the History panel says the claim entered. */
export interface HistoryEntry {
  /** The pack status id entered. */
  status: string;
  /** The pack status id left, when the entry names it ('Status changed from {from} to {to}'); else null. */
  from: string | null;
  /**
   * The wall-clock moment 'YYYY-MM-DDTHH:mm' as the page shows it, without a zone: the page names
   * none, so read it in the browser's time zone (src/page/dates.ts).
   */
  at: string;
  /** The entry's visible text (its lines joined by a space), for evidence. */
  text: string;
}

/** Something the History panel says happened without a change of status, e.g. a dispute filed. */
export interface HistoryEvent {
  /** The id of an event in statuses.json `events`. */
  event: string;
  /** As HistoryEntry.at. */
  at: string;
  text: string;
}

/** An entry that reads as a status change or a known event but could not be used. */
export interface SkippedEntry {
  text: string;
  /**
   * 'unknown-status': it says the status changed, but names a status the pack does not know (or
   * the rules point at a status or event the pack lacks); 'no-date': no moment in the page's
   * date-and-time formats, or none that exists ('2/30/2026').
   */
  reason: 'unknown-status' | 'no-date';
}

export type DetailReading =
  | {
      kind: 'detail';
      /** The pack locale whose labels the page shows (ties: the page's `<html lang>`). */
      locale: string;
      claimId: string;
      /** Where claimId comes from: the page's Claim ID field, or the address's last path segment. */
      claimIdFrom: 'page' | 'url';
      /** Visible text of the status value, trimmed, white space collapsed. */
      statusText: string;
      /** The pack status id whose label or alias equals statusText (the page's locale first); null if unknown. */
      status: string | null;
      /**
       * The statuses the History panel says the claim entered, oldest first (page order among equal
       * moments). Empty when the page has no History panel or it holds no status entry.
       */
      history: HistoryEntry[];
      /** The panel's known events (locators.json history entries with an `event`), oldest first. */
      events: HistoryEvent[];
      /** Entries that read as a status change or known event but were not used, in page order. */
      skipped: SkippedEntry[];
      /** The History panel element, or null when the page has none in its DOM (not rendered yet). */
      historyPanel: Element | null;
      /** Where an overlay can put a panel: the page's h1 (outside dialogs), or null. */
      heading: Element | null;
    }
  | {
      kind: 'unreadable';
      /** The locale the labels were read in; else the page's `<html lang>` if the pack has it; else null. */
      locale: string | null;
      /** 'missing-fields': a required field was not found; 'error': reading threw (a defect of ours, in `error`). */
      reason: 'missing-fields' | 'error';
      /** The ids of the targets not found: 'status-field', and 'claim-id-field' when the address has no id either. */
      missing: string[];
      /** With reason 'error': what was thrown, for the developer log. */
      error?: unknown;
    };

export interface ReadDetailOptions {
  /** Read the labels in this pack locale only, whatever `<html lang>` says; a locale the pack lacks is ignored. */
  locale?: string;
}

/**
 * Reads the claim page under `root`. null when this is not a claim's page: `url` (the page's
 * address, a hint: see addressSays) is another page of locators.json, or an address the rules do
 * not know while the page shows no Claim ID field or no status of the pack, or the page lists
 * `headings` and none is shown. The claim id is the page's Claim ID field, else the address's last path segment. Never
 * throws: a failure of our own comes back as reason 'error'.
 */
export function readClaimDetail(
  root: Document | Element,
  pack: RulePack,
  url: string,
  options: ReadDetailOptions = {},
): DetailReading | null {
  try {
    return read(root, pack, url, options);
  } catch (error) {
    return { kind: 'unreadable', locale: null, reason: 'error', missing: [], error };
  }
}

// ---------------------------------------------------------------------------------------------
// What the pack says, indexed once per pack

/** How one fixed text or status-change text of the History rules is recognised. */
interface EntryMatcher {
  /** Tested at the start of a folded line of an entry. */
  pattern: RegExp;
  kind: 'status-change' | 'status' | 'event';
  /** The status or event id of a fixed text. */
  id?: string;
  /** The group numbers of {from} and {to} in a status-change pattern. */
  from?: number;
  to?: number;
}

interface PackIndex {
  page: LocatorPage | undefined;
  locales: readonly string[];
  /** Folded headings of the page, all locales; empty when the page lists none. */
  headings: Set<string>;
  /** Per target id, per locale: the folded texts. */
  texts: Map<string, Map<string, Set<string>>>;
  /** The length of the longest folded field label, to pass over long texts quickly. */
  longestLabel: number;
  /** Per page locale: folded status label or alias → status id (built when first needed). */
  /** Per page locale: the entry matchers, that locale's texts first (built when first needed). */
  matchers: Map<string, { known: EntryMatcher[]; loose: RegExp[] }>;
  statusIds: Set<string>;
  eventIds: Set<string>;
}

const indexes = new WeakMap<RulePack, PackIndex>();

function indexOf(pack: RulePack): PackIndex {
  let index = indexes.get(pack);
  if (index) return index;
  const page = pack.locators.pages.find((p) => p.id === DETAIL_PAGE_ID);
  const headings = new Set<string>();
  for (const texts of Object.values(page?.headings ?? {}))
    for (const text of texts) headings.add(foldText(text));
  const wanted = new Set<string>(Object.values(DETAIL_TARGETS));
  const texts = new Map<string, Map<string, Set<string>>>();
  let longestLabel = 0;
  for (const target of pack.locators.targets) {
    if (!wanted.has(target.id) || !target.pages.includes(DETAIL_PAGE_ID)) continue;
    const byLocale = texts.get(target.id) ?? new Map<string, Set<string>>();
    for (const [locale, list] of Object.entries(target.text)) {
      const set = byLocale.get(locale) ?? new Set<string>();
      for (const text of list) {
        const folded = foldText(text);
        set.add(folded);
        if (target.role === 'field-label') longestLabel = Math.max(longestLabel, folded.length);
      }
      byLocale.set(locale, set);
    }
    texts.set(target.id, byLocale);
  }
  index = {
    page,
    locales: pack.pack.locales,
    headings,
    texts,
    longestLabel,
    matchers: new Map(),
    statusIds: new Set(pack.statuses.statuses.map((s) => s.id)),
    eventIds: new Set((pack.statuses.events ?? []).map((e) => e.id)),
  };
  indexes.set(pack, index);
  return index;
}

/** The folded texts of a target in `locale`; empty when the rules give none. */
const textsOf = (index: PackIndex, target: string, locale: string) =>
  index.texts.get(target)?.get(locale) ?? new Set<string>();

/** The end of a name: not followed by a letter or digit (a name is not matched inside a longer word). */
const WORD_END = '(?![\\p{L}\\p{N}])';

/** Texts of `byLocale` in `locale`'s language first, then the others; each once. */
function localeFirst(byLocale: Record<string, readonly string[]>, locale: string): string[] {
  const keys = Object.keys(byLocale);
  const ordered = [
    ...keys.filter((k) => k === locale),
    ...keys.filter((k) => k !== locale && languageOf(k) === languageOf(locale)),
    ...keys.filter((k) => languageOf(k) !== languageOf(locale)),
  ];
  return [...new Set(ordered.flatMap((k) => byLocale[k] ?? []))];
}

/**
 * How History entries are recognised on a page in `locale`: status-change texts, whose {from} and
 * {to} are any status name of the pack, then fixed texts (longest first, so a longer text that
 * starts with a shorter one wins); `loose` are the status-change texts with any name, to tell an
 * entry naming an unknown status from an entry that is no status change at all.
 */
function matchersFor(pack: RulePack, index: PackIndex, locale: string) {
  const known = index.matchers.get(locale);
  if (known) return known;
  const history = index.page?.history;
  const names = [...statusTexts(pack, locale).keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const matchers: EntryMatcher[] = [];
  const loose: RegExp[] = [];
  for (const template of localeFirst(history?.statusChanges ?? {}, locale)) {
    const parts = foldText(template).split(/(\{from\}|\{to\})/);
    let strict = '^';
    let anyName = '^';
    const group: { from?: number; to?: number } = {};
    let groups = 0;
    parts.forEach((part, i) => {
      if (part === '{from}' || part === '{to}') {
        group[part === '{from}' ? 'from' : 'to'] = ++groups;
        strict += `(${names})${WORD_END}`;
        anyName += i === parts.length - 2 && parts[i + 1] === '' ? '(.+)' : '(.+?)';
      } else {
        strict += escapeRegExp(part);
        anyName += escapeRegExp(part);
      }
    });
    if (group.to === undefined || names === '') continue;
    matchers.push({ pattern: new RegExp(strict, 'u'), kind: 'status-change', ...group });
    loose.push(new RegExp(anyName, 'u'));
  }
  const fixed: { text: string; matcher: EntryMatcher }[] = [];
  for (const entry of history?.entries ?? []) {
    const kind = entry.status !== undefined ? 'status' : 'event';
    const id = entry.status ?? entry.event;
    for (const text of localeFirst(entry.text, locale)) {
      const folded = foldText(text);
      if (folded === '') continue;
      fixed.push({
        text: folded,
        matcher: { pattern: new RegExp(`^${escapeRegExp(folded)}${WORD_END}`, 'u'), kind, id },
      });
    }
  }
  // A stable sort: among texts of one length, the page's locale stays first.
  fixed.sort((a, b) => b.text.length - a.text.length);
  const result = { known: [...matchers, ...fixed.map((f) => f.matcher)], loose };
  index.matchers.set(locale, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Languages (as the claims list chooses them: src/page/read-list.ts)

// ---------------------------------------------------------------------------------------------
// The DOM: what a person reads (the helpers exported are shared with read-comments.ts, which
// reads the same page's Comments section and rejection reason)

/** Not shown to a reader: hidden, aria-hidden, or code. */
export function hiddenFromReader(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const name = el.localName;
  return name === 'script' || name === 'style' || name === 'template' || name === 'noscript';
}

/** A control whose value is what a person reads in it. */
const isControl = (el: Element) =>
  el.localName === 'input' || el.localName === 'textarea' || el.localName === 'select';

function controlValue(el: Element): string {
  if (el.localName === 'select') {
    const select = el as HTMLSelectElement;
    const option = select.selectedOptions?.[0] ?? select.querySelector('option[selected]');
    return option ? shownText(option) : '';
  }
  return ((el as HTMLInputElement).value ?? el.getAttribute('value') ?? '').replace(/\s+/g, ' ').trim();
}

/** What a person reads as the value in `el`: a control's value, else its text, else the value of a control in it. */
function valueText(el: Element): string {
  if (isControl(el)) return controlValue(el);
  const text = shownText(el);
  if (text !== '') return text;
  const control = el.querySelector('input, textarea, select');
  return control ? controlValue(control) : '';
}

/** Elements that are not a field's label, whatever their text: a column's header, a button, a link, a choice. */
const NOT_A_LABEL =
  'th:not([scope="row"]), [role="columnheader"], button, a, [role="button"], [role="link"], [role="tab"], [role="option"], [role="menuitem"], option, select';

/** Has a text node of its own that is not white space: where a label's words are written. */
export function hasOwnText(el: Element): boolean {
  const children = el.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.nodeType === 3 && (child.nodeValue ?? '').trim() !== '') return true;
  }
  return false;
}

/** The next element sibling a person sees. */
function nextShownSibling(el: Element): Element | null {
  let next = el.nextElementSibling;
  while (next && hiddenFromReader(next)) next = next.nextElementSibling;
  return next;
}

/**
 * The value a label names: the control of `<label for>` or the one it wraps, the element it
 * labels by aria-labelledby, the `<dd>` after a `<dt>`, else the next element beside it (or
 * beside its wrapper, when the wrapper holds only the label). '' when there is none.
 */
export function valueOfLabel(label: Element, labelled: Map<string, Element>): string {
  const doc = label.ownerDocument;
  if (label.localName === 'label') {
    const target = label.getAttribute('for');
    const control = (target && doc.getElementById(target)) || label.querySelector('input, textarea, select');
    if (control) return valueText(control);
  }
  const id = label.getAttribute('id');
  const byAria = id ? labelled.get(id) : undefined;
  if (byAria) return valueText(byAria);
  if (label.localName === 'dt') {
    let next = label.nextElementSibling;
    while (next && next.localName !== 'dd' && next.localName !== 'dt') next = next.nextElementSibling;
    return next?.localName === 'dd' ? valueText(next) : '';
  }
  const text = shownText(label);
  for (let el: Element | null = label, depth = 0; el && depth < 3; el = el.parentElement, depth++) {
    if (el !== label && shownText(el) !== text) break;
    const next = nextShownSibling(el);
    if (next) return valueText(next);
  }
  return '';
}

/** Every element under `root` (and root itself) that names another by aria-labelledby, by the ids it names. */
export function labelledByIds(root: Document | Element): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of Array.from(root.querySelectorAll('[aria-labelledby]'))) {
    for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/))
      if (id !== '' && !map.has(id)) map.set(id, el);
  }
  return map;
}

/** A found field: per target id and locale, the value of the first label (document order) with one. */
type FieldValues = Map<string, Map<string, string>>;

/**
 * The values of the field targets in every locale: one walk over the elements that hold text of
 * their own and are short enough to be a label.
 */
function readFields(
  root: Document | Element,
  index: PackIndex,
  targets: readonly string[],
  labelled: Map<string, Element>,
): FieldValues {
  const found: FieldValues = new Map(targets.map((t) => [t, new Map<string, string>()]));
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!hasOwnText(el)) continue;
    if ((el.textContent ?? '').length > index.longestLabel * 2 + 16) continue;
    const folded = foldText(shownText(el));
    if (folded === '' || folded.length > index.longestLabel) continue;
    let value: string | undefined;
    for (const target of targets) {
      for (const [locale, texts] of index.texts.get(target) ?? []) {
        if (!texts.has(folded) || found.get(target)!.has(locale)) continue;
        if (value === undefined) value = el.closest(NOT_A_LABEL) ? '' : valueOfLabel(el, labelled);
        if (value !== '') found.get(target)!.set(locale, value);
      }
    }
  }
  return found;
}

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const REGION =
  'section, aside, article, dialog, [role="dialog"], [role="alertdialog"], [role="region"], [role="complementary"], [role="group"], [popover]';

/**
 * The region (a section, panel or dialog) a person knows by one of `texts` (folded): its
 * aria-label, or the heading that labels it (aria-labelledby), or the heading it starts with.
 */
export function findSection(
  root: Document | Element,
  texts: ReadonlySet<string>,
  labelled: Map<string, Element>,
): Element | null {
  if (texts.size === 0) return null;
  for (const el of Array.from(root.querySelectorAll('[aria-label]'))) {
    if (el.matches(REGION) && texts.has(foldText(el.getAttribute('aria-label') ?? ''))) return el;
  }
  for (const heading of Array.from(root.querySelectorAll(HEADING))) {
    if (!texts.has(foldText(shownText(heading)))) continue;
    const id = heading.getAttribute('id');
    const byAria = id ? labelled.get(id) : undefined;
    if (byAria?.matches(REGION)) return byAria;
    const region = heading.parentElement?.closest(REGION);
    if (region && region.querySelector(HEADING) === heading) return region;
  }
  return null;
}

/** The page's own h1, not one of a dialog or panel over it. */
function pageHeading(root: Document | Element): Element | null {
  const candidates = Array.from(root.querySelectorAll('h1, [role="heading"][aria-level="1"]'));
  return (
    candidates.find((h) => !h.closest('dialog, [role="dialog"], [role="alertdialog"], [popover]')) ?? null
  );
}

// ---------------------------------------------------------------------------------------------
// The History panel

const ENTRY = 'li, [role="listitem"], [role="row"], article, [role="article"]';

/**
 * The entries of the panel: its list items (rows, articles) not inside another one nor hidden
 * within the panel. The panel itself may be hidden (closed): its entries are still the claim's.
 */
export function entriesOf(panel: Element): Element[] {
  return Array.from(panel.querySelectorAll(ENTRY)).filter((el) => {
    for (let up: Element | null = el; up && up !== panel; up = up.parentElement) {
      if (hiddenFromReader(up)) return false;
      if (up !== el && up.matches(ENTRY)) return false;
    }
    return true;
  });
}

/**
 * The lines of an entry as a person reads them: the text of each block in it ('Status changed …',
 * 'Microsoft reviewer · 11/23/2026, 2:14 PM'). An element with words of its own is one line;
 * a lone child is looked into.
 */
function linesOf(el: Element): string[] {
  if (hasOwnText(el)) {
    const text = shownText(el);
    return text === '' ? [] : [text];
  }
  const children = Array.from(el.children).filter(
    (child) => !hiddenFromReader(child) && shownText(child) !== '',
  );
  if (children.length === 0) return [];
  if (children.length === 1) return linesOf(children[0]!);
  return children.map(shownText);
}

interface PanelReading {
  history: HistoryEntry[];
  events: HistoryEvent[];
  skipped: SkippedEntry[];
}

/** What an entry says, found on one of its lines; 'unknown' names a status or event the pack lacks. */
type Meaning =
  | { kind: 'status'; line: number; status: string; from: string | null }
  | { kind: 'event'; line: number; event: string }
  | { kind: 'unknown' }
  | null;

function meaningOf(
  lines: readonly string[],
  known: readonly EntryMatcher[],
  loose: readonly RegExp[],
  statuses: Map<string, string>,
  index: PackIndex,
): Meaning {
  const folded = lines.map(foldText);
  for (const [line, text] of folded.entries()) {
    for (const matcher of known) {
      const match = matcher.pattern.exec(text);
      if (!match) continue;
      if (matcher.kind === 'status-change') {
        // The pattern only matches names of the pack, so both are known here.
        const status = statuses.get(match[matcher.to!]!);
        const from = matcher.from === undefined ? null : (statuses.get(match[matcher.from]!) ?? null);
        return status ? { kind: 'status', line, status, from } : { kind: 'unknown' };
      }
      const id = matcher.id!;
      if (matcher.kind === 'status')
        return index.statusIds.has(id)
          ? { kind: 'status', line, status: id, from: null }
          : { kind: 'unknown' };
      return index.eventIds.has(id) ? { kind: 'event', line, event: id } : { kind: 'unknown' };
    }
  }
  // Worded as a status change, but with a name the pack does not know.
  if (folded.some((text) => loose.some((pattern) => pattern.test(text)))) return { kind: 'unknown' };
  return null;
}

function readPanel(
  panel: Element,
  pack: RulePack,
  index: PackIndex,
  locale: string,
  lang: string | null,
): PanelReading {
  const { known, loose } = matchersFor(pack, index, locale);
  const statuses = statusTexts(pack, locale);
  const formats = formatsFor(index.page?.dateTimeFormats, locale, lang);
  const found: ({ kind: 'status'; entry: HistoryEntry } | { kind: 'event'; entry: HistoryEvent })[] = [];
  const skipped: SkippedEntry[] = [];
  for (const el of entriesOf(panel)) {
    const lines = linesOf(el);
    const text = lines.join(' ');
    const meaning = meaningOf(lines, known, loose, statuses, index);
    if (meaning === null) continue;
    if (meaning.kind === 'unknown') {
      skipped.push({ text, reason: 'unknown-status' });
      continue;
    }
    // The moment is on another line ('Megan Bowen · 11/16/2026, 4:41 PM'), else after the words.
    const order = [...lines.filter((_, i) => i !== meaning.line), lines[meaning.line]!];
    const at = order.reduce<string | null>((hit, line) => hit ?? findPageDateTime(line, formats), null);
    if (!at) {
      skipped.push({ text, reason: 'no-date' });
      continue;
    }
    if (meaning.kind === 'event') found.push({ kind: 'event', entry: { event: meaning.event, at, text } });
    else found.push({ kind: 'status', entry: { status: meaning.status, from: meaning.from, at, text } });
  }
  // The demo's panel, like activity feeds generally, lists the newest first; a panel that
  // visibly lists the oldest first (its first moment before its last) is kept in its order.
  const first = found[0]?.entry.at;
  const last = found.at(-1)?.entry.at;
  const oldestFirst = first !== undefined && last !== undefined && first < last;
  const ordered = oldestFirst ? found : [...found].reverse();
  ordered.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
  const history: HistoryEntry[] = [];
  const events: HistoryEvent[] = [];
  for (const item of ordered) {
    if (item.kind === 'status') history.push(item.entry);
    else events.push(item.entry);
  }
  return { history, events, skipped };
}

// ---------------------------------------------------------------------------------------------
// Reading

function isDetailPage(root: Document | Element, headings: Set<string>): boolean {
  if (headings.size === 0) return true;
  for (const el of Array.from(root.querySelectorAll(HEADING))) {
    if (headings.has(foldText(shownText(el)))) return true;
  }
  return false;
}

/** The last path segment of the address: '…/associations/30448305?x#y' → '30448305'; null for none. */
function claimIdOfUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0]!;
  }
  const segment = path
    .split('/')
    .filter((s) => s !== '')
    .at(-1);
  if (!segment) return null;
  try {
    return decodeURIComponent(segment).trim() || null;
  } catch {
    return segment;
  }
}

function read(
  root: Document | Element,
  pack: RulePack,
  url: string,
  options: ReadDetailOptions,
): DetailReading | null {
  const index = indexOf(pack);
  const address = addressSays(url, pack, DETAIL_PAGE_ID);
  if (!index.page || address === 'other') return null;
  if (!isDetailPage(root, index.headings)) return null;
  const forced = options.locale && index.locales.includes(options.locale) ? options.locale : null;
  const locales = forced ? [forced] : index.locales;
  const lang = langOf(root);
  const langLocale = packLocaleOf(lang, index.locales);
  const fallbackLocale = forced ?? langLocale;

  const labelled = labelledByIds(root);
  const fields = readFields(root, index, [DETAIL_TARGETS.claimId, DETAIL_TARGETS.status], labelled);
  const panels = new Map<string, Element | null>();
  let best: { locale: string; score: number[] } | undefined;
  for (const locale of locales) {
    const panel = findSection(root, textsOf(index, DETAIL_TARGETS.historyPanel, locale), labelled);
    panels.set(locale, panel);
    // Most fields, then the page's own language, then the History panel's heading.
    const score = [
      [DETAIL_TARGETS.status, DETAIL_TARGETS.claimId].filter((t) => fields.get(t)!.has(locale)).length,
      locale === langLocale ? 1 : 0,
      panel ? 1 : 0,
    ];
    if (!best || isHigher(score, best.score)) best = { locale, score };
  }
  if (!best) return { kind: 'unreadable', locale: fallbackLocale, reason: 'missing-fields', missing: [] };
  const { locale } = best;
  const located = best.score[0]! > 0 || best.score[2]! > 0;

  const statusText = fields.get(DETAIL_TARGETS.status)!.get(locale);
  const pageClaimId = fields.get(DETAIL_TARGETS.claimId)!.get(locale);
  const urlClaimId = pageClaimId === undefined ? claimIdOfUrl(url) : null;
  const missing: string[] = [];
  if (pageClaimId === undefined && urlClaimId === null) missing.push(DETAIL_TARGETS.claimId);
  if (statusText === undefined) missing.push(DETAIL_TARGETS.status);
  if (statusText === undefined || (pageClaimId === undefined && urlClaimId === null))
    return address === 'unknown'
      ? null
      : {
          kind: 'unreadable',
          locale: located ? locale : fallbackLocale,
          reason: 'missing-fields',
          missing,
        };

  const status = statusTexts(pack, locale).get(foldText(statusText)) ?? null;
  // At an address the rules do not know, only a page that shows its Claim ID and a status of the
  // pack is a claim's page (the id is then never taken from an address we cannot vouch for).
  if (address === 'unknown' && (pageClaimId === undefined || status === null)) return null;
  const historyPanel = panels.get(locale) ?? null;
  const { history, events, skipped } = historyPanel
    ? readPanel(historyPanel, pack, index, locale, lang)
    : { history: [], events: [], skipped: [] };
  return {
    kind: 'detail',
    locale,
    claimId: pageClaimId ?? urlClaimId!,
    claimIdFrom: pageClaimId !== undefined ? 'page' : 'url',
    statusText,
    status,
    history,
    events,
    skipped,
    historyPanel,
    heading: pageHeading(root),
  };
}

/** Lexicographic comparison of scores. */
function isHigher(score: readonly number[], than: readonly number[]): boolean {
  for (let i = 0; i < score.length; i++) {
    if (score[i]! !== than[i]!) return score[i]! > than[i]!;
  }
  return false;
}
