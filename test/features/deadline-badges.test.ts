// Feature 'deadline-badges' on the demo list in happy-dom, with a fake background (the real
// extension is covered by test/e2e/overlay.e2e.test.ts): what it asks the background, where its
// badges go, how it reacts to a page it cannot read, to a store it cannot use, and to abort.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init, type OverlayPort, sightingOf } from '../../src/features/deadline-badges';
import type { ContextResponse, ErrorResponse, SightingsResponse } from '../../src/messaging/protocol';
import type { PageSummary } from '../../src/overlay/badges';
import { endOfLocalDate } from '../../src/page';
import { mergeSighting, type Sighting } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const root = join(import.meta.dirname, '../..');
const LIST_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations';
const LIST_URL_NL = 'https://partner.microsoft.com/nl-nl/dashboard/incentives/claims/associations';
const NOW = Date.parse('2026-11-27T10:00:00-08:00');

function demoPage(name: string, edit: (html: string) => string = (html) => html): Document {
  const html = readFileSync(join(root, 'demo', name), 'utf8');
  return new DOMParser().parseFromString(edit(html), 'text/html');
}

/** A background that answers like the real one, recording what it was asked. */
function fakePort(
  options: { saved?: boolean; problem?: 'blocked' | 'newer'; context?: ContextResponse | ErrorResponse } = {},
) {
  const sent: Sighting[][] = [];
  /** Per request, whether it was a navigation's first reading (the port then checks its copy is current). */
  const verified: boolean[] = [];
  const summaries: PageSummary[] = [];
  const port: OverlayPort = {
    context: async () => options.context ?? { ok: true, revision: 'r1', pack, table },
    sightings: async (sightings, now, { verify = false } = {}): Promise<SightingsResponse> => {
      sent.push(sightings);
      verified.push(verify);
      const records = sightings.map((s) => mergeSighting(undefined, s, now));
      return options.saved === false
        ? {
            ok: true,
            records,
            saved: false,
            error: 'blocked by another tab',
            ...(options.problem ? { problem: options.problem } : {}),
          }
        : { ok: true, records, saved: true };
    },
    summary: async (summary) => {
      summaries.push(summary);
      return { ok: true };
    },
    now: () => NOW,
  };
  return { port, sent, verified, summaries };
}

const badgeHosts = (doc: Document) => [...doc.querySelectorAll<HTMLElement>('[data-cpor-guard="badge"]')];
const notices = (doc: Document) =>
  [...doc.querySelectorAll('[data-cpor-guard="notice"]')].map(
    (host) => host.shadowRoot?.querySelector('[role="status"] span')?.textContent,
  );

const controllers: AbortController[] = [];
function start(doc: Document, port: OverlayPort, url = LIST_URL) {
  const controller = new AbortController();
  controllers.push(controller);
  return { controller, started: init(controller.signal, port, { doc, url }) };
}
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

describe('feature deadline-badges', () => {
  it('tells the background what the list shows and puts a badge beside each claim with a pending deadline', async () => {
    const doc = demoPage('associations.en.html');
    const { port, sent, summaries } = fakePort();
    expect(await start(doc, port).started).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((s) => [s.claimId, s.status])).toEqual([
      ['30461782', 'editing'],
      ['30459120', 'submitted'],
      ['30448305', 'partner-action-required'],
      ['30440061', 'approved'],
      ['30451877', 'under-review'],
      ['30428846', 'partner-action-required'],
      ['30431902', 'approved'],
      ['30437514', 'rejected'],
    ]);
    // A submitted claim is bounded by its submission date, later statuses by the last update.
    expect(sent[0]![1]!.pageBound).toBe(endOfLocalDate('2026-11-24'));
    expect(sent[0]![2]!.pageBound).toBe(endOfLocalDate('2026-11-23'));
    const hosts = badgeHosts(doc);
    expect(hosts.map((h) => h.dataset.claimId)).toEqual([
      '30459120',
      '30448305',
      '30451877',
      '30428846',
      '30437514',
    ]);
    // Each badge sits in its claim's status cell, after the status text.
    for (const host of hosts) {
      expect(host.parentElement!.closest('[role="row"]')!.textContent).toContain(host.dataset.claimId);
    }
    expect(summaries.at(-1)).toMatchObject({ pending: 5 });
  });

  it('says when the chosen rule pack could not be used and which one counts instead, once', async () => {
    const doc = demoPage('associations.en.html');
    const { port } = fakePort({
      context: { ok: true, revision: 'r1', pack, table, fallbackFrom: 'acme-cpor@3.0.0#0123456789ab' },
    });
    await start(doc, port).started;
    expect(badgeHosts(doc)).toHaveLength(5);
    const name = pack.pack.name.en;
    expect(notices(doc)).toEqual([
      `cpor-guard could not use the chosen rule pack (acme-cpor@3.0.0#0123456789ab), so these deadlines are counted with ${name} ${pack.pack.version}. The options page says why.`,
    ]);
  });

  it('does nothing on a page that is not the claims list', async () => {
    const doc = demoPage('claim.en.html');
    const { port, sent } = fakePort();
    expect(await start(doc, port, `${LIST_URL}/30448305`).started).toBe(false);
    expect(sent).toEqual([]);
    expect(badgeHosts(doc)).toEqual([]);
  });

  it('does not start without a rule pack from the background, and says so to developers only', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const doc = demoPage('associations.en.html');
    const { port } = fakePort({ context: { ok: false, error: 'no pack' } });
    expect(await start(doc, port).started).toBe(false);
    expect(error).toHaveBeenCalled();
    expect(notices(doc)).toEqual([]);
    error.mockRestore();
  });

  it('marks a status it does not know with a "?" badge that says why', async () => {
    const doc = demoPage('associations.en.html', (html) => html.replace('>Rejected<', '>On hold<'));
    const { port, sent } = fakePort();
    await start(doc, port).started;
    expect(sent[0]!.map((s) => s.claimId)).not.toContain('30437514');
    const host = badgeHosts(doc).find((h) => h.dataset.claimId === '30437514')!;
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.textContent).toBe('?');
    expect(button.getAttribute('aria-label')).toContain('On hold');
  });

  it('shows a notice instead of badges when a column is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doc = demoPage('associations.en.html', (html) => html.replace('>Status</div>', '>State</div>'));
    const { port, sent } = fakePort();
    await start(doc, port).started;
    expect(sent).toEqual([]);
    expect(badgeHosts(doc)).toEqual([]);
    expect(notices(doc)).toEqual([
      'cpor-guard does not recognise this list (not found: “Status”); no deadlines are shown. Partner Center works as usual.',
    ]);
    warn.mockRestore();
  });

  it('still shows estimated badges when the background could not save, and says so once', async () => {
    const doc = demoPage('associations.en.html');
    const { port } = fakePort({ saved: false });
    await start(doc, port).started;
    expect(badgeHosts(doc)).toHaveLength(5);
    expect(notices(doc)).toEqual([
      'cpor-guard could not save what it saw (blocked by another tab); deadlines are estimated from the dates on the page.',
    ]);
  });

  it('says what to do, in the page’s language, when an upgrade of the database is blocked by another tab', async () => {
    const doc = demoPage('associations.nl.html');
    const { port } = fakePort({ saved: false, problem: 'blocked' });
    await start(doc, port, LIST_URL_NL).started;
    expect(badgeHosts(doc)).toHaveLength(5);
    expect(notices(doc)).toEqual([
      expect.stringMatching(
        /^cpor-guard kon niet opslaan wat het zag: de database wordt bijgewerkt .* Sluit de andere Partner Center-tabbladen/,
      ),
    ]);
  });

  it('reads the list again when the page changes, sending only what changed', async () => {
    const doc = demoPage('associations.en.html');
    const { port, sent, verified } = fakePort();
    await start(doc, port).started;
    // Our own badges went into the page: that alone is no reason to read it again.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent).toHaveLength(1);
    const statusText = [...doc.querySelectorAll('[role="gridcell"] span')].find(
      (el) => el.textContent === 'Submitted',
    )!;
    statusText.lastChild!.textContent = 'Under review';
    const before = badgeHosts(doc).find((h) => h.dataset.claimId === '30459120')?.dataset.content;
    await vi.waitFor(() => expect(sent).toHaveLength(2), { timeout: 2000 });
    // Only the row whose status changed crosses to the background, not the seven others.
    expect(sent[1]!.map((s) => [s.claimId, s.status])).toEqual([['30459120', 'under-review']]);
    // The navigation's first reading, and only it, asks whether the port's copy is current.
    expect(verified).toEqual([true, false]);
    // And its new clocks show: the badge follows the status the page shows now.
    await vi.waitFor(() => {
      const after = badgeHosts(doc).find((h) => h.dataset.claimId === '30459120')?.dataset.content;
      expect(after).not.toBe(before);
    });
  });

  it('sends nothing again when the page re-renders the same rows (a sort, a refresh)', async () => {
    const doc = demoPage('associations.en.html');
    const { port, sent } = fakePort();
    await start(doc, port).started;
    const body = doc.querySelector('[role="rowgroup"].ms-DetailsList-contentWrapper')!;
    const rows = [...body.children];
    // New nodes with the same rows, as the host's framework renders them (without our badges).
    const fresh = rows.reverse().map((row) => {
      const copy = row.cloneNode(true) as Element;
      for (const own of copy.querySelectorAll('[data-cpor-guard]')) own.remove();
      return copy;
    });
    body.replaceChildren(...fresh);
    await vi.waitFor(() => expect(badgeHosts(doc).length).toBeGreaterThan(0), { timeout: 2000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent).toHaveLength(1);
  });

  it('gives every badge the one shared stylesheet and builds no panel until one is opened', async () => {
    const doc = demoPage('associations.en.html');
    const { port } = fakePort();
    await start(doc, port).started;
    const hosts = badgeHosts(doc);
    expect(hosts.length).toBeGreaterThan(1);
    const sheets = hosts.map((h) => h.shadowRoot!.adoptedStyleSheets);
    expect(sheets.every((s) => s.length === 1 && s[0] === sheets[0]![0])).toBe(true);
    expect(hosts.every((h) => h.shadowRoot!.querySelector('style, [popover]') === null)).toBe(true);
  });

  it('removes everything it added when its signal aborts (navigation or extension update)', async () => {
    const doc = demoPage('associations.en.html');
    const { port } = fakePort({ saved: false });
    const { controller, started } = start(doc, port);
    await started;
    expect(badgeHosts(doc).length).toBeGreaterThan(0);
    controller.abort();
    expect(badgeHosts(doc)).toEqual([]);
    expect(notices(doc)).toEqual([]);
  });
});

describe('sightingOf', () => {
  it('has no page bound when the page shows no date', () => {
    expect(
      sightingOf({
        claimId: '1',
        status: 'submitted',
        statusText: 'Submitted',
        submitted: null,
        lastUpdated: null,
        customer: null,
        link: null,
        row: document.body,
        statusCell: document.body,
      }),
    ).toEqual({ claimId: '1', status: 'submitted' });
  });

  it('carries the claim page the list links to', () => {
    expect(
      sightingOf({
        claimId: '7',
        status: 'approved',
        statusText: 'Approved',
        submitted: null,
        lastUpdated: null,
        customer: null,
        link: 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/7',
        row: document.body,
        statusCell: document.body,
      }),
    ).toEqual({
      claimId: '7',
      status: 'approved',
      url: 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/7',
    });
  });
});
