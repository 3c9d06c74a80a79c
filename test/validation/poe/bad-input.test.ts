// @vitest-environment node
// Bad input ends in a clear finding within the time limit, never a throw or a hang.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../../scripts/lib/poe-documents';
import { FIXTURE_CLAIM, fixtureLines } from '../../../scripts/lib/poe-fixture-texts';
import type { Finding } from '../../../src/validation/finding';
import { checkPoe, type PoeFile } from '../../../src/validation/poe';
import { testPack } from '../../fixtures/packs';

const dir = fileURLToPath(new URL('../../fixtures/poe/', import.meta.url));
const pack = testPack();
const submissionDate = new Date('2026-11-27T10:00:00Z');
const LIMIT_MS = 5_000;

async function timedCheck(
  files: PoeFile[],
  timeLimitMs = LIMIT_MS,
): Promise<{ findings: Finding[]; ms: number }> {
  const start = Date.now();
  const findings = await checkPoe(files, FIXTURE_CLAIM, pack, { submissionDate, timeLimitMs });
  return { findings, ms: Date.now() - start };
}

const fixture = (name: string): PoeFile => ({
  name: name.split('/').pop()!,
  bytes: new Uint8Array(readFileSync(join(dir, name))),
});

/** Each bad file, its finding, and what its note says in English (and, for some, in Dutch). */
const cases: { name: string; id: string; severity: Finding['severity']; en: RegExp; nl?: RegExp }[] = [
  {
    name: 'bad/corrupt.pdf',
    id: 'poe-file-unreadable',
    severity: 'blocking',
    en: /^the PDF could not be opened: it may be damaged or not a real PDF\./,
    nl: /^de PDF kon niet geopend worden: /,
  },
  {
    name: 'bad/truncated.pdf',
    id: 'poe-file-unreadable',
    severity: 'blocking',
    en: /^the PDF ends before its end marker \(%%EOF\): it was probably cut off$/,
    nl: /^de PDF houdt op vóór de eindmarkering/,
  },
  {
    name: 'bad/encrypted.pdf',
    id: 'poe-file-protected',
    severity: 'blocking',
    en: /^the PDF needs a password$/,
    nl: /^de PDF vraagt om een wachtwoord$/,
  },
  {
    name: 'bad/protected.docx',
    id: 'poe-file-protected',
    severity: 'blocking',
    en: /^the \.docx file is an encrypted Office container/,
    nl: /^het \.docx-bestand is een versleutelde Office-container/,
  },
  {
    name: 'bad/zip-bomb.docx',
    id: 'poe-file-unreadable',
    severity: 'blocking',
    en: /more than the 32 MB cpor-guard reads/,
    nl: /meer dan de 32 MB die cpor-guard leest/,
  },
  {
    name: 'bad/empty.pdf',
    id: 'poe-file-empty',
    severity: 'blocking',
    en: /^the file is empty$/,
    nl: /^het bestand is leeg$/,
  },
  {
    name: 'bad/garbage.pdf',
    id: 'poe-file-type',
    severity: 'blocking',
    en: /^the content is not PDF although the name ends in \.pdf$/,
    nl: /^de inhoud is geen PDF, hoewel de naam eindigt op \.pdf$/,
  },
  {
    name: 'bad/garbage.bin',
    id: 'poe-file-type',
    severity: 'blocking',
    en: /^\.bin is not an accepted type \(pdf, docx, /,
    nl: /^\.bin is geen geaccepteerd type \(pdf, docx, /,
  },
  {
    name: 'bad/picture.pdf',
    id: 'poe-file-type',
    severity: 'blocking',
    en: /^the content is PNG, but the name ends in \.pdf$/,
    nl: /^de inhoud is PNG, maar de naam eindigt op \.pdf$/,
  },
  {
    name: 'bad/scan.pdf',
    id: 'poe-file-no-text',
    severity: 'warning',
    en: /no page has a text layer/,
    nl: /geen enkele pagina heeft een tekstlaag/,
  },
];

describe('bad PoE files end in a clear finding', () => {
  for (const { name, id, severity, en, nl } of cases) {
    it(`reports ${name} as '${id}' (${severity}) within the time limit`, async () => {
      const { findings, ms } = await timedCheck([fixture(name)]);
      const finding = findings.find((f) => f.id === id);
      expect(finding, JSON.stringify(findings)).toBeDefined();
      expect(finding!.severity).toBe(severity);
      expect(finding!.evidence[0]).toMatchObject({ found: true, file: name.split('/').pop() });
      const note = finding!.evidence[0]!.note;
      expect(note?.en).toMatch(en);
      if (nl) expect(note?.nl).toMatch(nl);
      // Every note is there in Dutch too, put into words (not the key shown for a missing text).
      expect(note?.nl).toBeTruthy();
      expect(note?.nl).not.toBe(note?.en);
      expect(note?.nl).not.toMatch(/^poe\.note\./);
      expect(ms).toBeLessThan(LIMIT_MS + 1_000);
      // Nothing can be judged from a file that was not read: no content finding pretends it was.
      expect(findings.every((f) => f.id.startsWith('poe-file-'))).toBe(true);
    });
  }

  it('never lets an unreadable file pass: a picture also says "check by hand" and predicts no reason', async () => {
    const { findings } = await timedCheck([fixture('bad/picture.pdf')]);
    const byHand = findings.find((f) => f.id === 'poe-file-no-text');
    expect(byHand?.severity).toBe('warning');
    expect(byHand?.predicts).toBeUndefined();
    expect(byHand?.message.en).toMatch(/check it by hand/);
  });

  it('reports a 200 MB file as too large without reading it (a File/Blob)', async () => {
    const huge = {
      size: 200 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('a file over the limit must not be read')),
    } as unknown as Blob;
    const { findings, ms } = await timedCheck([{ name: 'huge.pdf', bytes: huge }]);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['poe-file-size', 'warning']]);
    const max = pack.fields.fields.find((f) => f.id === 'poe')!.file!.maxBytes;
    expect(findings[0]!.evidence[0]!.note).toEqual({
      en: `the file is 200 MB; cpor-guard reads files up to ${max / 1024 / 1024} MB, so check this one by hand`,
      nl: `het bestand is 200 MB; cpor-guard leest bestanden tot ${max / 1024 / 1024} MB, dus controleer dit bestand zelf`,
    });
    expect(ms).toBeLessThan(1_000);
  });

  it('reports a 200 MB file already in memory as too large, at once', async () => {
    const bytes = new Uint8Array(200 * 1024 * 1024);
    bytes.set(strToU8('%PDF-1.7\n'));
    const { findings, ms } = await timedCheck([{ name: 'huge.pdf', bytes }]);
    expect(findings.map((f) => f.id)).toEqual(['poe-file-size']);
    expect(ms).toBeLessThan(1_000);
  });

  it('stops a zip whose headers declare more than the cap before inflating anything', async () => {
    const zip = zipSync(
      { 'word/document.xml': new Uint8Array(40 * 1024 * 1024).fill(0x20) },
      { level: 1, mtime: new Date('2026-01-01T00:00:00Z') },
    );
    const { findings } = await timedCheck([{ name: 'big.docx', bytes: zip }]);
    expect(findings.map((f) => f.id)).toEqual(['poe-file-unreadable']);
    expect(findings[0]!.evidence[0]!.note?.en).toMatch(
      /^the file would unpack to \d+ MB, more than the 32 MB cpor-guard reads/,
    );
    expect(findings[0]!.evidence[0]!.note?.nl).toMatch(
      /^het bestand zou uitpakken tot \d+ MB, meer dan de 32 MB die cpor-guard leest/,
    );
  });

  it('stops a zip with too many entries', async () => {
    const entries: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 2500; i++) entries[`word/media/x${i}.txt`] = strToU8('x');
    const { findings } = await timedCheck([{ name: 'many.docx', bytes: zipSync(entries, { level: 0 }) }]);
    expect(findings.map((f) => f.id)).toEqual(['poe-file-unreadable']);
    expect(findings[0]!.evidence[0]!.note?.en).toBe('the zip holds 2501 entries, more than 2000');
    expect(findings[0]!.evidence[0]!.note?.nl).toBe('de zip bevat 2501 onderdelen, meer dan 2000');
  });

  it('reports a zip that is not a Word document (an .xlsx renamed .docx) as unreadable', async () => {
    const zip = zipSync(
      { 'xl/workbook.xml': strToU8('<workbook/>') },
      { mtime: new Date('2026-01-01T00:00:00Z') },
    );
    const { findings } = await timedCheck([{ name: 'sheet.docx', bytes: zip }]);
    expect(findings.map((f) => f.id)).toEqual(['poe-file-unreadable']);
    expect(findings[0]!.evidence[0]!.note?.en).toBe(
      'the file is a zip but has no word/document.xml: not a Word document',
    );
  });

  it('reports a PDF not read within the time limit as "check by hand", and returns at the limit', async () => {
    const { findings, ms } = await timedCheck([fixture('good.en.pdf')], 1);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['poe-file-no-text', 'warning']]);
    expect(findings[0]!.evidence[0]!.note).toEqual({
      en: 'not read within the time limit of 0.001 seconds',
      nl: 'niet gelezen binnen de tijdslimiet van 0,001 seconden',
    });
    expect(ms).toBeLessThan(1_000);
  });

  it('reads the good files of a claim even when another file is bad', async () => {
    const good = { name: 'sow.docx', bytes: makeDocx(fixtureLines('en')) };
    const { findings } = await timedCheck([fixture('bad/corrupt.pdf'), good]);
    expect(findings.map((f) => f.id)).toEqual(['poe-file-unreadable']);
  });

  it('never throws and always answers within the limit, whatever the bytes and the name', async () => {
    const signatures = ['', '%PDF-1.4\n', 'PK\u0003\u0004', '<html>', 'From: a@b.c\r\n\r\n', '{\\rtf1 '];
    const extensions = ['pdf', 'docx', 'html', 'mht', 'rtf', 'csv', 'png', 'xyz', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...extensions),
        async (head, tail, ext) => {
          const bytes = new Uint8Array([...strToU8(head, true), ...tail]);
          const { findings, ms } = await timedCheck([{ name: ext ? `poe.${ext}` : 'poe', bytes }], 2_000);
          expect(Array.isArray(findings)).toBe(true);
          expect(ms).toBeLessThan(3_000);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('a content check that fails', () => {
  it('ends in "check by hand" for each file read, never a throw or a content finding', async () => {
    // A claim whose values cannot be read: the content checks throw on it (as a check
    // overflowing on a hostile text would), only after the file was read.
    const claim = new Proxy(FIXTURE_CLAIM, {
      get() {
        throw new Error('a claim value could not be read');
      },
    });
    const good = { name: 'sow.docx', bytes: makeDocx(fixtureLines('en')) };
    const findings = await checkPoe([good], claim, pack, { submissionDate, timeLimitMs: LIMIT_MS });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['poe-file-no-text', 'warning']]);
    expect(findings[0]!.evidence[0]).toMatchObject({ found: true, file: 'sow.docx' });
    expect(findings[0]!.evidence[0]!.note?.en).toBe(
      "cpor-guard's content checks failed on this file (a claim value could not be read); check it by hand",
    );
    expect(findings[0]!.message.en).toMatch(/check it by hand/);
  });
});
