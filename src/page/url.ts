/**
 * Which dashboard page an address is, by the `urlPatterns` of rules/cpor/locators.json.
 */

import { escapeRegExp } from '../platform/regexp';
import type { LocatorsFile, RulePack } from '../rules/types';

/** One page of locators.json `pages`. */
export type LocatorPage = LocatorsFile['pages'][number];

/** A url pattern as a test of an address. */
interface CompiledPattern {
  regex: RegExp;
  /** The pattern says something about the query ('?' in it), so the query is matched too. */
  withQuery: boolean;
}

const compiledPatterns = new WeakMap<LocatorsFile, { page: LocatorPage; patterns: CompiledPattern[] }[]>();

/**
 * One of `urlPatterns` as an anchored, case-insensitive pattern. '*' is any text, but before the
 * pattern's '?' it stays in the path: '…/overview?next=/dashboard/…' is the overview page,
 * whatever its query mentions.
 */
function compilePattern(urlPattern: string): CompiledPattern {
  const q = urlPattern.indexOf('?');
  const path = q < 0 ? urlPattern : urlPattern.slice(0, q);
  const query = q < 0 ? '' : urlPattern.slice(q);
  const source =
    path.split('*').map(escapeRegExp).join('[^?#]*') + query.split('*').map(escapeRegExp).join('.*');
  return { regex: new RegExp(`^${source}$`, 'is'), withQuery: q >= 0 };
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
  const { path, query } = partsOf(url);
  for (const { page, patterns } of pagesOf(pack.locators)) {
    if (patterns.some(({ regex, withQuery }) => regex.test(withQuery ? path + query : path))) return page;
  }
  return null;
}
