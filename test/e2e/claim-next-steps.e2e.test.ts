// "What to do next" on a claim page, in real Chromium with the built extension, on the replica's
// 2023 claim pages (demo/claim-status.*.html, rendered 300 ms after load) in English and Dutch.
// What is expected is written here as a person reads it off the page and counts it by hand.
//
// The browser's clock is CLOCK_AT (Wed 9 Dec 2026, 09:30 UTC = 01:30 in Redmond) and its time
// zone UTC, so the History's moments are read as UTC:
// - 30500101, Partner action required since 11/19/2026 10:30 AM (02:30 Redmond): 14 business days
//   of Microsoft's calendar (closed Thanksgiving 26 Nov and the day after): 20, 23-25, 30 Nov,
//   1-4, 7-11 Dec → due Fri 11 Dec, 02:30 (Redmond).
// - 30500102, Rejected 12/1/2026 3:20 PM (07:20 Redmond): 30 calendar days to dispute → Thu
//   31 Dec, 07:20 (Redmond); at 01:30 on 9 Dec that leaves 22 days and 5 hours (whole hours).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  customerClaimsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { openWatchedPage } from './pages';
import { CLOCK_AT } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

const urlLocale = { en: 'en-us', nl: 'nl-nl' } as const;

const TEXTS = {
  en: {
    title: 'What to do next',
    heading: 'Tailspin Toys – Microsoft Teams usage',
    reason: 'The reviewer asks: Missing Customer Acknowledgment',
    fix: 'Have the customer sign the PoE (a signature block with name, title and date, or an e-signature) and upload the signed copy.',
    respondDue: 'Respond to the reviewer: ',
    respondDueDate: 'due Fri 11 Dec, 02:30 (Redmond)',
    checkPanel: 'check panel',
    dispute: 'Dispute the rejection: 22 days and 5 hours left, due Thu 31 Dec, 07:20 (Redmond)',
    once: 'You can dispute the rejection once, within 30 days',
    rejectionShown: 'Invalid PoE date',
    noDispute: 'This claim can no longer be disputed',
    toList: 'Add the customer again from the claims list',
    disputeWord: 'Dispute the rejection',
    optOut: 'The customer can opt out of the association at any time.',
    disassociate:
      'You select Disassociate customer on the approved claim and give a reason. The claim then moves to Rejected final.',
  },
  nl: {
    title: 'Wat u nu kunt doen',
    heading: 'Tailspin Toys – Microsoft Teams usage',
    reason: 'De beoordelaar vraagt: Ontbrekende klantbevestiging',
    fix: 'Laat de klant de PoE ondertekenen (een handtekeningblok met naam, functie en datum, of een elektronische handtekening) en upload het ondertekende exemplaar.',
    respondDue: 'Reageren op de beoordelaar: ',
    respondDueDate: 'uiterlijk vr 11 dec, 02:30 (Redmond)',
    checkPanel: 'controlepaneel',
    dispute: 'Afwijzing betwisten: nog 22 dagen en 5 uur, uiterlijk do 31 dec, 07:20 (Redmond)',
    once: 'U kunt de afwijzing één keer betwisten, binnen 30 dagen',
    rejectionShown: 'Ongeldige PoE-datum',
    noDispute: 'Deze claim kan niet meer betwist worden',
    toList: 'Voeg de klant opnieuw toe vanuit de lijst met claims',
    disputeWord: 'Afwijzing betwisten',
    optOut: 'De klant kan zich op elk moment afmelden voor de koppeling.',
    disassociate:
      'U kiest Klant ontkoppelen bij de goedgekeurde claim en geeft een reden op. De claim gaat dan naar Definitief afgewezen.',
  },
} as const;

/** The text of one of our panels (by its data-cpor-guard), or null while it is not there. */
const ownText = (page: Page, own: string) =>
  page.evaluate(
    (id) => document.querySelector(`[data-cpor-guard="${id}"]`)?.shadowRoot?.textContent ?? null,
    own,
  );

/** The "does not recognise" notice, if shown. */
const unrecognised = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-cpor-guard="notice"][data-kind="unreadable-claim"]')?.shadowRoot
        ?.textContent ?? null,
  );

/** The panel's text once it is shown. */
async function nextSteps(page: Page): Promise<string> {
  await expect.poll(() => ownText(page, 'next-steps'), { timeout: 15_000 }).not.toBeNull();
  return (await ownText(page, 'next-steps'))!;
}

describe.skipIf(!chromiumPath)('What to do next on Partner Center’s claim pages', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    await serveDemo(launched.context);
  });
  afterAll(async () => {
    await launched?.close();
  });

  const open = (locale: 'en' | 'nl', claimId: string) =>
    openWatchedPage(launched.context, customerClaimsUrl(urlLocale[locale], claimId));

  it.each(['en', 'nl'] as const)(
    '30500101 (%s), Partner action required: the reviewer’s reason, its fix, the time to respond and the check of the new PoE',
    async (locale) => {
      const t = TEXTS[locale];
      const { page, errors } = await open(locale, '30500101');
      const text = await nextSteps(page);
      expect(text).toContain(t.title);
      expect(text).toContain(t.reason);
      expect(text).toContain(t.fix);
      expect(text).toContain(t.respondDue);
      expect(text).toContain(t.respondDueDate);
      expect(text).toContain(t.checkPanel);
      // Under the claim's title, after the deadlines panel, not on top of it.
      const order = await page.evaluate(() => {
        const h1 = document.querySelector('h1')!;
        return [
          h1.nextElementSibling?.getAttribute('data-cpor-guard'),
          h1.nextElementSibling?.nextElementSibling?.getAttribute('data-cpor-guard'),
        ];
      });
      expect(order).toEqual(['claim-panel', 'next-steps']);
      expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toBe(t.heading);
      await page.waitForTimeout(2500);
      expect(await unrecognised(page)).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each(['en', 'nl'] as const)(
    '30500102 (%s), Rejected: the reason the page shows, one dispute within 30 days, and the window’s due date',
    async (locale) => {
      const t = TEXTS[locale];
      const { page, errors } = await open(locale, '30500102');
      const text = await nextSteps(page);
      expect(text).toContain(t.rejectionShown);
      expect(text).toContain(t.once);
      expect(text).toContain(t.dispute);
      await page.waitForTimeout(2500);
      expect(await unrecognised(page)).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each(['en', 'nl'] as const)(
    '30500103 (%s), Rejected final: no dispute, only a new association from the claims list',
    async (locale) => {
      const t = TEXTS[locale];
      const { page, errors } = await open(locale, '30500103');
      const text = await nextSteps(page);
      expect(text).toContain(t.noDispute);
      expect(text).not.toContain(t.disputeWord);
      const href = await page.evaluate(
        () =>
          document.querySelector('[data-cpor-guard="next-steps"]')?.shadowRoot?.querySelector('a')?.href ??
          null,
      );
      expect(href).toBe(customerClaimsUrl(urlLocale[locale]));
      expect(text).toContain(t.toList);
      await page.waitForTimeout(2500);
      expect(await unrecognised(page)).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each(['en', 'nl'] as const)(
    '30500104 (%s), Approved: the customer may opt out at any time, and Disassociate customer ends in Rejected final',
    async (locale) => {
      const t = TEXTS[locale];
      const { page, errors } = await open(locale, '30500104');
      const text = await nextSteps(page);
      expect(text).toContain(t.optOut);
      expect(text).toContain(t.disassociate);
      await page.waitForTimeout(2500);
      expect(await unrecognised(page)).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
