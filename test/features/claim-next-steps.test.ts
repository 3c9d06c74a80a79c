// Feature 'claim-next-steps' on the demo claim page (demo/claim.*.html) in happy-dom, with the
// test pack and a fake background (the real extension on the 2023 replica:
// test/e2e/claim-next-steps.e2e.test.ts): what it tells the partner to do next per status, from
// the reviewer's comment or the page's rejection reason, with the deadline claim-deadlines counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as claimDeadlines from '../../src/features/claim-deadlines';
import { type ClaimNextStepsPort, init } from '../../src/features/claim-next-steps';
import { localWallClock } from '../../src/page';
import { mergeHistory } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const root = join(import.meta.dirname, '../..');
const CLAIM_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305';
const NL_URL = CLAIM_URL.replace('/en-us/', '/nl-nl/');
const NOW = localWallClock('2026-11-27T10:00');

function demoPage(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(root, 'demo', name), 'utf8'), 'text/html');
}

const port: ClaimNextStepsPort = {
  context: async () => ({ ok: true, revision: 'r1', pack, table }),
  history: async (sighting, history, events, now) => ({
    ok: true,
    record: mergeHistory(undefined, history, sighting, now, events),
    saved: true,
  }),
  now: () => NOW,
};

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});
async function start(doc: Document, url = CLAIM_URL, feature: { init: typeof init } = { init }) {
  const controller = new AbortController();
  controllers.push(controller);
  expect(await feature.init(controller.signal, port, { doc, url })).toBe(true);
  return controller;
}

const section = (doc: Document) =>
  doc.querySelector('[data-cpor-guard="next-steps"]')?.shadowRoot?.querySelector('section') ?? null;
const lines = (doc: Document) =>
  [...(section(doc)?.querySelectorAll('h2, h3, p, li') ?? [])].map((el) => el.textContent);

/** The demo claim, rejected on 24 Nov 2026 at 3 PM (the status and a History entry changed). */
function rejectedPage(extra = ''): Document {
  const doc = demoPage('claim.en.html');
  for (const el of doc.querySelectorAll('span'))
    if (el.textContent === 'Partner action required') el.lastChild!.textContent = 'Rejected';
  doc
    .querySelector('[popover] ol')!
    .insertAdjacentHTML(
      'afterbegin',
      `${extra}<li><div>Status changed from Partner action required to Rejected</div><div>Microsoft reviewer · 11/24/2026, 3:00 PM</div></li>`,
    );
  return doc;
}

describe('feature claim-next-steps', () => {
  it('Partner action required (en): the reviewer’s reason, what it means, the deadline, the fix and the check of the new PoE', async () => {
    const doc = demoPage('claim.en.html');
    await start(doc);
    expect(section(doc)?.dataset.reason).toBe('missing-customer-acknowledgment');
    const shown = lines(doc);
    expect(shown.slice(0, 3)).toEqual([
      'What to do next',
      'The reviewer asks: Missing Customer Acknowledgment',
      "The customer's signature is not on the PoE.",
    ]);
    expect(shown[3]).toMatch(/^Respond to the reviewer: .+ left, due /);
    expect(shown).toContain('What to do');
    // The fix of the reason's PoE check (the test pack's reasons.json, poe-customer-signature).
    expect(shown).toContain(
      'Have the customer sign the PoE (a signature block with name, title and date, or an e-signature) and upload the signed copy.',
    );
    expect(shown.at(-1)).toBe(
      "When you choose the new PoE in Edit mode, cpor-guard's check panel on this page checks it before you resubmit.",
    );
  });

  it('counts the deadline as claim-deadlines does, and sits after its panel under the title, once however often it reads', async () => {
    const doc = demoPage('claim.en.html');
    await start(doc, CLAIM_URL, claimDeadlines);
    await start(doc);
    const h1 = doc.querySelector('h1')!;
    expect(h1.nextElementSibling?.getAttribute('data-cpor-guard')).toBe('claim-panel');
    expect(h1.nextElementSibling?.nextElementSibling?.getAttribute('data-cpor-guard')).toBe('next-steps');
    const deadline = lines(doc)[3]!.split(', due ')[0]!;
    expect(doc.querySelector('[data-cpor-guard="claim-panel"]')!.shadowRoot!.textContent).toContain(deadline);
    // A change of the page reads it again: still one panel of each.
    doc.querySelector('main')!.append(doc.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(doc.querySelectorAll('[data-cpor-guard="next-steps"]')).toHaveLength(1);
    expect(doc.querySelectorAll('[data-cpor-guard="claim-panel"]')).toHaveLength(1);
  });

  it('Partner action required (nl): the reviewer’s Dutch wording is matched by the reason’s alias', async () => {
    const doc = demoPage('claim.nl.html');
    await start(doc, NL_URL);
    const shown = lines(doc);
    expect(shown.slice(0, 2)).toEqual([
      'Wat u nu kunt doen',
      'De beoordelaar vraagt: Ontbrekende klantbevestiging',
    ]);
    expect(shown[3]).toMatch(/^Reageren op de beoordelaar: nog .+, uiterlijk /);
  });

  it('a comment whose reason cannot be told: says so, quoting it, and gives the status’s general what-to-do', async () => {
    const doc = demoPage('claim.en.html');
    doc.querySelector('section[aria-labelledby="id__60"] li p')!.textContent =
      'Please call us about this claim.';
    await start(doc);
    expect(section(doc)?.dataset.reason).toBeUndefined();
    const shown = lines(doc);
    expect(shown[1]).toBe(
      "cpor-guard could not tell which reason the reviewer's comment gives: “Please call us about this claim.”",
    );
    expect(shown).toContain(
      'The reviewer needs more information. Answer in the Comments section and add PoE, or the claim is rejected.',
    );
  });

  it('Rejected: the reason the page shows, the status’s meaning, the dispute window and the reason’s next steps', async () => {
    const doc = rejectedPage();
    doc
      .querySelector('h1')!
      .insertAdjacentHTML('afterend', '<p>Rejection reason: Missing customer consent on PoE</p>');
    await start(doc);
    expect(section(doc)?.dataset.situation).toBe('rejected');
    const shown = lines(doc);
    expect(shown.slice(1, 4)).toEqual([
      'Rejection reason: Missing customer consent on PoE',
      "The PoE does not show the customer's consent.",
      'The claim was denied. You can dispute the rejection within 30 days; after that, submit a new association with an updated PoE.',
    ]);
    expect(shown[4]).toMatch(/^Dispute the rejection: .+ left, due /);
    expect(shown.slice(-2)).toEqual([
      'Within 30 days: open the claim, select Dispute, enter a business justification and/or an updated PoE, and select Dispute.',
      'After 30 days: submit a new association with an updated PoE.',
    ]);
  });

  it('Rejected and already disputed: the one dispute is used, no window is shown', async () => {
    const doc = rejectedPage('<li><div>Dispute filed</div><div>Megan Bowen · 11/25/2026, 9:00 AM</div></li>');
    await start(doc);
    const shown = lines(doc);
    expect(shown).toContain('This claim has been disputed already, and a claim can be disputed only once.');
    expect(shown.some((line) => line?.startsWith('Dispute the rejection:'))).toBe(false);
    // No rejection reason on the page, and the reviewer's comment names none of reasons.json's rejections.
    expect(shown[1]).toBe('cpor-guard found no rejection reason on this page.');
  });

  it('Approved: the customer’s opt-out as its clock says, in Dutch', async () => {
    const doc = demoPage('claim.nl.html');
    for (const el of doc.querySelectorAll('span'))
      if (el.textContent === 'Partner actie vereist') el.lastChild!.textContent = 'Goedgekeurd';
    doc
      .querySelector('[popover] ol')!
      .insertAdjacentHTML(
        'afterbegin',
        '<li><div>Status gewijzigd van Partner actie vereist in Goedgekeurd</div><div>Microsoft-revisor · 24-11-2026 11:00</div></li>',
      );
    await start(doc, NL_URL);
    expect(lines(doc).slice(1)).toEqual([
      'De claim is goedgekeurd. De klant kan zich tijdens de toestemmingsperiode nog afmelden; daarna gaat de claim naar de beoordeling voor incentives. Goedkeuring is nog geen goedkeuring voor incentive-inkomsten of uitbetaling.',
      'Afmeldperiode klant: De klant kan zich op elk moment afmelden voor de koppeling.',
    ]);
  });

  it('shows nothing on a claim under review, and removes its panel when its signal aborts', async () => {
    const review = demoPage('claim.en.html');
    for (const el of review.querySelectorAll('span'))
      if (el.textContent === 'Partner action required') el.lastChild!.textContent = 'Under review';
    await start(review);
    expect(section(review)).toBeNull();
    const doc = demoPage('claim.en.html');
    const controller = await start(doc);
    expect(section(doc)).not.toBeNull();
    controller.abort();
    await vi.waitFor(() => expect(section(doc)).toBeNull());
  });
});
