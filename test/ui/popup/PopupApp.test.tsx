// The toolbar popup in happy-dom with a stand-in for the background: the deadlines list while it
// loads, with claims, without any, and when the background cannot read them (the built extension
// is exercised in test/e2e/overlay.e2e.test.ts).
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../../src/deadlines/engine';
import type { DeadlinesPageResponse, ErrorResponse } from '../../../src/messaging/protocol';
import { deadlineOrder, deadlinesPage } from '../../../src/overlay/pending';
import { popupShell } from '../../../src/overlay/popup-shell';
import type { ClaimRecord } from '../../../src/store';
import {
  DEADLINES_PAGE,
  type DeadlinesQuery,
  type LoadDeadlines,
  type ObserveEnd,
  PopupApp,
} from '../../../src/ui/popup/PopupApp';
import { popupTexts } from '../../../src/ui/popup/texts';
import { table, pack as testPack } from '../../deadlines/fixtures';
import { mount } from '../../support/mount';

// The test pack, interface texts included (test/fixtures/packs).
const pack = testPack;
const t = (iso: string) => Date.parse(iso);
const now = t('2026-11-30T10:00-08:00');
const records = [
  {
    claimId: '30451877',
    firstSeen: t('2026-11-25T10:00-08:00'),
    lastSeen: now,
    history: [{ status: 'under-review', at: t('2026-11-25T10:00-08:00') }],
  },
  {
    claimId: '30448305',
    firstSeen: t('2026-11-23T10:00-08:00'),
    lastSeen: now,
    history: [{ status: 'partner-action-required', at: t('2026-11-23T10:00-08:00') }],
  },
];
const engine = createDeadlineEngine(pack, table);
/** The background's answer over `kept` (src/background/overlay-service.ts deadlinesPage). */
const pagesOf =
  (kept: ClaimRecord[]) =>
  ({ locale, actor, offset, limit }: DeadlinesQuery): DeadlinesPageResponse => ({
    ok: true,
    ...deadlinesPage(deadlineOrder(kept, engine, now, actor), pack, locale, offset, limit),
  });
const deadlines = pagesOf(records);
/** An empty page: nothing pending, `stale` old claims left out. */
const none = (stale: number): DeadlinesPageResponse => ({
  ok: true,
  actor: 'all',
  claims: [],
  offset: 0,
  total: 0,
  yours: 0,
  pending: 0,
  stale,
  failed: 0,
});

let root: HTMLElement;

async function popupWith(
  load: (query: DeadlinesQuery) => Promise<DeadlinesPageResponse | ErrorResponse>,
  locale = 'en',
  observeEnd: ObserveEnd = () => () => {},
) {
  root = mount(
    <PopupApp
      texts={popupTexts(popupShell(pack, locale))}
      locale={locale}
      onOpenOptions={() => {}}
      checkUrl="check.html"
      loadDeadlines={load satisfies LoadDeadlines}
      observeEnd={observeEnd}
    />,
  );
  const section = () => root.querySelector<HTMLElement>('[data-testid="popup-deadlines"]')!;
  for (let i = 0; i < 50 && section().getAttribute('aria-busy') === 'true'; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  return section();
}

describe('the toolbar popup’s deadlines', () => {
  it('lists the claims with pending deadlines, most pressing first, each deadline in words', async () => {
    const section = await popupWith(async (query) => deadlines(query));
    const items = [...section.querySelectorAll<HTMLElement>('.cg-deadlines > li')];
    expect(items.map((li) => [li.dataset.claimId, li.dataset.level])).toEqual([
      ['30448305', 'warning'],
      ['30451877', 'running'],
    ]);
    expect(items[0]!.textContent).toContain('Claim 30448305 · Partner action required');
    expect(items[0]!.querySelector('li')!.textContent).toMatch(
      /^Respond to the reviewer: 2 business days left \(due Wed 2 Dec, 10:00 \(Redmond\)/,
    );
    expect(section.textContent).toContain('most pressing first');
  });

  it('speaks Dutch', async () => {
    const section = await popupWith(async (query) => deadlines(query), 'nl');
    expect(section.querySelector('h2')!.textContent).toBe('Uw termijnen');
    expect(section.querySelector('.cg-deadlines > li')!.textContent).toContain(
      'Claim 30448305 · Partner actie vereist',
    );
  });

  it('says so when no deadline is pending, and how many old claims it left out', async () => {
    const section = await popupWith(async () => none(2));
    expect(section.querySelector('.cg-deadlines')).toBeNull();
    expect(section.textContent).toContain('No pending deadlines among the claims seen on this computer');
    expect(section.textContent).toContain('2 claims not seen for 30 days are left out');
  });

  it('says what to do when another tab blocks the database, in the partner’s language', async () => {
    const section = await popupWith(async () => ({ ok: false, error: 'blocked', problem: 'blocked' }), 'nl');
    expect(section.querySelector('[role="alert"]')!.textContent).toMatch(
      /^De termijnen kunnen nu niet worden gelezen: .* Sluit de andere Partner Center-tabbladen/,
    );
  });

  it('says why when the deadlines cannot be read, and the rest of the popup still works', async () => {
    const section = await popupWith(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(section.querySelector('[role="alert"]')!.textContent).toBe(
      'The deadlines could not be read: Could not establish connection. Receiving end does not exist. The badges on the dashboard still count from the page.',
    );
    expect(root.querySelector('[data-testid="open-check"]')).not.toBeNull();
  });

  it('keeps the partner’s deadlines apart from Microsoft’s, filters by who must act, and links each claim to its page', async () => {
    const page = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305';
    const more = [
      { ...records[1]!, url: page },
      records[0]!,
      {
        // Submitted on 2 Nov: the review's start (Microsoft's) is overdue, nothing for the partner to do.
        claimId: '30459120',
        firstSeen: t('2026-11-02T10:00-08:00'),
        lastSeen: now,
        history: [{ status: 'submitted', at: t('2026-11-02T10:00-08:00') }],
      },
    ];
    const section = await popupWith(async (query) => pagesOf(more)(query));
    const ids = (testId: string) =>
      [...section.querySelectorAll<HTMLElement>(`[data-testid="${testId}"] > li`)].map(
        (li) => li.dataset.claimId,
      );
    expect([...section.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Yours to meet',
      'Waiting for Microsoft or the customer',
    ]);
    expect(ids('popup-yours')).toEqual(['30448305']);
    // The overdue review start is listed, but not as the partner's, and below theirs.
    expect(ids('popup-others')).toEqual(['30459120', '30451877']);
    const link = section.querySelector<HTMLAnchorElement>('[data-testid="popup-claim-link"]')!;
    expect(link.href).toBe(page);
    expect(link.textContent).toBe('Claim 30448305');
    expect(section.querySelectorAll('[data-testid="popup-claim-link"]').length).toBe(1);

    const choose = async (label: string) => {
      const radio = [...section.querySelectorAll<HTMLInputElement>('[data-testid="popup-actor"] input')].find(
        (input) => input.parentElement!.textContent!.trim() === label,
      )!;
      radio.click();
      // The background is asked again for the filter's first page.
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    };
    await choose('Microsoft’s'.replace('’', "'"));
    expect(ids('popup-yours')).toEqual([]);
    expect(ids('popup-others')).toEqual(['30459120', '30451877']);
    await choose('Yours');
    expect(ids('popup-yours')).toEqual(['30448305']);
    expect(ids('popup-others')).toEqual([]);
    await choose("The customer's");
    expect(section.querySelector('[data-testid="popup-none-for"]')!.textContent).toBe(
      'No pending deadlines of this kind.',
    );
  });

  describe('a page at a time (issue 14)', () => {
    /** 120 claims: every fifth waits for the partner, the others for Microsoft, each an hour apart. */
    const many: ClaimRecord[] = Array.from({ length: 120 }, (_, i) => {
      const at = t('2026-11-25T10:00-08:00') - i * 3_600_000;
      return {
        claimId: String(30_600_000 + i),
        firstSeen: at,
        lastSeen: now,
        history: [{ status: i % 5 === 0 ? 'partner-action-required' : 'under-review', at }],
      };
    });
    const everything = deadlinesPage(deadlineOrder(many, engine, now, 'all'), pack, 'en', 0, 1000).claims;

    /** The popup over `many`, its queries, and a way to bring the end of its list into view. */
    async function pagedPopup(fail?: (query: DeadlinesQuery) => boolean) {
      const queries: DeadlinesQuery[] = [];
      const ends: (() => void)[] = [];
      const section = await popupWith(
        async (query) => {
          queries.push(query);
          return fail?.(query) ? { ok: false, error: 'worker stopped' } : pagesOf(many)(query);
        },
        'en',
        (_element, onEnd) => {
          ends.push(onEnd);
          return () => {};
        },
      );
      const scrollToEnd = async () => {
        ends.at(-1)!();
        for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
      };
      const shown = () =>
        [...section.querySelectorAll<HTMLElement>('.cg-deadlines > li')].map((li) => li.dataset.claimId);
      return { section, queries, scrollToEnd, shown };
    }

    it('shows the first page, then the next ones as the end of the list comes into view, in the whole list’s order', async () => {
      const { section, queries, scrollToEnd, shown } = await pagedPopup();
      expect(queries).toEqual([{ locale: 'en', actor: 'all', offset: 0, limit: DEADLINES_PAGE }]);
      expect(shown()).toEqual(everything.slice(0, DEADLINES_PAGE).map((c) => c.claimId));
      // The partner's 24 claims come first under their heading, the others below.
      const yours = section.querySelectorAll('[data-testid="popup-yours"] > li');
      expect(yours.length).toBe(24);
      await scrollToEnd();
      expect(queries.at(-1)).toMatchObject({ offset: DEADLINES_PAGE });
      await scrollToEnd();
      expect(queries.at(-1)).toMatchObject({ offset: 2 * DEADLINES_PAGE });
      expect(shown()).toEqual(everything.map((c) => c.claimId));
      expect(section.querySelector('[data-testid="popup-more"]')).toBeNull();
      expect(queries.length).toBe(3);
    });

    it('asks from the first page again for another filter', async () => {
      const { section, queries, scrollToEnd, shown } = await pagedPopup();
      await scrollToEnd();
      const radio = section.querySelector<HTMLInputElement>(
        '[data-testid="popup-actor"] input[value="partner"]',
      )!;
      radio.click();
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
      expect(queries.at(-1)).toEqual({ locale: 'en', actor: 'partner', offset: 0, limit: DEADLINES_PAGE });
      expect(shown().length).toBe(24);
      expect(section.querySelector('[data-testid="popup-more"]')).toBeNull();
    });

    it('keeps the claims shown and says why when a later page cannot be read', async () => {
      const { section, scrollToEnd, shown } = await pagedPopup((query) => query.offset > 0);
      await scrollToEnd();
      expect(shown().length).toBe(DEADLINES_PAGE);
      expect(section.querySelector('[role="alert"]')!.textContent).toContain('worker stopped');
      expect(section.querySelector('[data-testid="popup-more"]')).toBeNull();
    });
  });
});
