// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPageClaim, claimFromPage } from '../../src/checker/page-claim';
import { gateButtonAt, readClaimForm } from '../../src/page/read-form';
import { defaultPack } from '../../src/rules/default-pack';
import { loadPack } from '../../src/rules/load';
import type { RulePack } from '../../src/rules/types';
import { testPackFiles } from '../fixtures/packs';

const root = join(import.meta.dirname, '../..');

/** The test pack with the claim form's inputs and gate buttons written here, as a policy owner would. */
function packWithInputs(): RulePack {
  const files = testPackFiles() as unknown as {
    locators: { pages: unknown[]; inputs?: unknown[]; targets: unknown[] };
  };
  const seen = 'test fixture';
  files.locators.pages.push({
    id: 'claim-create',
    urlPatterns: ['https://partner.microsoft.com/*/dashboard/incentives/claims/new'],
    description: 'test',
    seen,
  });
  const both = (en: string[], nl: string[]) => ({ en, nl });
  files.locators.inputs = [
    { field: 'claimName', pages: ['claim-create'], label: both(['Claim name'], ['Claimnaam']), seen },
    {
      field: 'partnerId',
      pages: ['claim-create'],
      label: both(['Partner ID'], ['Partner-id']),
      valuePattern: '(\\d+)\\D*$',
      seen,
    },
    { field: 'tenantId', pages: ['claim-create'], label: both(['Tenant ID'], ['Tenant-id']), seen },
    {
      field: 'solutionArea',
      pages: ['claim-create'],
      label: both(['Solution area'], ['Oplossingsgebied']),
      seen,
    },
    { field: 'products', pages: ['claim-create'], label: both(['Workloads'], ['Workloads']), seen },
    {
      field: 'customerContact.name',
      pages: ['claim-create'],
      label: both(['Name'], ['Naam']),
      within: both(['Customer contact'], ['Klantcontactpersoon']),
      seen,
    },
    {
      field: 'partnerContact.name',
      pages: ['claim-create'],
      label: both(['Name'], ['Naam']),
      within: both(['Partner contact'], ['Partnercontactpersoon']),
      seen,
    },
    {
      field: 'poe',
      pages: ['claim-create'],
      label: both(['Proof of execution'], ['Bewijs van uitvoering']),
      seen,
    },
  ];
  files.locators.targets.push({
    id: 'dispute-submit',
    pages: ['claim-create'],
    role: 'button',
    text: both(['Dispute'], ['Betwisten']),
    within: both(['Dispute'], ['Betwisten']),
    gate: true,
    seen,
  });
  const result = loadPack(files as never, { dir: 'test' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.pack;
}

const pack = packWithInputs();

function page(body: string, lang = 'en-US'): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html lang="${lang}"><body>${body}</body></html>`,
    'text/html',
  );
}

const FORM = `
<div role="dialog" aria-labelledby="t"><h2 id="t">Add customer</h2>
  <label for="a">Claim name</label><input id="a" value=" Northwind – D365 ">
  <label for="b">Partner ID</label><select id="b"><option value="">Choose</option><option value="x" selected>Contoso – Redmond (4871236)</option></select>
  <label for="c">Tenant ID *</label><input id="c" value="not-a-guid">
  <fieldset><legend>Solution area</legend>
    <label><input type="radio" name="sa" checked> Business Applications</label>
    <label><input type="radio" name="sa"> Modern Work and Security</label></fieldset>
  <fieldset><legend>Workloads</legend>
    <input type="checkbox" id="w1" checked><label for="w1">Dynamics 365 Sales</label>
    <input type="checkbox" id="w2"><label for="w2">Power Apps</label>
    <input type="checkbox" id="w3" checked><label for="w3">Power BI</label></fieldset>
  <h3>Customer contact</h3><div><label for="n1">Name</label><input id="n1" value="Jamie Reding"></div>
  <h3>Partner contact</h3><div><label for="n2">Name</label><input id="n2" value="Megan Bowen"></div>
  <h2>Comments</h2><p>Proof of execution</p>
</div>`;

describe('readClaimForm: the claim fields by the labels a person reads', () => {
  it('reads text boxes, a select, radio and checkbox groups by their labels and legends', () => {
    const reading = readClaimForm(page(FORM), pack)!;
    const raw = Object.fromEntries(reading.inputs.map((i) => [i.field, i.raw]));
    expect(reading.locale).toBe('en');
    expect(raw).toMatchObject({
      claimName: ' Northwind – D365 ',
      partnerId: 'Contoso – Redmond (4871236)',
      tenantId: 'not-a-guid',
      solutionArea: ['Business Applications'],
      products: ['Dynamics 365 Sales', 'Power BI'],
    });
  });

  it("tells the customer's Name from the partner's by the heading they are under", () => {
    const raw = Object.fromEntries(readClaimForm(page(FORM), pack)!.inputs.map((i) => [i.field, i.raw]));
    expect(raw['customerContact.name']).toBe('Jamie Reding');
    expect(raw['partnerContact.name']).toBe('Megan Bowen');
  });

  it('takes no heading or paragraph for an input: "Proof of execution" as a paragraph is no file box', () => {
    const reading = readClaimForm(page(FORM), pack)!;
    expect(reading.inputs.find((i) => i.field === 'poe')?.kind).not.toBe('shown');
  });

  it('reads the Dutch labels on a Dutch page', () => {
    const nl = FORM.replace('Claim name', 'Claimnaam').replace('Tenant ID', 'Tenant-id');
    const reading = readClaimForm(page(nl, 'nl-NL'), pack)!;
    expect(reading.locale).toBe('nl');
    expect(reading.inputs.map((i) => i.field)).toEqual(expect.arrayContaining(['claimName', 'tenantId']));
  });

  it('reads the names of chosen files from the page’s own file box', () => {
    const doc = page('<label for="f">Proof of execution</label><input type="file" id="f" multiple>');
    const input = doc.getElementById('f') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'sow.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    const reading = readClaimForm(doc, pack)!;
    expect(reading.inputs).toEqual([
      expect.objectContaining({ field: 'poe', kind: 'files', raw: ['sow.pdf'] }),
    ]);
  });

  it('reads a read-only value beside its label, and a list as its items', () => {
    const doc = page(
      '<div><span>Tenant ID</span><span>3f2b8c1e-9d4a-4e7b-a5c6-0d18e2f47a93</span></div><h3>Products</h3><span>Workloads</span><ul><li>Power Apps</li><li>Power BI</li></ul>',
    );
    const raw = Object.fromEntries(readClaimForm(doc, pack)!.inputs.map((i) => [i.field, i.raw]));
    expect(raw).toEqual({
      tenantId: '3f2b8c1e-9d4a-4e7b-a5c6-0d18e2f47a93',
      products: ['Power Apps', 'Power BI'],
    });
  });

  it('is null on a page without any of the inputs', () => {
    expect(readClaimForm(page('<h1>Customer associations</h1><table></table>'), pack)).toBeNull();
  });
});

describe('claimFromPage: what the page shows as the checks read it', () => {
  it('turns option labels into ids, takes the ID out of the Partner ID choice and trims text', () => {
    const reading = readClaimForm(page(FORM), pack)!;
    const { claim, unknownOptions } = claimFromPage(pack, reading.inputs);
    expect(claim).toMatchObject({
      claimName: 'Northwind – D365',
      partnerId: '4871236',
      solutionArea: 'business-applications',
      products: ['dynamics-365-sales', 'power-bi'],
    });
    expect(unknownOptions).toEqual([]);
  });

  it('says which shown choices match no option', () => {
    const { unknownOptions } = claimFromPage(pack, [
      { field: 'products', locator: 4, raw: ['Dynamics 365 Sales', 'Holo Lens'] },
    ]);
    expect(unknownOptions).toEqual([{ field: 'products', text: 'Holo Lens' }]);
  });
});

describe('checkPageClaim: only what the page showed is judged', () => {
  const at = new Date('2026-12-03T12:00:00Z');
  const draft = pack.statuses.statuses.find((s) => s.draft)!.id;

  it('finds the malformed tenant ID beside its field', () => {
    const reading = readClaimForm(page(FORM), pack)!;
    const { findings } = checkPageClaim(pack, reading.inputs, { status: draft, at });
    expect(findings.filter((f) => 'field' in f.concerns && f.concerns.field === 'tenantId')).not.toEqual([]);
  });

  it('does not report a field the page never showed as missing', () => {
    const reading = readClaimForm(page(FORM), pack)!;
    const { findings } = checkPageClaim(pack, reading.inputs, { status: draft, at });
    const fields = new Set(findings.flatMap((f) => ('field' in f.concerns ? [f.concerns.field] : [])));
    expect(fields.has('customerDomain')).toBe(false);
    expect(fields.has('customerContact.email')).toBe(false);
  });

  it('reports a shown field left empty', () => {
    const emptyName = FORM.replace('value=" Northwind – D365 "', 'value=""');
    const reading = readClaimForm(page(emptyName), pack)!;
    const { findings } = checkPageClaim(pack, reading.inputs, { status: draft, at });
    expect(
      findings.some(
        (f) => 'field' in f.concerns && f.concerns.field === 'claimName' && f.severity === 'blocking',
      ),
    ).toBe(true);
  });
});

describe('gateButtonAt: the buttons that send the claim', () => {
  it('knows the dispute dialog’s Dispute but not the button that opens the dialog', () => {
    const doc = page(
      '<button id="open">Dispute</button><div role="dialog"><h2>Dispute</h2><form><textarea></textarea><button id="send">Dispute</button></form></div>',
    );
    expect(gateButtonAt(doc.getElementById('send'), pack, 'en')?.id).toBe('dispute-submit');
    expect(gateButtonAt(doc.getElementById('open'), pack, 'en')).toBeNull();
  });

  it('takes a click on the text inside a button as a click on the button', () => {
    const doc = page(
      '<div role="dialog"><h2>Dispute</h2><button><span id="inner">Dispute</span></button></div>',
    );
    expect(gateButtonAt(doc.getElementById('inner'), pack, 'en')?.id).toBe('dispute-submit');
  });
});

// The built-in pack's locators against the replica of Partner Center (demo/): this is about the
// built-in pack following the pages, so it uses rules/cpor, not the test pack.
describe('the built-in pack reads the replica’s claim pages', () => {
  const builtIn = defaultPack();
  const demo = (name: string) =>
    new DOMParser().parseFromString(readFileSync(join(root, 'demo', name), 'utf8'), 'text/html');

  it.each([
    ['claim-2023.en.html', 'en', 'Northwind Traders – Dynamics 365 Sales usage'],
    ['claim-2023.nl.html', 'nl', 'Northwind Traders – gebruik Dynamics 365 Sales'],
  ])('%s: the claim’s fields with their values, in %s', (file, locale, claimName) => {
    const reading = readClaimForm(demo(file), builtIn)!;
    expect(reading.locale).toBe(locale);
    const { claim } = claimFromPage(builtIn, reading.inputs);
    expect(claim).toMatchObject({
      claimName,
      partnerId: '4871236',
      tenantId: '3f2b8c1e-9d4a-4e7b-a5c6-0d18e2f47a93',
      customerName: 'Northwind Traders',
      customerDomain: 'northwindtraders.com',
      solutionArea: 'business-applications',
      'customerContact.name': 'Jamie Reding',
      'partnerContact.name': 'Megan Bowen',
    });
  });

  it.each(['claim.en.html', 'claim.nl.html'])(
    '%s (2020 wording, MPN ID): the Partner ID and tenant',
    (file) => {
      const { claim } = claimFromPage(builtIn, readClaimForm(demo(file), builtIn)!.inputs);
      expect(claim.partnerId).toMatch(/^\d+$/);
      expect(claim.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});
