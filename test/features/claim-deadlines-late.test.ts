// Feature 'claim-deadlines' on a claim page that renders after load, as Partner Center does (a
// spinner first; the replica demo/claim-status.*.html renders its claim 300 ms after load): the
// "does not recognise this page" notice only when the page, once rendered, really shows no claim,
// and gone as soon as a read succeeds. In happy-dom with a fake background and the test pack;
// the real extension on the replica: test/e2e/claim-next-steps.e2e.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClaimPagePort, init } from '../../src/features/claim-deadlines';
import { localWallClock } from '../../src/page';
import { mergeHistory } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const root = join(import.meta.dirname, '../..');
const CLAIM_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305';
const NOW = localWallClock('2026-11-27T10:00');

const port: ClaimPagePort = {
  context: async () => ({ ok: true, revision: 'r1', pack, table }),
  history: async (sighting, history, events, now) => ({
    ok: true,
    record: mergeHistory(undefined, history, sighting, now, events),
    saved: true,
  }),
  now: () => NOW,
};

/** The demo claim page with its content taken out and a spinner in its place; `render()` puts it back. */
function latePage(): { doc: Document; render: () => void } {
  const doc = new DOMParser().parseFromString(
    readFileSync(join(root, 'demo/claim.en.html'), 'utf8'),
    'text/html',
  );
  const content = [...doc.body.children].filter((el) => el.localName !== 'script');
  for (const el of content) el.remove();
  const spinner = doc.createElement('div');
  spinner.setAttribute('role', 'status');
  spinner.textContent = 'Loading…';
  doc.body.prepend(spinner);
  return {
    doc,
    render: () => {
      spinner.remove();
      doc.body.prepend(...content);
    },
  };
}

const notice = (doc: Document) =>
  doc.querySelector('[data-cpor-guard="notice"][data-kind="unreadable-claim"]')?.shadowRoot?.textContent ??
  null;
const panel = (doc: Document) => doc.querySelector('[data-cpor-guard="claim-panel"]');

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});
async function start(doc: Document) {
  const controller = new AbortController();
  controllers.push(controller);
  expect(await init(controller.signal, port, { doc, url: CLAIM_URL })).toBe(true);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('feature claim-deadlines on a claim page rendered late', () => {
  it('says nothing while the page is still loading, and shows the panel once the claim appears 300 ms later', async () => {
    const { doc, render } = latePage();
    await start(doc);
    expect(notice(doc)).toBeNull();
    setTimeout(render, 300);
    await vi.waitFor(() => expect(panel(doc)).not.toBeNull(), { timeout: 2000 });
    // Past the time a page may take to render: still no notice.
    await sleep(2500);
    expect(notice(doc)).toBeNull();
    expect(panel(doc)).not.toBeNull();
  }, 10_000);

  it('says the page is not recognised when it stays without a claim, and takes that back when the claim appears', async () => {
    const { doc, render } = latePage();
    await start(doc);
    await vi.waitFor(() => expect(notice(doc)).toContain('does not recognise this page'), { timeout: 4000 });
    expect(panel(doc)).toBeNull();
    render();
    await vi.waitFor(() => expect(panel(doc)).not.toBeNull(), { timeout: 2000 });
    expect(notice(doc)).toBeNull();
  }, 10_000);
});
