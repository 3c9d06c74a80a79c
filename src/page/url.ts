/**
 * Which dashboard page an address is, by the `urlPatterns` of rules/cpor/locators.json.
 */

import type { LocatorsFile, RulePack } from '../rules/types';

/** One page of locators.json `pages`. */
export type LocatorPage = LocatorsFile['pages'][number];

/** A url pattern as a test of an address: its path and query, each as the texts between its '*'s, lower-cased. */
interface CompiledPattern {
  path: string[];
  /** The pattern's query from its '?' on (its texts between '*'s), or null: the query is then not matched. */
  query: string[] | null;
}

const compiledPatterns = new WeakMap<LocatorsFile, { page: LocatorPage; patterns: CompiledPattern[] }[]>();

/**
 * One of `urlPatterns` as a case-insensitive wildcard pattern. '*' is any text, but before the
 * pattern's '?' it stays in the path: '…/overview?next=/dashboard/…' is the overview page,
 * whatever its query mentions. Matched without regular expressions (wildcardMatch), so a pattern
 * from an imported pack with many '*' cannot make the content script backtrack on a long address.
 */
function compilePattern(urlPattern: string): CompiledPattern {
  const lower = urlPattern.toLowerCase();
  const q = lower.indexOf('?');
  const path = q < 0 ? lower : lower.slice(0, q);
  return { path: path.split('*'), query: q < 0 ? null : lower.slice(q).split('*') };
}

/**
 * True when `text` is the parts with any text in place of each gap between them (a '*'), e.g.
 * ['a', 'c'] matches 'abc'. Leftmost matching of each middle part is enough for '*' (any text):
 * time at most the text's length times the pattern's, never exponential.
 */
function wildcardMatch(parts: readonly string[], text: string): boolean {
  const first = parts[0]!;
  if (parts.length === 1) return text === first;
  const last = parts.at(-1)!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > end) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

/** The address's path and query (lower-cased) against a pattern; the path never holds a '?' or '#' (partsOf). */
function matches(pattern: CompiledPattern, path: string, query: string): boolean {
  if (!wildcardMatch(pattern.path, path)) return false;
  return pattern.query === null || wildcardMatch(pattern.query, query);
}

function pagesOf(locators: LocatorsFile) {
  let pages = compiledPatterns.get(locators);
  if (!pages) {
    pages = locators.pages.map((page) => ({ page, patterns: page.urlPatterns.map(compilePattern) }));
    compiledPatterns.set(locators, pages);
  }
  return pages;
}

/**
 * The address as the patterns compare it, in two parts: up to the path, and the query ('' or
 * '?…'). The fragment never names another page and is dropped; so is a trailing slash of the
 * path, so '…/associations/' is the list and not a claim whose id is empty. Text that is not a
 * URL is split at its first '?' as it is.
 */
function partsOf(url: string): { path: string; query: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const withoutFragment = url.split('#')[0]!;
    const q = withoutFragment.indexOf('?');
    return q < 0
      ? { path: withoutFragment, query: '' }
      : { path: withoutFragment.slice(0, q), query: withoutFragment.slice(q) };
  }
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  return { path: `${parsed.origin}${path}`, query: parsed.search };
}

/**
 * The locators page (rules/cpor/locators.json `pages`) whose urlPatterns match this URL
 * ('*' = any text), or null. A pattern without '?' matches whatever the query is; the fragment
 * is ignored. Pages are tried in the order of the file; the first that matches wins.
 */
export function locatorPageFor(url: string, pack: RulePack): LocatorPage | null {
  const parts = partsOf(url);
  const path = parts.path.toLowerCase();
  const query = parts.query.toLowerCase();
  for (const { page, patterns } of pagesOf(pack.locators)) {
    if (patterns.some((pattern) => matches(pattern, path, query))) return page;
  }
  return null;
}

/**
 * What the address says about page `pageId` of locators.json: 'this' when it matches that page's
 * urlPatterns, 'other' when it matches another page's, 'unknown' when it matches none. Addresses
 * are hints: Partner Center has moved its pages before (…/claims/associations became
 * …/engagements/ux/workshops/claims), so an unknown address is read by what the page shows.
 */
export function addressSays(url: string, pack: RulePack, pageId: string): 'this' | 'other' | 'unknown' {
  const page = locatorPageFor(url, pack);
  if (page !== null) return page.id === pageId ? 'this' : 'other';
  // Only an address on a host of the rules' pages can be one of them.
  return originsOf(pack.locators).has(originOf(url)) ? 'unknown' : 'other';
}

const origins = new WeakMap<LocatorsFile, Set<string>>();

function originsOf(locators: LocatorsFile): Set<string> {
  let found = origins.get(locators);
  if (!found) {
    found = new Set(locators.pages.flatMap((page) => page.urlPatterns.map(originOf)));
    found.delete('');
    origins.set(locators, found);
  }
  return found;
}

/** 'https://host' of an address or of a url pattern; '' when it has none (or a '*' in its host). */
function originOf(url: string): string {
  const match = /^(https?:\/\/[^/?#*]+)(?:[/?#]|$)/i.exec(url);
  return match ? match[1]!.toLowerCase() : '';
}

/** Whether page `pageId` may be at `url`: its own address, or one the rules do not know. */
export const mayBePage = (url: string, pack: RulePack, pageId: string): boolean =>
  addressSays(url, pack, pageId) !== 'other';
