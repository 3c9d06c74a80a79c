// The check view in happy-dom with a stand-in for the worker: what the partner sees when the
// PoE check times out or crashes (the real worker is exercised in test/e2e/check.e2e.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { StoreBlockedError } from '../../../src/store';
import { CheckApp, type CheckHistory } from '../../../src/ui/check/CheckApp';
import type { SeenClaim } from '../../../src/ui/check/claim-form';
import type { PoeOutcome, PoeRequest } from '../../../src/validation/poe/messages';
import { testPack } from '../../fixtures/packs';
import { mount } from '../../support/mount';

const pack = testPack();
let root: HTMLElement;

async function checkWith(outcome: PoeOutcome, locale = 'en', history?: CheckHistory) {
  const requests: PoeRequest[] = [];
  root = mount(
    <CheckApp
      pack={pack}
      locale={locale}
      now={() => new Date(2026, 10, 27)}
      {...(history ? { history } : {})}
      runPoe={async (request) => {
        requests.push(request);
        return outcome;
      }}
    />,
  );
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  const file = new File(['%PDF-1.7'], 'sow.pdf', { type: 'application/pdf' });
  Object.defineProperty(input, 'files', { value: [file] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
  root.querySelector<HTMLFormElement>('form')!.requestSubmit();
  for (let i = 0; i < 50 && !root.querySelector('[data-testid="check-summary"]'); i++)
    await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 10));
  return { requests, text: root.querySelector('[data-testid="check-result"]')?.textContent ?? '' };
}

describe('the check page', () => {
  it('hands the chosen files, the claim and the submission day to the PoE check', async () => {
    const { requests } = await checkWith({ kind: 'done', findings: [] });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.files.map((f) => f.name)).toEqual(['sow.pdf']);
    expect(requests[0]!.claim.poe).toEqual(['sow.pdf']);
    expect(requests[0]!.submissionDate).toBe('2026-11-27T12:00:00.000Z');
  });

  it('says plainly that the PoE was not checked when the worker timed out', async () => {
    const { text } = await checkWith({ kind: 'timeout', limitMs: 30_000 });
    expect(text).toContain('The PoE was not checked');
    expect(text).toContain('longer than 30 seconds');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('check-summary');
  });

  it('says so in Dutch when the worker crashed', async () => {
    const { text } = await checkWith({ kind: 'crashed', error: 'out of memory' }, 'nl-NL');
    expect(text).toContain('De PoE is niet gecontroleerd');
    expect(text).toContain('(out of memory)');
  });

  it('shows the result and says, in Dutch, why the check could not be kept when another tab blocks the database', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history: CheckHistory = {
      recent: async () => [],
      save: async () => {
        throw new StoreBlockedError(2, 3, 5000);
      },
    };
    const { text } = await checkWith({ kind: 'done', findings: [] }, 'nl-NL', history);
    expect(text).not.toBe('');
    const problem = () => root.querySelector('[data-testid="check-history-problem"]')?.textContent;
    for (let i = 0; i < 50 && !problem(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(problem()).toMatch(
      /^Controles kunnen nu niet worden bewaard: de database van cpor-guard wordt bijgewerkt/,
    );
    expect(warn).toHaveBeenCalled(); // developers still see the error itself
    warn.mockRestore();
  });

  it('says the recent checks could not be read, and checking still works', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const history: CheckHistory = {
      recent: async () => {
        throw new Error('database broken');
      },
      save: async () => {},
    };
    const { text } = await checkWith({ kind: 'done', findings: [] }, 'en', history);
    expect(text).not.toBe('');
    expect(root.querySelector('[data-testid="check-history-problem"]')?.textContent).toBe(
      'The recent checks could not be read (database broken). Checking works as usual.',
    );
    warn.mockRestore();
  });

  it('opens an earlier check again: its findings, said to be the earlier check of that day and claim', async () => {
    const finding = {
      id: 'poe-customer-signature',
      severity: 'blocking' as const,
      concerns: { poeCheck: 'poe-customer-signature' },
      message: {
        en: 'No customer signature was found on the PoE.',
        nl: 'Geen handtekening van de klant gevonden.',
      },
      evidence: [{ found: false, file: 'sow.pdf' }],
      source: { doc: 'M', quote: 'Customer signature is not on the PoE' },
    };
    const history: CheckHistory = {
      save: async (record) => ({ ...record, id: 'x' }),
      recent: async () => [
        {
          id: 'a1',
          checkedAt: Date.UTC(2026, 10, 20, 10, 0),
          pack: { id: pack.pack.id, version: pack.pack.version },
          claim: { claimName: 'Northwind – Dynamics 365 Sales' },
          status: 'editing',
          day: '2026-11-20',
          findings: [finding],
        },
      ],
    };
    root = mount(
      <CheckApp
        pack={pack}
        locale="en"
        history={history}
        runPoe={async () => ({ kind: 'done', findings: [] })}
      />,
    );
    const open = () => root.querySelector<HTMLButtonElement>('[data-testid="check-recent-open"]');
    for (let i = 0; i < 50 && !open(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(open()?.textContent).toBe('Show');
    open()!.click();
    for (let i = 0; i < 50 && !root.querySelector('[data-testid="check-summary"]'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(root.querySelector('[data-testid="check-earlier"]')?.textContent).toMatch(
      /^This is the earlier check of .*2026.* \(Northwind – Dynamics 365 Sales\), as it was then/,
    );
    expect(root.querySelector('[data-testid="check-summary"]')?.textContent).toMatch(
      /^1 blocking problem found/,
    );
    expect(root.querySelector('[data-finding="poe-customer-signature"]')?.textContent).toContain(
      'No customer signature was found on the PoE.',
    );
  });

  it('starts from a claim seen in Partner Center: chosen by keyboard from a list, it fills the form and the status', async () => {
    const seenClaims = vi.fn(
      async (): Promise<SeenClaim[]> => [
        {
          claimId: '30500102',
          status: 'rejected',
          lastSeen: 2,
          fields: {
            claimName: 'Adatum – Dynamics 365 Customer Service',
            tenantId: 'e1d7b3c9-6a24-4f58-9c0e-2b8a4d6f1357',
          },
        },
        {
          claimId: '30500101',
          status: 'partner-action-required',
          lastSeen: 1,
          fields: {
            claimName: 'Tailspin Toys – Dynamics 365 Sales',
            tenantId: '8c4e2a71-3b9f-4d6e-b1a2-57f0c9d3e814',
            products: ['dynamics-365-sales'],
          },
        },
      ],
    );
    root = mount(
      <CheckApp
        pack={pack}
        locale="nl"
        seenClaims={seenClaims}
        runPoe={async () => ({ kind: 'done', findings: [] })}
      />,
    );
    const select = () => root.querySelector<HTMLSelectElement>('#cg-seen');
    for (let i = 0; i < 50 && !select(); i++) await new Promise((r) => setTimeout(r, 10));
    // Labelled, in Dutch, each claim by its id, name and status.
    expect(root.querySelector('label[for="cg-seen"]')?.textContent).toBe('Claim gezien op deze computer');
    expect([...select()!.options].map((o) => o.textContent)).toEqual([
      '30500102: Adatum – Dynamics 365 Customer Service (Afgewezen)',
      '30500101: Tailspin Toys – Dynamics 365 Sales (Partner actie vereist)',
    ]);
    select()!.value = '30500101';
    select()!.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    const fill = root.querySelector<HTMLButtonElement>('[data-testid="check-seen-fill"]')!;
    expect(fill.tagName).toBe('BUTTON');
    expect(fill.textContent).toBe('Formulier invullen');
    fill.click();
    await new Promise((r) => setTimeout(r, 0));
    const shownValue = (id: string) => root.querySelector<HTMLInputElement>(`#cg-field-${id}`)?.value;
    expect(shownValue('claimName')).toBe('Tailspin Toys – Dynamics 365 Sales');
    expect(shownValue('tenantId')).toBe('8c4e2a71-3b9f-4d6e-b1a2-57f0c9d3e814');
    expect(root.querySelector<HTMLSelectElement>('#cg-status')?.value).toBe('partner-action-required');
    expect(root.querySelector('[data-testid="check-seen-filled"]')?.textContent).toMatch(
      /^Ingevuld met claim 30500101/,
    );
  });

  it('shows no choice of claims when none was seen, or the claims cannot be read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const seenClaims of [async () => [], async () => Promise.reject(new Error('blocked'))]) {
      root = mount(
        <CheckApp
          pack={pack}
          locale="en"
          seenClaims={seenClaims}
          runPoe={async () => ({ kind: 'done', findings: [] })}
        />,
      );
      await new Promise((r) => setTimeout(r, 20));
      expect(root.querySelector('[data-testid="check-seen"]')).toBeNull();
      expect(root.querySelector('form')).not.toBeNull();
    }
  });
});
