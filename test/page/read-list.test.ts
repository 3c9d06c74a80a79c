import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ListReading, readClaimList } from '../../src/page/read-list';
import { defaultPack } from '../../src/rules/default-pack';
import type { RulePack } from '../../src/rules/types';
import { testPack } from '../fixtures/packs';

const root = join(import.meta.dirname, '../..');
const pack = testPack();

/** A demo page of demo/ as a document, after `edit` of its HTML text. */
function demoPage(name: string, edit: (html: string) => string = (html) => html): Document {
  const html = readFileSync(join(root, 'demo', name), 'utf8');
  return new DOMParser().parseFromString(edit(html), 'text/html');
}

/** A page made of `body`, with `<html lang>` and the list's heading unless told otherwise. */
function page(body: string, { lang = 'en-US', heading = 'Customer associations' } = {}): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html lang="${lang}"><body><main><h1>${heading}</h1>${body}</main></body></html>`,
    'text/html',
  );
}

/** The rows as plain data, for comparing with a table. */
const plain = (reading: ListReading | null) =>
  reading?.kind === 'list'
    ? reading.rows.map((r) => [r.claimId, r.statusText, r.status, r.submitted, r.lastUpdated])
    : reading;

const listOf = (reading: ListReading | null) => {
  if (reading?.kind !== 'list') throw new Error(`not a list: ${JSON.stringify(reading)}`);
  return reading;
};

// demo/associations.en.html, row by row: claim ID, status text, status id, submitted, last updated.
const EN_ROWS = [
  ['30461782', 'Editing', 'editing', null, '2026-11-26'],
  ['30459120', 'Submitted', 'submitted', '2026-11-24', '2026-11-24'],
  ['30448305', 'Partner action required', 'partner-action-required', '2026-11-16', '2026-11-23'],
  ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
  ['30451877', 'Under review', 'under-review', '2026-11-18', '2026-11-20'],
  ['30428846', 'Partner action required', 'partner-action-required', '2026-11-03', '2026-11-19'],
  ['30431902', 'Approved', 'approved', '2026-11-02', '2026-11-10'],
  ['30437514', 'Rejected', 'rejected', '2026-11-05', '2026-11-12'],
];

// demo/associations.nl.html: the same claims, Dutch labels, day-first dates.
const NL_ROWS = [
  ['30461782', 'In bewerking', 'editing', null, '2026-11-26'],
  ['30459120', 'Ingediend', 'submitted', '2026-11-24', '2026-11-24'],
  ['30448305', 'Partner actie vereist', 'partner-action-required', '2026-11-16', '2026-11-23'],
  ['30440061', 'Goedgekeurd', 'approved', '2026-11-09', '2026-11-23'],
  ['30451877', 'Wordt beoordeeld', 'under-review', '2026-11-18', '2026-11-20'],
  ['30428846', 'Partner actie vereist', 'partner-action-required', '2026-11-03', '2026-11-19'],
  ['30431902', 'Goedgekeurd', 'approved', '2026-11-02', '2026-11-10'],
  ['30437514', 'Afgewezen', 'rejected', '2026-11-05', '2026-11-12'],
];

const HEADERS_EN = ['Claim ID', 'Customer name', 'Status', 'Date submitted', 'Last updated'];

/** An ARIA grid of divs like the demo's, with `rows` of cells under `headers`. */
function ariaGrid(headers: string[], rows: string[][]): string {
  const row = (cells: string[], role: string) =>
    `<div role="row">${cells.map((c) => `<div role="${role}">${c}</div>`).join('')}</div>`;
  return `<div role="grid"><div role="rowgroup">${row(headers, 'columnheader')}</div><div role="rowgroup">${rows
    .map((cells) => row(cells, 'gridcell'))
    .join('')}</div></div>`;
}

describe('reading the claims list of the demo dashboard', () => {
  it('reads every row of the English list: claim ID, status id and both dates', () => {
    const reading = listOf(readClaimList(demoPage('associations.en.html'), pack));
    expect(reading.locale).toBe('en');
    expect(plain(reading)).toEqual(EN_ROWS);
    expect(reading.rows.map((r) => r.customer)).toContain('Tailspin Toys');
  });

  it("keeps each claim's link to its own page, on the page's origin only", () => {
    const base =
      '<head><base href="https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations">';
    const reading = listOf(
      readClaimList(
        demoPage('associations.en.html', (html) => html.replace('<head>', base)),
        pack,
      ),
    );
    expect(reading.rows.find((r) => r.claimId === '30448305')?.link).toBe(
      'https://partner.microsoft.com/en-us/dashboard/incentives/claims/associations/30448305',
    );
    const elsewhere = listOf(
      readClaimList(
        demoPage('associations.en.html', (html) =>
          html
            .replace('<head>', base)
            .replace('href="associations/30448305"', 'href="https://example.com/30448305"'),
        ),
        pack,
      ),
    );
    expect(elsewhere.rows.find((r) => r.claimId === '30448305')?.link).toBeNull();
    expect(elsewhere.rows.find((r) => r.claimId === '30440061')?.link).toMatch(/associations\/30440061$/);
    // Without a link (or without an address to resolve it against), none.
    expect(listOf(readClaimList(demoPage('associations.en.html'), pack)).rows[0]?.link ?? null).toBeNull();
  });

  it('reads every row of the Dutch list in nl: Dutch labels to the same status ids, day-first dates', () => {
    const reading = listOf(readClaimList(demoPage('associations.nl.html'), pack));
    expect(reading.locale).toBe('nl');
    expect(plain(reading)).toEqual(NL_ROWS);
  });

  it("gives each claim's row and status cell, the cell the overlay puts its badge in", () => {
    const doc = demoPage('associations.en.html');
    const reading = listOf(readClaimList(doc, pack));
    expect(reading.grid.getAttribute('role')).toBe('grid');
    for (const claim of reading.rows) {
      expect(claim.row.getAttribute('role')).toBe('row');
      expect(claim.row.contains(claim.statusCell)).toBe(true);
      expect(claim.statusCell.getAttribute('role')).toBe('gridcell');
      expect(claim.statusCell.textContent).toBe(claim.statusText);
      expect(claim.row.querySelector('a')?.textContent).toBe(claim.claimId);
    }
  });

  it('finds the Last updated column though its header holds an aria-hidden sort arrow', () => {
    const doc = demoPage('associations.en.html');
    expect(doc.body.textContent).toContain('Last updated▼');
    expect(listOf(readClaimList(doc, pack)).columns).toEqual({
      'claim-id-column': 0,
      'customer-column': 1,
      'status-column': 5,
      'submitted-date-column': 6,
      'last-updated-column': 7,
    });
  });

  it('reads the same list when given the main element instead of the document', () => {
    const main = demoPage('associations.nl.html').querySelector('main')!;
    expect(plain(readClaimList(main, pack))).toEqual(NL_ROWS);
  });

  it('reads a row the page adds later (a virtualised list) on the next call', () => {
    const doc = demoPage('associations.en.html');
    expect(listOf(readClaimList(doc, pack)).rows).toHaveLength(8);
    const last = doc.querySelectorAll('[role="row"]')[8]!;
    const added = last.cloneNode(true) as Element;
    added.querySelector('a')!.textContent = '30500001';
    last.after(added);
    const rows = listOf(readClaimList(doc, pack)).rows;
    expect(rows.map((r) => r.claimId)).toEqual([...EN_ROWS.map((r) => r[0]), '30500001']);
    expect(rows.at(-1)?.row).toBe(added);
  });
});

describe('which page and which language', () => {
  it.each(['claim.en.html', 'claim.nl.html'])('says %s, a claim page, is not the list (null)', (name) => {
    expect(readClaimList(demoPage(name), pack)).toBeNull();
  });

  it('says a page with the grid but without a heading of the list is not the list', () => {
    const doc = demoPage('associations.en.html', (html) =>
      html.replace('<h1 class="css-122">Customer associations</h1>', '<h1 class="css-122">Co-op claims</h1>'),
    );
    expect(readClaimList(doc, pack)).toBeNull();
  });

  it('recognises the list by its other heading, in any language of the pack', () => {
    const doc = page(ariaGrid(HEADERS_EN, [['30440061', 'Contoso', 'Approved', '11/9/2026', '11/23/2026']]), {
      heading: '  KLANTCLAIMS ',
    });
    expect(plain(readClaimList(doc, pack))).toEqual([
      ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
    ]);
  });

  it('reads a Dutch list in nl even when <html lang> says English: the headers decide', () => {
    const doc = demoPage('associations.nl.html', (html) => html.replace('lang="nl-NL"', 'lang="en-US"'));
    const reading = listOf(readClaimList(doc, pack));
    expect(reading.locale).toBe('nl');
    expect(reading.rows[0]?.lastUpdated).toBe('2026-11-26');
  });

  it('reads an en-GB list day before month: 5/11/2026 is the 5th of November', () => {
    const us = listOf(readClaimList(demoPage('associations.en.html'), pack));
    const uk = listOf(
      readClaimList(
        demoPage('associations.en.html', (html) =>
          html
            .replace('lang="en-US"', 'lang="en-GB"')
            .replace(/>(\d{1,2})\/(\d{1,2})\/(\d{4})</g, '>$2/$1/$3<')
            .replace('>26/11/2026<', '>5/11/2026<'),
        ),
        pack,
      ),
    );
    expect(uk.rows[0]?.lastUpdated).toBe('2026-11-05');
    const dates = (rows: typeof us.rows) => rows.map((row) => [row.claimId, row.submitted, row.lastUpdated]);
    expect(dates(uk.rows.slice(1))).toEqual(dates(us.rows.slice(1)));
  });

  it('takes the locale of <html lang> when the headers fit it and another locale alike', () => {
    // Only 'Status' is shown, the same word in en and nl; lang decides which locale is reported.
    const grid = ariaGrid(['Status'], [['Approved']]);
    expect(readClaimList(page(grid, { lang: 'nl-NL' }), pack)).toMatchObject({
      kind: 'unreadable',
      locale: 'nl',
    });
    expect(readClaimList(page(grid, { lang: 'en-GB' }), pack)).toMatchObject({
      kind: 'unreadable',
      locale: 'en',
    });
  });

  it('reads the headers in the locale the caller names', () => {
    const doc = demoPage('associations.en.html');
    expect(readClaimList(doc, pack, { locale: 'nl' })).toEqual({
      kind: 'unreadable',
      locale: 'nl',
      reason: 'missing-columns',
      missing: ['claim-id-column', 'submitted-date-column', 'last-updated-column'],
    });
    expect(listOf(readClaimList(doc, pack, { locale: 'en' })).rows).toHaveLength(8);
  });
});

describe('a list it cannot read', () => {
  it('says missing status-column when the Status header was renamed', () => {
    const doc = demoPage('associations.en.html', (html) =>
      html.replace('data-item-key="c81c">Status</div>', 'data-item-key="c81c">State</div>'),
    );
    expect(readClaimList(doc, pack)).toEqual({
      kind: 'unreadable',
      locale: 'en',
      reason: 'missing-columns',
      missing: ['status-column'],
    });
  });

  it('reads the renamed header once the rules list its new text: the rules drive it, not the code', () => {
    const doc = demoPage('associations.en.html', (html) =>
      html.replace('data-item-key="c81c">Status</div>', 'data-item-key="c81c">State</div>'),
    );
    const changed: RulePack = structuredClone(pack);
    changed.locators.targets.find((t) => t.id === 'status-column')!.text.en!.push('State');
    expect(plain(readClaimList(doc, changed))).toEqual(EN_ROWS);
  });

  it('says no-grid on the list page when no table with column headers is there yet', () => {
    const doc = page(
      '<p>Loading…</p><div role="grid"><div role="row"><div role="gridcell">…</div></div></div>',
    );
    expect(readClaimList(doc, pack)).toEqual({
      kind: 'unreadable',
      locale: 'en',
      reason: 'no-grid',
      missing: ['claim-id-column', 'status-column', 'submitted-date-column', 'last-updated-column'],
    });
  });

  it('says missing-columns with the lang locale when a table shows none of the headers', () => {
    const doc = page('<table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>b</td></tr></table>', {
      lang: 'nl',
    });
    expect(readClaimList(doc, pack)).toMatchObject({
      kind: 'unreadable',
      locale: 'nl',
      reason: 'missing-columns',
      missing: ['claim-id-column', 'status-column', 'submitted-date-column', 'last-updated-column'],
    });
  });
});

describe('a native table', () => {
  const table = `
    <table>
      <caption>Customer associations</caption>
      <thead><tr><th>Claim ID</th><th>Customer name</th><th>Status</th><th>Date submitted</th>
        <th aria-sort="descending">Last updated <span aria-hidden="true">▼</span></th></tr></thead>
      <tbody>
        <tr><th scope="row"><a href="associations/30448305">30448305</a></th><td>Tailspin Toys</td>
          <td><span><i aria-hidden="true"></i>Partner action required</span></td><td>11/16/2026</td><td>11/23/2026</td></tr>
        <tr><td>30461782</td><td>Contoso Ltd.</td><td>Editing</td><td>—</td><td>11/26/2026</td></tr>
        <tr><td colspan="5">Loading more claims…</td></tr>
      </tbody>
    </table>`;

  it('reads th/td rows by the same headers, a row-header th included', () => {
    const reading = listOf(readClaimList(page(table), pack));
    expect(reading.grid.localName).toBe('table');
    expect(plain(reading)).toEqual([
      ['30448305', 'Partner action required', 'partner-action-required', '2026-11-16', '2026-11-23'],
      ['30461782', 'Editing', 'editing', null, '2026-11-26'],
    ]);
    expect(reading.rows[0]?.statusCell.localName).toBe('td');
    expect(reading.rows[1]?.customer).toBe('Contoso Ltd.');
  });

  it('reads a table without thead whose first row is all th', () => {
    const plainTable = `<table><tr><th>ID</th><th>Claim status</th><th>Submitted</th><th>Last modified</th></tr>
      <tr><td>30440061</td><td>Approved</td><td>11/9/2026</td><td>11/23/2026</td></tr></table>`;
    expect(plain(readClaimList(page(plainTable), pack))).toEqual([
      ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
    ]);
  });

  it('reads a thead row as the headers though it starts with a select-all cell that is no th', () => {
    const selectable = `<table><thead><tr><td><input type="checkbox" aria-label="Select all"></td><th>Claim ID</th>
      <th>Status</th><th>Date submitted</th><th>Last updated</th></tr></thead>
      <tbody><tr><td><input type="checkbox" aria-label="Select"></td><td>30440061</td><td>Approved</td>
      <td>11/9/2026</td><td>11/23/2026</td></tr></tbody></table>`;
    expect(plain(readClaimList(page(selectable), pack))).toEqual([
      ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
    ]);
  });

  it('places cells after a colspan by the columns they start in', () => {
    const spanned = `<table><thead><tr><th>Claim ID</th><th colspan="2">Customer</th><th>Status</th>
      <th>Date submitted</th><th>Last updated</th></tr></thead>
      <tbody><tr><td>30440061</td><td>Woodgrove</td><td>woodgrovebank.com</td><td>Approved</td>
      <td>11/9/2026</td><td>11/23/2026</td></tr></tbody></table>`;
    const reading = listOf(readClaimList(page(spanned), pack));
    // The customer header spans columns 1 and 2 (name and domain): Status is the fourth column.
    expect(reading.columns['status-column']).toBe(3);
    expect(plain(reading)).toEqual([['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23']]);
  });
});

describe('cells, statuses and rows', () => {
  it.each([
    ['Partner action required', 'partner-action-required'],
    ['  PARTNER   action\nrequired ', 'partner-action-required'],
    ['Action required', 'partner-action-required'],
    ['Partneractie vereist', 'partner-action-required'],
    ['Goedgekeurd', 'approved'],
    ['Under review', 'under-review'],
    ['Approved pending', null],
    ['Dispute filed', null],
    ['', null],
  ])('maps the status text %j to %j', (text, status) => {
    const doc = page(ariaGrid(HEADERS_EN, [['30440061', 'Contoso', text, '11/9/2026', '11/23/2026']]));
    const [row] = listOf(readClaimList(doc, pack)).rows;
    expect(row?.status).toBe(status);
    expect(row?.statusText).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it("prefers a status text of the page's language where two languages use it for different statuses", () => {
    const clashing: RulePack = structuredClone(pack);
    clashing.statuses.statuses.find((s) => s.id === 'rejected')!.aliases = { nl: ['Submitted'] };
    const row = ['30440061', 'Contoso', 'Submitted', '11/9/2026', '11/23/2026'];
    const en = page(ariaGrid(HEADERS_EN, [row]));
    const nl = page(
      ariaGrid(['Claim-id', 'Klantnaam', 'Status', 'Datum ingediend', 'Laatst bijgewerkt'], [row]),
      {
        lang: 'nl-NL',
      },
    );
    expect(listOf(readClaimList(en, clashing)).rows[0]?.status).toBe('submitted');
    expect(listOf(readClaimList(nl, clashing)).rows[0]?.status).toBe('rejected');
  });

  it('honours aria-colindex: cells are placed by it, not by their order', () => {
    const cell = (role: string, col: number, text: string) =>
      `<div role="${role}" aria-colindex="${col}">${text}</div>`;
    const grid = `<div role="grid" aria-colcount="9">
      <div role="row">${cell('columnheader', 1, 'Claim ID')}${cell('columnheader', 6, 'Status')}${cell('columnheader', 8, 'Last updated')}${cell('columnheader', 7, 'Date submitted')}</div>
      <div role="row">${cell('gridcell', 8, '11/23/2026')}${cell('gridcell', 1, '30440061')}${cell('gridcell', 7, '11/9/2026')}${cell('gridcell', 6, 'Approved')}</div>
    </div>`;
    const reading = listOf(readClaimList(page(grid), pack));
    expect(reading.columns).toEqual({
      'claim-id-column': 0,
      'status-column': 5,
      'last-updated-column': 7,
      'submitted-date-column': 6,
    });
    expect(plain(reading)).toEqual([['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23']]);
  });

  it('skips rows without a claim ID: loading rows, empty rows, a row of one spanning cell', () => {
    const doc = page(
      ariaGrid(HEADERS_EN, [
        ['', '', '', '', ''],
        ['30440061', 'Contoso', 'Approved', '11/9/2026', '11/23/2026'],
        ['<span aria-hidden="true">⟳</span>', '', 'Loading', '', ''],
        ['Loading…'],
      ]),
    );
    expect(listOf(readClaimList(doc, pack)).rows.map((r) => r.claimId)).toEqual(['30440061']);
  });

  it('skips a row the page keeps hidden (a template row) and a hidden cell', () => {
    const doc = page(
      ariaGrid(HEADERS_EN, [['30440061', 'Contoso', 'Approved', '11/9/2026', '11/23/2026']]).replace(
        '<div role="row"><div role="gridcell">30440061',
        '<div role="row" hidden><div role="gridcell">30000000</div><div role="gridcell">Template</div>' +
          '<div role="gridcell">Editing</div><div role="gridcell">—</div><div role="gridcell">—</div></div>' +
          '<div role="row"><div role="gridcell" hidden>old</div><div role="gridcell">30440061',
      ),
    );
    expect(plain(readClaimList(doc, pack))).toEqual([
      ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
    ]);
  });

  it('reads a line break in a cell as a space', () => {
    const doc = page(
      ariaGrid(HEADERS_EN, [['30448305', 'Tailspin', 'Partner action<br>required', '—', '—']]),
    );
    expect(listOf(readClaimList(doc, pack)).rows[0]).toMatchObject({
      statusText: 'Partner action required',
      status: 'partner-action-required',
    });
  });

  it('reads dates it cannot read as null, and keeps the row', () => {
    const doc = page(ariaGrid(HEADERS_EN, [['30440061', 'Contoso', 'Approved', '2/31/2026', '26-11-2026']]));
    expect(plain(readClaimList(doc, pack))).toEqual([['30440061', 'Approved', 'approved', null, null]]);
  });

  it('does not read back text in a shadow root or aria-hidden inside the status cell (our badge)', () => {
    const doc = demoPage('associations.en.html');
    const cell = listOf(readClaimList(doc, pack)).rows[2]!.statusCell;
    const host = doc.createElement('span');
    cell.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<b>3 business days left</b>';
    const hidden = doc.createElement('span');
    hidden.setAttribute('aria-hidden', 'true');
    hidden.textContent = 'due 11/30/2026';
    cell.append(hidden);
    const row = listOf(readClaimList(doc, pack)).rows[2]!;
    expect(row.statusText).toBe('Partner action required');
    expect(row.status).toBe('partner-action-required');
  });

  it('ignores rows of a table nested inside a cell', () => {
    const doc = page(
      ariaGrid(HEADERS_EN, [
        [
          '30440061',
          '<table><tr><th>Claim ID</th><th>Status</th></tr><tr><td>999</td><td>Rejected</td></tr></table>',
          'Approved',
          '11/9/2026',
          '11/23/2026',
        ],
      ]),
    );
    expect(plain(readClaimList(doc, pack))).toEqual([
      ['30440061', 'Approved', 'approved', '2026-11-09', '2026-11-23'],
    ]);
  });
});

describe('cheap and safe', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads no layout: neither innerText nor getBoundingClientRect', () => {
    const doc = demoPage('associations.en.html');
    const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const innerText = vi.spyOn(HTMLElement.prototype, 'innerText', 'get');
    expect(listOf(readClaimList(doc, pack)).rows).toHaveLength(8);
    expect(rect).not.toHaveBeenCalled();
    expect(innerText).not.toHaveBeenCalled();
  });

  it('never throws on odd markup: any roles, spans, indexes and texts in any nesting', () => {
    const text = fc.constantFrom(
      ...HEADERS_EN,
      'Claim-id',
      '30440061',
      'Approved',
      '2/31/2026',
      '11/9/2026',
      '—',
      '',
    );
    const attribute = fc.oneof(
      fc.constantFrom('0', '-1', '1', '3', 'x', '1e9', ' ', '2.5', 'NaN').map((n) => `aria-colindex="${n}"`),
      fc.constantFrom('0', '1000000', 'NaN', '2', '-3').map((n) => `colspan="${n}"`),
      fc.constantFrom('0', '5', 'y').map((n) => `aria-colspan="${n}"`),
      fc.constantFrom('aria-hidden="true"', 'hidden', 'scope="row"', 'scope="col"', 'lang="nl"', 'lang=""'),
      fc.constantFrom('role="none"', 'role=""', 'role="row gridcell"', 'role="presentation"'),
    );
    /** An element of one of `kinds` ('tag role'), with odd attributes, holding `children`. */
    const element = (kinds: string[], children: fc.Arbitrary<string>) =>
      fc
        .tuple(
          fc.constantFrom(...kinds),
          fc.array(attribute, { maxLength: 2 }),
          fc.array(children, { maxLength: 5 }),
        )
        .map(([kind, attrs, inner]) => {
          const [tag, role] = kind.split(' ');
          return `<${tag} ${role ? `role="${role}"` : ''} ${attrs.join(' ')}>${inner.join('')}</${tag}>`;
        });
    // Every way down goes through one depth counter; past it, only text: trees stay small.
    const nested = (...arbs: fc.Arbitrary<string>[]) =>
      fc.oneof({ depthIdentifier: 'dom', maxDepth: 6 }, text, ...arbs);
    const { grid } = fc.letrec<{ grid: string; row: string; cell: string }>((tie) => ({
      cell: element(
        ['div columnheader', 'div rowheader', 'div gridcell', 'div cell', 'th', 'td', 'span', 'i'],
        nested(tie('grid'), tie('cell')),
      ),
      row: element(['div row', 'tr', 'div', 'tr none'], nested(tie('cell'), tie('cell'), tie('row'))),
      grid: element(
        ['div grid', 'div treegrid', 'div table', 'table', 'thead', 'tbody', 'div rowgroup'],
        nested(tie('row'), tie('row'), tie('grid')),
      ),
    }));
    fc.assert(
      fc.property(
        fc.array(grid, { maxLength: 3 }),
        fc.constantFrom('en-US', 'nl-NL', 'xx', ''),
        (parts, lang) => {
          const reading = readClaimList(page(parts.join(''), { lang }), pack);
          expect(reading).not.toBeNull();
          if (reading?.kind === 'unreadable') expect(reading.error).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

// demo/claims.*.html, the 2023 "Customer claims" list (columns Status, Claim ID, Last modified,
// Customer, Solution area, Partner role, Submitted): claim ID, status id, submitted, last modified.
const ROWS_2023 = [
  ['30512407', 'editing', null, '2026-11-27'],
  ['30510981', 'submitted', '2026-11-25', '2026-11-25'],
  ['30502266', 'partner-action-required', '2026-11-12', '2026-11-24'],
  ['30497730', 'under-review', '2026-10-05', '2026-10-28'],
  ['30488105', 'dispute', '2026-10-28', '2026-11-30'],
  ['30481519', 'approved', '2026-11-02', '2026-11-20'],
  ['30476640', 'rejected-final', '2026-10-14', '2026-11-19'],
  ['30479952', 'rejected', '2026-11-04', '2026-11-26'],
];
const LABELS_2023 = {
  en: [
    'Draft',
    'Submitted',
    'Partner action required',
    'Under review',
    'Dispute',
    'Approved',
    'Rejected final',
    'Rejected',
  ],
  nl: [
    'Concept',
    'Ingediend',
    'Partner actie vereist',
    'Wordt beoordeeld',
    'Geschil',
    'Goedgekeurd',
    'Definitief afgewezen',
    'Afgewezen',
  ],
};

// The replica's 2023 Customer claims list (demo/claims.*.html) is read with the built-in pack: a
// test of its rules for today's pages (address, heading, labels), which the test pack, frozen
// before the 2023 pages, does not have.
describe('the 2023 Customer claims list, read with the built-in pack', () => {
  const pack = defaultPack();
  it.each(['en', 'nl'] as const)(
    'reads every row of demo/claims.%s.html, its columns in another order',
    (locale) => {
      const url = `https://partner.microsoft.com/${locale}-${locale === 'en' ? 'us' : 'nl'}/dashboard/incentives/engagements/ux/workshops/claims`;
      const reading = listOf(readClaimList(demoPage(`claims.${locale}.html`), pack, { url }));
      expect(reading.locale).toBe(locale);
      expect(reading.rows.map((r) => [r.claimId, r.status, r.submitted, r.lastUpdated])).toEqual(ROWS_2023);
      expect(reading.rows.map((r) => r.statusText)).toEqual(LABELS_2023[locale]);
      expect(reading.columns).toMatchObject({
        'status-column': 0,
        'claim-id-column': 1,
        'last-updated-column': 2,
      });
    },
  );

  it('reads the list at an address the rules do not know by its heading, columns and statuses', () => {
    const moved = 'https://partner.microsoft.com/en-us/dashboard/incentives/somewhere/else';
    expect(listOf(readClaimList(demoPage('claims.en.html'), pack, { url: moved })).rows).toHaveLength(8);
  });

  it('is no list at an unknown address when no status cell carries a status of the pack', () => {
    const moved = 'https://partner.microsoft.com/en-us/dashboard/incentives/somewhere/else';
    const unknownStatuses = (html: string) =>
      html.replace(/(aria-hidden="true"><\/i>)[^<]+(<\/span>)/g, '$1Pending$2');
    expect(readClaimList(demoPage('claims.en.html', unknownStatuses), pack, { url: moved })).toBeNull();
    // At the list's own address the same table is still the list (its rows' statuses unknown).
    const own = 'https://partner.microsoft.com/en-us/dashboard/incentives/engagements/ux/workshops/claims';
    const reading = listOf(readClaimList(demoPage('claims.en.html', unknownStatuses), pack, { url: own }));
    expect(reading.rows.every((r) => r.status === null)).toBe(true);
  });

  it("is no list at another page's address", () => {
    const claimPage =
      'https://partner.microsoft.com/en-us/dashboard/incentives/engagements/ux/workshops/claims/1';
    expect(readClaimList(demoPage('claims.en.html'), pack, { url: claimPage })).toBeNull();
  });
});
