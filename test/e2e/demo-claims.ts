// What the demo list (demo/associations.*.html) holds and what the overlay should show for it,
// computed with the same pure modules the extension runs, for the e2e tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createDeadlineEngine, type DeadlineEngine } from '../../src/deadlines/engine';
import { buildHolidayTable, defaultHolidayRange } from '../../src/deadlines/holiday-table';
import { claimBadge } from '../../src/overlay/badges';
import { groupByActor, pendingDeadlines } from '../../src/overlay/pending';
import { endOfLocalDate } from '../../src/page';
import { defaultPack } from '../../src/rules/default-pack';
import type { RulePack } from '../../src/rules/types';
import { mergeSighting, type Sighting, timelineOf } from '../../src/store';

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

/** A pack and the engine over its holiday table (this year's range, as the background builds it). */
export function engineFor(pack: RulePack): { pack: RulePack; engine: DeadlineEngine } {
  return {
    pack,
    engine: createDeadlineEngine(
      pack,
      buildHolidayTable(pack.calendars.calendars, defaultHolidayRange(new Date())),
    ),
  };
}

export const builtin = engineFor(defaultPack());

/** The records the extension keeps after a first visit of the demo list at `now`. */
export function firstVisitRecords(now: number) {
  return DEMO_ROWS.map(([claimId, status, submitted, lastUpdated]) => {
    const date = status === 'submitted' ? (submitted ?? lastUpdated) : lastUpdated;
    const sighting: Sighting = date
      ? { claimId, status, pageBound: endOfLocalDate(date) }
      : { claimId, status };
    return mergeSighting(undefined, sighting, now);
  });
}

/** What the overlay should show for each demo claim at `now`, as the extension computes it on a first visit. */
export function expectedBadges(now: number, locale: string, { pack, engine } = builtin) {
  return firstVisitRecords(now).map((record) =>
    claimBadge(record.claimId, engine.clocks(timelineOf(record), now), pack, locale),
  );
}

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

/**
 * Each demo claim's badge as shown is the one expected just before or just after the page
 * computed it (a minute or an hour boundary in between cannot fail the test); the accessible
 * name starts with the badge's text, then says whose deadlines, and each one in full.
 */
export function expectBadgesShown(shown: ShownBadges, before: number, after: number, locale: string) {
  const [expectedBefore, expectedAfter] = [before, after].map((now) => expectedBadges(now, locale));
  const prefix = locale === 'nl' ? 'Termijnen van claim' : 'Deadlines of claim';
  DEMO_ROWS.forEach(([claimId], k) => {
    const options = [expectedBefore![k], expectedAfter![k]];
    // The accessible name starts with the visible text (label in name), then says it all.
    if (options.every((badge) => badge === null)) {
      expect(shown[claimId], claimId).toBeUndefined();
      return;
    }
    expect(options.map((badge) => badge?.short)).toContain(shown[claimId]?.short);
    expect(
      options.map((badge) => badge && `${badge.short}, ${prefix} ${claimId}: ${badge.description}`),
    ).toContain(shown[claimId]?.name);
  });
}

/** The toolbar popup's lists at `now` after a first visit of the demo list, yours then the others': claim id and badge text. */
export function expectedPopupList(now: number) {
  const { yours, others } = groupByActor(
    pendingDeadlines(firstVisitRecords(now), builtin.engine, builtin.pack, 'en', now).claims,
  );
  return [...yours, ...others].map((c) => [c.claimId, c.badge.lines[0]!.short]);
}

export async function waitForBadges(page: Page, count: number) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-cpor-guard="badge"]').length === n,
    count,
    { timeout: 20_000 },
  );
}
