// The toolbar popup in happy-dom with a stand-in for the background: the deadlines list while it
// loads, with claims, without any, and when the background cannot read them (the built extension
// is exercised in test/e2e/overlay.e2e.test.ts).
import { describe, expect, it } from 'vitest';
import { createDeadlineEngine } from '../../../src/deadlines/engine';
import type { DeadlinesResponse, ErrorResponse } from '../../../src/messaging/protocol';
import { pendingDeadlines } from '../../../src/overlay/pending';
import { PopupApp } from '../../../src/ui/popup/PopupApp';
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
const deadlines = (locale: string): DeadlinesResponse => ({
  ok: true,
  ...pendingDeadlines(records, createDeadlineEngine(pack, table), pack, locale, now),
});

let root: HTMLElement;

async function popupWith(
  load: (locale: string) => Promise<DeadlinesResponse | ErrorResponse>,
  locale = 'en',
) {
  root = mount(
    <PopupApp
      pack={pack}
      locale={locale}
      onOpenOptions={() => {}}
      checkUrl="check.html"
      loadDeadlines={load}
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
    const section = await popupWith(async (locale) => deadlines(locale));
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
    const section = await popupWith(async (locale) => deadlines(locale), 'nl');
    expect(section.querySelector('h2')!.textContent).toBe('Uw termijnen');
    expect(section.querySelector('.cg-deadlines > li')!.textContent).toContain(
      'Claim 30448305 · Partner actie vereist',
    );
  });

  it('says so when no deadline is pending, and how many old claims it left out', async () => {
    const section = await popupWith(async () => ({ ok: true, claims: [], stale: 2, failed: 0 }));
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
    const section = await popupWith(async (locale) => ({
      ok: true,
      ...pendingDeadlines(more, createDeadlineEngine(pack, table), pack, locale, now),
    }));
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
      await new Promise((r) => setTimeout(r, 0));
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
});
