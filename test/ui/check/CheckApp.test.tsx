// The check view in happy-dom with a stand-in for the worker: what the partner sees when the
// PoE check times out or crashes (the real worker is exercised in test/e2e/check.e2e.test.ts).
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPack } from '../../../src/rules/default-pack';
import { CheckApp } from '../../../src/ui/check/CheckApp';
import type { PoeOutcome } from '../../../src/ui/check/poe-client';
import type { PoeRequest } from '../../../src/validation/poe/worker';

const pack = defaultPack();
let root: HTMLElement;

afterEach(() => {
  render(null, root);
  root.remove();
});

async function checkWith(outcome: PoeOutcome, locale = 'en') {
  root = document.createElement('div');
  document.body.append(root);
  const requests: PoeRequest[] = [];
  render(
    <CheckApp
      pack={pack}
      locale={locale}
      now={() => new Date(2026, 10, 27)}
      runPoe={async (request) => {
        requests.push(request);
        return outcome;
      }}
    />,
    root,
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
});
