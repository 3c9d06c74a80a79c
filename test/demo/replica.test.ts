// @vitest-environment node
// The Partner Center replica's creation flow (demo/create.*.html) and claim pages per status
// (demo/claim-status.*.html): which file demo/harness.mjs serves for an address, and the pages
// themselves run in happy-dom (their own inline scripts, their own timers), driven by element
// ids so that the English and the Dutch file go through the same steps. What a partner sees
// (every control with a visible label, in its language) is written here by hand, from the
// header comment of each file, which the extension side builds against.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_STATUS_IDS, CREATE_STEPS, DEMO_DIR, demoFileFor, NOT_IN_DEMO } from '../../demo/harness.mjs';

const ORIGIN = 'https://partner.microsoft.com';
const CLAIMS = '/dashboard/incentives/engagements/ux/workshops/claims';
const NEW_FILES = ['create.en.html', 'create.nl.html', 'claim-status.en.html', 'claim-status.nl.html'];
const LOCALES = { en: 'en-us', nl: 'nl-nl' } as const;
type Lang = keyof typeof LOCALES;

const fileOf = (url: string) => {
  const file = demoFileFor(url);
  return file && basename(file);
};

describe('demoFileFor: the address of each replica page', () => {
  it.each([
    [`/en-us${CLAIMS}/new`, 'create.en.html'],
    [`/en-us${CLAIMS}/new/`, 'create.en.html'],
    [`${CLAIMS}/new`, 'create.en.html'],
    [`/nl-nl${CLAIMS}/new`, 'create.nl.html'],
    [`/nl-NL${CLAIMS}/new/review`, 'create.nl.html'],
    [`/en-gb${CLAIMS}/new/partner-role`, 'create.en.html'],
    [`/en-us${CLAIMS}/new/no-such-step`, null],
    [`/en-us${CLAIMS}/30500101`, 'claim-status.en.html'],
    [`/nl-nl${CLAIMS}/30500102`, 'claim-status.nl.html'],
    [`/en-us${CLAIMS}/30500103/`, 'claim-status.en.html'],
    [`/nl-nl${CLAIMS}/30500104`, 'claim-status.nl.html'],
    [`/en-us${CLAIMS}/30500101/details`, null],
    [`/en-us${CLAIMS}/30500105`, 'claim-2023.en.html'],
    [`/en-us${CLAIMS}/30497730`, 'claim-2023.en.html'],
    [`/en-us${CLAIMS}/30512345`, 'claim-2023.en.html'],
    [`/nl-nl${CLAIMS}`, 'claims.nl.html'],
    ['/en-us/dashboard/incentives/claims/associations', 'associations.en.html'],
    ['/nl-nl/dashboard/incentives/claims/associations/30448305', 'claim.nl.html'],
    ['/en-us/dashboard/incentives/claims/associations/new', 'claim.en.html'],
    ['/en-us/dashboard/incentives/claims/associations/new/details', null],
    ['/en-us/dashboard/home', null],
  ])('%s → %s', (path, expected) => {
    expect(fileOf(`${ORIGIN}${path}`)).toBe(expected);
  });

  it('serves nothing for another host', () => {
    expect(demoFileFor(`https://example.com/en-us${CLAIMS}/new`)).toBeNull();
  });

  it('serves the creation flow at every step it pushes, and names the claims of each status', () => {
    expect(CREATE_STEPS).toEqual(['partner-role', 'details', 'workloads', 'contacts', 'review']);
    for (const step of CREATE_STEPS)
      expect(fileOf(`${ORIGIN}/nl-nl${CLAIMS}/new/${step}`)).toBe('create.nl.html');
    expect(CLAIM_STATUS_IDS).toEqual(['30500101', '30500102', '30500103', '30500104']);
  });

  it('lists the creation flow and the claims per status on the page for an address it does not serve', () => {
    expect(NOT_IN_DEMO).toContain(`/en-us${CLAIMS}/new"`);
    expect(NOT_IN_DEMO).toContain(`/nl-nl${CLAIMS}/new"`);
    for (const id of ['30500101', '30500102', '30500103', '30500104'])
      expect(NOT_IN_DEMO).toContain(`${CLAIMS}/${id}"`);
  });
});

/** The `index`th of `items`, which the test expects to be there. */
function nth<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`only ${items.length} recorded, not a #${index}`);
  return item;
}

/** The entry `name` of `record`, which the test expects to be there. */
function named<T>(record: Record<string, T>, name: string): T {
  const entry = record[name];
  if (entry === undefined) throw new Error(`nothing recorded as '${name}'`);
  return entry;
}

// --- Running a page ------------------------------------------------------------------------------

const windows: Window[] = [];
afterAll(async () => {
  for (const window of windows.splice(0)) await window.happyDOM.close();
});

/** Each walk below takes seconds of the pages' own timers: tests that only read one share it. */
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, walk: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, walk());
  return memo.get(key) as Promise<T>;
}

/** A replica page at `path` (after the locale), its own scripts running, once it has rendered. */
async function open(file: string, lang: Lang, path: string) {
  const window = new Window({
    url: `${ORIGIN}/${LOCALES[lang]}${path}`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  windows.push(window);
  const errors: string[] = [];
  window.addEventListener('error', (event) =>
    errors.push(String((event as unknown as ErrorEvent).error ?? event)),
  );
  window.document.write(readFileSync(join(DEMO_DIR, file), 'utf8'));
  await window.happyDOM.waitUntilComplete();
  return { window, document: window.document as unknown as Document, errors };
}

type Page = Awaited<ReturnType<typeof open>>;

/** Clicks the element with id `id` (the page must have it) and waits for what it starts. */
async function click({ window, document }: Page, id: string) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no #${id} on the page at step ${document.body.dataset.replicaStep}`);
  element.click();
  await window.happyDOM.waitUntilComplete();
}

async function type({ window, document }: Page, id: string, value: string) {
  const input = document.getElementById(id) as HTMLInputElement | null;
  if (!input) throw new Error(`no #${id} on the page at step ${document.body.dataset.replicaStep}`);
  input.value = value;
  input.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
  await window.happyDOM.waitUntilComplete();
}

/** The visible label of a form control: its <label for> (plain text), or what aria-labelledby names. */
function labelOf(document: Document, control: Element): string {
  const labelledBy = control.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim();
  }
  const labels = control.id ? [...document.querySelectorAll(`label[for="${control.id}"]`)] : [];
  const [label] = labels;
  if (!label || labels.length !== 1) return '';
  // The extension side reads the text of the label itself: no element inside it.
  if (label.children.length > 0) return '';
  return label.textContent?.trim() ?? '';
}

interface StepSeen {
  step: string | undefined;
  path: string;
  controls: string[];
  labels: string[];
}

/** What a partner meets at this moment: the step, the address, every control's id and label. */
function seen({ document, window }: Page): StepSeen {
  const controls = [...document.querySelectorAll('input, select, textarea')];
  for (const control of controls) {
    const label = labelOf(document, control);
    if (!label)
      throw new Error(
        `#${control.id || control.outerHTML} at step ${document.body.dataset.replicaStep} has no visible label`,
      );
  }
  return {
    step: document.body.dataset.replicaStep,
    path: window.location.pathname.replace(/^\/[a-z]{2}-[a-z]{2}/, ''),
    controls: controls.map((control) => control.id),
    labels: controls.map((control) => labelOf(document, control)),
  };
}

/** Every src, href and action of the page as it is now. */
function addresses(document: Document): string[] {
  return [...document.querySelectorAll('[src], [href], [action]')].flatMap((element) =>
    ['src', 'href', 'action'].map((name) => element.getAttribute(name)).filter((value) => value !== null),
  );
}

/** An address that stays on the replica: a Partner Center path, relative, a fragment or data:. */
const staysLocal = (address: string) =>
  !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(address) ||
  address.startsWith('data:') ||
  address.startsWith(`${ORIGIN}/`);

// --- The creation flow -------------------------------------------------------------------------------

/** Goes through the flow for solution area `area` (0 Business Applications, 1 Modern Work), recording each step. */
async function walkCreateFlow(lang: Lang, area: 0 | 1) {
  const page = await open(`create.${lang}.html`, lang, `${CLAIMS}/new`);
  const steps: StepSeen[] = [seen(page)];
  const links = new Set(addresses(page.document));
  const record = () => {
    steps.push(seen(page));
    for (const address of addresses(page.document)) links.add(address);
  };
  await click(page, `ChoiceGroup12-${area}`);
  await click(page, 'add-customer');
  record();
  await click(page, 'ChoiceGroup14-0');
  await click(page, 'role-next');
  record();
  await type(page, 'TextField31', 'Contoso – usage');
  await type(page, 'TextField33', '3f2b8c1e-9d4a-4e7b-a5c6-0d18e2f47a93');
  await click(page, 'panel-next');
  record();
  await click(page, 'Checkbox41');
  if (area === 0) await type(page, 'TextField49', '5b6c2a8e-1f34-4d7a-9e0b-c2d4f6a8b013');
  await click(page, 'panel-next');
  record();
  for (const [id, value] of [
    ['TextField51', 'Jamie Reding'],
    ['TextField52', 'IT Director'],
    ['TextField53', 'jamie.reding@northwindtraders.com'],
    ['TextField54', 'Megan Bowen'],
    ['TextField55', 'megan.bowen@contoso-partners.example'],
  ] as const) {
    await type(page, id, value);
  }
  await click(page, 'panel-next');
  record();
  await click(page, 'panel-next');
  record();
  await click(page, 'upload-poe');
  record();
  return { page, steps, links: [...links] };
}

type CreateLabels = Record<
  'solution-area' | 'details' | 'detailsModernWork' | 'workloads' | 'contacts' | 'poe',
  string[]
>;

/** The labels of each step as the header comments of create.en.html and create.nl.html list them. */
const CREATE_LABELS: Record<Lang, CreateLabels> = {
  en: {
    'solution-area': ['Business Applications', 'Modern Work and Security'],
    details: ['Claim name', 'Partner ID', 'Tenant ID'],
    detailsModernWork: [
      'Claim name',
      'Partner ID',
      'Tenant ID',
      "I don't want to earn incentives for this claim",
    ],
    workloads: [
      'Dynamics 365 Sales',
      'Dynamics 365 Customer Service',
      'Power BI Pro',
      'Power Apps',
      'Subscription ID',
    ],
    contacts: ['Name', 'Title', 'Email', 'Name', 'Email'],
    poe: [
      'Proof of execution',
      'Comments',
      'I confirm that the customer has agreed to this association and that the proof of execution is accurate and complete',
    ],
  },
  nl: {
    'solution-area': ['Business Applications', 'Modern Work and Security'],
    details: ['Claimnaam', 'Partner-id', 'Tenant-id'],
    detailsModernWork: [
      'Claimnaam',
      'Partner-id',
      'Tenant-id',
      'Ik wil voor deze claim geen incentives verdienen',
    ],
    workloads: [
      'Dynamics 365 Sales',
      'Dynamics 365 Customer Service',
      'Power BI Pro',
      'Power Apps',
      'Abonnements-id',
    ],
    contacts: ['Naam', 'Functie', 'E-mail', 'Naam', 'E-mail'],
    poe: [
      'Bewijs van uitvoering',
      'Opmerkingen',
      'Ik bevestig dat de klant met deze koppeling heeft ingestemd en dat het bewijs van uitvoering juist en volledig is',
    ],
  },
};

describe('the creation flow (demo/create.*.html)', () => {
  it.each(['en', 'nl'] as const)(
    '%s: goes from the solution area to the PoE section, one address per step',
    async (lang) => {
      const { page, steps, links } = await once(`create ${lang} 0`, () => walkCreateFlow(lang, 0));
      expect(links.filter((address) => !staysLocal(address))).toEqual([]);
      expect(steps.map(({ step, path }) => [step, path])).toEqual([
        ['solution-area', `${CLAIMS}/new`],
        ['partner-role', `${CLAIMS}/new/partner-role`],
        ['details', `${CLAIMS}/new/details`],
        ['workloads', `${CLAIMS}/new/workloads`],
        ['contacts', `${CLAIMS}/new/contacts`],
        ['review', `${CLAIMS}/new/review`],
        ['draft', `${CLAIMS}/30512345`],
        ['poe', `${CLAIMS}/30512345`],
      ]);
      const labels = CREATE_LABELS[lang];
      expect(nth(steps, 0).labels).toEqual(labels['solution-area']);
      // The solution area stays on the page (disabled) under the partner role and the panel.
      expect(nth(steps, 2).labels).toEqual([...nth(steps, 1).labels, ...labels.details]);
      expect(nth(steps, 3).labels.slice(nth(steps, 1).labels.length)).toEqual(labels.workloads);
      expect(nth(steps, 4).labels.slice(nth(steps, 1).labels.length)).toEqual(labels.contacts);
      expect(nth(steps, 7).labels).toEqual(labels.poe);
      expect(page.errors).toEqual([]);
    },
  );

  it.each(['en', 'nl'] as const)(
    '%s: Modern Work asks for the opt-out of incentives and no subscription ID',
    async (lang) => {
      const { steps, links } = await once(`create ${lang} 1`, () => walkCreateFlow(lang, 1));
      expect(links.filter((address) => !staysLocal(address))).toEqual([]);
      const roleLabels = nth(steps, 1).labels.slice(2);
      expect(roleLabels).toEqual(['Use or consume']);
      expect(nth(steps, 2).labels.slice(nth(steps, 1).labels.length)).toEqual(
        CREATE_LABELS[lang].detailsModernWork,
      );
      expect(nth(steps, 3).labels.slice(nth(steps, 1).labels.length)).toEqual([
        'Microsoft Teams',
        'Exchange Online',
        'SharePoint Online',
        'Microsoft Intune',
      ]);
    },
  );

  it('has the same steps, addresses and control ids in English and Dutch', async () => {
    for (const area of [0, 1] as const) {
      const [en, nl] = await Promise.all([
        once(`create en ${area}`, () => walkCreateFlow('en', area)),
        once(`create nl ${area}`, () => walkCreateFlow('nl', area)),
      ]);
      const shape = (steps: StepSeen[]) =>
        steps.map(({ step, path, controls }) => ({ step, path, controls }));
      expect(shape(nl.steps)).toEqual(shape(en.steps));
      // Same ids, different words: the Dutch page is not the English one.
      expect(nth(nl.steps, 2).labels).not.toEqual(nth(en.steps, 2).labels);
    }
  });

  it('keeps what was typed when the partner goes back a step', async () => {
    const { page } = await walkCreateFlow('en', 0);
    // From the PoE section back to the draft, the review, the contacts.
    for (let i = 0; i < 3; i++) {
      page.window.history.back();
      await page.window.happyDOM.waitUntilComplete();
    }
    expect(page.document.body.dataset.replicaStep).toBe('contacts');
    expect((page.document.getElementById('TextField53') as HTMLInputElement).value).toBe(
      'jamie.reding@northwindtraders.com',
    );
  });

  it('records a submission only once the PoE is there and acknowledged', async () => {
    const { page } = await walkCreateFlow('nl', 0);
    const { document, window } = page;
    const submit = document.getElementById('submit-claim') as HTMLButtonElement;
    expect(submit.textContent).toBe('Claim indienen');
    expect(submit.disabled).toBe(true);
    expect(document.body.dataset.replicaSubmits).toBe('0');
    // A file dropped on the drop zone lands in the page's own file input, with a change event.
    let changes = 0;
    const input = document.getElementById('FileInput61') as HTMLInputElement;
    input.addEventListener('change', () => changes++);
    const transfer = new window.DataTransfer();
    transfer.items.add(new window.File(['%PDF-1.7'], 'sow-signed.pdf', { type: 'application/pdf' }));
    const drop = new window.Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: transfer });
    document.getElementById('drop-zone')?.dispatchEvent(drop as unknown as Event);
    expect([...(input.files ?? [])].map((file) => file.name)).toEqual(['sow-signed.pdf']);
    expect(changes).toBe(1);
    expect(submit.disabled).toBe(true);
    await click(page, 'Checkbox63');
    expect(submit.disabled).toBe(false);
    await click(page, 'submit-claim');
    expect(document.body.dataset.replicaSubmits).toBe('1');
    expect(document.body.dataset.replicaLastAction).toBe('submit');
    expect(document.body.dataset.replicaStep).toBe('submitted');
    expect(document.querySelector('[data-status]')?.textContent).toBe('Ingediend');
    expect(document.getElementById('submit-claim')).toBeNull();
    window.history.back();
    await window.happyDOM.waitUntilComplete();
    expect(document.body.dataset.replicaStep).toBe('submitted');
    expect(document.getElementById('submit-claim')).toBeNull();
    expect(document.body.dataset.replicaSubmits).toBe('1');
  });
});

// --- The claim pages per status ----------------------------------------------------------------------

/** Opens each claim of claim-status.<lang>.html and what can be opened on it, recording each. */
async function walkClaimPages(lang: Lang) {
  const seenPages: Record<string, StepSeen & { status: string; buttons: string[] }> = {};
  const links = new Set<string>();
  const note = (name: string, page: Page) => {
    const dialog = page.document.querySelector('#layer [role="dialog"]');
    const buttons = [
      ...(dialog ?? page.document.querySelector('main') ?? page.document).querySelectorAll('button'),
    ];
    seenPages[name] = {
      ...seen(page),
      status: page.document.querySelector('h1 + span')?.textContent ?? '',
      buttons: buttons.map((button) => button.textContent ?? ''),
    };
    for (const address of addresses(page.document)) links.add(address);
  };
  for (const id of CLAIM_STATUS_IDS) {
    const page = await open(`claim-status.${lang}.html`, lang, `${CLAIMS}/${id}`);
    note(id, page);
    if (id === '30500101') {
      await click(page, 'edit');
      note(`${id} edit`, page);
      await click(page, 'resubmit');
      note(`${id} resubmitted`, page);
    }
    if (id === '30500102') {
      await click(page, 'dispute');
      note(`${id} dialog`, page);
      await type(page, 'TextField81', 'The statement of work of 2026 is attached.');
      await click(page, 'dialog-confirm');
      note(`${id} disputed`, page);
    }
    if (id === '30500104') {
      await click(page, 'disassociate');
      note(`${id} dialog`, page);
      await type(page, 'TextField91', 'We no longer work with this customer.');
      await click(page, 'dialog-confirm');
      note(`${id} disassociated`, page);
    }
    const { replicaSubmits, replicaLastAction } = page.document.body.dataset;
    named(seenPages, id).step = `${replicaSubmits} ${replicaLastAction ?? '-'}`;
    expect(page.errors).toEqual([]);
  }
  return { seenPages, links: [...links] };
}

describe('the claim pages per status (demo/claim-status.*.html)', () => {
  it('shows each claim in its status, in English, with the buttons of that status', async () => {
    const { seenPages, links } = await once('claims en', () => walkClaimPages('en'));
    expect(links.filter((address) => !staysLocal(address))).toEqual([]);
    expect(named(seenPages, '30500101').status).toBe('Partner action required');
    expect(named(seenPages, '30500101').buttons).toEqual([
      'History',
      'Edit',
      'Resubmit',
      'Download template',
      'Post',
      '×',
    ]);
    expect(named(seenPages, '30500101 edit').labels).toEqual([
      'Claim name',
      'Partner ID',
      'Tenant ID',
      'Microsoft Teams',
      'Exchange Online',
      'SharePoint Online',
      'Microsoft Intune',
      'Name',
      'Title',
      'Email',
      'Name',
      'Email',
      'Proof of execution',
      'Add a comment',
    ]);
    expect(named(seenPages, '30500101 resubmitted').status).toBe('Under review');
    expect(named(seenPages, '30500101').step).toBe('1 resubmit');
    expect(named(seenPages, '30500102').status).toBe('Rejected');
    expect(named(seenPages, '30500102 dialog').labels.slice(-2)).toEqual([
      'Justification',
      'Updated proof of execution',
    ]);
    expect(named(seenPages, '30500102 dialog').buttons).toEqual(['Dispute', 'Cancel']);
    expect(named(seenPages, '30500102 disputed').status).toBe('Dispute');
    expect(named(seenPages, '30500102').step).toBe('1 dispute');
    expect(named(seenPages, '30500103').status).toBe('Rejected final');
    expect(named(seenPages, '30500103').buttons).not.toContain('Dispute');
    expect(named(seenPages, '30500104').status).toBe('Approved');
    expect(named(seenPages, '30500104 dialog').labels.slice(-1)).toEqual(['Reason for disassociation']);
    expect(named(seenPages, '30500104 disassociated').status).toBe('Rejected final');
    expect(named(seenPages, '30500104').step).toBe('1 disassociate');
  });

  it('shows the same claims in Dutch, with Dutch labels and buttons', async () => {
    const { seenPages, links } = await once('claims nl', () => walkClaimPages('nl'));
    expect(links.filter((address) => !staysLocal(address))).toEqual([]);
    expect(named(seenPages, '30500101').status).toBe('Partner actie vereist');
    expect(named(seenPages, '30500101').buttons).toEqual([
      'Geschiedenis',
      'Bewerken',
      'Opnieuw indienen',
      'Sjabloon downloaden',
      'Plaatsen',
      '×',
    ]);
    expect(named(seenPages, '30500101 edit').labels).toEqual([
      'Claimnaam',
      'Partner-id',
      'Tenant-id',
      'Microsoft Teams',
      'Exchange Online',
      'SharePoint Online',
      'Microsoft Intune',
      'Naam',
      'Functie',
      'E-mail',
      'Naam',
      'E-mail',
      'Bewijs van uitvoering',
      'Opmerking toevoegen',
    ]);
    expect(named(seenPages, '30500102 dialog').labels.slice(-2)).toEqual([
      'Motivering',
      'Bijgewerkt bewijs van uitvoering',
    ]);
    expect(named(seenPages, '30500102 dialog').buttons).toEqual(['Betwisten', 'Annuleren']);
    expect(named(seenPages, '30500103').status).toBe('Definitief afgewezen');
    expect(named(seenPages, '30500104 dialog').labels.slice(-1)).toEqual(['Reden voor ontkoppeling']);
    expect(named(seenPages, '30500104 disassociated').status).toBe('Definitief afgewezen');
  });

  it('has the same pages, controls and recorded actions in English and Dutch', async () => {
    const [en, nl] = await Promise.all([
      once('claims en', () => walkClaimPages('en')),
      once('claims nl', () => walkClaimPages('nl')),
    ]);
    const shape = (pages: typeof en.seenPages) =>
      Object.entries(pages).map(([name, { step, path, controls, buttons }]) => ({
        name,
        step,
        path,
        controls,
        buttons: buttons.length,
      }));
    expect(shape(nl.seenPages)).toEqual(shape(en.seenPages));
  });
});

// --- Nothing leaves the machine -----------------------------------------------------------------------

// The addresses each page renders at every step are checked in the walks above (staysLocal).
describe('the new replica pages make no request off Partner Center', () => {
  it.each(NEW_FILES)(
    '%s: no external address in its text, no script or style from elsewhere, no network call',
    (file) => {
      const html = readFileSync(join(DEMO_DIR, file), 'utf8');
      const markup = html.replace(/<!--[\s\S]*?-->/g, '');
      const attributes = [
        ...markup.matchAll(/\b(?:src|href|action|srcset|poster)\s*=\s*["']([^"']*)["']/gi),
      ].map((m) => m[1] ?? '');
      expect(attributes.filter((address) => !staysLocal(address))).toEqual([]);
      expect(markup.match(/https?:\/\/(?!partner\.microsoft\.com\/)[^\s"'`<)]+/gi) ?? []).toEqual([]);
      expect(markup).not.toMatch(
        /<script[^>]*\bsrc\s*=|<link[^>]*rel=["']?stylesheet|@import|url\(\s*["']?(?!data:)/i,
      );
      expect(markup).not.toMatch(
        /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|\bimport\s*\(/,
      );
    },
  );
});
