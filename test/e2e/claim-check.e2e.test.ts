// The check where the claim is made, in real Chromium with the built extension, on the replica of
// Partner Center's 2023 creation flow (demo/create.*.html) and claim pages (demo/claim-status.*.html):
// findings beside the fields and in the panel, the PoE read where the partner picks it, the gate
// before Submit claim, and the gate failing open. What is expected is written here as a person
// would check it: the replica records each real submission on <body> (data-replica-submits).
// The browser's clock is CLOCK_AT, so the PoE fixtures' dates are as recent as their names say.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { customerClaimsUrl, type LaunchedExtension, launchWithExtension } from '../../demo/harness.mjs';
import { POE_DIR } from './check-claim';
import { openWatchedPage } from './pages';
import { CLOCK_AT } from './set-clock';

const chromiumPath = inject('cporGuardE2e')?.chromiumPath ?? null;

// Only inside the service worker (worker.evaluate): Chromium's extension API, typed like WXT's `browser`.
declare const chrome: typeof import('wxt/browser').browser;

/** The fixtures' claim (test/fixtures/poe/claim.json): its tenant, and a product its PoE names. */
const TENANT = '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17';

const TEXTS = {
  en: {
    solutionArea: 'Business Applications',
    addCustomer: 'Add customer',
    role: 'Usage recognition - Non-Incentivized',
    next: 'Next',
    claimName: 'Claim name',
    partnerId: 'Partner ID',
    tenantId: 'Tenant ID',
    workload: 'Dynamics 365 Sales',
    customer: 'Customer contact',
    partner: 'Partner contact',
    name: 'Name',
    title: 'Title',
    email: 'Email',
    addCustomerFinal: 'Add Customer',
    uploadPoe: 'Upload POE',
    poe: 'Proof of execution',
    acknowledge: /^I confirm that/,
    submit: 'Submit claim',
    submitAnyway: 'Submit anyway',
    fix: 'Fix',
    predicts: 'Would likely cause: Missing Customer Acknowledgment',
  },
  nl: {
    solutionArea: 'Business Applications',
    addCustomer: 'Klant toevoegen',
    role: 'Usage recognition - Non-Incentivized',
    next: 'Volgende',
    claimName: 'Claimnaam',
    partnerId: 'Partner-id',
    tenantId: 'Tenant-id',
    workload: 'Dynamics 365 Sales',
    customer: 'Klantcontactpersoon',
    partner: 'Partnercontactpersoon',
    name: 'Naam',
    title: 'Functie',
    email: 'E-mail',
    addCustomerFinal: 'Klant toevoegen',
    uploadPoe: 'POE uploaden',
    poe: 'Bewijs van uitvoering',
    acknowledge: /^Ik bevestig dat/,
    submit: 'Claim indienen',
    submitAnyway: 'Toch indienen',
    fix: 'Oplossen',
    predicts: 'Zou waarschijnlijk leiden tot: Missing Customer Acknowledgment',
  },
} as const;
type Texts = (typeof TEXTS)[keyof typeof TEXTS];

const urlLocale = { en: 'en-us', nl: 'nl-nl' } as const;

/** The text inside one of our shadow roots (the panel, the notes, the gate dialog). */
function ownText(page: Page, id: string, selector = ':host') {
  return page.evaluate(
    ([own, sel]) => {
      const root = document.querySelector(`[data-cpor-guard="${own}"]`)?.shadowRoot;
      if (!root) return null;
      const element = sel === ':host' ? root : root.querySelector(sel);
      return element?.textContent ?? null;
    },
    [id, selector] as const,
  );
}

const submits = (page: Page) => page.evaluate(() => document.body.dataset.replicaSubmits);

/** Walks the creation flow to the panel with `tenant`; `rest()` goes on to the PoE step, acknowledged. */
async function createClaim(page: Page, t: Texts, { tenant = TENANT }: { tenant?: string } = {}) {
  await page.getByLabel(t.solutionArea, { exact: true }).check();
  await page.getByRole('button', { name: t.addCustomer, exact: true }).click();
  await page.getByLabel(t.role, { exact: true }).check();
  await page.getByRole('button', { name: t.next, exact: true }).click();
  const panel = page.getByRole('dialog');
  await panel.getByLabel(t.claimName, { exact: true }).fill('Contoso Pharma – Dynamics 365 Sales');
  await panel.getByLabel(t.partnerId, { exact: true }).selectOption({ index: 1 });
  await panel.getByLabel(t.tenantId, { exact: true }).fill(tenant);
  await panel.getByLabel(t.tenantId, { exact: true }).blur();
  return {
    async rest() {
      await panel.getByRole('button', { name: t.next, exact: true }).click();
      await panel.getByLabel(t.workload, { exact: true }).check();
      await panel.getByRole('button', { name: t.next, exact: true }).click();
      const customer = panel.getByRole('group', { name: t.customer });
      await customer.getByLabel(t.name, { exact: true }).fill('Jan de Vries');
      await customer.getByLabel(t.title, { exact: true }).fill('IT manager');
      await customer.getByLabel(t.email, { exact: true }).fill('jan.devries@contoso-pharma.nl');
      const partner = panel.getByRole('group', { name: t.partner });
      await partner.getByLabel(t.name, { exact: true }).fill('Megan Bowen');
      await partner.getByLabel(t.email, { exact: true }).fill('megan.bowen@contoso-partners.example');
      await panel.getByRole('button', { name: t.next, exact: true }).click();
      await page.getByRole('button', { name: t.addCustomerFinal, exact: true }).click();
      await page.getByRole('button', { name: t.uploadPoe, exact: true }).click();
      await page.getByLabel(t.acknowledge).check();
    },
  };
}

/** Waits for the panel to say what the PoE check found (not "Reading …"). */
async function poeChecked(page: Page, file: string) {
  await expect
    .poll(async () => (await ownText(page, 'check-panel')) ?? '', { timeout: 40_000 })
    .not.toMatch(new RegExp(`(Reading|wordt op deze computer gelezen).*${file.replace('.', '\\.')}|^$`));
}

describe.skipIf(!chromiumPath)('the check in Partner Center’s own pages', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
  });
  afterAll(async () => {
    await launched?.close();
  });

  const createUrl = (locale: 'en' | 'nl') => `${customerClaimsUrl(urlLocale[locale])}/new`;

  it.each(['en', 'nl'] as const)(
    'creation flow (%s): a malformed tenant ID is noted beside its field; an unsigned PoE is named with its reviewer finding; Submit claim asks first and "Submit anyway" submits once',
    async (locale) => {
      const t = TEXTS[locale];
      const { page, errors } = await openWatchedPage(launched.context, createUrl(locale));
      const flow = await createClaim(page, t, { tenant: 'not-a-tenant-id' });
      // The note beside the Tenant ID box, after the partner left it.
      await expect
        .poll(() => ownText(page, 'check-notes', '.note[data-field="tenantId"]'), { timeout: 10_000 })
        .toMatch(/\S/);
      await page.getByRole('dialog').getByLabel(t.tenantId, { exact: true }).fill(TENANT);
      await page.getByRole('dialog').getByLabel(t.tenantId, { exact: true }).blur();
      await expect.poll(() => ownText(page, 'check-notes', '.note[data-field="tenantId"]')).toBeNull();

      await flow.rest();
      await page
        .getByLabel(t.poe, { exact: true })
        .setInputFiles(join(POE_DIR, `missing-customer-acknowledgment.${locale}.pdf`));
      await poeChecked(page, `missing-customer-acknowledgment.${locale}.pdf`);
      const panel = (await ownText(page, 'check-panel')) ?? '';
      expect(panel).toContain(t.predicts);
      expect(panel).toContain(`missing-customer-acknowledgment.${locale}.pdf`);

      await page.getByRole('button', { name: t.submit, exact: true }).click();
      await expect
        .poll(() => ownText(page, 'check-gate', 'dialog'))
        .toContain('Missing Customer Acknowledgment');
      expect(await submits(page)).toBe('0');
      await page.getByRole('button', { name: t.submitAnyway, exact: true }).click();
      await expect.poll(() => submits(page)).toBe('1');
      // Exactly once, and the dialog is gone.
      await page.waitForTimeout(500);
      expect(await submits(page)).toBe('1');
      expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('creation flow: a good claim with a good PoE submits untouched, with no dialog', async () => {
    const t = TEXTS.en;
    const { page, errors } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    await page.getByLabel(t.poe, { exact: true }).setInputFiles(join(POE_DIR, 'good.en.pdf'));
    await poeChecked(page, 'good.en.pdf');
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Fix" keeps the claim unsent and goes back to the problem', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    await page
      .getByLabel(t.poe, { exact: true })
      .setInputFiles(join(POE_DIR, 'missing-customer-acknowledgment.en.pdf'));
    await poeChecked(page, 'missing-customer-acknowledgment.en.pdf');
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect
      .poll(() => ownText(page, 'check-gate', 'dialog'))
      .toContain('Missing Customer Acknowledgment');
    await page.keyboard.press('Enter'); // the default button: Fix
    await expect.poll(() => ownText(page, 'check-gate', 'dialog')).toBeNull();
    await page.waitForTimeout(500);
    expect(await submits(page)).toBe('0');
    await page.close();
  });

  it('fails open: when our gate throws, Submit claim goes through', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    await page
      .getByLabel(t.poe, { exact: true })
      .setInputFiles(join(POE_DIR, 'missing-customer-acknowledgment.en.pdf'));
    await poeChecked(page, 'missing-customer-acknowledgment.en.pdf');
    await page.evaluate(() => document.documentElement.setAttribute('data-cpor-guard-test-throw', ''));
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
    await page.close();
  });

  it('fails open: with the extension reloaded mid-flow, Submit claim goes through', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    await page
      .getByLabel(t.poe, { exact: true })
      .setInputFiles(join(POE_DIR, 'missing-customer-acknowledgment.en.pdf'));
    await poeChecked(page, 'missing-customer-acknowledgment.en.pdf');
    // Reloading the extension orphans this page's content script, as an update or a removal does.
    await launched.worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await page.waitForTimeout(1_000);
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    await page.close();
  });
});
