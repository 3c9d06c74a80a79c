/**
 * Text from plain text, RTF, HTML and MIME mail (EML, MHT), without a DOM: the same code runs in
 * Node, in a worker (which has no DOMParser) and in an extension page.
 */
import { FileProblemError } from '../../../files/problems';
import type { PoeDocument } from '../text';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  copy: '©',
  reg: '®',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  szlig: 'ß',
  oelig: 'œ',
  aelig: 'æ',
};
const ACCENTED: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  cedil: '\u0327',
  ring: '\u030a',
};

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    if (named !== undefined) return named;
    const accent = /^([a-z])(acute|grave|circ|uml|tilde|cedil|ring)$/i.exec(body);
    if (accent) return `${accent[1]}${ACCENTED[accent[2]!.toLowerCase()]}`.normalize('NFC');
    return whole;
  });
}

const BLOCK_TAGS =
  /^(p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote|pre|hr|title|dt|dd)$/i;

export function htmlToText(html: string): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|noscript|head)\b[\s\S]*?<\/\1\s*>/gi, (m, tag: string) =>
      // Keep the title: it often names the document.
      tag.toLowerCase() === 'head' ? `${/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(m)?.[1] ?? ''}\n` : ' ',
    );
  const text = withoutHidden.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_m, tag: string) => {
    if (BLOCK_TAGS.test(tag)) return '\n';
    if (/^(td|th)$/i.test(tag)) return '\t';
    return '';
  });
  return decodeXmlEntities(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** Decodes bytes as text: a byte-order mark, then UTF-8, then Windows-1252 when UTF-8 fails. */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    } catch {
      // An unknown charset label: fall through to UTF-8.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** RTF to text: control words removed, \'hh escapes decoded as Windows-1252, \uN as Unicode. */
export function rtfToText(rtf: string): string {
  const cp1252 = new TextDecoder('windows-1252');
  return rtf
    .replace(/\{\\\*[^{}]*\}/g, '')
    .replace(/\\'([0-9a-f]{2})/gi, (_m, hex: string) =>
      cp1252.decode(new Uint8Array([Number.parseInt(hex, 16)])),
    )
    .replace(/\\u(-?\d+)\??/g, (_m, n: string) => String.fromCharCode((Number(n) + 65536) % 65536))
    .replace(/\\(par|line|row|cell|page|sect)\b ?/g, '\n')
    .replace(/\\tab\b ?/g, '\t')
    .replace(/\\[a-z]+-?\d* ?/gi, '')
    .replace(/\\([\\{}])/g, '$1')
    .replace(/[{}]/g, '')
    .trim();
}

export function extractPlain(name: string, bytes: Uint8Array): PoeDocument {
  const text = decodeText(bytes);
  return { name, pages: [text.startsWith('{\\rtf') ? rtfToText(text) : text], paged: false };
}

export function extractHtml(name: string, bytes: Uint8Array): PoeDocument {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  return { name, pages: [htmlToText(decodeText(bytes, charset))], paged: false };
}

// ---- MIME (EML, MHT) ----

interface MimePart {
  headers: Map<string, string>;
  body: Uint8Array;
}

const latin1 = new TextDecoder('latin1');

function splitHeaders(bytes: Uint8Array): MimePart {
  const text = latin1.decode(bytes);
  const match = /\r?\n\r?\n/.exec(text);
  const headerEnd = match ? match.index : text.length;
  const bodyStart = match ? match.index + match[0].length : text.length;
  const headers = new Map<string, string>();
  const unfolded = text.slice(0, headerEnd).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: bytes.subarray(bodyStart) };
}

function parameter(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function decodeQuotedPrintable(text: string): Uint8Array {
  const soft = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    if (c === 61 /* = */ && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return new Uint8Array(out);
}

export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const bin = atob(clean.slice(0, clean.length - (clean.length % 4)));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** RFC 2047 encoded words in headers: =?utf-8?Q?...?= and =?utf-8?B?...?=. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (whole, charset: string, enc: string, data: string) => {
      try {
        const bytes =
          enc.toLowerCase() === 'b' ? decodeBase64(data) : decodeQuotedPrintable(data.replace(/_/g, ' '));
        return decodeText(bytes, charset);
      } catch {
        return whole;
      }
    });
}

function partBody(part: MimePart): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return decodeBase64(latin1.decode(part.body));
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(latin1.decode(part.body));
  return part.body;
}

function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  const text = latin1.decode(body);
  const delimiter = `--${boundary}`;
  const parts: Uint8Array[] = [];
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    const start = text.indexOf('\n', at) + 1;
    if (start <= 0 || text.startsWith(`${delimiter}--`, at)) break;
    const next = text.indexOf(delimiter, start);
    const end = next < 0 ? text.length : next;
    parts.push(body.subarray(start, Math.max(start, end)));
    at = next;
  }
  return parts;
}

const MAIL_HEADERS_SHOWN = ['date', 'from', 'to', 'cc', 'subject'];

function mimeText(part: MimePart, depth: number, texts: string[]): void {
  if (depth > 10) return;
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(part.headers.get('content-type'), 'boundary');
    if (!boundary) return;
    const children = splitMultipart(part.body, boundary).map(splitHeaders);
    // multipart/alternative: one text is enough; prefer plain text.
    if (type.startsWith('multipart/alternative')) {
      const plain = children.find((c) =>
        (c.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
      );
      const chosen =
        plain ??
        children.find((c) => (c.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html'));
      if (chosen) mimeText(chosen, depth + 1, texts);
      else for (const c of children) mimeText(c, depth + 1, texts);
      return;
    }
    for (const child of children) mimeText(child, depth + 1, texts);
    return;
  }
  if (type.startsWith('message/rfc822')) {
    mimeText(splitHeaders(partBody(part)), depth + 1, texts);
    return;
  }
  if (!type.startsWith('text/plain') && !type.startsWith('text/html')) return;
  if (/^attachment/i.test(part.headers.get('content-disposition') ?? '') && !type.startsWith('text/')) return;
  const decoded = decodeText(partBody(part), parameter(part.headers.get('content-type'), 'charset'));
  texts.push(type.startsWith('text/html') ? htmlToText(decoded) : decoded);
}

export function extractMime(name: string, bytes: Uint8Array): PoeDocument {
  const root = splitHeaders(bytes);
  if (root.headers.size === 0) throw new FileProblemError('file-unreadable', 'poe.note.noMailHeaders');
  const texts: string[] = [];
  const shown = MAIL_HEADERS_SHOWN.flatMap((h) => {
    const v = root.headers.get(h);
    return v ? [`${h[0]!.toUpperCase()}${h.slice(1)}: ${decodeHeader(v)}`] : [];
  });
  if (shown.length) texts.push(shown.join('\n'));
  mimeText(root, 0, texts);
  return { name, pages: [texts.join('\n\n')], paged: false };
}
