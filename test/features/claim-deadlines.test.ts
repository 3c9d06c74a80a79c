// Feature 'claim-deadlines' on the demo claim page in happy-dom, with a fake background (the real
// extension: test/e2e/overlay.e2e.test.ts): what it sends from the History panel and the panel it
// shows under the claim's title.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClaimPagePort, init } from '../../src/features/claim-deadlines';
import { localWallClock } from '../../src/page';
import { type ExactStatus, mergeHistory, type Sighting } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const root = join(import.meta.dirname, '../..');
const CLAIM_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305';
const NOW = localWallClock('2026-11-27T10:00');

function demoPage(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(root, 'demo', name), 'utf8'), 'text/html');
}

function fakePort() {
  const sent: { sighting: Sighting; history: ExactStatus[] }[] = [];
  const port: ClaimPagePort = {
    context: async () => ({ ok: true, revision: 'r1', pack, table }),
    history: async (sighting, history, events, now) => {
      sent.push({ sighting, history });
      return { ok: true, record: mergeHistory(undefined, history, sighting, now, events), saved: true };
    },
    now: () => NOW,
  };
  return { port, sent };
}

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});
function start(doc: Document, port: ClaimPagePort, url = CLAIM_URL) {
  const controller = new AbortController();
  controllers.push(controller);
  return { controller, started: init(controller.signal, port, { doc, url }) };
}

const panelText = (doc: Document) =>
  doc.querySelector('[data-cpor-guard="claim-panel"]')?.shadowRoot?.textContent ?? null;

describe('feature claim-deadlines', () => {
  it('sends the History panel’s status changes, read in the browser’s zone, with the current status', async () => {
    const doc = demoPage('claim.en.html');
    const { port, sent } = fakePort();
    expect(await start(doc, port).started).toBe(true);
    expect(sent).toEqual([
      {
        sighting: { claimId: '30448305', status: 'partner-action-required' },
        history: [
          { status: 'submitted', at: localWallClock('2026-11-16T16:41') },
          { status: 'under-review', at: localWallClock('2026-11-18T09:02') },
          { status: 'partner-action-required', at: localWallClock('2026-11-23T14:14') },
        ],
      },
    ]);
  });

  it('shows the claim’s deadlines in a panel right after its title, counted from the exact times', async () => {
    const doc = demoPage('claim.nl.html');
    const { port } = fakePort();
    await start(doc, port, CLAIM_URL.replace('/en-us/', '/nl-nl/')).started;
    const host = doc.querySelector('[data-cpor-guard="claim-panel"]')!;
    expect(host.previousElementSibling?.tagName).toBe('H1');
    const text = panelText(doc)!;
    expect(text).toContain('Termijnen van claim 30448305');
    expect(text).toContain('Reageren op de beoordelaar: ');
    expect(text).toContain('Besluit over de claim: gepauzeerd');
    expect(text).toContain(
      'Geteld vanaf de geschiedenis van de claim: 3 statussen met hun exacte tijdstippen.',
    );
    expect(text).not.toContain('hoogstens');
  });

  it('reads the History when the partner opens it later, and counts from its exact times from then on', async () => {
    // A History panel that only enters the page when the History button is pressed.
    const doc = demoPage('claim.en.html');
    const dialog = doc.querySelector('[role="dialog"]')!;
    const parent = dialog.parentElement!;
    dialog.remove();
    const { port, sent } = fakePort();
    await start(doc, port).started;
    expect(sent.at(-1)?.history).toEqual([]);
    expect(panelText(doc)).not.toContain('Counted from the claim’s History');

    parent.append(dialog);
    await vi.waitFor(() => expect(sent.at(-1)?.history).toHaveLength(3), { timeout: 2000 });
    await vi.waitFor(() => expect(panelText(doc)).toContain('Counted from the claim’s History: 3 statuses'), {
      timeout: 2000,
    });
  });

  it('does nothing on the claims list, and removes its panel when its signal aborts', async () => {
    const list = demoPage('associations.en.html');
    expect(await start(list, fakePort().port, CLAIM_URL.replace('/30448305', '')).started).toBe(false);
    const doc = demoPage('claim.en.html');
    const { controller, started } = start(doc, fakePort().port);
    await started;
    expect(panelText(doc)).not.toBeNull();
    controller.abort();
    expect(panelText(doc)).toBeNull();
  });

  it('counts the dispute from the History: a filed dispute stops the dispute window and starts the review of it', async () => {
    const doc = demoPage('claim.en.html');
    // The claim was rejected on 24 Nov and the partner filed a dispute on 25 Nov.
    for (const el of doc.querySelectorAll('span')) {
      if (el.textContent === 'Partner action required') el.lastChild!.textContent = 'Rejected';
    }
    const list = doc.querySelector('[popover] ol')!;
    list.insertAdjacentHTML(
      'afterbegin',
      '<li><div>Dispute filed</div><div>Megan Bowen · 11/25/2026, 9:00 AM</div></li>' +
        '<li><div>Status changed from Partner action required to Rejected</div><div>Microsoft reviewer · 11/24/2026, 3:00 PM</div></li>',
    );
    const { port } = fakePort();
    await start(doc, port).started;
    const text = panelText(doc)!;
    expect(text).toContain('Reviewers answer the dispute: ');
    expect(text).not.toContain('Dispute the rejection');
  });

  it('ends the review of the dispute when the History shows the reviewers answered, though the claim stays Rejected', async () => {
    const doc = demoPage('claim.en.html');
    for (const el of doc.querySelectorAll('span')) {
      if (el.textContent === 'Partner action required') el.lastChild!.textContent = 'Rejected';
    }
    doc
      .querySelector('[popover] ol')!
      .insertAdjacentHTML(
        'afterbegin',
        '<li><div>Dispute answered</div><div>Microsoft reviewer · 11/26/2026, 11:00 AM</div></li>' +
          '<li><div>Dispute filed</div><div>Megan Bowen · 11/25/2026, 9:00 AM</div></li>' +
          '<li><div>Status changed from Partner action required to Rejected</div><div>Microsoft reviewer · 11/24/2026, 3:00 PM</div></li>',
      );
    const { port } = fakePort();
    await start(doc, port).started;
    const text = panelText(doc);
    // Nothing pending any more: no review to wait for, and the dispute window closed with the dispute.
    expect(text ?? '').not.toContain('Reviewers answer the dispute');
    expect(text ?? '').not.toContain('Dispute the rejection');
  });
});
