/**
 * `npm run fixtures:hostile-poe -- DIR`: writes the hostile PoE set into DIR (made on demand, never
 * committed: some files are 20-50 MB), with `manifest.json` saying what each file is made to break
 * and which findings it must end in. Files made to exhaust a reader (huge, deeply nested,
 * unclosed, zip and flate bombs), to be misread (wrong magic, truncated, odd or lying charsets,
 * NUL bytes, MIME nested too deep or without a boundary, PDFs that are not PDFs, an encrypted
 * PDF) or to overflow a check (190k "signed"). The same on every run.
 *
 * The expectations are written by hand from what the file is, never computed by the code under
 * test: a file that can be read holds the fixture PoE without its signature block, so it must end
 * in exactly 'poe-customer-signature' (read whole and right: a misread gives five "not found");
 * one that cannot be read ends in a 'poe-file-…' finding and nothing else.
 * test/validation/poe/hostile.test.ts checks every file in Node, test/e2e/hostile-poe.e2e.test.ts
 * a few of them on the check page of the built extension.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, zlibSync } from 'fflate';
import { documentXml, makeDocx, makeEncryptedPdf, makePdf, makePng, randomBytes } from './lib/poe-documents';
import { fixtureLines } from './lib/poe-fixture-texts';

/** What a hostile file must end in. */
export interface HostileExpectation {
  /**
   * The ids of the findings, exactly (in any order); `undefined` when any finding will do because
   * the right content findings depend on checks another part of the code owns (said in `why`).
   */
  ids?: string[];
  /** A pattern the English note of the first finding must match (the kind of "could not read"). */
  note?: string;
  /** Why, when `ids` is left open. */
  why?: string;
}

export interface HostilePoe {
  /** The file's name (its extension decides the reader, as on upload). */
  name: string;
  /** What the file is made to break. */
  what: string;
  expect: HostileExpectation;
  /** The time limit to check it with, when not the default (20 s): a short one shows the limit cuts. */
  limitMs?: number;
}

export interface HostileFile extends HostilePoe {
  bytes: Uint8Array;
}

const SIGNATURE = 'poe-customer-signature';
const UNREADABLE = 'poe-file-unreadable';
const WRONG_TYPE = 'poe-file-type';
const NO_TEXT = 'poe-file-no-text';

/** The English notes, as patterns (rules/cpor/messages.json, poe.note.*). */
const NOTE = {
  // Every way of saying "could not read this file" ends by saying what to do with it.
  unread: '(check this file by hand|check that copy)$',
  noText: '^no text was found in the file$',
  timeLimit: '^not read within the time limit of [\\d.,]+ seconds?$',
  noTextLayer: '^no page has a text layer',
  zipDamaged: '^the part word/document\\.xml of the file is damaged',
  notText: 'does not contain text$',
  pdfNotOpened: '^the PDF could not be opened: ',
};

const readable: HostileExpectation = { ids: [SIGNATURE] };
const unreadable = (note = NOTE.unread): HostileExpectation => ({ ids: [UNREADABLE], note });

const MB = 1024 * 1024;
/** The fixture PoE without its signature block: read right, it gives exactly one finding. */
const LINES = fixtureLines('en', 'missing-customer-acknowledgment');
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const HTML_BODY = LINES.map((l) => `<p>${xmlEscape(l)}</p>`).join('\n');
const PLAIN = LINES.join('\r\n');

const utf8 = (s: string) => strToU8(s);
/** One byte per character (the character codes must be below 256). */
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));
const html = (body: string, head = '<meta charset="utf-8"><title>SoW</title>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

// ---- MIME ----

function mail(contentType: string, body: string, extraHeaders = ''): string {
  return `From: Jan <jan@contoso.example>\r\nSubject: SoW\r\nMIME-Version: 1.0\r\n${extraHeaders}Content-Type: ${contentType}\r\n\r\n${body}`;
}
const textPart = (text = PLAIN, type = 'text/plain; charset=utf-8') => `Content-Type: ${type}\r\n\r\n${text}`;

/** A text part inside `levels` multiparts, each with its own boundary. */
function nestedMultipart(levels: number): string {
  let inner = textPart();
  for (let level = levels; level >= 2; level--)
    inner = `Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n${inner}\r\n--b${level}--\r\n`;
  return mail('multipart/mixed; boundary="b1"', `--b1\r\n${inner}\r\n--b1--\r\n`);
}

/** A text part inside `levels` attached mails (message/rfc822). */
function nestedMessages(levels: number): string {
  let inner = textPart();
  for (let level = 0; level < levels; level++) inner = `Content-Type: message/rfc822\r\n\r\n${inner}`;
  return mail('multipart/mixed; boundary="m"', `--m\r\n${inner}\r\n--m--\r\n`);
}

// ---- DOCX ----

const wordDocument = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
const WORD_PARAGRAPHS = LINES.map(
  (l) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(l)}</w:t></w:r></w:p>`,
).join('');
const FIXED_TIME = new Date('2026-01-01T00:00:00Z');
const docxOf = (xml: string | Uint8Array, extra: Record<string, Uint8Array> = {}) =>
  zipSync(
    { 'word/document.xml': typeof xml === 'string' ? utf8(xml) : xml, ...extra },
    { mtime: FIXED_TIME, level: 6 },
  );

/** Sets one entry's uncompressed size in its local header and the central directory. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameBytes = utf8(name);
  const named = (at: number) => nameBytes.every((b, i) => zip[at + i] === b);
  for (let i = 0; i + 46 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint16(i + 26, true) === nameBytes.length && named(i + 30))
      view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && view.getUint16(i + 28, true) === nameBytes.length && named(i + 46))
      view.setUint32(i + 24, size, true);
  }
  return zip;
}

// ---- PDF ----

/** A PDF of the given objects (object 1 the catalog) with a correct cross-reference table. */
function rawPdf(objects: (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [bytesOf('%PDF-1.4\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = concat(
      bytesOf(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? bytesOf(body) : body,
      bytesOf('\nendobj\n'),
    );
    parts.push(part);
    length += part.length;
  });
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    bytesOf(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return concat(...parts);
}

/** A one-page PDF whose content stream is deflated from `expandedBytes` spaces (a flate bomb). */
function flateBombPdf(expandedBytes: number): Uint8Array {
  const deflated = zlibSync(new Uint8Array(expandedBytes).fill(0x20), { level: 9 });
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    concat(
      bytesOf(`<< /Length ${deflated.length} /Filter /FlateDecode >>\nstream\n`),
      deflated,
      bytesOf('\nendstream'),
    ),
  ]);
}

/** Base64 in lines of 76 characters, as mail programs write it. */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(binary).replace(/.{76}/g, '$&\r\n');
}

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < text.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, text.charCodeAt(i), true);
  return out;
}

/** Bytes 0x80-0xFF, seeded: no NUL or control character, so they pass as text by their first bytes. */
function highBytes(length: number, seed: number): Uint8Array {
  return randomBytes(length, seed).map((b) => b | 0x80);
}

/**
 * Every file of the hostile set (or those `only` names), with what it must end in, one at a time
 * (the set is some 300 MB: a writer keeps one file in memory, not all).
 */
export function* hostilePoeFiles(only: (name: string) => boolean = () => true): Generator<HostileFile> {
  const files: (HostilePoe & { make: () => Uint8Array | string })[] = [];
  /** Adds a file; `bytes` may be a function, so the big ones are made only when their turn comes. */
  const add = (
    name: string,
    what: string,
    bytes: Uint8Array | string | (() => Uint8Array | string),
    expect: HostileExpectation,
    limitMs?: number,
  ) =>
    files.push({
      name,
      what,
      make: typeof bytes === 'function' ? bytes : () => bytes,
      expect,
      ...(limitMs ? { limitMs } : {}),
    });

  // ---- HTML ----
  add(
    'html-unclosed-script-0.8mb.html',
    '0.8 MB of unclosed <script (quadratic for the regex reader: 10.9 s)',
    '<script'.repeat(120_000),
    { ids: [NO_TEXT], note: NOTE.noText },
  );
  add(
    'html-unclosed-script-20mb.html',
    'the PoE, then 20 MB of unclosed <script (more than 90 s for the regex reader)',
    () => html(HTML_BODY) + '<script'.repeat(3_000_000),
    readable,
  );
  const bigHtml = () => html(repeatTo(`${HTML_BODY}\n`, 20 * MB));
  add('html-20mb.html', '20 MB of HTML text, read whole within the limit', bigHtml, readable);
  add(
    'html-20mb-cut.html',
    '20 MB of HTML text with a 300 ms limit: the limit cuts the reading',
    bigHtml,
    { ids: [NO_TEXT], note: NOTE.timeLimit },
    300,
  );
  add(
    'html-deep-nesting.html',
    '500,000 nested <div> before the PoE',
    () => `${'<div>'.repeat(500_000)}${HTML_BODY}`,
    readable,
  );
  add(
    'html-unmatched-closes.html',
    '100,000 open <div> then 100,000 </span> that close nothing',
    `${'<div>'.repeat(100_000)}${'</span>'.repeat(100_000)}${HTML_BODY}`,
    readable,
  );
  add(
    'html-unclosed-comment.html',
    'the PoE, then a comment of 5 MB never closed',
    () => `${html(HTML_BODY)}<!--${'a'.repeat(5 * MB)}`,
    readable,
  );
  add(
    'html-attribute-flood.html',
    'one tag with a million attributes before the PoE',
    () => `<a ${'x="1" '.repeat(1_000_000)}>${HTML_BODY}`,
    readable,
  );
  add(
    'html-entity-flood.html',
    'a million entities and unfinished character references before the PoE',
    () => `${'&amp;&#x;&#99999999;&nosuchentity;'.repeat(250_000)}${HTML_BODY}`,
    readable,
  );
  add('html-lt-flood.html', '5 million < before the PoE', `${'<'.repeat(5_000_000)}${HTML_BODY}`, readable);
  add(
    'html-meta-utf16.html',
    'an ASCII page whose <meta> says utf-16: read as UTF-8, as the HTML standard and a browser do',
    html(HTML_BODY, '<meta charset="utf-16"><title>SoW</title>'),
    readable,
  );
  add(
    'html-meta-unknown-charset.html',
    'a charset TextDecoder does not know, on bytes that are not UTF-8',
    concat(
      utf8(html('', '<meta charset="x-klingon">')),
      bytesOf(`<p>${'Sign\u00e9 par le client, d\u00e9cembre '.repeat(200)}</p>`),
    ),
    unreadable(),
  );
  add(
    'html-meta-iso-2022-jp-binary.html',
    'iso-2022-jp declared on bytes 0x80-0xFF: the text decodes to U+FFFD',
    concat(utf8('<html><head><meta charset="iso-2022-jp"></head><body>'), highBytes(64 * 1024, 21)),
    unreadable(),
  );
  add(
    'html-nul-after-4k.html',
    'the PoE, then 100 KB of NUL bytes (after the first 4 KB that the type check looks at)',
    concat(utf8(html(HTML_BODY) + ' '.repeat(4096)), new Uint8Array(100 * 1024)),
    unreadable(),
  );
  add(
    'html-utf16le-bom.html',
    'UTF-16LE with a byte-order mark: read (the control for the odd charsets)',
    utf16le(html(HTML_BODY), true),
    readable,
  );
  add(
    'html-utf16le-no-bom.html',
    'UTF-16LE without a byte-order mark: NUL bytes, not text',
    utf16le(html(HTML_BODY), false),
    { ids: [WRONG_TYPE], note: NOTE.notText },
  );
  add('html-empty-body.html', 'a page without text', html('', '<meta charset="utf-8">'), {
    ids: [NO_TEXT],
    note: NOTE.noText,
  });
  add(
    'html-only-hidden.html',
    'text only in head, style, script, template and noscript',
    `<html><head><style>signed</style><script>signed</script></head><body><template>signed</template><noscript>signed</noscript></body></html>`,
    { ids: [NO_TEXT], note: NOTE.noText },
  );
  add(
    'html-signed-190k.html',
    '10 MB of HTML with 190,000 "signed" (overflowed the stack in the content checks)',
    () => html(`${HTML_BODY}\n${'<p>signed, see above</p>\n'.repeat(190_000)}`),
    readable,
  );

  // ---- MHT (MIME) ----
  add(
    'mht-nested-10.mht',
    'the PoE inside 10 nested multiparts (the most read)',
    nestedMultipart(10),
    readable,
  );
  add('mht-nested-11.mht', 'the PoE inside 11 nested multiparts', nestedMultipart(11), unreadable());
  add('mht-rfc822-nested-50.mht', 'the PoE inside 50 attached mails', nestedMessages(50), unreadable());
  add(
    'mht-empty-boundary.mht',
    'a multipart with boundary=""',
    mail('multipart/mixed; boundary=""', `--\r\n${textPart()}\r\n----\r\n`),
    unreadable(),
  );
  add(
    'mht-no-boundary.mht',
    'a multipart without a boundary',
    mail('multipart/mixed', `--x\r\n${textPart()}\r\n--x--\r\n`),
    unreadable(),
  );
  add(
    'mht-boundary-never-used.mht',
    'a multipart whose boundary never occurs',
    mail('multipart/mixed; boundary="never"', `--other\r\n${textPart()}\r\n--other--\r\n`),
    unreadable(),
  );
  add(
    'mht-charset-utf16-ascii.mht',
    'a text part labelled utf-16 whose bytes are ASCII',
    mail('text/plain; charset=utf-16', PLAIN),
    unreadable(),
  );
  add(
    'mht-charset-unknown.mht',
    'a charset TextDecoder does not know, on bytes that are not UTF-8',
    concat(
      utf8(mail('text/plain; charset=x-klingon', '')),
      bytesOf('Sign\u00e9 par le client le 15 d\u00e9cembre\r\n'.repeat(50)),
    ),
    unreadable(),
  );
  add(
    'mht-no-headers.mht',
    'a body without mail headers',
    `\r\n\r\n${PLAIN}`,
    unreadable('^no mail headers found$'),
  );
  add(
    'mht-only-image.mht',
    'a mail whose only part is an image',
    mail(
      'multipart/mixed; boundary="i"',
      `--i\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(makePng())}\r\n--i--\r\n`,
    ),
    { ids: [NO_TEXT], note: NOTE.noText },
  );
  add(
    'mht-base64-binary.mht',
    'a text/plain part whose base64 holds binary (control bytes)',
    mail(
      'text/plain; charset=utf-8',
      base64(randomBytes(48 * 1024, 31).map((b) => b & 0x1f)),
      'Content-Transfer-Encoding: base64\r\n',
    ),
    unreadable(),
  );
  add(
    'mht-quoted-printable-10mb.mht',
    '10 MB of quoted-printable text',
    mail(
      'text/plain; charset=utf-8',
      `${repeatTo('caf=C3=A9 project notes, more of the same =\r\n', 10 * MB)}\r\n${PLAIN}`,
      'Content-Transfer-Encoding: quoted-printable\r\n',
    ),
    readable,
  );
  add(
    'mht-many-parts.mht',
    '50,000 parts in one multipart',
    mail(
      'multipart/mixed; boundary="p"',
      `${'--p\r\nContent-Type: text/plain\r\n\r\nnotes\r\n'.repeat(50_000)}--p\r\n${textPart()}\r\n--p--\r\n`,
    ),
    readable,
  );
  add(
    'mht-header-flood.mht',
    'a 2 MB folded header',
    mail('text/plain; charset=utf-8', PLAIN, `X-Flood: ${'aaaa\r\n '.repeat(400_000)}x\r\n`),
    readable,
  );

  // ---- DOCX ----
  add(
    'docx-no-document-xml.docx',
    'a zip without word/document.xml',
    zipSync({ 'word/other.xml': utf8(wordDocument(WORD_PARAGRAPHS)) }, { mtime: FIXED_TIME }),
    unreadable('^the file is a zip but has no word/document\\.xml: not a Word document$'),
  );
  add(
    'docx-zip-bomb.docx',
    'document.xml inflates to 80 MB while the zip says 1 KB',
    () => declareSize(docxOf(new Uint8Array(80 * MB).fill(0x20)), 'word/document.xml', 1024),
    unreadable('^the file unpacks to more than the 32 MB cpor-guard reads'),
  );
  add(
    'docx-declared-huge.docx',
    'a zip that declares 4 GB for document.xml',
    declareSize(docxOf(wordDocument(WORD_PARAGRAPHS)), 'word/document.xml', 0xffffffff),
    unreadable('^the file would unpack to 4 GB, more than the 32 MB'),
  );
  const goodDocx = makeDocx(LINES);
  add(
    'docx-truncated.docx',
    'a DOCX cut off halfway',
    goodDocx.subarray(0, Math.floor(goodDocx.length / 2)),
    unreadable('^the zip has no central directory'),
  );
  add('docx-wrong-magic.docx', 'random bytes named .docx', randomBytes(4096, 41), {
    ids: [WRONG_TYPE],
    note: '^the content is not DOCX although the name ends in \\.docx',
  });
  add(
    'docx-deep-xml.docx',
    '300,000 nested w:r around the PoE',
    docxOf(wordDocument(`${'<w:r>'.repeat(300_000)}${WORD_PARAGRAPHS}${'</w:r>'.repeat(300_000)}`)),
    readable,
  );
  add(
    'docx-unclosed-tag.docx',
    'document.xml that is not well-formed (a tag never closed)',
    docxOf(wordDocument(`${WORD_PARAGRAPHS}<w:p><w:r><w:t>unclosed`)),
    unreadable(NOTE.zipDamaged),
  );
  add(
    'docx-entity-bomb.docx',
    'an entity bomb (billion laughs) in document.xml',
    docxOf(
      `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">${Array.from(
        { length: 9 },
        (_, i) =>
          `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`,
      ).join(
        '',
      )}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>${WORD_PARAGRAPHS}</w:body></w:document>`,
    ),
    unreadable(NOTE.zipDamaged),
  );
  const bigXml = () => wordDocument(repeatTo(WORD_PARAGRAPHS, 30 * MB));
  add(
    'docx-30mb-xml.docx',
    'a document.xml of 30 MB, read whole within the limit',
    () => docxOf(bigXml()),
    readable,
  );
  add(
    'docx-30mb-xml-cut.docx',
    'a document.xml of 30 MB with a 300 ms limit: the limit cuts the reading',
    () => docxOf(bigXml()),
    { ids: [NO_TEXT], note: NOTE.timeLimit },
    300,
  );
  add(
    'docx-encrypted.docx',
    'an encrypted Office container named .docx',
    concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4088, 43)),
    { ids: ['poe-file-protected'], note: '^the \\.docx file is an encrypted Office container' },
  );
  add('docx-empty-body.docx', 'a Word document without text', docxOf(documentXml([])), {
    ids: [NO_TEXT],
    note: NOTE.noText,
  });

  // ---- PDF ----
  // A picture also says "check by hand" (no text is read from a picture).
  add('pdf-png-named-pdf.pdf', 'a PNG named .pdf', makePng(), {
    ids: [WRONG_TYPE, NO_TEXT],
    note: '^the content is PNG, but the name ends in \\.pdf$',
  });
  add('pdf-text-named-pdf.pdf', 'plain text named .pdf', PLAIN, {
    ids: [WRONG_TYPE],
    note: '^the content is not PDF although the name ends in \\.pdf',
  });
  add(
    'pdf-header-then-garbage.pdf',
    'a %PDF header, then random bytes and an end marker',
    concat(bytesOf('%PDF-1.7\n'), randomBytes(200 * 1024, 51), bytesOf('\n%%EOF\n')),
    unreadable(NOTE.pdfNotOpened),
  );
  add(
    'pdf-nul-body.pdf',
    'a %PDF header, then 1 MB of NUL bytes',
    concat(bytesOf('%PDF-1.7\n'), new Uint8Array(MB), bytesOf('\n%%EOF\n')),
    unreadable(NOTE.pdfNotOpened),
  );
  const goodPdf = makePdf({ pages: [LINES] });
  add(
    'pdf-truncated.pdf',
    'a PDF cut off at 60 %, before its end marker',
    goodPdf.subarray(0, Math.floor(goodPdf.length * 0.6)),
    unreadable('^the PDF ends before its end marker \\(%%EOF\\): it was probably cut off$'),
  );
  add('pdf-encrypted.pdf', 'a PDF that needs a password', makeEncryptedPdf(LINES), {
    ids: ['poe-file-protected'],
    note: '^the PDF needs a password$',
  });
  add(
    'pdf-many-pages-cut.pdf',
    '3,000 empty pages with a 1 s limit: the limit cuts between pages',
    makePdf({ pages: Array.from({ length: 3000 }, () => []) }),
    { ids: [NO_TEXT], note: NOTE.timeLimit },
    1000,
  );
  add(
    'pdf-huge-content-cut.pdf',
    'one page with a 10 MB content stream, with a 1 s limit: the limit cuts inside the page',
    makePdf({
      pages: [LINES],
      rawContent: { 0: `BT /F1 11 Tf 56 790 Td ${'(signed) Tj '.repeat(800_000)}ET` },
    }),
    { ids: [NO_TEXT], note: NOTE.timeLimit },
    1000,
  );
  add(
    'pdf-kids-loop.pdf',
    'a page tree whose only kid is itself',
    rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']),
    { ids: [NO_TEXT], note: NOTE.noTextLayer },
  );
  add(
    'pdf-flate-bomb.pdf',
    'a content stream that inflates to 64 MB of spaces',
    () => flateBombPdf(64 * MB),
    {
      ids: [NO_TEXT],
      note: NOTE.noTextLayer,
    },
  );
  add('pdf-empty.pdf', 'a file of 0 bytes', new Uint8Array(), { ids: ['poe-file-empty'] });
  add(
    'pdf-too-large.pdf',
    'a PDF of 51 MB, over the 50 MB the pack reads',
    () => concat(bytesOf('%PDF-1.7\n'), new Uint8Array(51 * MB).fill(0x20)),
    { ids: ['poe-file-size'] },
  );

  // ---- plain text, RTF, others ----
  add('csv-nul.csv', 'NUL bytes named .csv', new Uint8Array(4096), { ids: [WRONG_TYPE], note: NOTE.notText });
  add(
    'rtf-deep-groups.rtf',
    'a million nested RTF groups around the PoE',
    () => `{\\rtf1\\ansi ${'{'.repeat(1_000_000)}${LINES.join('\\par\n')}${'}'.repeat(1_000_000)}}`,
    readable,
  );
  add('poe', 'a file without an extension', PLAIN, {
    ids: [WRONG_TYPE],
    note: '^a file without extension is not an accepted type',
  });
  add('poe.exe', 'a program', concat(bytesOf('MZ'), randomBytes(4094, 61)), {
    ids: [WRONG_TYPE],
    note: '^\\.exe is not an accepted type',
  });
  for (const { make, ...entry } of files.filter((f) => only(f.name))) {
    const bytes = make();
    yield { ...entry, bytes: typeof bytes === 'string' ? utf8(bytes) : bytes };
  }
}

/** Writes the set into `dir` (made if missing) with manifest.json; returns the entries written. */
export function writeHostilePoeSet(dir: string): HostilePoe[] {
  mkdirSync(dir, { recursive: true });
  const manifest: HostilePoe[] = [];
  for (const { bytes, ...entry } of hostilePoeFiles()) {
    writeFileSync(join(dir, entry.name), bytes);
    manifest.push(entry);
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run fixtures:hostile-poe -- DIR');
    process.exit(2);
  }
  const written = writeHostilePoeSet(resolve(dir));
  console.log(`wrote ${written.length} hostile PoE files and manifest.json to ${resolve(dir)}`);
}
