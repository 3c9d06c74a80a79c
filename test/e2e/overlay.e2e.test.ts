// The dashboard overlay of the BUILT extension in real Chromium, on the demo replica of the claims
// list: a countdown badge beside each claim with a pending deadline (en and nl), its deadlines on
// activation by keyboard, the toolbar icon's count, reminders, the claims kept in the extension's
// IndexedDB, a status change seen without a reload (Partner Center is a single-page app), and a
// page whose layout changed. The browser's clock is set to one instant (CLOCK_AT) and the
// expected texts are written out in ./set-clock.ts, counted by hand from the pack's rules.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  associationsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { badgesOn, DEMO_ROWS, waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';
import {
  ATTENTION_AT_CLOCK,
  CLOCK_AT,
  PENDING_AT_CLOCK,
  POPUP_AT_CLOCK,
  REMINDERS_AT_CLOCK,
  shownAtClock,
} from './set-clock';

declare const chrome: typeof import('wxt/browser').browser;

const e2e = inject('cporGuardE2e');
const chromiumPath = e2e?.chromiumPath ?? null;

describe.skipIf(!chromiumPath)('the deadline overlay on the claims list', () => {
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

  it.each([
    ['en-us', 'en'],
    ['nl-nl', 'nl'],
  ] as const)(
    'shows a countdown beside each claim with a pending deadline (%s)',
    async (urlLocale, locale) => {
      const { page, errors } = await openWatchedPage(context, associationsUrl(urlLocale));
      await waitForBadges(page, PENDING_AT_CLOCK.length);
      expect(await badgesOn(page)).toEqual(shownAtClock(locale));
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('lists the deadlines of the claims it saw in the toolbar popup, most pressing first', async () => {
    // The list was visited above: the store holds the demo's claims as a first visit leaves them.
    const { page, errors } = await openWatchedPage(
      context,
      `chrome-extension://${launched.extensionId}/popup.html`,
    );
    const section = page.getByTestId('popup-deadlines');
    await expect.poll(() => section.getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
    const shown = (list: string) =>
      section
        .getByTestId(list)
        .locator(':scope > li')
        .evaluateAll((items) =>
          items.map((li) => [
            (li as HTMLElement).dataset.claimId,
            li.querySelector('.cg-badge')?.textContent,
          ]),
        );
    expect({ yours: await shown('popup-yours'), others: await shown('popup-others') }).toEqual(
      POPUP_AT_CLOCK,
    );
    // Each claim links to its page as the list last seen linked it: the Dutch one, visited last.
    expect(
      await section
        .locator('[data-claim-id="30448305"] [data-testid="popup-claim-link"]')
        .getAttribute('href'),
    ).toBe('https://partner.microsoft.com/nl-nl/dashboard/incentives/claims/associations/30448305');
    // Only Microsoft's: the partner's list empties, Microsoft's stays.
    // The filtered page comes from the background (issue 14: the popup asks for one page at a time).
    await section.getByRole('radio', { name: "Microsoft's" }).check();
    await expect.poll(() => section.getByTestId('popup-yours').count(), { timeout: 10_000 }).toBe(0);
    expect(await shown('popup-others')).toEqual(POPUP_AT_CLOCK.others);
    expect(await section.locator('h2').textContent()).toBe('Your deadlines');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts the stored claims that need attention on the toolbar icon of every other tab', async () => {
    // The list was visited above: the icon of tabs without a claims list counts the kept claims.
    await expect
      .poll(() => launched.worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 10_000 })
      .toBe(ATTENTION_AT_CLOCK);
  });

  it('opens the deadlines of a claim with the keyboard and closes them with Escape', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const badge = page.locator('[data-cpor-guard="badge"][data-claim-id="30448305"] button');
    await badge.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-cpor-guard="badge"][data-claim-id="30448305"] [popover]');
    await expect.poll(() => panel.evaluate((el) => el.matches(':popover-open'))).toBe(true);
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    const text = await panel.textContent();
    expect(text).toContain('Deadlines of claim 30448305');
    expect(text).toContain('You must act.');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.evaluate((el) => el.matches(':popover-open'))).toBe(false);
    expect(
      await badge.evaluate(
        (el) =>
          el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts the claims that need attention on the toolbar icon', async () => {
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const url = associationsUrl('en-us');
    await expect
      .poll(
        () =>
          launched.worker.evaluate(async (pageUrl) => {
            const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === pageUrl);
            return tab?.id === undefined ? null : chrome.action.getBadgeText({ tabId: tab.id });
          }, url),
        { timeout: 10_000 },
      )
      .toBe(ATTENTION_AT_CLOCK);
    await page.close();
  });

  it('keeps the claims it saw in the extension’s IndexedDB, not the page’s', async () => {
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const stored = await launched.worker.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('cpor-guard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('claims').objectStore('claims').getAllKeys();
            request.onsuccess = () => {
              open.result.close();
              resolve((request.result as string[]).sort());
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );
    expect(stored).toEqual(DEMO_ROWS.map(([id]) => id).sort());
    // The page's own origin has no database of ours.
    const pageDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(pageDatabases).not.toContain('cpor-guard');
    await page.close();
  });

  it('badges rows that stream in faster than the page settles, while they still stream', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    // The list renders again, a row every 200 ms, and then keeps changing (a progress text) every
    // 200 ms for 20 s: never quiet for the overlay's 250 ms settle time.
    await page.evaluate(async () => {
      const fresh = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const rows = [...fresh.querySelectorAll('[role="row"][data-item-index]')];
      const body = document.querySelector('[role="row"][data-item-index]')!.parentElement!;
      for (const row of body.querySelectorAll('[role="row"][data-item-index]')) row.remove();
      const progress = document.body.appendChild(document.createElement('p'));
      const state = window as unknown as { streaming: boolean };
      state.streaming = true;
      let tick = 0;
      const timer = setInterval(() => {
        const row = rows.shift();
        if (row) body.append(document.importNode(row, true));
        progress.textContent = `Loading… ${++tick}`;
        if (tick === 100) {
          clearInterval(timer);
          state.streaming = false;
        }
      }, 200);
    });
    await waitForBadges(page, 0);
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    expect(await page.evaluate(() => (window as unknown as { streaming: boolean }).streaming)).toBe(true);
    expect(await badgesOn(page)).toEqual(shownAtClock('en'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a status change without a reload and records it', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    // The single-page app re-renders the row: the submitted claim is now under review.
    await page.evaluate(() => {
      const row = [...document.querySelectorAll('[role="row"]')].find((r) =>
        r.textContent?.includes('30459120'),
      )!;
      const cell = [...row.querySelectorAll('[role="gridcell"]')].find(
        (c) => c.textContent?.trim() === 'Submitted',
      )!;
      cell.querySelector('span')!.lastChild!.textContent = 'Under review';
    });
    await expect
      .poll(
        () =>
          launched.worker.evaluate(
            () =>
              new Promise<string[]>((resolve, reject) => {
                const open = indexedDB.open('cpor-guard');
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                  const request = open.result.transaction('claims').objectStore('claims').get('30459120');
                  request.onsuccess = () => {
                    open.result.close();
                    resolve(request.result.history.map((h: { status: string }) => h.status));
                  };
                };
              }),
          ),
        { timeout: 10_000 },
      )
      .toEqual(['submitted', 'under-review']);
    // Its badge now counts the review decision (under review), no longer the start of the review.
    await expect.poll(async () => (await badgesOn(page))['30459120']?.name).toContain('Review decision: ');
    expect((await badgesOn(page))['30459120']?.name).not.toContain('Review starts');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps each countdown whole inside a status cell too narrow for it', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('nl-nl'));
    await page.setViewportSize({ width: 1700, height: 800 });
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    // The page's column widths are not ours: a status column narrower than status + badge (the
    // replica's is 270 px; "Partner actie vereist" and a badge need more than 200).
    await page.addStyleTag({
      content:
        '.ms-DetailsHeader,.ms-DetailsRow{grid-template-columns:110px 160px 230px 170px 150px 200px 130px 140px !important}',
    });
    const measure = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-cpor-guard="badge"]')].map((host) => {
          const cell = host.parentElement!.getBoundingClientRect();
          const badge = host.shadowRoot!.querySelector('button')!.getBoundingClientRect();
          const text = host.parentElement!.textContent!.trim();
          return { text, inside: badge.left >= cell.left && badge.right <= cell.right, width: badge.width };
        }),
      );
    // The badges lay themselves out again when their cell is resized (a ResizeObserver): wait
    // for that, then every badge is whole inside its cell.
    await expect.poll(async () => (await measure()).every((p) => p.inside), { timeout: 5_000 }).toBe(true);
    const placement = await measure();
    expect(placement.some((p) => p.text.startsWith('Partner actie vereist'))).toBe(true);
    for (const p of placement) {
      expect(p.width, p.text).toBeGreaterThan(30);
      expect(p.inside, p.text).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a notice instead of countdowns when the list’s layout changed', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    await page.evaluate(() => {
      const header = [...document.querySelectorAll('[role="columnheader"]')].find(
        (h) => h.textContent?.trim() === 'Status',
      )!;
      header.textContent = 'State';
    });
    await waitForBadges(page, 0);
    const notice = await page.waitForFunction(
      () =>
        document.querySelector('[data-cpor-guard="notice"]')?.shadowRoot?.querySelector('[role="status"]')
          ?.textContent,
      null,
      { timeout: 10_000 },
    );
    expect(await notice.jsonValue()).toContain('not found: “Status”');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reminds the partner of deadlines that need attention, once, as notifications', async () => {
    const { page } = await openWatchedPage(context, associationsUrl('en-us'));
    await waitForBadges(page, PENDING_AT_CLOCK.length);
    const fire = () =>
      launched.worker.evaluate(() => chrome.alarms.create('cpor/reminders', { when: Date.now() }));
    const shown = () =>
      launched.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
    const reminded = async () =>
      (await shown())
        .map((id) => id.replace('cpor-reminder:', '').split('|'))
        .map(([claimId, clockId, , level]) => `${claimId} ${clockId} ${level}`)
        .sort();
    await fire();
    // The partner's two warnings; not the notice (4 days left), nor Microsoft's overdue review start.
    // Polled until both are there: the notifications are created one after the other.
    await expect.poll(reminded, { timeout: 15_000 }).toEqual(REMINDERS_AT_CLOCK);
    // A second run finds nothing new to say.
    await launched.worker.evaluate(() =>
      chrome.notifications
        .getAll()
        .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
    );
    await fire();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await shown()).toEqual([]);
    await page.close();
  });

  it('counts from the exact times of a claim’s History on its own page, and the list follows', async () => {
    const { page, errors } = await openWatchedPage(context, associationsUrl('en-us', '30448305'));
    const panel = await page.waitForFunction(
      () => document.querySelector('[data-cpor-guard="claim-panel"]')?.shadowRoot?.textContent,
      null,
      { timeout: 20_000 },
    );
    const text = String(await panel.jsonValue());
    expect(text).toContain('Deadlines of claim 30448305');
    expect(text).toContain('Respond to the reviewer: ');
    expect(text).not.toContain('at most');
    // Submitted on 16 Nov 2026: since 2023-10-10 the decision has no target, so no line for it
    // (the 2020 rules paused it here while the partner must act).
    expect(text).not.toContain('Decision on the claim');
    expect(text).toContain('Counted from the claim’s History: 3 statuses with their exact times.');
    expect(errors).toEqual([]);
    await page.close();
    // Back on the list, the claim's badge is exact too (no "≤").
    const list = (await openWatchedPage(context, associationsUrl('en-us'))).page;
    await waitForBadges(list, PENDING_AT_CLOCK.length);
    await expect.poll(async () => (await badgesOn(list))['30448305']?.short).toMatch(/^(?!≤)/);
    await list.close();
  });
});
