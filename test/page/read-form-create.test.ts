// The readers on the replica's creation flow (demo/create.*.html), en and nl: the page's own
// script runs in happy-dom and is driven by its own buttons, as a partner would, and at each step
// readClaimForm reads that step's fields by their labels, and gateButtonAt knows Submit claim.
// The built-in pack, as in read-form.test.ts's replica tests: what is tested is that the shipped
// locators read the shipped replica.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFromPage } from '../../src/checker/page-claim';
import { gateButtonAt, readClaimForm } from '../../src/page/read-form';
import { defaultPack } from '../../src/rules/default-pack';
import { CREATE_FLOW_TEXTS } from '../support/create-flow';

const DEMO_DIR = join(import.meta.dirname, '../../demo');
const pack = defaultPack();

const TEXTS = CREATE_FLOW_TEXTS;

const TENANT = '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17';
const SUBSCRIPTION = '9b1d4f2e-7c3a-4e8b-b6d5-2a0c8e7f1b34';

const windows: Window[] = [];
afterAll(async () => {
  for (const window of windows.splice(0)) await window.happyDOM.close();
});

/** The replica at its creation address, its script run (it renders each step after a delay). */
async function open(lang: 'en' | 'nl') {
  const window = new Window({
    url: `https://partner.microsoft.com/${TEXTS[lang].url}/dashboard/incentives/engagements/ux/workshops/claims/new`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  windows.push(window);
  window.document.write(readFileSync(join(DEMO_DIR, `create.${lang}.html`), 'utf8'));
  await window.happyDOM.waitUntilComplete();
  const doc = window.document as unknown as Document;
  const settle = () => window.happyDOM.waitUntilComplete();
  const text = (element: Element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** The control a label names, within `scope` (a fieldset or group by its legend or heading). */
  const control = (name: string | RegExp, scope: ParentNode = doc) => {
    const label = [...scope.querySelectorAll('label')].find((l) =>
      typeof name === 'string' ? text(l) === name : name.test(text(l)),
    );
    if (!label)
      throw new Error(`no label ${name} on step ${doc.querySelector('#view')?.getAttribute('data-step')}`);
    const target = label.htmlFor
      ? doc.getElementById(label.htmlFor)
      : label.querySelector('input,select,textarea');
    if (!target) throw new Error(`label ${name} names no control`);
    return target as HTMLInputElement;
  };
  const group = (name: string) => {
    const found = [...doc.querySelectorAll('fieldset, [role="group"]')].find((g) => {
      const legend = g.querySelector('legend, h3, h4');
      return legend && text(legend) === name;
    });
    if (!found) throw new Error(`no group ${name}`);
    return found;
  };
  const fire = (element: Element, type: string) =>
    element.dispatchEvent(new window.Event(type, { bubbles: true }) as unknown as Event);
  return {
    doc,
    group,
    async check(name: string | RegExp) {
      const box = control(name);
      box.click();
      await settle();
    },
    async fill(name: string, value: string, scope?: ParentNode) {
      const box = control(name, scope);
      box.value = value;
      fire(box, 'input');
      fire(box, 'change');
      await settle();
    },
    async select(name: string, index: number) {
      const box = control(name) as unknown as HTMLSelectElement;
      box.selectedIndex = index;
      fire(box, 'change');
      await settle();
    },
    /** The button named so, in the open panel when there is one (the page behind it has its own Next). */
    button(name: string) {
      const scope = doc.querySelector('[role="dialog"]') ?? doc;
      const found = [...scope.querySelectorAll('button')].find((b) => text(b) === name);
      if (!found) throw new Error(`no button ${name}`);
      return found as HTMLButtonElement;
    },
    async click(name: string) {
      this.button(name).click();
      await settle();
    },
    /** What the readers see now: the step's inputs by field, and the claim as the checks read it. */
    read() {
      const reading = readClaimForm(doc, pack);
      if (!reading) return null;
      return {
        locale: reading.locale,
        fields: reading.inputs.map((i) => i.field),
        editable: reading.inputs.filter((i) => i.control !== null).map((i) => i.field),
        claim: claimFromPage(pack, reading.inputs).claim,
      };
    },
  };
}

describe.each(['en', 'nl'] as const)('the creation flow’s replica (%s), read step by step', (lang) => {
  const t = TEXTS[lang];

  it('reads each step’s fields by their labels, the claim at the review and the PoE step, and gates Submit claim', async () => {
    const page = await open(lang);
    // Solution area.
    expect(page.read()).toMatchObject({ locale: lang, editable: ['solutionArea'] });
    await page.check(t.solutionArea);
    expect(page.read()?.claim).toEqual({ solutionArea: 'business-applications' });
    await page.click(t.addCustomer);
    await page.check(t.role);
    await page.click(t.next);

    // The panel: claim name, Partner ID, tenant ID.
    await page.fill(t.claimName, 'Contoso Pharma – Dynamics 365 Sales');
    await page.select(t.partnerId, 1);
    await page.fill(t.tenantId, TENANT);
    const details = page.read()!;
    expect(details.editable).toEqual(expect.arrayContaining(['claimName', 'partnerId', 'tenantId']));
    expect(details.claim).toMatchObject({
      claimName: 'Contoso Pharma – Dynamics 365 Sales',
      partnerId: '5129874',
      tenantId: TENANT,
    });
    await page.click(t.next);

    // Workloads and the subscription ID (Business Applications).
    await page.check(t.workload);
    await page.fill(t.subscriptionId, SUBSCRIPTION);
    const workloads = page.read()!;
    expect(workloads.editable).toEqual(expect.arrayContaining(['products', 'subscriptionId']));
    expect(workloads.claim).toMatchObject({ products: ['dynamics-365-sales'], subscriptionId: SUBSCRIPTION });
    await page.click(t.next);

    // Contacts: the Name under each heading is its own field.
    await page.fill(t.name, 'Jan de Vries', page.group(t.customer));
    await page.fill(t.title, 'IT manager', page.group(t.customer));
    await page.fill(t.email, 'jan.devries@contoso-pharma.nl', page.group(t.customer));
    await page.fill(t.name, 'Megan Bowen', page.group(t.partner));
    await page.fill(t.email, 'megan.bowen@contoso-partners.example', page.group(t.partner));
    expect(page.read()?.claim).toMatchObject({
      'customerContact.name': 'Jan de Vries',
      'customerContact.email': 'jan.devries@contoso-pharma.nl',
      'partnerContact.name': 'Megan Bowen',
    });
    await page.click(t.next);

    // The review shows the panel's values only: read, none of them a box to type in (behind the
    // panel the page still shows its solution area and partner role choices).
    const review = page.read()!;
    for (const field of ['claimName', 'tenantId', 'products']) expect(review.editable).not.toContain(field);
    expect(review.claim).toMatchObject({
      claimName: 'Contoso Pharma – Dynamics 365 Sales',
      tenantId: TENANT,
      products: ['dynamics-365-sales'],
    });
    // Add Customer only makes a draft: no gate.
    expect(gateButtonAt(page.button(t.addCustomerFinal), pack, lang)).toBeNull();
    await page.click(t.addCustomerFinal);
    await page.click(t.uploadPoe);

    // The PoE step: the file box, and Submit claim is a gate (the review's Add Customer is not).
    const poe = page.read()!;
    expect(poe.editable).toContain('poe');
    // The draft's page shows the claim again, as values: the flow's fields are still read there.
    expect(poe.claim).toMatchObject({ claimName: 'Contoso Pharma – Dynamics 365 Sales', tenantId: TENANT });
    await page.check(t.acknowledge);
    const submit = page.button(t.submit);
    expect(gateButtonAt(submit, pack, lang)?.button).toBe(submit);
    expect(gateButtonAt(submit.parentElement, pack, lang)).toBeNull();
  });
});
