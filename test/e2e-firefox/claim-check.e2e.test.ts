// The check where the claim is made, with the Firefox build in Firefox: the checker frame (a
// moz-extension:// page inside Partner Center's tab) checks the fields and reads the PoE the
// partner chose, and the gate asks before Submit claim. The Chromium suite tests the rest of
// the flow (test/e2e/claim-check.e2e.test.ts); this proves the same build's parts run here.
// Values are set as the page's own boxes receive them (value + input/change events): puppeteer
// over BiDi types into a box, but the flow's step changes are what this file is about.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { customerClaimsUrl } from '../../demo/harness.mjs';
import { type LaunchedFirefox, launchFirefoxWithExtension } from '../../demo/harness-firefox.mjs';
import { POE_DIR } from '../e2e/check-claim';
import { controlLabelled, openPartnerCenter, waitUntilTrue } from './pages';

const firefoxPath = inject('cporGuardFirefox')?.firefoxPath ?? null;

/** Sets a box found by its label (inside the group named `within`, if given) as a partner would. */
async function fill(page: Page, label: string, value: string, within?: string) {
  const done = await page.evaluate(
    (wanted, text, group) => {
      const scope = group
        ? [...document.querySelectorAll('fieldset')].find(
            (f) => f.querySelector('legend')?.textContent?.trim() === group,
          )
        : document;
      const found = [...(scope ?? document).querySelectorAll('label')].find(
        (l) => l.textContent?.trim() === wanted,
      );
      const box = found?.control as HTMLInputElement | HTMLSelectElement | null | undefined;
      if (!box) return false;
      box.focus();
      if (box instanceof HTMLSelectElement) box.selectedIndex = 1;
      else if (box.type === 'checkbox' || box.type === 'radio') box.checked = true;
      else box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      box.dispatchEvent(new Event('change', { bubbles: true }));
      box.blur();
      return true;
    },
    label,
    value,
    within ?? '',
  );
  if (!done) throw new Error(`no box labelled "${label}"`);
}

/** Polls until a box labelled `label` is on the page (the flow renders each step late). */
async function shown(page: Page, label: string, timeout = 10_000) {
  const until = Date.now() + timeout;
  while (
    !(await page.evaluate(
      (wanted) => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === wanted),
      label,
    ))
  ) {
    if (Date.now() > until) throw new Error(`no label "${label}" within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Clicks the page's button with this text, inside the open side panel when `inPanel` (the page
 * behind it has its own Next). By the element, not by the mouse: in Firefox's small window the
 * button may sit under the cpor-guard panel's folded bar.
 */
async function clickButton(page: Page, text: string, inPanel = false, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const clicked = await page.evaluate(
      (wanted, scope) => {
        const button = [...document.querySelectorAll(`${scope} button`)].find(
          (b) => b.textContent?.trim() === wanted && !(b as HTMLButtonElement).disabled,
        ) as HTMLButtonElement | undefined;
        button?.click();
        return Boolean(button);
      },
      text,
      inPanel ? '[role="dialog"]' : 'body',
    );
    if (clicked) return;
    if (Date.now() > until) throw new Error(`no button "${text}" within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ownText = (page: Page, id: string, selector: string) =>
  page.evaluate(
    (own, sel) =>
      document.querySelector(`[data-cpor-guard="${own}"]`)?.shadowRoot?.querySelector(sel)?.textContent ??
      null,
    id,
    selector,
  );

describe.skipIf(!firefoxPath)('the check in Partner Center’s own pages, in Firefox', () => {
  let launched: LaunchedFirefox;

  beforeAll(async () => {
    launched = await launchFirefoxWithExtension({ firefoxPath: firefoxPath! });
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('names the unsigned PoE chosen in the page, and Submit claim asks first; "Submit anyway" submits once', async () => {
    const { page, errors } = await openPartnerCenter(launched.browser, `${customerClaimsUrl('en-us')}/new`);
    await shown(page, 'Business Applications');
    await fill(page, 'Business Applications', '');
    await clickButton(page, 'Add customer');
    await shown(page, 'Usage recognition - Non-Incentivized');
    await fill(page, 'Usage recognition - Non-Incentivized', '');
    await clickButton(page, 'Next');
    await shown(page, 'Tenant ID');
    await fill(page, 'Claim name', 'Contoso Pharma – Dynamics 365 Sales');
    await fill(page, 'Partner ID', '');
    await fill(page, 'Tenant ID', 'not-a-tenant-id');
    // The note beside the Tenant ID box, from the checker frame.
    await waitUntilTrue(
      page,
      () =>
        Boolean(
          document
            .querySelector('[data-cpor-guard="check-notes"]')
            ?.shadowRoot?.querySelector('.note[data-field="tenantId"]')
            ?.textContent?.includes('GUID'),
        ),
      // The first check waits for the checker frame and the background's pack.
      30_000,
    );
    await fill(page, 'Tenant ID', '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17');
    await clickButton(page, 'Next', true);
    await shown(page, 'Dynamics 365 Sales');
    await fill(page, 'Dynamics 365 Sales', '');
    await fill(page, 'Subscription ID', '9b1d4f2e-7c3a-4e8b-b6d5-2a0c8e7f1b34');
    await clickButton(page, 'Next', true);
    await shown(page, 'Title');
    await fill(page, 'Name', 'Jan de Vries', 'Customer contact');
    await fill(page, 'Title', 'IT manager', 'Customer contact');
    await fill(page, 'Email', 'jan.devries@contoso-pharma.nl', 'Customer contact');
    await fill(page, 'Name', 'Megan Bowen', 'Partner contact');
    await fill(page, 'Email', 'megan.bowen@contoso-partners.example', 'Partner contact');
    await clickButton(page, 'Next', true);
    await clickButton(page, 'Add Customer');
    await clickButton(page, 'Upload POE');
    await shown(page, 'Proof of execution');
    await (await controlLabelled(page, 'Proof of execution')).uploadFile(
      `${POE_DIR}/missing-customer-acknowledgment.en.pdf`,
    );
    await waitUntilTrue(
      page,
      () =>
        document
          .querySelector('[data-cpor-guard="check-panel"]')
          ?.shadowRoot?.querySelector('section')
          ?.getAttribute('data-poe') === 'done',
      40_000,
    );
    expect(await ownText(page, 'check-panel', 'section')).toContain(
      'Would likely cause: Missing Customer Acknowledgment',
    );
    await page.evaluate(() => {
      const label = [...document.querySelectorAll('label')].find((l) =>
        l.textContent?.trim().startsWith('I confirm'),
      );
      (label!.control as HTMLInputElement).click();
    });
    await clickButton(page, 'Submit claim');
    await waitUntilTrue(page, () =>
      Boolean(
        document.querySelector('[data-cpor-guard="check-gate"]')?.shadowRoot?.querySelector('dialog[open]'),
      ),
    );
    expect(await page.evaluate(() => document.body.dataset.replicaSubmits)).toBe('0');
    await page.evaluate(() => {
      const root = document.querySelector('[data-cpor-guard="check-gate"]')!.shadowRoot!;
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Submit anyway')!.click();
    });
    await waitUntilTrue(page, () => document.body.dataset.replicaSubmits === '1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.evaluate(() => document.body.dataset.replicaSubmits)).toBe('1');
    expect(await errors()).toEqual([]);
    await page.close();
  });
});
