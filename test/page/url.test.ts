import { describe, expect, it } from 'vitest';
import { addressSays, locatorPageFor, mayBePage } from '../../src/page/url';
import { defaultPack } from '../../src/rules/default-pack';
import type { RulePack } from '../../src/rules/types';
import { testPack } from '../fixtures/packs';

const pack = testPack();
const BASE = 'https://partner.microsoft.com';

describe('which locators page an address is', () => {
  it.each([
    [`${BASE}/dashboard/incentives/claims/associations`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations`, 'associations-list'],
    [`${BASE}/nl-nl/dashboard/incentives/claims/associations`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations?filter=approved&page=2`, 'associations-list'],
    [`${BASE}/dashboard/incentives/claims/associations?filter=approved`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations/`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations#top`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations/30448305`, 'claim-detail'],
    [`${BASE}/dashboard/incentives/claims/associations/30448305`, 'claim-detail'],
    [`${BASE}/nl-nl/dashboard/incentives/claims/associations/30448305?tab=comments`, 'claim-detail'],
    [`${BASE}/dashboard/incentives/claims/associations/30448305?tab=comments`, 'claim-detail'],
    ['HTTPS://PARTNER.MICROSOFT.COM/en-US/dashboard/incentives/claims/associations', 'associations-list'],
  ])('finds %s to be %s', (url, pageId) => {
    expect(locatorPageFor(url, pack)?.id).toBe(pageId);
  });

  // Where Microsoft's 2023 pages put the list (Customer claims), and claims under it: addresses
  // of the built-in pack's rules, which the test pack (frozen before those pages) does not have.
  it.each([
    [`${BASE}/dashboard/incentives/engagements/ux/workshops/claims`, 'associations-list'],
    [`${BASE}/en-us/dashboard/incentives/engagements/ux/workshops/claims`, 'associations-list'],
    [`${BASE}/nl-nl/dashboard/incentives/engagements/ux/workshops/claims?status=draft`, 'associations-list'],
    [`${BASE}/nl-nl/dashboard/incentives/engagements/ux/workshops/claims/30497730`, 'claim-detail'],
  ])('finds %s to be %s with the built-in pack', (url, pageId) => {
    expect(locatorPageFor(url, defaultPack())?.id).toBe(pageId);
  });

  it.each([
    `${BASE}/en-us/dashboard/home`,
    `${BASE}/en-us/dashboard/incentives/claims/coop`,
    `${BASE}/en-us/dashboard/incentives/claims/associationsX`,
    `${BASE}/en-us/dashboard/incentives/overview?next=/dashboard/incentives/claims/associations`,
    `${BASE}/en-us/dashboard/incentives/overview?next=/en-us/dashboard/incentives/claims/associations?tab=1`,
    'https://partner.microsoft.com.evil.example/dashboard/incentives/claims/associations',
    'https://example.com/dashboard/incentives/claims/associations',
    'http://partner.microsoft.com/dashboard/incentives/claims/associations',
    'not a url',
    '',
  ])('finds no page for %j', (url) => {
    expect(locatorPageFor(url, pack)).toBeNull();
  });

  it('follows the patterns of the pack, not a built-in list', () => {
    const changed: RulePack = structuredClone(pack);
    changed.locators.pages[0].urlPatterns = ['https://partner.microsoft.com/*/claims/cpor'];
    expect(locatorPageFor(`${BASE}/en-us/claims/cpor`, changed)?.id).toBe('associations-list');
    expect(locatorPageFor(`${BASE}/en-us/dashboard/incentives/claims/associations`, changed)).toBeNull();
  });
});

describe('an address is a hint, not the only gate', () => {
  it.each([
    [`${BASE}/en-us/dashboard/incentives/claims/associations`, 'associations-list', 'this'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations/30448305`, 'associations-list', 'other'],
    [`${BASE}/en-us/dashboard/incentives/claims/associations/30448305`, 'claim-detail', 'this'],
    // A Partner Center address the rules do not know: the page is judged by what it shows.
    [`${BASE}/en-us/dashboard/incentives/moved/claims`, 'associations-list', 'unknown'],
    [`${BASE}/en-us/dashboard/incentives/moved/claims`, 'claim-detail', 'unknown'],
    // Another host, or no address, is no page of the rules.
    ['https://example.com/dashboard/incentives/claims', 'associations-list', 'other'],
    ['', 'claim-detail', 'other'],
  ] as const)('says %s is %s: %s', (url, pageId, says) => {
    expect(addressSays(url, pack, pageId)).toBe(says);
    expect(mayBePage(url, pack, pageId)).toBe(says !== 'other');
  });
});

describe('url patterns from a pack, matched without backtracking', () => {
  /** The test pack with the list page's patterns replaced. */
  function packWithPatterns(urlPatterns: string[]): RulePack {
    const copy = structuredClone(pack);
    copy.locators.pages[0]!.urlPatterns = urlPatterns as never;
    return copy;
  }

  it('answers for a pattern of 40 wildcards against a 100 KB address', () => {
    // As a regular expression ('[^?#]*' 40 times) this backtracks for far longer than a page lasts.
    const hostile = packWithPatterns([`${BASE}/${'*a'.repeat(40)}b`]);
    const url = `${BASE}/${'a'.repeat(100_000)}`;
    expect(locatorPageFor(url, hostile)?.id).not.toBe(hostile.locators.pages[0]!.id);
    expect(locatorPageFor(`${url}b`, hostile)?.id).toBe(hostile.locators.pages[0]!.id);
  });

  it.each([
    [`${BASE}/a*c`, `${BASE}/abc`, true],
    [`${BASE}/a*c`, `${BASE}/ac`, true],
    [`${BASE}/a*c`, `${BASE}/ab`, false],
    [`${BASE}/a*b*b`, `${BASE}/ab`, false],
    [`${BASE}/a*b*b`, `${BASE}/abb`, true],
    [`${BASE}/x*`, `${BASE}/x/y?q=1`, true],
    [`${BASE}/x?q=*`, `${BASE}/x?q=1`, true],
    [`${BASE}/x?q=*`, `${BASE}/x`, false],
    [`${BASE}/x*?q=1`, `${BASE}/x/y?q=1`, true],
    [`${BASE}/x*?q=1`, `${BASE}/x?p=/y?q=1`, false],
  ])('matches the pattern %s against %s: %s', (pattern, url, found) => {
    const p = packWithPatterns([pattern]);
    expect(locatorPageFor(url, p)?.id === p.locators.pages[0]!.id).toBe(found);
  });
});
