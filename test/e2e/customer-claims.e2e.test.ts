// The BUILT extension in real Chromium on the replica of Microsoft's 2023 pages (demo/claims.*.html,
// demo/claim-2023.*.html): the "Customer claims" list at …/engagements/ux/workshops/claims, in
// the 2023 wording (Draft, Dispute, Rejected final) with its columns in another order, and a
// claim page under it. Every expected text is written here by hand from the rules of
// Microsoft's 2023-10-10 pages; what is asserted does not depend on today's date.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  customerClaimsUrl,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { badgesOn, waitForBadges } from './demo-claims';
import { openWatchedPage } from './pages';

const e2e = inject('cporGuardE2e');
const chromiumPath = e2e?.chromiumPath ?? null;

/**
 * The claims of demo/claims.*.html with a deadline to watch, whatever today is (an overdue one
 * still shows): Submitted (review start), Partner action required (respond to the reviewer),
 * Under review (review), Dispute (the reviewers' answer) and Rejected (dispute window). Draft,
 * Approved (customer opt-out "any time" since 2023-10-10: no deadline) and Rejected final have none.
 */
const WITH_BADGE = ['30510981', '30502266', '30497730', '30488105', '30479952'];

describe.skipIf(!chromiumPath)('the 2023 Customer claims pages', () => {
  let launched: LaunchedExtension;
  let context: BrowserContext;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath! });
    context = launched.context;
    await serveDemo(context);
  });

  afterAll(async () => {
    await launched?.close();
  });

  it.each([
    ['en-us', 'Deadlines of claim 30488105: ', 'Reviewers answer the dispute: '],
    ['nl-nl', 'Termijnen van claim 30488105: ', 'Beoordelaars beantwoorden het geschil: '],
  ])(
    'puts a badge beside each claim with a deadline on the list at the 2023 address (%s)',
    async (urlLocale, prefix, line) => {
      const { page, errors } = await openWatchedPage(context, customerClaimsUrl(urlLocale));
      await waitForBadges(page, WITH_BADGE.length);
      const shown = await badgesOn(page);
      expect(Object.keys(shown).sort()).toEqual([...WITH_BADGE].sort());
      // A claim in the new status Dispute counts down the reviewers' five working days.
      // Its accessible name starts with the badge's own text, then says whose deadlines.
      const dispute = shown['30488105'];
      expect(dispute?.name?.startsWith(`${dispute?.short}, ${prefix}${line}`)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each([
    ['en-us', 'Respond to the reviewer', 'Decision on the claim', 'Review decision: ', '4 statuses'],
    ['nl-nl', 'Reageren op de beoordelaar', 'Besluit over de claim', 'Besluit beoordeling: ', '4 statussen'],
  ])(
    'reads a claim page at the 2023 address from its History (%s)',
    async (urlLocale, respond, decision, review, counted) => {
      // demo/claim-2023: asked Wed 14 Oct 2026 14:00, answered Wed 28 Oct 11:05 (Redmond), the 10th
      // business day: the request is answered, so no reply deadline is pending, and the claim is
      // Under review again. Submitted on 5 Oct 2026, after 2023-10-10: the decision has no target
      // any more, so no "Decision on the claim" line either (the 2020 pack showed one).
      const { page, errors } = await openWatchedPage(context, customerClaimsUrl(urlLocale, '30497730'));
      const panel = await page.waitForFunction(
        () => document.querySelector('[data-cpor-guard="claim-panel"]')?.shadowRoot?.textContent,
        null,
        { timeout: 20_000 },
      );
      const text = String(await panel.jsonValue());
      expect(text).toContain(review);
      expect(text).toContain(counted);
      expect(text).not.toContain(respond);
      expect(text).not.toContain(decision);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
