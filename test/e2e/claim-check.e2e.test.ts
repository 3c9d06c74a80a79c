// The check where the claim is made, in real Chromium with the built extension, on the replica of
// Partner Center's 2023 creation flow (demo/create.*.html) and claim pages (demo/claim-status.*.html):
// findings beside the fields and in the panel, the PoE read where the partner picks it, the gate
// before Submit claim, and the gate failing open. What is expected is written here as a person
// would check it: the replica records each real submission on <body> (data-replica-submits).
// The browser's clock is CLOCK_AT, so the PoE fixtures' dates are as recent as their names say.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  customerClaimsUrl,
  demoFileFor,
  type LaunchedExtension,
  launchWithExtension,
  serveDemo,
} from '../../demo/harness.mjs';
import { makePdf, paginate } from '../../scripts/lib/poe-documents';
import { fixtureLines } from '../../scripts/lib/poe-fixture-texts';
import { CREATE_FLOW_TEXTS } from '../support/create-flow';
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
    ...CREATE_FLOW_TEXTS.en,
    submitAnyway: 'Submit anyway',
    fix: 'Fix',
    reason: 'Missing Customer Acknowledgment',
    predicts: 'Would likely cause: Missing Customer Acknowledgment',
  },
  nl: {
    ...CREATE_FLOW_TEXTS.nl,
    submitAnyway: 'Toch indienen',
    fix: 'Oplossen',
    reason: 'Ontbrekende klantbevestiging',
    predicts: 'Zou waarschijnlijk leiden tot: Ontbrekende klantbevestiging',
  },
} as const;
type Texts = (typeof TEXTS)[keyof typeof TEXTS];

const urlLocale = { en: 'en-us', nl: 'nl-nl' } as const;

/** The text of an element inside one of our shadow roots (the panel's section, a note, the gate dialog). */
function ownText(page: Page, id: string, selector = 'section') {
  return page.evaluate(
    ([own, sel]) => {
      const root = document.querySelector(`[data-cpor-guard="${own}"]`)?.shadowRoot;
      if (!root) return null;
      const element = root.querySelector(sel);
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
      await panel.getByLabel(t.subscriptionId, { exact: true }).fill('9b1d4f2e-7c3a-4e8b-b6d5-2a0c8e7f1b34');
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

/** The whole creation flow to the PoE step, with `file` (test/fixtures/poe) chosen and read. */
async function createWithPoe(page: Page, t: Texts, file: string) {
  const flow = await createClaim(page, t);
  await flow.rest();
  await page.getByLabel(t.poe, { exact: true }).setInputFiles(join(POE_DIR, file));
  await poeChecked(page, file);
}

/** Waits until the panel says what the PoE check of `file` found (its state is no longer 'checking'). */
async function poeChecked(page: Page, file: string) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const section = document
            .querySelector('[data-cpor-guard="check-panel"]')
            ?.shadowRoot?.querySelector('section');
          return `${section?.getAttribute('data-poe')} ${section?.textContent ?? ''}`;
        }),
      { timeout: 40_000 },
    )
    .toMatch(new RegExp(`^(done|failed) .*${file.replaceAll('.', '\\.')}`));
}

describe.skipIf(!chromiumPath)('the check in Partner Center’s own pages', () => {
  let launched: LaunchedExtension;

  beforeAll(async () => {
    launched = await launchWithExtension({ chromiumPath: chromiumPath!, clockAt: CLOCK_AT });
    await serveDemo(launched.context);
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
        // The first check of a fresh browser waits for the checker frame and the background's pack.
        .poll(() => ownText(page, 'check-notes', '.note[data-field="tenantId"]'), { timeout: 30_000 })
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
      await expect.poll(() => ownText(page, 'check-gate', 'dialog')).toContain(t.reason);
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
    await createWithPoe(page, t, 'good.en.pdf');
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creation flow: the PoE is checked against the tenant ID typed three steps earlier (a PoE for another tenant is named)', async () => {
    const t = TEXTS.en;
    const { page, errors } = await openWatchedPage(launched.context, createUrl('en'));
    await createWithPoe(page, t, 'wrong-tenant.en.pdf');
    const panel = (await ownText(page, 'check-panel')) ?? '';
    expect(panel).toContain('The PoE names a tenant ID or domain that is not this claim');
    // The evidence sets the PoE's tenant against the one typed in the panel.
    expect(panel).toContain(`is b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40; the claim says ${TENANT}`);
    expect(panel).toContain('Would likely cause: Missing All PoE');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Fix" keeps the claim unsent and goes back to the problem', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    await createWithPoe(page, t, 'missing-customer-acknowledgment.en.pdf');
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

  it('edit mode of a Partner action required claim: boxes marked locked or editable, a locked field changed is a finding, and Resubmit asks first', async () => {
    const { page, errors } = await openWatchedPage(launched.context, customerClaimsUrl('en-us', '30500101'));
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const name = page.getByLabel('Claim name', { exact: true });
    await expect
      .poll(() => ownText(page, 'check-notes', '.note[data-field="claimName"]'), { timeout: 10_000 })
      .toBe('Locked: cannot be changed in Partner action required');
    expect(await ownText(page, 'check-notes', '.note[data-field="partnerContact.name"]')).toBe(
      'May be changed in Partner action required',
    );
    await name.fill('Tailspin Toys – Teams and SharePoint');
    await name.blur();
    await expect
      .poll(() => ownText(page, 'check-notes', '.note[data-field="claimName"]'))
      .toMatch(/Claim name.*Partner action required/);
    await page.getByRole('button', { name: 'Resubmit', exact: true }).click();
    await expect
      .poll(() => ownText(page, 'check-gate', 'dialog'))
      .toMatch(/^Resubmit with 1 blocking problem\?/);
    await page.getByRole('button', { name: 'Submit anyway', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.body.dataset.replicaLastAction)).toBe('resubmit');
    expect(await submits(page)).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the dispute dialog: an updated PoE with old dates is read in the page, and its Dispute asks first (the button that opens the dialog does not)', async () => {
    const { page, errors } = await openWatchedPage(launched.context, customerClaimsUrl('en-us', '30500102'));
    await page.getByRole('button', { name: 'Dispute', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Dispute' });
    await dialog
      .getByLabel('Justification', { exact: true })
      .fill('The customer signed on 14 November 2026.');
    await dialog
      .getByLabel('Updated proof of execution', { exact: true })
      .setInputFiles(join(POE_DIR, 'missing-or-old-dates.en.pdf'));
    await poeChecked(page, 'missing-or-old-dates.en.pdf');
    expect(await ownText(page, 'check-panel')).toContain('Would likely cause: Missing or Old Dates');
    await dialog.getByRole('button', { name: 'Dispute', exact: true }).click();
    await expect.poll(() => ownText(page, 'check-gate', 'dialog')).toContain('Missing or Old Dates');
    await page.keyboard.press('Escape'); // as Fix: nothing is sent
    await page.waitForTimeout(500);
    expect(await submits(page)).toBe('0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('going back and forth through the creation flow shows one panel and one set of notes, and sends nothing anywhere', async () => {
    const outside: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = request.url();
      if (
        !url.startsWith('https://partner.microsoft.com/') &&
        !url.startsWith('chrome-extension://') &&
        !url.startsWith('data:')
      )
        outside.push(url);
    };
    launched.context.on('request', onRequest);
    const t = TEXTS.en;
    const { page, errors } = await openWatchedPage(launched.context, createUrl('en'));
    await createClaim(page, t, { tenant: 'not-a-tenant-id' });
    await expect
      // The first check of a fresh browser waits for the checker frame and the background's pack.
      .poll(() => ownText(page, 'check-notes', '.note[data-field="tenantId"]'), { timeout: 30_000 })
      .toMatch(/\S/);
    for (let i = 0; i < 2; i++) {
      await page.goBack();
      await page.goForward();
    }
    await page.getByRole('dialog').getByLabel(t.tenantId, { exact: true }).waitFor();
    await page.waitForTimeout(800);
    const counts = await page.evaluate(() =>
      ['check-panel', 'check-notes', 'checker'].map(
        (id) => document.querySelectorAll(`[data-cpor-guard="${id}"]`).length,
      ),
    );
    expect(counts).toEqual([1, 1, 1]);
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector('[data-cpor-guard="check-notes"]')
            ?.shadowRoot?.querySelectorAll('.note[data-field="tenantId"]').length,
      ),
    ).toBe(1);
    launched.context.off('request', onRequest);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edit mode after a reload: a locked field the page now shows changed is still a finding, against the values first seen (kept in the claim’s record, not the tab’s memory)', async () => {
    const url = customerClaimsUrl('en-us', '30500101');
    const { page, errors } = await openWatchedPage(launched.context, url);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    // The first check of the claim: its fields as the page shows them are kept.
    await expect
      .poll(() => ownText(page, 'check-notes', '.note[data-field="claimName"]'), { timeout: 30_000 })
      .toBe('Locked: cannot be changed in Partner action required');
    // Kept in the background's database, in the claim's record.
    const kept = await launched.worker.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('cpor-guard');
          open.onsuccess = () => {
            const get = open.result.transaction('claims').objectStore('claims').get('30500101');
            get.onsuccess = () => resolve(JSON.stringify(get.result?.firstFields ?? null));
          };
          open.onerror = () => resolve(String(open.error));
        }),
    );
    expect(JSON.parse(kept)).toMatchObject({ claimName: 'Tailspin Toys – Microsoft Teams usage' });
    // From now on the page shows the claim with another name, as if a change had been saved; the
    // reload starts the content script with an empty memory, reading the changed name first.
    const changed = readFileSync(demoFileFor(url)!, 'utf8').replace(
      "name: 'Tailspin Toys – Microsoft Teams usage'",
      "name: 'Tailspin Toys – Teams and SharePoint'",
    );
    expect(changed).toContain('Tailspin Toys – Teams and SharePoint');
    await page.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: changed }),
    );
    await page.reload();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect
      .poll(() => page.getByLabel('Claim name', { exact: true }).inputValue(), { timeout: 10_000 })
      .toBe('Tailspin Toys – Teams and SharePoint');
    await expect
      .poll(() => ownText(page, 'check-notes', '.note[data-field="claimName"]'), { timeout: 30_000 })
      .toMatch(/Claim name.*Partner action required/);
    expect(await ownText(page, 'check-panel')).toContain(
      'Tailspin Toys – Microsoft Teams usage → Tailspin Toys – Teams and SharePoint',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a re-opened claim shows its kept PoE result (which files, when) without choosing them again; the same file chosen again is answered from what was kept', async () => {
    const url = customerClaimsUrl('en-us', '30500101');
    const file = 'missing-customer-acknowledgment.en.pdf';
    const first = await openWatchedPage(launched.context, url);
    await first.page.getByRole('button', { name: 'Edit', exact: true }).click();
    await first.page.getByLabel('Proof of execution', { exact: true }).setInputFiles(join(POE_DIR, file));
    await poeChecked(first.page, file);
    expect(await ownText(first.page, 'check-panel', '[data-testid="inpage-poe"]')).toBe(
      `PoE read on this computer: ${file}.`,
    );
    await first.page.close();

    const { page, errors } = await openWatchedPage(launched.context, url);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    // Nothing chosen in this page: the result kept for the claim, with its file and moment.
    await expect
      .poll(() => ownText(page, 'check-panel', '[data-testid="inpage-poe"]'), { timeout: 30_000 })
      .toMatch(
        new RegExp(
          `^PoE checked on this computer on .*2026.*, its result kept: ${file.replaceAll('.', '\\.')}\\.$`,
        ),
      );
    expect(await ownText(page, 'check-panel')).toContain(TEXTS.en.predicts);
    // Another file is read anew.
    const poe = page.getByLabel('Proof of execution', { exact: true });
    await poe.setInputFiles(join(POE_DIR, 'good.en.pdf'));
    await expect
      .poll(() => ownText(page, 'check-panel', '[data-testid="inpage-poe"]'), { timeout: 40_000 })
      .toBe('PoE read on this computer: good.en.pdf.');
    // The first file chosen again instead: answered from what was kept (a new read says 'PoE read').
    await page.getByRole('button', { name: 'Remove good.en.pdf', exact: true }).click();
    await poe.setInputFiles(join(POE_DIR, file));
    await expect
      .poll(() => ownText(page, 'check-panel', '[data-testid="inpage-poe"]'), { timeout: 40_000 })
      .toMatch(new RegExp(`its result kept: ${file.replaceAll('.', '\\.')}\\.$`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creation flow: two files chosen at once are checked together (a product named only in the second is found; the first’s missing signature still is not)', async () => {
    // An unsigned PoE that names no product, and a products sheet that names the claim's workload.
    const dir = mkdtempSync(join(tmpdir(), 'cpor-poe-'));
    const unsigned = fixtureLines('en', 'missing-customer-acknowledgment')
      .filter((line) => !line.startsWith('Products:'))
      .map((line) =>
        line.replaceAll('Dynamics 365 Sales', 'the new CRM').replaceAll('Power BI', 'reporting'),
      );
    expect(unsigned.join(' ')).not.toContain('Dynamics 365');
    writeFileSync(join(dir, 'sow-unsigned.pdf'), makePdf({ pages: paginate(unsigned) }));
    writeFileSync(
      join(dir, 'products.pdf'),
      makePdf({
        pages: paginate([
          'Products delivered to Contoso Pharma B.V. under the statement of work of 2026-10-01',
          'Dynamics 365 Sales: forty seats for the commercial team, deployed in September 2026',
        ]),
      }),
    );
    const t = TEXTS.en;
    const notFound = 'Dynamics 365 Sales not found under any of its names';
    const { page, errors } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    const poe = page.getByLabel(t.poe, { exact: true });
    // The unsigned PoE alone: its missing product is named.
    await poe.setInputFiles(join(dir, 'sow-unsigned.pdf'));
    await poeChecked(page, 'sow-unsigned.pdf');
    expect(await ownText(page, 'check-panel')).toContain(notFound);
    // Both chosen at once: one check of the two together.
    await poe.setInputFiles([join(dir, 'sow-unsigned.pdf'), join(dir, 'products.pdf')]);
    await poeChecked(page, 'sow-unsigned.pdf, products.pdf');
    const panel = (await ownText(page, 'check-panel')) ?? '';
    expect(panel).toContain('PoE read on this computer: sow-unsigned.pdf, products.pdf.');
    expect(panel).not.toContain(notFound);
    expect(panel).toContain(t.predicts);
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => ownText(page, 'check-gate', 'dialog')).toContain(t.reason);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays off the claims list: no panel, no notes and no checker frame among its rows', async () => {
    const { page, errors } = await openWatchedPage(launched.context, customerClaimsUrl('en-us'));
    await page.waitForSelector('[data-cpor-guard="badge"]', { state: 'attached', timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(
      await page.evaluate(() =>
        ['check-panel', 'check-notes', 'checker'].map(
          (id) => document.querySelectorAll(`[data-cpor-guard="${id}"]`).length,
        ),
      ),
    ).toEqual([0, 0, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails open: when our gate throws, Submit claim goes through', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    await createWithPoe(page, t, 'missing-customer-acknowledgment.en.pdf');
    await page.evaluate(() => document.documentElement.setAttribute('data-cpor-guard-test-throw', ''));
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
    await page.close();
  });

  it('fails open: a PoE still being read after two seconds does not hold Submit claim any longer', async () => {
    // An unsigned PoE of about 1,500 pages: read for several seconds, and blocking once read, so
    // a click let through before the reading ends can only have been let through by the time limit.
    const unsigned = fixtureLines('en', 'missing-customer-acknowledgment');
    const filler = Array.from(
      { length: 78_000 },
      (_, i) => `Workshop notes, session ${i + 1}: sales pipeline configuration.`,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'cpor-poe-')), 'long-unsigned.pdf');
    writeFileSync(
      file,
      makePdf({ pages: paginate([...unsigned.slice(0, 6), ...filler, ...unsigned.slice(6)]) }),
    );
    const t = TEXTS.en;
    const { page, errors } = await openWatchedPage(launched.context, createUrl('en'));
    const flow = await createClaim(page, t);
    await flow.rest();
    await page.getByLabel(t.poe, { exact: true }).setInputFiles(file);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.querySelector('[data-cpor-guard="check-panel"]')?.shadowRoot?.querySelector('section')
              ?.dataset.poe,
        ),
      )
      .toBe('checking');
    // The panel's PoE state at the moment the submit reaches the replica (after it, the replica
    // shows the submitted claim and our panel may go with the form).
    await page.evaluate(() => {
      const w = window as unknown as { cgPoeAtSubmit?: string };
      new MutationObserver((_changes, observer) => {
        if (!document.body.dataset.replicaSubmits) return;
        observer.disconnect();
        w.cgPoeAtSubmit =
          document.querySelector('[data-cpor-guard="check-panel"]')?.shadowRoot?.querySelector('section')
            ?.dataset.poe ?? 'no panel';
      }).observe(document.body, { attributes: true, attributeFilter: ['data-replica-submits'] });
    });
    const clicked = Date.now();
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page), { timeout: 10_000 }).toBe('1');
    const heldFor = Date.now() - clicked;
    // Held while the check ran, let through at GATE_WAIT_MS (2 s), before the reading ended.
    expect(heldFor).toBeGreaterThanOrEqual(1_500);
    expect(await page.evaluate(() => (window as unknown as { cgPoeAtSubmit?: string }).cgPoeAtSubmit)).toBe(
      'checking',
    );
    expect(await ownText(page, 'check-gate', 'dialog')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fails open: with the extension reloaded mid-flow, Submit claim goes through', async () => {
    const t = TEXTS.en;
    const { page } = await openWatchedPage(launched.context, createUrl('en'));
    await createWithPoe(page, t, 'missing-customer-acknowledgment.en.pdf');
    // Reloading the extension orphans this page's content script, as an update or a removal does.
    await launched.worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await page.waitForTimeout(1_000);
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await expect.poll(() => submits(page)).toBe('1');
    await page.close();
  });
});
