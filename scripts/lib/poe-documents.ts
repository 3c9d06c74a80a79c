/**
 * Minimal writers for PoE fixture documents, so the fixtures are made in the repo without any
 * office suite: a text PDF (catalog, pages, Helvetica with WinAnsiEncoding, one content stream
 * of Tj lines per page, exact xref offsets), a DOCX (zip of [Content_Types].xml, _rels/.rels,
 * word/document.xml through fflate), a PNG, MIME mail, and deliberately broken variants.
 * Used by scripts/make-poe-fixtures.ts, the tests and the bench.
 */
import { strToU8, zipSync } from 'fflate';
import { seeded } from './random';

const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

// ---- PDF ----

const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** A PDF string literal in WinAnsiEncoding: ASCII as is, Latin-1 and a few others as octal escapes. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = WIN_ANSI_EXTRA[ch] ?? ch.charCodeAt(0);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code >= 32 && code < 127) out += ch;
    else if (code < 256) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += '?';
  }
  return `${out})`;
}

export interface PdfOptions {
  /** Lines per page; the text of each page is a list of lines. */
  pages: string[][];
  /** Extra trailer entries, e.g. an /Encrypt reference (with `extraObjects`). */
  trailerExtra?: string;
  /** Objects appended after the fonts (numbered from 3 + 2 × pages + 1 on). */
  extraObjects?: string[];
  /** A page's content stream instead of text (e.g. only drawing, like a scan without text layer). */
  rawContent?: Record<number, string>;
}

/** Writes a PDF whose text pdf.js extracts line by line. */
export function makePdf(options: PdfOptions): Uint8Array {
  const { pages } = options;
  const objects: string[] = [];
  const pageCount = pages.length;
  // 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_p, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((lines, i) => {
    const content =
      options.rawContent?.[i] ??
      `BT\n/F1 11 Tf\n14 TL\n56 790 Td\n${lines.map((l, k) => `${k === 0 ? '' : 'T* '}${pdfString(l)} Tj`).join('\n')}\nET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  objects.push(...(options.extraObjects ?? []));
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailerExtra ?? ''}>>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character above is one byte (latin1): offsets are byte offsets.
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
  return bytes;
}

/** Splits lines into pages of at most `perPage` lines. */
export function paginate(lines: string[], perPage = 52): string[][] {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages.length ? pages : [[]];
}

/**
 * An encrypted PDF: an /Encrypt dictionary (Standard security handler, RC4 40-bit) in the
 * trailer whose owner and user keys do not accept the empty password, so opening it needs one.
 */
export function makeEncryptedPdf(lines: string[]): Uint8Array {
  const hex = (seed: number, n: number) => {
    const r = seeded(seed);
    return Array.from({ length: n }, () =>
      Math.floor(r() * 256)
        .toString(16)
        .padStart(2, '0'),
    ).join('');
  };
  const pages = paginate(lines);
  const encryptObject = 3 + pages.length * 2 + 1;
  return makePdf({
    pages,
    extraObjects: [
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex(1, 32)}> /U <${hex(2, 32)}> /P -44 >>`,
    ],
    trailerExtra: `/Encrypt ${encryptObject} 0 R /ID [<${hex(3, 16)}> <${hex(3, 16)}>] `,
  });
}

// ---- DOCX ----

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function documentXml(lines: string[]): string {
  const paragraphs = lines
    .map((l) =>
      l === '' ? '<w:p/>' : `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(l)}</w:t></w:r></w:p>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}<w:sectPr/></w:body></w:document>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export function makeDocx(lines: string[]): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'word/document.xml': strToU8(documentXml(lines)),
    },
    { mtime: FIXED_TIME, level: 6 },
  );
}

/**
 * A DOCX zip bomb: word/document.xml expands to `expandedBytes` of spaces, while the zip's
 * headers claim it is 1 KB, so only a reader that counts the real output stops in time.
 */
export function makeDocxBomb(expandedBytes = 80 * 1024 * 1024): Uint8Array {
  const big = new Uint8Array(expandedBytes).fill(0x20);
  const zip = zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'word/document.xml': big,
    },
    { mtime: FIXED_TIME, level: 9 },
  );
  lieAboutSizes(zip, 'word/document.xml', 1024);
  return zip;
}

/** Rewrites the uncompressed size of one entry in the local header and the central directory. */
function lieAboutSizes(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameBytes = strToU8(name);
  const matchesName = (at: number) => nameBytes.every((b, i) => zip[at + i] === b);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === nameBytes.length && matchesName(i + 30)) {
      view.setUint32(i + 22, size, true);
    }
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === nameBytes.length && matchesName(i + 46)) {
      view.setUint32(i + 24, size, true);
    }
  }
}

// ---- other formats ----

export function randomBytes(length: number, seed: number): Uint8Array {
  const r = seeded(seed);
  return Uint8Array.from({ length }, () => Math.floor(r() * 256));
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid 1×1 white PNG. */
export function makePng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...strToU8(type), ...data]);
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(body, 4);
    v.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  // zlib stream of one scanline: filter 0, RGB white (stored block).
  const idat = new Uint8Array([
    0x78, 0x01, 0x01, 0x04, 0x00, 0xfb, 0xff, 0x00, 0xff, 0xff, 0xff, 0x05, 0xfe, 0x02, 0xfe,
  ]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function quotedPrintable(text: string): string {
  const bytes = strToU8(text);
  let line = '';
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    const piece =
      b === 10
        ? '\n'
        : (b >= 33 && b <= 126 && b !== 61) || b === 32
          ? ch
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

/** A MIME mail (EML): plain text as quoted-printable and the same as HTML in base64. */
export function makeEml(headers: Record<string, string>, lines: string[]): Uint8Array {
  const boundary = 'cpor-guard-fixture-boundary';
  const html = `<html><body>${lines.map((l) => `<p>${xmlEscape(l)}</p>`).join('')}</body></html>`;
  const base64 = btoa(String.fromCharCode(...strToU8(html))).replace(/.{76}/g, '$&\r\n');
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  const mail = `${head}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\nThis is a multi-part message in MIME format.\r\n--${boundary}\r\nContent-Type: multipart/alternative; boundary="${boundary}-alt"\r\n\r\n--${boundary}-alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(lines.join('\n'))}\r\n--${boundary}-alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--${boundary}-alt--\r\n--${boundary}--\r\n`;
  return strToU8(mail);
}

export function makeHtml(title: string, lines: string[]): Uint8Array {
  return strToU8(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${xmlEscape(title)}</title><style>p{margin:0}</style></head><body>${lines
      .map((l) => `<p>${xmlEscape(l).replace(/ &amp; /g, ' &amp; ')}</p>`)
      .join('\n')}<script>console.log("signed by nobody");</script></body></html>`,
  );
}
