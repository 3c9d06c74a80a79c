// What the demo list (demo/associations.*.html) holds, and how the e2e tests read the badges the
// overlay shows on it. What it should show is written by hand in ./set-clock.ts, for one instant:
// never computed with the modules under test.
import type { Page } from 'playwright-core';

/** The demo list's rows: claim id, status id, dates shown (ISO). */
export const DEMO_ROWS = [
  ['30461782', 'editing', null, '2026-11-26'],
  ['30459120', 'submitted', '2026-11-24', '2026-11-24'],
  ['30448305', 'partner-action-required', '2026-11-16', '2026-11-23'],
  ['30440061', 'approved', '2026-11-09', '2026-11-23'],
  ['30451877', 'under-review', '2026-11-18', '2026-11-20'],
  ['30428846', 'partner-action-required', '2026-11-03', '2026-11-19'],
  ['30431902', 'approved', '2026-11-02', '2026-11-10'],
  ['30437514', 'rejected', '2026-11-05', '2026-11-12'],
] as const;

export type ShownBadges = Record<string, { short: string | null; name: string | null }>;

/** Runs in the page: claim id → the badge button's text and accessible name. */
export function readBadges(): ShownBadges {
  return Object.fromEntries(
    [...document.querySelectorAll<HTMLElement>('[data-cpor-guard="badge"]')].map((host) => {
      const button = host.shadowRoot!.querySelector('button')!;
      return [host.dataset.claimId!, { short: button.textContent, name: button.getAttribute('aria-label') }];
    }),
  );
}

/** The badges on the page: claim id → the badge button's text and accessible name. */
export async function badgesOn(page: Page) {
  return page.evaluate(readBadges);
}

export async function waitForBadges(page: Page, count: number) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-cpor-guard="badge"]').length === n,
    count,
    { timeout: 20_000 },
  );
}
