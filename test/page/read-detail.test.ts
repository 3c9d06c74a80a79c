import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePageDateTime } from '../../src/page/dates';
import { type DetailReading, readClaimDetail } from '../../src/page/read-detail';
import { defaultPack } from '../../src/rules/default-pack';
import { checkPackDir } from '../../src/rules/node/check-packs';
import { formatProblem } from '../../src/rules/problems';
import type { RulePack } from '../../src/rules/types';
import { testPack } from '../fixtures/packs';

const root = join(import.meta.dirname, '../..');
const pack = testPack();

const CLAIM_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305';
const CLAIM_URL_NL = 'https://partner.microsoft.com/nl-nl/dashboard/incentives/claims/associations/30448305';
const LIST_URL = 'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations';

/** A demo page of demo/ as a document, after `edit` of its HTML text. */
function demoPage(name: string, edit: (html: string) => string = (html) => html): Document {
  const html = readFileSync(join(root, 'demo', name), 'utf8');
  return new DOMParser().parseFromString(edit(html), 'text/html');
}

/** A page made of `body` under an h1, with `<html lang>`. */
function page(body: string, { lang = 'en-US' } = {}): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html lang="${lang}"><body><main><h1>Contoso – Dynamics 365</h1>${body}</main></body></html>`,
    'text/html',
  );
}

const detailOf = (reading: DetailReading | null) => {
  if (reading?.kind !== 'detail') throw new Error(`not a claim page reading: ${JSON.stringify(reading)}`);
  return reading;
};

/** The history as plain [status, at] pairs, for comparing with a table. */
const plainHistory = (reading: DetailReading | null) =>
  detailOf(reading).history.map((entry) => [entry.status, entry.at]);

// demo/claim.*.html, History panel, oldest first: the statuses entered and when.
const DEMO_HISTORY = [
  ['submitted', '2026-11-16T16:41'],
  ['under-review', '2026-11-18T09:02'],
  ['partner-action-required', '2026-11-23T14:14'],
];

/** An English History entry as the demo writes one: the words, then who and when. */
const enEntry = (words: string, when: string, who = 'Microsoft') =>
  `<li class="css-285"><div>${words}</div><div class="css-286">${who} · ${when}</div></li>`;

/** The demo page with `entries` (HTML) first in its History list, the newest end. */
const withEntries = (name: string, entries: string) =>
  demoPage(name, (html) => html.replace('<ol class="css-284">', `<ol class="css-284">${entries}`));

describe("reading a claim's own page of the demo dashboard", () => {
  it.each([
    ['claim.en.html', CLAIM_URL, 'en', 'Partner action required'],
    ['claim.nl.html', CLAIM_URL_NL, 'nl', 'Partner actie vereist'],
  ])(
    'reads %s: claim ID, status and the statuses of the History panel with their moments',
    (name, url, locale, statusText) => {
      const reading = detailOf(readClaimDetail(demoPage(name), pack, url));
      expect(reading).toMatchObject({
        locale,
        claimId: '30448305',
        claimIdFrom: 'page',
        statusText,
        status: 'partner-action-required',
        events: [],
        skipped: [],
      });
      expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
      expect(reading.history.map((entry) => entry.from)).toEqual([null, 'submitted', 'under-review']);
    },
  );

  it('reads an en-GB page: day before month, 24-hour times', () => {
    // The English replica as a UK browser would write it: 11/23/2026, 2:14 PM → 23/11/2026, 14:14.
    const uk = demoPage('claim.en.html', (html) =>
      html
        .replace('lang="en-US"', 'lang="en-GB"')
        .replace(/(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}) ([AP])M/g, (_, m, d, y, h, min, ap) => {
          const hour = (Number(h) % 12) + (ap === 'P' ? 12 : 0);
          return `${d}/${m}/${y}, ${String(hour).padStart(2, '0')}:${min}`;
        }),
    );
    const reading = detailOf(readClaimDetail(uk, pack, CLAIM_URL));
    expect(reading.history[2]?.text).toContain('23/11/2026, 14:14');
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
  });

  it('keeps each entry as the page shows it, for evidence', () => {
    const reading = detailOf(readClaimDetail(demoPage('claim.en.html'), pack, CLAIM_URL));
    expect(reading.history.map((entry) => entry.text)).toEqual([
      'Claim submitted Megan Bowen · 11/16/2026, 4:41 PM',
      'Status changed from Submitted to Under review Microsoft · 11/18/2026, 9:02 AM',
      'Status changed from Under review to Partner action required Microsoft reviewer · 11/23/2026, 2:14 PM',
    ]);
    const nl = detailOf(readClaimDetail(demoPage('claim.nl.html'), pack, CLAIM_URL_NL));
    expect(nl.history[2]?.text).toBe(
      'Status gewijzigd van Wordt beoordeeld in Partner actie vereist Microsoft-revisor · 23-11-2026 14:14',
    );
  });

  it("gives the page's h1 for a panel and the History dialog it read, closed as it is", () => {
    const doc = demoPage('claim.en.html');
    const reading = detailOf(readClaimDetail(doc, pack, CLAIM_URL));
    expect(reading.heading).toBe(doc.querySelector('h1'));
    expect(reading.heading?.textContent).toBe('Tailspin Toys – Microsoft 365 adoption');
    expect(reading.historyPanel?.getAttribute('role')).toBe('dialog');
    expect(reading.historyPanel?.hasAttribute('popover')).toBe(true);
  });

  it('passes over comments, uploads and "Claim created": no status change, nothing skipped', () => {
    const reading = detailOf(readClaimDetail(demoPage('claim.en.html'), pack, CLAIM_URL));
    const panelEntries = reading.historyPanel?.querySelectorAll('li') ?? [];
    expect(panelEntries).toHaveLength(6);
    expect(reading.history).toHaveLength(3);
    expect(reading.skipped).toEqual([]);
  });

  it('reads the same page when given the main element and the panel is outside it: no history then', () => {
    const doc = demoPage('claim.en.html');
    const reading = detailOf(readClaimDetail(doc.querySelector('main')!, pack, CLAIM_URL));
    expect(reading).toMatchObject({ claimId: '30448305', status: 'partner-action-required', history: [] });
    expect(reading.historyPanel).toBeNull();
  });
});

describe('which page', () => {
  it.each(['associations.en.html', 'associations.nl.html'])(
    'says the list %s is not a claim page (null)',
    (name) => {
      expect(readClaimDetail(demoPage(name), pack, LIST_URL)).toBeNull();
    },
  );

  it("says a claim page under another page's address, another host or no address is not one (null)", () => {
    expect(readClaimDetail(demoPage('claim.en.html'), pack, LIST_URL)).toBeNull();
    expect(
      readClaimDetail(demoPage('claim.en.html'), pack, 'https://example.com/claims/30448305'),
    ).toBeNull();
    expect(readClaimDetail(demoPage('claim.en.html'), pack, '')).toBeNull();
  });

  it('reads a claim page at a Partner Center address the rules do not know by what it shows', () => {
    const moved = 'https://partner.microsoft.com/en-us/dashboard/incentives/somewhere/new/30448305';
    const reading = readClaimDetail(demoPage('claim.en.html'), pack, moved);
    expect(reading).toMatchObject({
      kind: 'detail',
      claimId: '30448305',
      claimIdFrom: 'page',
      status: 'partner-action-required',
    });
    // …but not a page that shows no status of the pack there: the list is no claim page.
    expect(readClaimDetail(demoPage('associations.en.html'), pack, moved)).toBeNull();
  });

  it("says status-field is missing while the list still shows under a claim's address (in-page navigation)", () => {
    // The list's "Status" column header is no field label: its neighbour is another header.
    expect(readClaimDetail(demoPage('associations.en.html'), pack, CLAIM_URL)).toEqual({
      kind: 'unreadable',
      locale: 'en',
      reason: 'missing-fields',
      missing: ['status-field'],
    });
  });

  it('requires a heading of the claim page when the rules list some', () => {
    /** The pack with `headings` for the claim page (a new pack: packs are not changed after use). */
    const withHeadings = (headings: Record<string, string[]>): RulePack => {
      const changed: RulePack = structuredClone(pack);
      changed.locators.pages.find((p) => p.id === 'claim-detail')!.headings = headings;
      return changed;
    };
    const shown = withHeadings({ en: ['Claim details'], nl: ['Claimgegevens'] });
    expect(detailOf(readClaimDetail(demoPage('claim.nl.html'), shown, CLAIM_URL_NL)).claimId).toBe(
      '30448305',
    );
    const notShown = withHeadings({ en: ['Claim overview'], nl: ['Claimoverzicht'] });
    expect(readClaimDetail(demoPage('claim.en.html'), notShown, CLAIM_URL)).toBeNull();
  });
});

describe('fields and languages', () => {
  it('says missing status-field when the Status label was renamed', () => {
    const doc = demoPage('claim.en.html', (html) =>
      html.replace('id="id__14">Status<', 'id="id__14">Current state<'),
    );
    expect(readClaimDetail(doc, pack, CLAIM_URL)).toEqual({
      kind: 'unreadable',
      locale: 'en',
      reason: 'missing-fields',
      missing: ['status-field'],
    });
  });

  it('reads the renamed label once the rules list its new text: the rules drive it, not the code', () => {
    const renamed: RulePack = structuredClone(pack);
    renamed.locators.targets.find((t) => t.id === 'status-field')!.text.en!.push('Current state');
    const doc = demoPage('claim.en.html', (html) =>
      html.replace('id="id__14">Status<', 'id="id__14">Current state<'),
    );
    expect(detailOf(readClaimDetail(doc, renamed, CLAIM_URL)).status).toBe('partner-action-required');
  });

  it('takes the claim ID from the address when the page shows no Claim ID field', () => {
    const doc = demoPage('claim.en.html', (html) =>
      html.replace('id="id__13">Claim ID<', 'id="id__13">Reference<'),
    );
    const reading = detailOf(
      readClaimDetail(doc, pack, `${CLAIM_URL.replace('30448305', '30451877')}?tab=1#x`),
    );
    expect(reading).toMatchObject({
      claimId: '30451877',
      claimIdFrom: 'url',
      status: 'partner-action-required',
    });
  });

  it('prefers the Claim ID the page shows to the address (the page may lag behind the address)', () => {
    const reading = detailOf(readClaimDetail(demoPage('claim.en.html'), pack, `${LIST_URL}/30451877`));
    expect(reading).toMatchObject({ claimId: '30448305', claimIdFrom: 'page' });
  });

  it('reads a Dutch page in nl even when <html lang> says English: the labels decide', () => {
    const doc = demoPage('claim.nl.html', (html) => html.replace('lang="nl-NL"', 'lang="en-US"'));
    const reading = detailOf(readClaimDetail(doc, pack, CLAIM_URL_NL));
    expect(reading.locale).toBe('nl');
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
  });

  it('reads the labels in the locale the caller names', () => {
    const reading = readClaimDetail(demoPage('claim.nl.html'), pack, CLAIM_URL_NL, { locale: 'en' });
    // "Status" is English too, so the status reads; "Claim-id" and "Geschiedenis" are not English.
    expect(reading).toMatchObject({ kind: 'detail', locale: 'en', claimId: '30448305', claimIdFrom: 'url' });
    expect(detailOf(reading)).toMatchObject({
      status: 'partner-action-required',
      history: [],
      historyPanel: null,
    });
  });

  it('reads an unknown status as null and keeps its text', () => {
    const doc = demoPage('claim.en.html', (html) =>
      html.replace(
        '<span class="css-242">Partner action required</span>',
        '<span class="css-242">On hold</span>',
      ),
    );
    expect(detailOf(readClaimDetail(doc, pack, CLAIM_URL))).toMatchObject({
      statusText: 'On hold',
      status: null,
    });
  });

  it('reads <dl> pairs, <label for> with its input, and the status label with a colon-free alias', () => {
    const doc = page(
      `<dl><dt>Claim ID</dt><dd> 30440061 </dd><dt>Claim status</dt><dd><i aria-hidden="true">●</i> Approved</dd></dl>`,
    );
    expect(detailOf(readClaimDetail(doc, pack, CLAIM_URL))).toMatchObject({
      claimId: '30440061',
      statusText: 'Approved',
      status: 'approved',
      history: [],
      historyPanel: null,
    });
    const form = page(
      '<label for="f1">Claim ID</label><input id="f1" value="30440061"><div><label>Status</label></div><div>Rejected</div>',
    );
    expect(detailOf(readClaimDetail(form, pack, CLAIM_URL))).toMatchObject({
      claimId: '30440061',
      status: 'rejected',
    });
  });

  it('reads a value named by aria-labelledby, wherever it is', () => {
    const doc = page(
      '<span id="l1">Status</span><span>Help</span><p aria-labelledby="l1">Under review</p><span>Claim ID</span><b>30451877</b>',
    );
    expect(detailOf(readClaimDetail(doc, pack, CLAIM_URL))).toMatchObject({
      claimId: '30451877',
      status: 'under-review',
    });
  });

  it('does not take a button or link named Status for a label', () => {
    const doc = page(
      '<button>Status</button><span>Approved</span><a href="#">Status</a><span>Rejected</span>',
    );
    expect(readClaimDetail(doc, pack, CLAIM_URL)).toMatchObject({
      kind: 'unreadable',
      missing: ['status-field'],
    });
  });
});

describe('the History panel', () => {
  it('gives an empty history, not unreadable, for a page without a History panel', () => {
    const doc = demoPage('claim.en.html');
    doc.querySelector('[role="dialog"]')!.remove();
    const reading = detailOf(readClaimDetail(doc, pack, CLAIM_URL));
    expect(reading).toMatchObject({ status: 'partner-action-required', history: [], historyPanel: null });
  });

  it('gives an empty history for a panel without status entries', () => {
    const doc = demoPage('claim.en.html', (html) =>
      html.replace(/<li class="css-285"><div>(Status changed|Claim submitted).*?<\/li>/g, ''),
    );
    const reading = detailOf(readClaimDetail(doc, pack, CLAIM_URL));
    expect(reading.historyPanel?.querySelectorAll('li')).toHaveLength(3);
    expect(reading.history).toEqual([]);
    expect(reading.skipped).toEqual([]);
  });

  it('skips an entry naming a status the pack does not know, and keeps the others', () => {
    const unknown = enEntry('Status changed from Partner action required to On hold', '11/24/2026, 8:00 AM');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', unknown), pack, CLAIM_URL));
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
    expect(reading.skipped).toEqual([
      {
        text: 'Status changed from Partner action required to On hold Microsoft · 11/24/2026, 8:00 AM',
        reason: 'unknown-status',
      },
    ]);
  });

  it('skips a status change whose old status is unknown too', () => {
    const unknown = enEntry('Status changed from Escalated to Approved', '11/24/2026, 8:00 AM');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', unknown), pack, CLAIM_URL));
    expect(reading.skipped.map((s) => s.reason)).toEqual(['unknown-status']);
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
  });

  it('skips a status entry without a moment it can read: no time, no such day, another format', () => {
    const entries = [
      enEntry('Status changed from Partner action required to Under review', '11/24/2026'),
      enEntry('Status changed from Partner action required to Under review', '2/30/2026, 8:00 AM'),
      enEntry('Status changed from Partner action required to Under review', '24-11-2026 08:00'),
    ].join('');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL));
    expect(reading.skipped.map((s) => s.reason)).toEqual(['no-date', 'no-date', 'no-date']);
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
  });

  it("reads status names by their aliases and in the other language's labels", () => {
    const entries = [
      enEntry('Status changed from Partner actie vereist to Wordt beoordeeld', '11/25/2026, 10:00 AM'),
      enEntry('Status changed from Under review to Action required', '11/24/2026, 12:05 AM'),
    ].join('');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL));
    expect(plainHistory(reading).slice(3)).toEqual([
      ['partner-action-required', '2026-11-24T00:05'],
      ['under-review', '2026-11-25T10:00'],
    ]);
  });

  it('reads a dispute filed as an event, not a status', () => {
    const entries = enEntry('Dispute filed', '12/1/2026, 12:30 PM', 'Megan Bowen');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL));
    expect(reading.events).toEqual([
      {
        event: 'dispute-filed',
        at: '2026-12-01T12:30',
        text: 'Dispute filed Megan Bowen · 12/1/2026, 12:30 PM',
      },
    ]);
    expect(plainHistory(reading)).toEqual(DEMO_HISTORY);
  });

  it("reads the reviewers' answer to a dispute as an event, in both languages", () => {
    const en = detailOf(
      readClaimDetail(
        withEntries('claim.en.html', enEntry('Dispute answered', '12/3/2026, 9:15 AM', 'Microsoft reviewer')),
        pack,
        CLAIM_URL,
      ),
    );
    expect(en.events.map((e) => [e.event, e.at])).toEqual([['dispute-answered', '2026-12-03T09:15']]);
    const doc = demoPage('claim.nl.html');
    doc
      .querySelector('[role="dialog"] ol')!
      .insertAdjacentHTML(
        'afterbegin',
        '<li><div>Geschil beantwoord</div><div>Microsoft-revisor · 3-12-2026 09:15</div></li>',
      );
    const nl = detailOf(readClaimDetail(doc, pack, CLAIM_URL_NL));
    expect(nl.events.map((e) => [e.event, e.at])).toEqual([['dispute-answered', '2026-12-03T09:15']]);
  });

  it('reads a panel that lists the oldest first into the same history', () => {
    const doc = demoPage('claim.en.html');
    const list = doc.querySelector('[role="dialog"] ol')!;
    for (const item of Array.from(list.children).reverse()) list.append(item);
    expect(plainHistory(readClaimDetail(doc, pack, CLAIM_URL))).toEqual(DEMO_HISTORY);
  });

  it('keeps the order of the page between entries of the same minute', () => {
    const entries = [
      enEntry('Status changed from Under review to Approved', '11/24/2026, 9:00 AM'),
      enEntry('Status changed from Partner action required to Under review', '11/24/2026, 9:00 AM'),
    ].join('');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL));
    expect(plainHistory(reading).slice(3)).toEqual([
      ['under-review', '2026-11-24T09:00'],
      ['approved', '2026-11-24T09:00'],
    ]);
  });

  it('reads a panel named by aria-label with one-line entries, a hidden entry left out', () => {
    const doc = page(
      `<span>Claim ID</span><span>30440061</span><span>Status</span><span>Approved</span>
       <aside aria-label="History"><ul>
         <li>Status changed from Under review to Approved by Microsoft on 11/23/2026, 9:15 AM</li>
         <li hidden>Status changed from Submitted to Rejected · 11/20/2026, 9:15 AM</li>
         <li><span>Claim submitted</span> by Megan Bowen on 11/16/2026, 4:41 PM</li>
       </ul></aside>`,
    );
    expect(plainHistory(readClaimDetail(doc, pack, CLAIM_URL))).toEqual([
      ['submitted', '2026-11-16T16:41'],
      ['approved', '2026-11-23T09:15'],
    ]);
  });

  it('does not take a text that merely starts like a status name for it', () => {
    const entries = enEntry('Status changed from Under review to Approvedish', '11/24/2026, 9:00 AM');
    const reading = detailOf(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL));
    expect(reading.skipped.map((s) => s.reason)).toEqual(['unknown-status']);
  });

  it('reads the changed texts of the rules: a new status change sentence', () => {
    const changed: RulePack = structuredClone(pack);
    changed.locators.pages
      .find((p) => p.id === 'claim-detail')!
      .history!.statusChanges.en!.push('Moved to {to}');
    const entries = enEntry('Moved to Approved', '11/24/2026, 9:00 AM');
    expect(
      plainHistory(readClaimDetail(withEntries('claim.en.html', entries), changed, CLAIM_URL)).at(-1),
    ).toEqual(['approved', '2026-11-24T09:00']);
    expect(plainHistory(readClaimDetail(withEntries('claim.en.html', entries), pack, CLAIM_URL))).toEqual(
      DEMO_HISTORY,
    );
  });
});

// A test of the built-in pack's own data (and of rules:check on a copy of it), not of the reading.
describe('the rule data the reading uses (rules/cpor/locators.json)', () => {
  const pack = defaultPack();
  const detail = pack.locators.pages.find((p) => p.id === 'claim-detail')!;

  it('names only statuses and events of statuses.json, in every language of the pack', () => {
    const statusIds = new Set(pack.statuses.statuses.map((s) => s.id));
    const eventIds = new Set((pack.statuses.events ?? []).map((e) => e.id));
    const history = detail.history!;
    for (const locale of pack.pack.locales) {
      expect(history.statusChanges[locale]?.length, `statusChanges ${locale}`).toBeGreaterThan(0);
      expect(detail.dateTimeFormats?.[locale]?.length, `dateTimeFormats ${locale}`).toBeGreaterThan(0);
      for (const entry of history.entries ?? [])
        expect(entry.text[locale]?.length, `${entry.status ?? entry.event} ${locale}`).toBeGreaterThan(0);
    }
    for (const entry of history.entries ?? []) {
      if (entry.status !== undefined) expect(statusIds).toContain(entry.status);
      if (entry.event !== undefined) expect(eventIds).toContain(entry.event);
    }
  });

  it('reads the demo moments with its date-and-time formats', () => {
    expect(parsePageDateTime('11/23/2026, 2:14 PM', detail.dateTimeFormats!.en!)).toBe('2026-11-23T14:14');
    expect(parsePageDateTime('23-11-2026 14:14', detail.dateTimeFormats!.nl!)).toBe('2026-11-23T14:14');
  });

  /** The problems `npm run rules:check` prints for a copy of rules/cpor whose locators.json had `edit`. */
  function problemsAfter(edit: (locators: RulePack['locators']) => void): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'cpor-pack-'));
    cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
    const locators = JSON.parse(readFileSync(join(dir, 'locators.json'), 'utf8'));
    edit(locators);
    writeFileSync(join(dir, 'locators.json'), JSON.stringify(locators, null, 2));
    return checkPackDir(root, dir).problems.map(formatProblem);
  }
  const claimPage = (locators: RulePack['locators']) => locators.pages.find((p) => p.id === 'claim-detail')!;

  it('tells a policy owner a status change text lacks {to}', () => {
    expect(
      problemsAfter((l) => {
        claimPage(l).history!.statusChanges.en = ['Status changed from {from}'];
      }),
    ).toEqual([
      expect.stringMatching(
        /locators\.json:\d+:\d+: .* \(\/pages\/\d+\/history\/statusChanges\/en\/0\): 'Status changed from \{from\}' is not a valid status change text; expected: A text with \{to\} once/,
      ),
    ]);
  });

  it('tells a policy owner a 12-hour format needs A, and a fixed entry needs a status or an event', () => {
    const problems = problemsAfter((l) => {
      claimPage(l).dateTimeFormats!.en = ['M/D/YYYY, h:mm'];
      const entry = claimPage(l).history!.entries![0]!;
      entry.event = 'dispute-filed';
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /\/pages\/\d+\/dateTimeFormats\/en\/0\): 'M\/D\/YYYY, h:mm' is not a valid date-and-time format; expected: .*h or hh \(1–12\) with A/,
      ),
      expect.stringMatching(
        /\/pages\/\d+\/history\/entries\/0\): fixed entry text has a form that is not allowed here: Give 'text', 'seen' and either 'status' .* or 'event' .*, not both\.$/,
      ),
    ]);
  });
});

describe('cheap and safe', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads no layout: neither innerText nor getBoundingClientRect', () => {
    const doc = demoPage('claim.en.html');
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const innerText = vi.spyOn(HTMLElement.prototype, 'innerText', 'get');
    expect(plainHistory(readClaimDetail(doc, pack, CLAIM_URL))).toEqual(DEMO_HISTORY);
    expect(rect).not.toHaveBeenCalled();
    expect(innerText).not.toHaveBeenCalled();
  });

  it('does not read back our own panel in a shadow root under the heading', () => {
    const doc = demoPage('claim.en.html');
    const host = doc.createElement('div');
    host.setAttribute('data-cpor-guard', 'claim-panel');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p><span>Status</span><span>Approved</span></p>';
    doc.querySelector('h1')!.after(host);
    expect(detailOf(readClaimDetail(doc, pack, CLAIM_URL)).status).toBe('partner-action-required');
  });

  it("comes back as 'error', never a throw, when reading fails", () => {
    const broken = {
      nodeType: 1,
      closest: () => null,
      querySelectorAll: () => {
        throw new Error('boom');
      },
    };
    const reading = readClaimDetail(broken as unknown as Element, pack, CLAIM_URL);
    expect(reading).toMatchObject({ kind: 'unreadable', reason: 'error', missing: [] });
    expect(reading?.kind === 'unreadable' && (reading.error as Error).message).toBe('boom');
  });

  it('never throws on odd markup, and its history is always oldest first', () => {
    const text = fc.constantFrom(
      'Claim ID',
      'Claim-id',
      'Status',
      '30448305',
      'Approved',
      'History',
      'Status changed from Under review to Approved',
      'Status changed from  to ',
      'Claim submitted',
      'Dispute filed',
      'Megan · 11/23/2026, 2:14 PM',
      'Megan · 2/30/2026, 12:00 AM',
      '11/9/2026, 9:02 AM',
      '',
    );
    const attribute = fc.constantFrom(
      'aria-hidden="true"',
      'hidden',
      'role="dialog"',
      'role="listitem"',
      'role="heading"',
      'aria-label="History"',
      'id="a"',
      'aria-labelledby="a"',
      'for="a"',
      'popover',
      'value="30448305"',
    );
    const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthIdentifier: 'dom', maxDepth: 5 },
        text,
        fc
          .tuple(
            fc.constantFrom(
              'div',
              'span',
              'li',
              'ol',
              'h2',
              'label',
              'input',
              'dt',
              'dd',
              'dl',
              'section',
              'button',
            ),
            fc.array(attribute, { maxLength: 2 }),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(([tag, attrs, inner]) => `<${tag} ${attrs.join(' ')}>${inner.join('')}</${tag}>`),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.array(tree, { maxLength: 4 }),
        fc.constantFrom('en-US', 'nl-NL', 'xx', ''),
        (parts, lang) => {
          const reading = readClaimDetail(page(parts.join(''), { lang }), pack, CLAIM_URL);
          expect(reading).not.toBeNull();
          if (reading?.kind === 'unreadable') expect(reading.error).toBeUndefined();
          if (reading?.kind === 'detail') {
            const moments = reading.history.map((entry) => entry.at);
            expect(moments).toEqual([...moments].sort());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// The replica's 2023 claim pages (demo/claim-2023.*.html) are read with the built-in pack: a test
// of its rules for today's pages, which the test pack, frozen before the 2023 pages, does not have.
describe('a claim page of the 2023 Customer claims, read with the built-in pack', () => {
  const pack = defaultPack();
  it.each([
    ['en', 'en-us'],
    ['nl', 'nl-nl'],
  ] as const)(
    'reads demo/claim-2023.%s.html under the 2023 address, with its History',
    (locale, urlLocale) => {
      const url = `https://partner.microsoft.com/${urlLocale}/dashboard/incentives/engagements/ux/workshops/claims/30497730`;
      const reading = readClaimDetail(demoPage(`claim-2023.${locale}.html`), pack, url);
      if (reading?.kind !== 'detail') throw new Error(`not read: ${JSON.stringify(reading)}`);
      expect([reading.locale, reading.claimId, reading.status]).toEqual([locale, '30497730', 'under-review']);
      // Oldest first: submitted, under review, the reviewer's request, the partner's answer on day 10.
      expect(reading.history.map((e) => [e.status, e.at])).toEqual([
        ['submitted', '2026-10-05T16:41'],
        ['under-review', '2026-10-06T09:00'],
        ['partner-action-required', '2026-10-14T14:00'],
        ['under-review', '2026-10-28T11:05'],
      ]);
    },
  );
});
