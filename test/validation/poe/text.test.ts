import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deadline, TimeLimitError } from '../../../src/files/problems';
import { foldText } from '../../../src/text/fold';
import { checkPoeText } from '../../../src/validation/poe/content';
import {
  compileDatePatterns,
  type DateOrder,
  findDates,
  formatDate,
  monthsBefore,
} from '../../../src/validation/poe/dates';
import { wordXmlToText } from '../../../src/validation/poe/extract/docx';
import {
  decodeQuotedPrintable,
  extractMime,
  htmlToText,
  rtfToText,
} from '../../../src/validation/poe/extract/markup';
import { sniff } from '../../../src/validation/poe/sniff';
import { findAll, fold, locate, makeSearchable } from '../../../src/validation/poe/text';
import { testPack } from '../../fixtures/packs';

const pack = testPack();
const datesCheck = pack.reasons.actionRequired.flatMap((r) => r.poeChecks).find((c) => c.kind === 'dates')!;
const patterns = compileDatePatterns(datesCheck.monthNames!);
const datesIn = (text: string, orders: DateOrder[] = ['dmy']) =>
  findDates(foldText(text), patterns, orders).flatMap((d) => d.readings.map(formatDate));

describe('dates in PoE text', () => {
  it.each([
    ['2026-10-15', '2026-10-15'],
    ['15-10-2026', '2026-10-15'],
    ['15.10.2026', '2026-10-15'],
    ['15/10/2026', '2026-10-15'],
    ['October 15, 2026', '2026-10-15'],
    ['Oct 15th 2026', '2026-10-15'],
    ['15 October 2026', '2026-10-15'],
    ['15-Oct-2026', '2026-10-15'],
    ['15 oktober 2026', '2026-10-15'],
    ['3 mrt. 2026', '2026-03-03'],
    ['15. Oktober 2026', '2026-10-15'],
    ['1. März 2026', '2026-03-01'],
    ['1er décembre 2025', '2025-12-01'],
    ['15 février 2026', '2026-02-15'],
    ['15 fevrier 2026', '2026-02-15'],
  ])('reads %s as %s', (text, iso) => {
    expect(datesIn(`Date: ${text}.`)).toEqual([iso]);
  });

  it('reads an ambiguous numeric date in the order of the document language', () => {
    expect(datesIn('10/11/2026', ['mdy'])).toEqual(['2026-10-11']);
    expect(datesIn('10/11/2026', ['dmy'])).toEqual(['2026-11-10']);
    expect(datesIn('10/11/2026', ['dmy', 'mdy'])).toEqual(['2026-11-10', '2026-10-11']);
  });

  it.each(['31-02-2026', '2026-13-01', 'version 1.2.3', 'tel. 020-555-1234', '12345-10-2026'])(
    'finds no date in %s',
    (text) => {
      expect(datesIn(text)).toEqual([]);
    },
  );

  it.each([
    ['12th March 2026', ['2026-03-12']],
    ['12th of March 2026', ['2026-03-12']],
    ['March 2026', ['2026-03-01', '2026-03-31']],
    ['sept. 2026', ['2026-09-01', '2026-09-30']],
    ['februari 2028', ['2028-02-01', '2028-02-29']],
  ])('reads %s as %j (a month and year only: its first and last day)', (text, readings) => {
    expect(datesIn(`Date: ${text}.`)).toEqual(readings);
  });

  it('reads a two-digit year as this century in the order of the document language', () => {
    expect(datesIn('Leiden, 10/15/26', ['mdy'])).toEqual(['2026-10-15']);
    expect(datesIn('12-03-26', ['dmy'])).toEqual(['2026-03-12']);
    expect(datesIn('12-03-26', ['mdy'])).toEqual(['2026-12-03']);
  });

  it('finds no date inside a GUID', () => {
    expect(datesIn('3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17')).toEqual([]);
  });

  it('counts months back with the day clamped to the month', () => {
    expect(formatDate(monthsBefore({ year: 2026, month: 3, day: 31 }, 1))).toBe('2026-02-28');
    expect(formatDate(monthsBefore({ year: 2026, month: 11, day: 27 }, 12))).toBe('2025-11-27');
  });
});

describe('folding and evidence positions', () => {
  it('folds case, accents and white space, mapping back to the original text', () => {
    const { folded, toOriginal } = fold('Signé  PAR\u00a0le Client');
    expect(folded).toBe('signe par le client');
    expect(toOriginal[folded.indexOf('par')]).toBe('Signé  PAR'.indexOf('PAR'));
  });

  it('keeps the offset map consistent for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const { folded, toOriginal } = fold(text);
        expect(toOriginal.length).toBe(folded.length + 1);
        for (let i = 1; i < toOriginal.length; i++)
          expect(toOriginal[i]!).toBeGreaterThanOrEqual(toOriginal[i - 1]!);
      }),
    );
  });

  it('matches whole words only', () => {
    expect(findAll(foldText('designed and signed'), 'signed')).toEqual([13]);
    expect(findAll(foldText('unsigned'), 'signed')).toEqual([]);
  });

  it('names the page and the line on that page, and quotes the line', () => {
    const s = makeSearchable({
      name: 'a.pdf',
      paged: true,
      pages: ['one\ntwo', 'three\nSigned by the customer\nfive'],
    });
    const at = s.folded.indexOf('signed by');
    expect(locate(s, at, at + 9)).toEqual({ page: 2, line: 2, quote: 'Signed by the customer' });
  });
});

describe('text from markup', () => {
  it('drops scripts, styles and comments from HTML and keeps block breaks and entities', () => {
    const html =
      '<html><head><title>SoW</title><style>p{}</style></head><body><p>Signed&nbsp;by</p><!-- signed --><script>signed()</script><div>Caf&eacute; &amp; co</div></body></html>';
    expect(htmlToText(html)).toBe('SoW\nSigned by\nCafé & co');
  });

  it('reads the paragraphs, tabs and breaks of a Word document', () => {
    const xml =
      '<w:body><w:p><w:r><w:t>Signed</w:t><w:tab/><w:t xml:space="preserve">by &amp; for</w:t></w:r></w:p><w:p><w:r><w:t>Date</w:t></w:r></w:p></w:body>';
    expect(wordXmlToText(xml)).toBe('Signed\tby & for\nDate\n');
  });

  it('decodes quoted-printable with soft line breaks', () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable('Datum: 15 okt=\r\nober =C3=A9'))).toBe(
      'Datum: 15 oktober é',
    );
  });

  it('reads the headers and the text part of a mail, decoding encoded words', () => {
    const mail =
      'From: Jan <jan@contoso.example>\r\nSubject: =?utf-8?B?QWtrb29yZCDigJMgU29X?=\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nVm9vciBha2tvb3JkLCBnZXRla2VuZCBkb29yIGRlIGtsYW50\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>HTML copy</p>\r\n--b--\r\n';
    const doc = extractMime('a.eml', new TextEncoder().encode(mail));
    expect(doc.pages[0]).toContain('Subject: Akkoord – SoW');
    expect(doc.pages[0]).toContain('Voor akkoord, getekend door de klant');
    expect(doc.pages[0]).not.toContain('HTML copy');
  });

  it('strips RTF control words and decodes its escapes', () => {
    expect(
      rtfToText("{\\rtf1\\ansi{\\fonttbl\\f0 Arial;}\\f0\\fs24 Sign\\'e9 par\\par le client}"),
    ).toContain('Signé par\nle client');
  });
});

describe('file type by signature, not only by extension', () => {
  const types = pack.fields.fields.find((f) => f.id === 'poe')!.file!.types;
  const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

  it.each([
    ['sow.pdf', '%PDF-1.7', 'pdf', undefined],
    ['sow.PDF', '%PDF-1.7', 'pdf', undefined],
    ['sow.docx', 'PK\u0003\u0004', 'docx', undefined],
    ['sheet.xlsx', 'PK\u0003\u0004', 'office-zip', undefined],
    ['sow.docx', '%PDF-1.7', 'pdf', 'file-type'],
    ['photo.pdf', '\u0089PNG\r\n\u001a\n', 'png', 'file-type'],
    ['page.html', '<html>', 'html', undefined],
    ['data.csv', 'a,b\n1,2', 'csv', undefined],
    ['data.csv', '\u0000\u0001\u0002', undefined, 'file-type'],
    ['sow.docx', '\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1', 'docx', 'file-protected'],
    ['old.doc', '\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1', 'office-legacy', undefined],
    ['notes.txt', 'hello', undefined, 'file-type'],
  ])('%s starting with %j is %s (problem: %s)', (name, head, type, problem) => {
    const result = sniff(name, bytes(head), types);
    expect(result.type?.id).toBe(type);
    expect(result.problem?.kind).toBe(problem);
  });
});

describe('the date order of each document', () => {
  const claim = { customerName: 'Contoso Pharma B.V.' };
  const dutch = {
    name: 'opdracht.pdf',
    pages: [
      'Opdrachtbevestiging\nVoor akkoord namens de klant\nHandtekening: Jan de Vries\nDatum: 12-11-2025',
    ],
    paged: true,
  };
  const english = {
    name: 'mail.pdf',
    pages: ['Signed by the customer: Jan de Vries, Contoso Pharma B.V.\nDate: 11/12/2025'],
    paged: true,
  };
  const datesFinding = (docs: (typeof dutch)[]) =>
    checkPoeText(docs, claim, pack, { submissionDate: new Date('2026-11-27T10:00:00Z') }).find(
      (f) => f.id === 'poe-dated-recently',
    );

  it('stops at the time limit before a content check, with the time limit error', () => {
    expect(() =>
      checkPoeText([dutch], claim, pack, {
        submissionDate: new Date('2026-11-27T10:00:00Z'),
        deadline: new Deadline(-1),
      }),
    ).toThrow(TimeLimitError);
  });

  it('reads 12-11-2025 in a Dutch document as 12 November 2025, too old on 2026-11-27', () => {
    expect(datesFinding([dutch])?.evidence[0]?.quote).toBe('Datum: 12-11-2025');
  });

  it('reads each document in its own language when an English one is checked with it', () => {
    // 11/12/2025 in US English is November 12, 2025: both are too old, neither is read as December.
    const finding = datesFinding([dutch, english]);
    expect(finding?.evidence.map((e) => e.quote)).toEqual(['Datum: 12-11-2025', 'Date: 11/12/2025']);
  });
});
