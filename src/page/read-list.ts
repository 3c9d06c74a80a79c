/**
 * Reads the "Customer associations" claims list the way a person reads it: find the table by its
 * column headers (rules/cpor/locators.json, per language), then take each row's claim ID, status
 * (rules/cpor/statuses.json labels and aliases) and dates (locators.json `dateFormats`).
 *
 * Partner Center's HTML is not public. What we test against is the replica in demo/ (an ARIA grid
 * of divs with opaque css-NNN classes, as Fluent UI's DetailsList renders); a native <table> with
 * the same headers reads the same. Nothing here looks at class names or data-* attributes of the
 * host page: only ARIA roles, the table elements and visible text.
 *
 * Cheap enough to call on every change of a virtualised list: one walk of the grid, textContent
 * semantics only, no layout reads (no innerText, no getBoundingClientRect).
 */

import { LIST_COLUMNS, LIST_PAGE_ID } from '../rules/ids';
import type { RulePack } from '../rules/types';
import { foldText } from '../text/fold';
import { parsePageDate } from './dates';
import { formatsFor, langOf, packLocaleOf, statusTexts } from './locale';
import { addressSays, type LocatorPage } from './url';

// The list page's id and its column targets are part of the contract with the pack (rules/contract.ts).
export { LIST_COLUMNS, LIST_PAGE_ID };

/** Columns without which the list cannot be read, in the order `missing` names them. */
export const REQUIRED_LIST_COLUMNS: readonly string[] = [
  LIST_COLUMNS.claimId,
  LIST_COLUMNS.status,
  LIST_COLUMNS.submitted,
  LIST_COLUMNS.lastUpdated,
];
const OPTIONAL_LIST_COLUMNS: readonly string[] = [LIST_COLUMNS.customer];

export interface ClaimRow {
  /** Text of the claim-id column (trimmed). */
  claimId: string;
  /** Visible text of the status cell, trimmed, whitespace collapsed. */
  statusText: string;
  /**
   * The pack status id whose label or alias (any locale of the pack, case, accents and spaces
   * ignored) equals statusText; the page's locale wins where two locales disagree. null if unknown.
   */
  status: string | null;
  /** 'YYYY-MM-DD' from the submitted-date column; null if empty ('—') or unreadable. */
  submitted: string | null;
  /** Same for the last-updated column. */
  lastUpdated: string | null;
  /** Text of the customer column, or null when the page has no such column or the cell is empty. */
  customer: string | null;
  /**
   * The claim's own page: the address of the link in the claim-id cell, when it has one on the
   * page's own origin; else null.
   */
  link: string | null;
  /** The row element. */
  row: Element;
  /** The status cell element (the overlay will put a badge inside it). */
  statusCell: Element;
}

export type ListReading =
  | {
      kind: 'list';
      /** The pack locale whose column headers the page shows. */
      locale: string;
      /** The grid or table element the rows were read from. */
      grid: Element;
      rows: ClaimRow[];
      /** The column (0-based, aria-colindex − 1 where given) of each column target found. */
      columns: Record<string, number>;
    }
  | {
      kind: 'unreadable';
      /** The locale the headers were read in; else the page's `<html lang>` if the pack has it; else null. */
      locale: string | null;
      /**
       * 'no-grid': no grid or table with column headers; 'missing-columns': one was found, but not
       * every required column; 'error': reading threw (a defect of ours, in `error`).
       */
      reason: 'no-grid' | 'missing-columns' | 'error';
      /** The ids of the required column targets not found. */
      missing: string[];
      /** With reason 'error': what was thrown, for the developer log. */
      error?: unknown;
    };

export interface ReadListOptions {
  /** Read the headers in this pack locale only, whatever `<html lang>` says; a locale the pack lacks is ignored. */
  locale?: string;
  /**
   * The page's address, a hint (see addressSays): another page's address is not the list; an
   * address the rules do not know is the list only when at least one status cell shows a status
   * of the pack. Left out, the page is judged by what it shows alone.
   */
  url?: string;
}

/**
 * Reads the claims list under `root`; null when this is not the list page: no heading of the
 * page's `headings` in any locale under `root` (a pack whose list page lists no headings skips
 * this check), or `options.url` is another page's address, or an unknown address whose table
 * shows no status the pack knows. Never throws: a failure of our own comes back as reason 'error'.
 */
export function readClaimList(
  root: Document | Element,
  pack: RulePack,
  options: ReadListOptions = {},
): ListReading | null {
  try {
    return read(root, pack, options);
  } catch (error) {
    return { kind: 'unreadable', locale: null, reason: 'error', missing: [], error };
  }
}

// ---------------------------------------------------------------------------------------------
// What the pack says, indexed once per pack

interface PackIndex {
  page: LocatorPage | undefined;
  locales: readonly string[];
  /** Folded headings of the list page, all locales; empty when the page lists none. */
  headings: Set<string>;
  /** Per locale: folded column header text → column target id. */
  headers: Map<string, Map<string, string>>;
  /** Per page locale: folded status label or alias → status id (built when first needed). */
}

const indexes = new WeakMap<RulePack, PackIndex>();

function indexOf(pack: RulePack): PackIndex {
  let index = indexes.get(pack);
  if (index) return index;
  const page = pack.locators.pages.find((p) => p.id === LIST_PAGE_ID);
  const locales = pack.pack.locales;
  const headings = new Set<string>();
  for (const texts of Object.values(page?.headings ?? {}))
    for (const text of texts) headings.add(foldText(text));
  const wanted = new Set([...REQUIRED_LIST_COLUMNS, ...OPTIONAL_LIST_COLUMNS]);
  const headers = new Map<string, Map<string, string>>();
  for (const locale of locales) {
    const byText = new Map<string, string>();
    for (const target of pack.locators.targets) {
      if (target.role !== 'column-header' || !wanted.has(target.id) || !target.pages.includes(LIST_PAGE_ID))
        continue;
      for (const text of target.text[locale] ?? []) {
        const folded = foldText(text);
        if (!byText.has(folded)) byText.set(folded, target.id);
      }
    }
    headers.set(locale, byText);
  }
  index = { page, locales, headings, headers };
  indexes.set(pack, index);
  return index;
}

// ---------------------------------------------------------------------------------------------
// Languages

// ---------------------------------------------------------------------------------------------
// The DOM: roles, text and positions

/** What an element is to a reader of tables; an explicit role wins over the element's own. */
type Part = 'grid' | 'row' | 'columnheader' | 'rowheader' | 'cell' | 'th' | 'other';

/** Role attribute values as written → their first role, lower case (a list repeats a handful of them). */
const firstRoles = new Map<string, string>();

function firstRoleOf(value: string): string {
  let role = firstRoles.get(value);
  if (role === undefined) {
    role = value.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (firstRoles.size < 256) firstRoles.set(value, role);
  }
  return role;
}

function partOf(el: Element): Part {
  const value = el.getAttribute('role');
  const role = value === null ? '' : firstRoleOf(value);
  if (role) {
    switch (role) {
      case 'grid':
      case 'treegrid':
      case 'table':
        return 'grid';
      case 'row':
        return 'row';
      case 'columnheader':
      case 'rowheader':
        return role;
      case 'gridcell':
      case 'cell':
        return 'cell';
      default:
        return 'other';
    }
  }
  switch (el.localName) {
    case 'table':
      return 'grid';
    case 'tr':
      return 'row';
    case 'td':
      return 'cell';
    case 'th':
      return 'th';
    default:
      return 'other';
  }
}

const isCell = (part: Part) =>
  part === 'columnheader' || part === 'rowheader' || part === 'cell' || part === 'th';

/** Not rendered at all (the `hidden` attribute), so it holds no row or cell a person sees. */
const notRendered = (el: Element) => el.hasAttribute('hidden');

/** Elements whose text a person does not read: hidden, aria-hidden (icons, sort arrows) or code. */
function textHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const name = el.localName;
  return name === 'script' || name === 'style' || name === 'template' || name === 'noscript';
}

/** Bidirectional marks and zero-width characters a person does not see. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

function collectText(node: Node, out: string[]): void {
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.nodeType === 3) out.push(child.nodeValue ?? '');
    else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.localName === 'br') out.push(' ');
      else if (!textHidden(el)) collectText(el, out);
    }
  }
}

/** The page's base address and its origin, parsed once per reading (a list has a link in every row). */
interface LinkBase {
  href: string;
  origin: string | null;
}

function linkBaseOf(doc: Document): LinkBase {
  const href = doc.baseURI;
  return { href, origin: URL.canParse(href) ? new URL(href).origin : null };
}

/** The address a claim-id cell links to, on the page's own origin, or null. */
function claimLink(cell: Element, base: LinkBase): string | null {
  const anchor = cell.querySelector('a[href]');
  if (!anchor || base.origin === null) return null;
  const url = URL.parse(anchor.getAttribute('href')!, base.href);
  return url !== null && url.origin === base.origin && url.protocol === 'https:' ? url.href : null;
}

/**
 * The text a person reads in `el`: its text nodes without aria-hidden or hidden parts, white
 * space collapsed. Shadow roots are not entered, so a badge we mount in one is never read back.
 */
export function shownText(el: Element): string {
  const out: string[] = [];
  collectText(el, out);
  return out.join('').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** The elements of the `want` part under `el`, in document order; stops at nested grids. */
function collect(el: Element, want: 'row' | 'cell', out: Element[]): Element[] {
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (notRendered(child)) continue;
    const part = partOf(child);
    if (want === 'row' ? part === 'row' : isCell(part)) out.push(child);
    else if (part !== 'grid' && part !== 'row' && !isCell(part)) collect(child, want, out);
  }
  return out;
}

/** A positive integer attribute, or null. */
function positiveInteger(el: Element, name: string): number | null {
  const value = el.getAttribute(name);
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** HTML caps colspan at 1000; so do we, whatever aria-colspan says. */
const MAX_SPAN = 1000;

/** The 0-based column of each cell: aria-colindex − 1 where given, else after the previous cell's span. */
function columnsOf(cells: readonly Element[]): number[] {
  let next = 0;
  return cells.map((cell) => {
    const colindex = positiveInteger(cell, 'aria-colindex');
    const at = colindex === null ? next : colindex - 1;
    const span = positiveInteger(cell, 'aria-colspan') ?? positiveInteger(cell, 'colspan') ?? 1;
    next = at + Math.min(span, MAX_SPAN);
    return at;
  });
}

/**
 * The cells of a header row that head a column. A native <th> heads its column when its scope
 * says so, or when it sits in <thead>, or when the whole row is <th> (a <th> that starts a body
 * row heads the row instead).
 */
function columnHeaderFlags(row: Element, cells: readonly Element[], parts: readonly Part[]): boolean[] {
  const inThead = row.parentElement?.localName === 'thead';
  const allTh = parts.every((p) => p === 'th');
  return cells.map((cell, i) => {
    if (parts[i] === 'columnheader') return true;
    if (parts[i] !== 'th') return false;
    const scope = cell.getAttribute('scope')?.trim().toLowerCase();
    if (scope === 'col' || scope === 'colgroup') return true;
    if (scope === 'row' || scope === 'rowgroup') return false;
    return inThead || allTh;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

interface RowCells {
  row: Element;
  /** The cell that starts at each column. */
  byColumn: Map<number, Element>;
}

interface Candidate {
  grid: Element;
  /** The page's language as `<html lang>` (or the nearest lang) gives it, canonical. */
  lang: string | null;
  /** Folded header text at each column, from every header row. */
  headers: { column: number; text: string }[];
  dataRows: RowCells[];
}

function candidateOf(grid: Element): Candidate {
  const headers: Candidate['headers'] = [];
  const dataRows: RowCells[] = [];
  for (const row of collect(grid, 'row', [])) {
    const cells = collect(row, 'cell', []);
    const parts = cells.map(partOf);
    const columns = columnsOf(cells);
    const heads = columnHeaderFlags(row, cells, parts);
    if (heads.some(Boolean)) {
      cells.forEach((cell, i) => {
        if (heads[i]) headers.push({ column: columns[i]!, text: foldText(shownText(cell)) });
      });
      continue;
    }
    const byColumn = new Map<number, Element>();
    cells.forEach((cell, i) => {
      if (!byColumn.has(columns[i]!)) byColumn.set(columns[i]!, cell);
    });
    dataRows.push({ row, byColumn });
  }
  return { grid, lang: langOf(grid), headers, dataRows };
}

/** The column of each target whose header text (in `locale`) the candidate shows; first one wins. */
function columnsIn(candidate: Candidate, byText: Map<string, string> | undefined): Record<string, number> {
  const columns: Record<string, number> = {};
  if (!byText) return columns;
  for (const { column, text } of candidate.headers) {
    const target = byText.get(text);
    if (target !== undefined && columns[target] === undefined) columns[target] = column;
  }
  return columns;
}

function gridsUnder(root: Document | Element): Element[] {
  const found = Array.from(
    root.querySelectorAll('table, [role~="grid"], [role~="treegrid"], [role~="table"]'),
  ).filter((el) => partOf(el) === 'grid');
  if (root.nodeType === 1 && partOf(root as Element) === 'grid') found.unshift(root as Element);
  return found;
}

function isListPage(root: Document | Element, headings: Set<string>): boolean {
  if (headings.size === 0) return true;
  for (const el of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]'))) {
    if (headings.has(foldText(shownText(el)))) return true;
  }
  return false;
}

function read(root: Document | Element, pack: RulePack, options: ReadListOptions): ListReading | null {
  const index = indexOf(pack);
  const address = options.url === undefined ? 'this' : addressSays(options.url, pack, LIST_PAGE_ID);
  if (!index.page || address === 'other' || !isListPage(root, index.headings)) return null;
  const forced = options.locale && index.locales.includes(options.locale) ? options.locale : null;
  const locales = forced ? [forced] : index.locales;
  const documentLang = langOf(root);
  const fallbackLocale = forced ?? packLocaleOf(documentLang, index.locales);

  let best:
    | { candidate: Candidate; locale: string; columns: Record<string, number>; score: number[] }
    | undefined;
  for (const grid of gridsUnder(root)) {
    const candidate = candidateOf(grid);
    if (candidate.headers.length === 0) continue;
    const langLocale = packLocaleOf(candidate.lang, index.locales);
    for (const locale of locales) {
      const columns = columnsIn(candidate, index.headers.get(locale));
      // Most required columns, then the page's own language, then most optional columns.
      const score = [
        REQUIRED_LIST_COLUMNS.filter((id) => columns[id] !== undefined).length,
        locale === langLocale ? 1 : 0,
        OPTIONAL_LIST_COLUMNS.filter((id) => columns[id] !== undefined).length,
      ];
      if (!best || isHigher(score, best.score)) best = { candidate, locale, columns, score };
    }
  }

  if (!best)
    return {
      kind: 'unreadable',
      locale: fallbackLocale,
      reason: 'no-grid',
      missing: [...REQUIRED_LIST_COLUMNS],
    };
  const { candidate, locale, columns } = best;
  const missing = REQUIRED_LIST_COLUMNS.filter((id) => columns[id] === undefined);
  if (missing.length > 0)
    return {
      kind: 'unreadable',
      locale: best.score[0]! > 0 ? locale : fallbackLocale,
      reason: 'missing-columns',
      missing,
    };

  const statuses = statusTexts(pack, locale);
  const formats = formatsFor(index.page?.dateFormats, locale, candidate.lang);
  const cellAt = (cells: RowCells, id: string) => {
    const column = columns[id];
    return column === undefined ? undefined : cells.byColumn.get(column);
  };
  const dateAt = (cells: RowCells, id: string) => {
    const cell = cellAt(cells, id);
    return cell ? parsePageDate(shownText(cell), formats) : null;
  };
  const rows: ClaimRow[] = [];
  const linkBase = linkBaseOf(candidate.grid.ownerDocument);
  /** Status texts already matched: a list shows a handful of statuses in many rows. */
  const statusOf = new Map<string, string | null>();
  for (const cells of candidate.dataRows) {
    const claimCell = cellAt(cells, LIST_COLUMNS.claimId);
    const statusCell = cellAt(cells, LIST_COLUMNS.status);
    // A row without both is no claim: a "loading" or "no items" row, a group header, a spacer.
    if (!claimCell || !statusCell) continue;
    const claimId = shownText(claimCell);
    if (claimId === '') continue;
    const statusText = shownText(statusCell);
    let status = statusOf.get(statusText);
    if (status === undefined) {
      status = statuses.get(foldText(statusText)) ?? null;
      statusOf.set(statusText, status);
    }
    const customerCell = cellAt(cells, LIST_COLUMNS.customer);
    rows.push({
      claimId,
      statusText,
      status,
      submitted: dateAt(cells, LIST_COLUMNS.submitted),
      lastUpdated: dateAt(cells, LIST_COLUMNS.lastUpdated),
      customer: (customerCell && shownText(customerCell)) || null,
      link: claimLink(claimCell, linkBase),
      row: cells.row,
      statusCell,
    });
  }
  // At an address the rules do not know, a table is the claims list only if it shows our statuses.
  if (address === 'unknown' && !rows.some((row) => row.status !== null)) return null;
  return { kind: 'list', locale, grid: candidate.grid, rows, columns };
}

/** Lexicographic comparison of scores. */
function isHigher(score: readonly number[], than: readonly number[]): boolean {
  for (let i = 0; i < score.length; i++) {
    if (score[i]! !== than[i]!) return score[i]! > than[i]!;
  }
  return false;
}
