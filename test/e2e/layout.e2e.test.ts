// Where the overlay's badges and popover land in the BUILT extension in real Chromium, on the demo
// replica of the claims list, at the two window sizes partners use most (1280×800, 1920×1080), in
// English and Dutch: every status text and every badge whole on screen (inside the cell, inside
// the list's scrolled view, inside the window) and never over each other; a column made narrow
// puts the badge under the status; the popover flips above a badge near the window's bottom and
// follows it when the page scrolls.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import { CLOCK_AT, PENDING_AT_CLOCK } from './set-clock';

const e2e = inject('cporGuardE2e');
const chromiumPath = e2e?.chromiumPath ?? null;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface Placement {
  claimId: string;
  layout: string;
  status: Box;
  badge: Box;
  /** What of the cell can be seen: the cell, cut by every clipping ancestor and the window. */
  visible: Box;
  /** The status text is not cut short by an ellipsis (its box holds all of it). */
  statusWhole: boolean;
}

/**
 * Scrolls each badge's cell into view as a person would (the list scrolls sideways at 1280 px
 * with or without cpor-guard), then measures the status text and the badge on screen.
 */
async function placements(page: Page): Promise<Placement[]> {
  return page.evaluate(async () => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const result = [];
    for (const host of document.querySelectorAll<HTMLElement>('[data-cpor-guard="badge"]')) {
      const cell = host.parentElement!;
      cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const status = cell.firstElementChild as HTMLElement;
      const badge = host.shadowRoot!.querySelector('button')!;
      let visible = box(cell.getBoundingClientRect());
      const clip = (r: Box) => {
        visible = {
          left: Math.max(visible.left, r.left),
          top: Math.max(visible.top, r.top),
          right: Math.min(visible.right, r.right),
          bottom: Math.min(visible.bottom, r.bottom),
        };
      };
      for (let node = cell.parentElement; node; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') {
          const r = node.getBoundingClientRect();
          clip({
            left: r.left + node.clientLeft,
            top: r.top + node.clientTop,
            right: r.left + node.clientLeft + node.clientWidth,
            bottom: r.top + node.clientTop + node.clientHeight,
          });
        }
      }
      clip({ left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
      result.push({
        claimId: host.dataset.claimId!,
        layout: host.dataset.layout ?? '',
        status: box(status.getBoundingClientRect()),
        badge: box(badge.getBoundingClientRect()),
        visible,
        statusWhole: status.scrollWidth <= Math.ceil(status.getBoundingClientRect().width),
      });
    }
    return result;
  });
}

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.bottom <= outer.bottom + 0.5;
const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

function expectAllWhole(shown: Placement[]) {
  for (const p of shown) {
    expect(inside(p.status, p.visible), `${p.claimId}: status ${JSON.stringify(p)}`).toBe(true);
    expect(inside(p.badge, p.visible), `${p.claimId}: badge ${JSON.stringify(p)}`).toBe(true);
    expect(overlap(p.status, p.badge), `${p.claimId}: badge over the status ${JSON.stringify(p)}`).toBe(
      false,
    );
    expect(p.statusWhole, `${p.claimId}: status cut short`).toBe(true);
  }
}

describe.skipIf(!chromiumPath)('badges and status texts on the claims list, whole and apart', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    context = launched.context;
    await serveDemo(context);
  });

  afterAll(async () => {
    await launched?.close();
  });

  async function openList(urlLocale: string, width: number, height: number) {
    const watched = await openWatchedPage(context, 'about:blank');
    await watched.page.setViewportSize({ width, height });
    await watched.page.goto(associationsUrl(urlLocale));
    await waitForBadges(watched.page, PENDING_AT_CLOCK.length);
    return watched;
  }

  it.each([
    [1280, 800, 'en-us'],
    [1280, 800, 'nl-nl'],
    [1920, 1080, 'en-us'],
    [1920, 1080, 'nl-nl'],
  ])('at %ix%i (%s) every badge and status text is whole on screen, apart', async (width, height, locale) => {
    const { page, errors } = await openList(locale, width, height);
    const shown = await placements(page);
    expect(shown.length).toBeGreaterThan(3);
    expectAllWhole(shown);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts the badge under the status when the column gets too narrow, and back beside it', async () => {
    const { page, errors } = await openList('en-us', 1920, 1080);
    // 30448305: "Partner action required" (about 160 px) and a short badge fit a 270 px column.
    const host = page.locator('[data-cpor-guard="badge"][data-claim-id="30448305"]');
    await expect.poll(() => host.getAttribute('data-layout')).toBe('inline');
    // The partner (or Partner Center) narrows the status column to 190 px: no room beside it.
    const narrow = await page.addStyleTag({
      content:
        '.ms-DetailsHeader.css-141,.ms-DetailsRow.css-150{grid-template-columns:110px minmax(160px,1.2fr) minmax(230px,1.4fr) 170px 150px 190px 130px 140px !important}',
    });
    await expect.poll(() => host.getAttribute('data-layout')).toBe('stacked');
    expectAllWhole(await placements(page));
    // And the window gets smaller with the narrow column: still whole.
    await page.setViewportSize({ width: 1280, height: 800 });
    expectAllWhole(await placements(page));
    // The column is wide again: the badge goes back beside the status, the cell as it was.
    await narrow.evaluate((tag) => (tag as HTMLElement).remove());
    await expect.poll(() => host.getAttribute('data-layout')).toBe('inline');
    expect(await host.evaluate((el) => el.parentElement!.style.flexWrap)).toBe('');
    expectAllWhole(await placements(page));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the popover above a badge near the window bottom and keeps it at the badge on scroll', async () => {
    // A short window (400 px), so that the page scrolls and a badge can sit near its bottom.
    const { page, errors } = await openList('en-us', 1280, 400);
    const badge = page.locator('[data-cpor-guard="badge"][data-claim-id="30437514"] button');
    const panel = page.locator('[data-cpor-guard="badge"][data-claim-id="30437514"] [popover]');
    // Put the badge about 40 px above the window's bottom edge, then open it by keyboard.
    await badge.evaluate((el) => {
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      window.scrollBy(0, el.getBoundingClientRect().bottom - (window.innerHeight - 40));
    });
    await badge.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.evaluate((el) => el.matches(':popover-open'))).toBe(true);
    const measure = () =>
      Promise.all([badge.boundingBox(), panel.boundingBox()]).then(([b, p]) => ({ b: b!, p: p! }));
    // Flipped: the panel ends 4 px above the badge, whole in the window.
    await expect.poll(async () => measure().then(({ b, p }) => Math.round(b.y - (p.y + p.height)))).toBe(4);
    const opened = await measure();
    expect(opened.p.y).toBeGreaterThanOrEqual(0);
    expect(opened.p.x + opened.p.width).toBeLessThanOrEqual(1280);
    // The page scrolls back by 50 px: the badge moves down, and the panel with it.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(50);
    await page.evaluate(() => window.scrollBy(0, -50));
    await expect
      .poll(async () =>
        measure().then(({ b, p }) => [Math.round(b.y - opened.b.y), Math.round(p.y - opened.p.y)]),
      )
      .toEqual([50, 50]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
