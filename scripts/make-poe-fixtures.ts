/**
 * `npx tsx scripts/make-poe-fixtures.ts`: writes the PoE fixture documents into
 * test/fixtures/poe/ (committed, so the tests need nothing else; run again after changing the
 * texts in scripts/lib/poe-fixture-texts.ts). The output is the same on every run.
 *
 * - good.{en,nl}.{pdf,docx}, good.en.html, good.nl.mht (MIME, as EML): a PoE with everything the rules look for;
 * - <defect>.{en,nl}.{pdf,docx}: the good PoE with exactly one defect, one per action-required
 *   reason (plus 'wrong-tenant' for the identity check);
 * - split.en.part1.pdf + split.en.part2.docx: the PoE split over two files (signature in one);
 * - bad/: corrupt, truncated, encrypted, scanned (no text layer) and empty PDFs, a DOCX zip bomb,
 *   a password-protected DOCX (an encrypted Office container), binary garbage, a PNG named .pdf.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  makeDocx,
  makeDocxBomb,
  makeEml,
  makeEncryptedPdf,
  makeHtml,
  makePdf,
  makePng,
  paginate,
  randomBytes,
} from './lib/poe-documents';
import {
  DEFECTS,
  FIXTURE_CLAIM,
  FIXTURE_SUBMISSION,
  fixtureLines,
  type Language,
} from './lib/poe-fixture-texts';

/** Every fixture, by its path under test/fixtures/poe/ (a test checks the committed ones are these). */
export function buildPoeFixtures(): Map<string, Uint8Array> {
  const fixtures = new Map<string, Uint8Array>();
  const write = (name: string, bytes: Uint8Array | string) =>
    fixtures.set(name, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);

  /** Two pages: the signature block on the second, as in most signed statements of work. */
  function pdfOf(lines: string[]): Uint8Array {
    const split = lines.lastIndexOf('');
    const second = lines.slice(split + 1);
    if (split < 1 || second.length === 0)
      return makePdf({ pages: [lines.filter((l, i) => l !== '' || i < lines.length - 1)] });
    return makePdf({ pages: [lines.slice(0, split), second] });
  }

  /** JSON as Biome formats it: short arrays on one line (the fixtures pass `npm run lint`). */
  const json = (value: unknown) =>
    `${JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (whole, inner: string) => {
      const line = `[${inner.split(/,\s+/).join(', ')}]`;
      return line.length < 90 ? line : whole;
    })}\n`;

  write(
    'claim.json',
    json({
      note: 'The claim the fixtures belong to (scripts/lib/poe-fixture-texts.ts).',
      submissionDate: FIXTURE_SUBMISSION,
      claim: FIXTURE_CLAIM,
    }),
  );

  for (const language of ['en', 'nl'] as Language[]) {
    write(`good.${language}.pdf`, pdfOf(fixtureLines(language)));
    write(`good.${language}.docx`, makeDocx(fixtureLines(language)));
    for (const defect of DEFECTS) {
      write(`${defect}.${language}.pdf`, pdfOf(fixtureLines(language, defect)));
      write(`${defect}.${language}.docx`, makeDocx(fixtureLines(language, defect)));
    }
  }
  write('good.en.html', makeHtml('Statement of Work', fixtureLines('en')));
  write(
    'good.nl.mht',
    makeEml(
      {
        From: 'Jan de Vries <jan.devries@contoso-pharma.nl>',
        To: 'Northwind Consulting <projects@northwind.example>',
        Date: 'Thu, 15 Oct 2026 09:12:00 +0200',
        Subject: '=?utf-8?Q?Akkoord_opdrachtbevestiging_=E2=80=93_Contoso_Pharma?=',
      },
      fixtureLines('nl'),
    ),
  );

  // The same PoE in two files: everything but the signature in a PDF, the signature in a DOCX.
  const en = fixtureLines('en');
  const signatureAt = en.indexOf('Customer acknowledgment');
  write('split.en.part1.pdf', makePdf({ pages: paginate(en.slice(0, signatureAt)) }));
  write('split.en.part2.docx', makeDocx(en.slice(signatureAt)));

  // ---- bad inputs ----
  const good = pdfOf(fixtureLines('en'));
  write('bad/truncated.pdf', good.subarray(0, Math.floor(good.length * 0.6)));
  write(
    'bad/corrupt.pdf',
    new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...randomBytes(3000, 7)]),
  );
  write('bad/encrypted.pdf', makeEncryptedPdf(fixtureLines('en')));
  write(
    'bad/scan.pdf',
    makePdf({
      pages: [[]],
      rawContent: { 0: '0.9 g 56 600 480 180 re f 0 g 2 w 60 620 m 200 700 l 320 640 l S' },
    }),
  );
  write('bad/empty.pdf', new Uint8Array());
  write('bad/zip-bomb.docx', makeDocxBomb());
  write(
    'bad/protected.docx',
    new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(2040, 11)]),
  );
  write('bad/garbage.pdf', randomBytes(4096, 3));
  write('bad/garbage.bin', randomBytes(4096, 5));
  write('bad/picture.pdf', makePng());
  return fixtures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../test/fixtures/poe/', import.meta.url));
  mkdirSync(join(dir, 'bad'), { recursive: true });
  const fixtures = buildPoeFixtures();
  for (const [name, bytes] of fixtures) writeFileSync(join(dir, name), bytes);
  console.log(`wrote ${fixtures.size} files to test/fixtures/poe/`);
}
