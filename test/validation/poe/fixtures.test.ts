// @vitest-environment node
// pdf.js takes happy-dom's window for a browser and would look for a worker script; the PoE
// check runs in Node here, as it will in a dedicated worker (src/validation/poe/index.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClaimValues } from '../../../src/validation/claim';
import type { Finding } from '../../../src/validation/finding';
import { checkPoe, type PoeFile } from '../../../src/validation/poe';
import { testPack } from '../../fixtures/packs';

const dir = fileURLToPath(new URL('../../fixtures/poe/', import.meta.url));
const pack = testPack();
const fixture = JSON.parse(readFileSync(join(dir, 'claim.json'), 'utf8')) as {
  claim: ClaimValues;
  submissionDate: string;
};
const submissionDate = new Date(fixture.submissionDate);

const file = (name: string): PoeFile => ({
  name: name.split('/').pop()!,
  bytes: new Uint8Array(readFileSync(join(dir, name))),
});
const check = (names: string[], claim: ClaimValues = fixture.claim) =>
  checkPoe(names.map(file), claim, pack, { submissionDate, timeLimitMs: 15_000 });
const blocking = (findings: Finding[]) => findings.filter((f) => f.severity === 'blocking');
const describeFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.severity} ${f.id}: ${JSON.stringify(f.evidence)}`).join('\n');

/** Each defect fixture, the check that must find it and the reason it predicts. */
const defects = [
  { defect: 'missing-all-poe', check: 'poe-names-customer', reason: 'missing-all-poe' },
  { defect: 'wrong-tenant', check: 'poe-identity-matches', reason: 'missing-all-poe' },
  {
    defect: 'missing-customer-acknowledgment',
    check: 'poe-customer-signature',
    reason: 'missing-customer-acknowledgment',
  },
  { defect: 'missing-or-old-dates', check: 'poe-dated-recently', reason: 'missing-or-old-dates' },
  { defect: 'missing-partner-solution', check: 'poe-describes-work', reason: 'missing-partner-solution' },
  { defect: 'missing-products', check: 'poe-names-products', reason: 'missing-products' },
];

describe('the good PoE fixtures', () => {
  for (const name of [
    'good.en.pdf',
    'good.nl.pdf',
    'good.en.docx',
    'good.nl.docx',
    'good.en.html',
    'good.nl.mht',
  ]) {
    it(`finds nothing wrong in ${name}`, async () => {
      const findings = await check([name]);
      expect(blocking(findings), describeFindings(findings)).toEqual([]);
      expect(findings, describeFindings(findings)).toEqual([]);
    });
  }
});

describe('each defect fixture gives its reason, with evidence, and nothing else blocking', () => {
  for (const { defect, check: checkId, reason } of defects) {
    for (const name of [`${defect}.en.pdf`, `${defect}.nl.pdf`, `${defect}.en.docx`, `${defect}.nl.docx`]) {
      it(`${name} predicts '${reason}' through '${checkId}'`, async () => {
        const findings = await check([name]);
        expect(
          findings.map((f) => f.id),
          describeFindings(findings),
        ).toEqual([checkId]);
        const [finding] = findings;
        expect(finding!.severity).toBe('blocking');
        expect(finding!.predicts).toEqual({ type: 'action-required', reason });
        expect(finding!.concerns).toEqual({ poeCheck: checkId });
        expect(finding!.message.en).toBeTruthy();
        expect(finding!.message.nl).toBeTruthy();
        expect(finding!.fix?.nl).toBeTruthy();
        expect(finding!.evidence.length).toBeGreaterThan(0);
        for (const e of finding!.evidence) {
          if (e.found) {
            // Found evidence names the file, the line and quotes it; a PDF also names the page.
            expect(e.file).toBe(name);
            expect(e.line).toBeGreaterThan(0);
            expect(e.quote).toBeTruthy();
            if (name.endsWith('.pdf')) expect(e.page).toBeGreaterThan(0);
            else expect(e.page).toBeUndefined();
          } else {
            expect(e.note?.en ?? e.quote).toBeTruthy();
            if (e.note) expect(e.note.nl).toBeTruthy();
          }
        }
      });
    }
  }

  it('quotes the old signature date on page 2, line 3 of the English PDF', async () => {
    const [finding] = await check(['missing-or-old-dates.en.pdf']);
    expect(finding!.evidence[0]).toMatchObject({
      found: true,
      file: 'missing-or-old-dates.en.pdf',
      page: 2,
      line: 3,
      quote: 'Date: October 15, 2024',
    });
    expect(finding!.evidence[0]!.note).toEqual({
      en: '2024-10-15 is more than 12 months before the submission date 2026-11-27',
      nl: '2024-10-15 ligt meer dan 12 maanden vóór de indieningsdatum 2026-11-27',
    });
  });

  it('quotes the foreign tenant ID where the Dutch DOCX labels it', async () => {
    const [finding] = await check(['wrong-tenant.nl.docx']);
    expect(finding!.evidence).toEqual([
      expect.objectContaining({
        found: true,
        file: 'wrong-tenant.nl.docx',
        line: 6,
        quote: 'Tenant-id: b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40',
      }),
    ]);
    // The note names the field by its label in each language and quotes both values.
    const { note } = finding!.evidence[0]!;
    expect(note?.en).toMatch(
      / in the PoE is b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40; the claim says [0-9a-f-]{36}$/,
    );
    expect(note?.nl).toMatch(
      / in de PoE is b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40; in de claim staat [0-9a-f-]{36}$/,
    );
    expect(note?.en).not.toMatch(/^tenantId\b/);
  });

  it('names the missing product', async () => {
    const [finding] = await check(['missing-products.en.docx']);
    expect(finding!.evidence).toEqual([expect.objectContaining({ found: false, quote: 'Power BI' })]);
    expect(finding!.evidence[0]!.note?.en).toBe('Power BI not found under any of its names');
    expect(finding!.evidence[0]!.note?.nl).toMatch(/ komt onder geen van zijn namen voor$/);
  });
});

describe('several PoE files are checked together', () => {
  it('passes when the signature is in one file and the rest in another', async () => {
    expect(await check(['split.en.part1.pdf', 'split.en.part2.docx'])).toEqual([]);
  });

  it('misses the signature when only the first file is given', async () => {
    const findings = await check(['split.en.part1.pdf']);
    expect(findings.map((f) => f.id)).toEqual(['poe-customer-signature']);
  });

  it('lowers a not-found finding to a warning when another file could not be read, and names that file', async () => {
    const findings = await check(['split.en.part1.pdf', 'bad/scan.pdf']);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['poe-file-no-text', 'warning'],
      ['poe-customer-signature', 'warning'],
    ]);
    expect(findings[1]!.evidence).toContainEqual({
      found: false,
      file: 'scan.pdf',
      note: {
        en: 'its text could not be read; check this file by hand',
        nl: 'de tekst kon niet gelezen worden; controleer dit bestand zelf',
      },
    });
  });
});
