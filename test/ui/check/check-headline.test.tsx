// The headline and the wording of PoE findings on the check page (issue 12): a file that could
// not be read is never a pass, and the partner reads no check ids outside "Details for support".
import { describe, expect, it, vi } from 'vitest';
import type { RulePack } from '../../../src/rules/types';
import { CheckApp } from '../../../src/ui/check/CheckApp';
import type { Finding } from '../../../src/validation/finding';
import { findCheck, findingOf } from '../../../src/validation/poe/content';
import type { PoeOutcome } from '../../../src/validation/poe/messages';
import { poeNote } from '../../../src/validation/poe/notes';
import { testPack } from '../../fixtures/packs';
import { mount } from '../../support/mount';

const full = testPack();
/** Only the PoE field, so the field checks of an empty form add nothing to the headline. */
const pack: RulePack = {
  ...full,
  fields: {
    ...full.fields,
    fields: full.fields.fields.filter((f) => f.kind === 'files') as RulePack['fields']['fields'],
  },
};

async function checkWith(outcome: PoeOutcome, locale = 'en') {
  const info = vi.spyOn(console, 'info').mockImplementation(() => {});
  const root = mount(
    <CheckApp pack={pack} locale={locale} now={() => new Date(2026, 10, 27)} runPoe={async () => outcome} />,
  );
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.7'], 'scan.pdf')] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
  root.querySelector<HTMLFormElement>('form')!.requestSubmit();
  const summary = () => root.querySelector<HTMLElement>('[data-testid="check-summary"]');
  for (let i = 0; i < 50 && !summary(); i++) await new Promise((r) => setTimeout(r, 10));
  const logged = JSON.stringify(info.mock.calls);
  info.mockRestore();
  return { root, summary: summary()!, logged };
}

/** The finding the PoE check gives for a scan without a text layer (src/validation/poe/index.ts). */
const scanFinding = (): Finding =>
  findingOf(findCheck(pack, 'poe-file-no-text')!, [
    { found: true, file: 'scan.pdf', note: poeNote(pack, 'poe.note.noTextLayer') },
  ]);

describe('the headline of the check page', () => {
  it('says a scanned PDF could not be checked and must be read by hand, not "No blocking problems found"', async () => {
    const { summary } = await checkWith({ kind: 'done', findings: [scanFinding()] });
    expect(summary.textContent).toContain(
      'The PoE could not be checked: scan.pdf could not be read. Read it by hand before you submit.',
    );
    expect(summary.textContent).not.toContain('No blocking problems found');
    expect(summary.className).toContain('cg-summary-unchecked');
    expect(summary.className).not.toContain('cg-summary-clear');
  });

  it('says so in Dutch', async () => {
    const { summary } = await checkWith({ kind: 'done', findings: [scanFinding()] }, 'nl-NL');
    expect(summary.textContent).toContain(
      'De PoE kon niet worden gecontroleerd: scan.pdf kon niet worden gelezen. Lees het zelf na vóór het indienen.',
    );
  });

  it('says the PoE was not checked when the PoE check stopped', async () => {
    const { summary } = await checkWith({ kind: 'timeout', limitMs: 30_000 });
    expect(summary.textContent).toContain('The PoE could not be checked: scan.pdf could not be read.');
  });

  it('says both when there are blocking problems and a file could not be read', async () => {
    const blocking = findingOf(findCheck(pack, 'poe-customer-signature')!, [{ found: false }]);
    const { summary } = await checkWith({ kind: 'done', findings: [blocking, scanFinding()] });
    expect(summary.textContent).toContain('1 blocking problem found: fix it before you submit.');
    expect(summary.textContent).toContain('scan.pdf could not be read: read it by hand too.');
    expect(summary.className).toContain('cg-summary-blocking');
  });

  it('still says "No blocking problems found" when every file was read', async () => {
    const { summary } = await checkWith({ kind: 'done', findings: [] });
    expect(summary.textContent).toContain('No blocking problems found.');
    expect(summary.className).toContain('cg-summary-clear');
  });
});

describe('a PoE finding on the check page', () => {
  it('names the PoE field, keeps the check id under "Details for support" and logs it to the console', async () => {
    const { root, logged } = await checkWith({ kind: 'done', findings: [scanFinding()] });
    const finding = root.querySelector<HTMLElement>('[data-finding="poe-file-no-text"]')!;
    const details = finding.querySelector('details')!;
    expect(details.querySelector('summary')?.textContent).toBe('Details for support');
    expect(details.textContent).toContain('poe-file-no-text');
    const outside = finding.cloneNode(true) as HTMLElement;
    outside.querySelector('details')!.remove();
    expect(outside.textContent).not.toContain('poe-file-no-text');
    expect(outside.querySelector('.cg-concerns')?.textContent).toBe(
      'Field: Proof of execution (PoE) (the files you chose)',
    );
    expect(logged).toContain('poe-file-no-text');
  });
});
