/**
 * Text from plain text, RTF, HTML and MIME mail (EML, MHT), without a DOM: the same code runs in
 * Node, in a worker (which has no DOMParser) and in an extension page.
 */
import { Tokenizer } from 'htmlparser2';
import { type Deadline, FileProblemError } from '../../../files/problems';
import type { PoeDocument } from '../text';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'hr',
  'title',
  'dt',
  'dd',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content a reader of the page never sees (the head's title excepted). */
const HIDDEN_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head']);

/** How much markup the tokenizer takes between two looks at the clock (characters). */
const CHUNK = 1 << 16;

/**
 * The visible text of an HTML document, in time linear in its length whatever it holds (unclosed
 * `<script`, a million unclosed `<div>`, a 20 MB page): htmlparser2's Tokenizer, fed in chunks
 * with a look at the deadline between them, and a few counters instead of an element stack.
 * htmlparser2's Parser is not used: its element stack (`unshift`, `indexOf` per tag) is quadratic
 * in the nesting depth (100,000 nested `<div>` took 5.9 s here). Script, style, template and
 * noscript content is dropped, and the head but for its title; entities are decoded; block
 * elements give line breaks and table cells tabs.
 */
export function htmlToText(html: string, deadline?: Deadline): string {
  const parts: string[] = [];
  const hidden = new Map<string, number>();
  let hiddenCount = 0; // open hidden elements other than head
  let inHead = false;
  let inTitle = false;
  const visible = () => hiddenCount === 0 && (!inHead || inTitle);
  const nameAt = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = nameAt(start, end);
        if (BLOCK_TAGS.has(name)) parts.push('\n');
        else if (CELL_TAGS.has(name)) parts.push('\t');
        if (name === 'title') inTitle = true;
        else if (name === 'head') inHead = true;
        else if (name === 'body')
          inHead = false; // a body implies the end of the head
        else if (HIDDEN_TAGS.has(name)) {
          hidden.set(name, (hidden.get(name) ?? 0) + 1);
          hiddenCount++;
        }
      },
      onclosetag(start, end) {
        const name = nameAt(start, end);
        if (BLOCK_TAGS.has(name)) parts.push('\n');
        else if (CELL_TAGS.has(name)) parts.push('\t');
        if (name === 'title') inTitle = false;
        else if (name === 'head') inHead = false;
        else if (HIDDEN_TAGS.has(name)) {
          const open = hidden.get(name) ?? 0;
          if (open > 0) {
            hidden.set(name, open - 1);
            hiddenCount--;
          }
        }
      },
      ontext(start, end) {
        if (visible()) parts.push(html.slice(start, end));
      },
      ontextentity(codePoint) {
        if (visible()) parts.push(String.fromCodePoint(codePoint));
      },
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onattribname() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onopentagend() {},
      onprocessinginstruction() {},
      onselfclosingtag() {},
    },
  );
  for (let at = 0; at < html.length; at += CHUNK) {
    deadline?.check();
    tokenizer.write(html.slice(at, at + CHUNK));
  }
  tokenizer.end();
  deadline?.check();
  // Each pass over a 20 MB page takes a few hundred ms: the limit is looked at after each.
  const joined = parts.join('');
  deadline?.check();
  const spaced = joined.replace(/[ \t\u00a0]+/g, ' ');
  deadline?.check();
  const text = spaced.replace(/ ?\n[\s]*/g, '\n').trim();
  deadline?.check();
  return text;
}

/**
 * Labels TextDecoder reads as UTF-16 (WHATWG Encoding): without a byte-order mark, bytes can be
 * taken for UTF-16 only when they look like it.
 */
const UTF16_LABELS =
  /^(utf-16|utf-16le|utf-16be|ucs-2|unicode|unicodefeff|unicodefffe|csunicode|iso-10646-ucs-2)$/i;

/** Text whose share of U+FFFD and control characters is above this was not decoded: it is binary or in another charset. */
const MAX_UNDECODED_SHARE = 0.1;

/** A file whose text could not be decoded: "could not read this file", never content findings. */
function notDecodable(charset: string | undefined): FileProblemError {
  return new FileProblemError('file-unreadable', 'poe.note.notDecodable', { charset: charset ?? 'UTF-8' });
}

/**
 * Throws when the text is mostly replacement characters (U+FFFD: bytes the charset has no
 * character for) or control characters (binary data): content checks on it could only say
 * "not found".
 */
function assertDecoded(text: string, charset: string | undefined): string {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // C0 and C1 controls but tab, line feed, form feed and carriage return; DEL; U+FFFD.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 127 && c < 160) || c === 0xfffd)
      bad++;
  }
  if (bad > 0 && bad >= text.length * MAX_UNDECODED_SHARE) throw notDecodable(charset);
  return text;
}

/** Which byte of each pair is mostly NUL: 'le' for ASCII in UTF-16LE, 'be' for UTF-16BE; undefined when neither. */
function utf16Order(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 1 << 16);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs / 4 && evenNul < oddNul / 4) return 'le';
  if (evenNul > pairs / 4 && oddNul < evenNul / 4) return 'be';
  return undefined;
}

function validUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes bytes as text: a byte-order mark, then the declared charset, then UTF-8, then
 * Windows-1252 when UTF-8 fails. Throws a 'file-unreadable' FileProblemError when the bytes are not
 * text in any of those: a UTF-16 label on bytes that are not UTF-16, a label TextDecoder does not
 * know on bytes that are not UTF-8, or a result that is mostly U+FFFD or control characters.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return assertDecoded(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return assertDecoded(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return assertDecoded(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  const label = charset?.trim().toLowerCase();
  if (label && !/^utf-?8$/.test(label)) {
    if (UTF16_LABELS.test(label)) {
      const order = utf16Order(bytes);
      if (!order) throw notDecodable(label);
      return assertDecoded(new TextDecoder(`utf-16${order}`).decode(bytes), label);
    }
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(label);
    } catch {
      // A label TextDecoder does not know: readable only if the bytes are UTF-8 (ASCII is).
      const utf8 = validUtf8(bytes);
      if (utf8 === undefined) throw notDecodable(label);
      return assertDecoded(utf8, 'utf-8');
    }
    return assertDecoded(decoder.decode(bytes), label);
  }
  const utf8 = validUtf8(bytes);
  return assertDecoded(
    utf8 ?? new TextDecoder('windows-1252').decode(bytes),
    utf8 === undefined ? 'windows-1252' : 'utf-8',
  );
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

export function extractPlain(name: string, bytes: Uint8Array, deadline?: Deadline): PoeDocument {
  const text = decodeText(bytes);
  deadline?.check();
  return { name, pages: [text.startsWith('{\\rtf') ? rtfToText(text) : text], paged: false };
}

/**
 * The charset an HTML file declares in a `<meta>` of its first 2 KB, as the HTML standard's
 * prescan takes it: a UTF-16 label there is read as UTF-8 (the meta was readable as ASCII, so the
 * file is not UTF-16) and x-user-defined as Windows-1252, which is what a browser shows.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (label && UTF16_LABELS.test(label)) return 'utf-8';
  if (label === 'x-user-defined') return 'windows-1252';
  return label;
}

export function extractHtml(name: string, bytes: Uint8Array, deadline?: Deadline): PoeDocument {
  const text = decodeText(bytes, declaredHtmlCharset(bytes));
  deadline?.check();
  return { name, pages: [htmlToText(text, deadline)], paged: false };
}

// ---- MIME (EML, MHT) ----

interface MimePart {
  headers: Map<string, string>;
  body: Uint8Array;
}

// WHATWG's 'latin1' is Windows-1252: one UTF-16 unit per byte (offsets stay byte offsets), but
// 0x80-0x9F become other characters; binaryString keeps every byte's value.
const latin1 = new TextDecoder('latin1');

/** One character per byte, of the byte's value (for decoders that take the raw bytes as a string). */
function binaryString(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192)
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return chunks.join('');
}

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
  const out = new Uint8Array(soft.length);
  let n = 0;
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    const hex = c === 61 /* = */ ? soft.slice(i + 1, i + 3) : '';
    if (hex.length === 2 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = Number.parseInt(hex, 16);
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
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
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(binaryString(part.body));
  return part.body;
}

/**
 * The bodies of a multipart's parts (RFC 2046 §5.1.1): a delimiter is `--boundary` at the start of
 * a line, followed by nothing but spaces or tabs (or `--` for the last one), so a nested part's
 * boundary that begins with this one's (`b` and `b-alt`) does not split it. The line break before
 * a delimiter belongs to the delimiter. Without a closing delimiter the last part runs to the end.
 */
function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  const text = latin1.decode(body);
  const delimiter = `--${boundary}`;
  const parts: Uint8Array[] = [];
  let partStart = -1;
  for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    let after = at + delimiter.length;
    const closing = text.startsWith('--', after);
    if (closing) after += 2;
    while (text[after] === ' ' || text[after] === '\t') after++;
    if (after < text.length && text[after] !== '\r' && text[after] !== '\n') continue;
    if (partStart >= 0) {
      let end = at;
      if (text[end - 1] === '\n') end--;
      if (text[end - 1] === '\r') end--;
      parts.push(body.subarray(partStart, Math.max(partStart, end)));
    }
    const lineEnd = text.indexOf('\n', after);
    if (closing || lineEnd < 0) return parts;
    partStart = lineEnd + 1;
  }
  if (partStart >= 0) parts.push(body.subarray(partStart));
  return parts;
}

const MAIL_HEADERS_SHOWN = ['date', 'from', 'to', 'cc', 'subject'];

/**
 * How deep parts may nest (multipart in multipart, a mail attached to a mail): mail programs
 * nest a few levels; deeper is made to exhaust a reader, and the text in it is not read.
 */
export const MAX_MIME_DEPTH = 10;

/** A mail whose structure cannot be followed to its text: "could not read this file". */
function unreadableMime(
  noteKey: `poe.note.${string}`,
  params: Record<string, string | number> = {},
): FileProblemError {
  return new FileProblemError('file-unreadable', noteKey, params);
}

function mimeText(part: MimePart, depth: number, texts: string[], deadline: Deadline | undefined): void {
  deadline?.check();
  if (depth > MAX_MIME_DEPTH) throw unreadableMime('poe.note.mimeTooDeep', { max: MAX_MIME_DEPTH });
  const contentType = part.headers.get('content-type');
  const type = (contentType ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(contentType, 'boundary');
    if (!boundary) throw unreadableMime('poe.note.mimeNoBoundary');
    const bodies = splitMultipart(part.body, boundary);
    if (bodies.length === 0) throw unreadableMime('poe.note.mimeNoParts');
    const children = bodies.map(splitHeaders);
    // multipart/alternative: one text is enough; prefer plain text.
    if (type.startsWith('multipart/alternative')) {
      const plain = children.find((c) =>
        (c.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
      );
      const chosen =
        plain ??
        children.find((c) => (c.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html'));
      if (chosen) mimeText(chosen, depth + 1, texts, deadline);
      else for (const c of children) mimeText(c, depth + 1, texts, deadline);
      return;
    }
    for (const child of children) mimeText(child, depth + 1, texts, deadline);
    return;
  }
  if (type.startsWith('message/rfc822')) {
    mimeText(splitHeaders(partBody(part)), depth + 1, texts, deadline);
    return;
  }
  if (!type.startsWith('text/plain') && !type.startsWith('text/html')) return;
  const decoded = decodeText(partBody(part), parameter(contentType, 'charset'));
  texts.push(type.startsWith('text/html') ? htmlToText(decoded, deadline) : decoded);
}

export function extractMime(name: string, bytes: Uint8Array, deadline?: Deadline): PoeDocument {
  const root = splitHeaders(bytes);
  if (root.headers.size === 0) throw new FileProblemError('file-unreadable', 'poe.note.noMailHeaders');
  const texts: string[] = [];
  mimeText(root, 0, texts, deadline);
  // Only the headers and no text part (an image, an attachment): nothing of the PoE was read.
  if (texts.every((t) => t.trim() === '')) throw new FileProblemError('file-no-text', 'poe.note.noText');
  const shown = MAIL_HEADERS_SHOWN.flatMap((h) => {
    const v = root.headers.get(h);
    return v ? [`${h[0]!.toUpperCase()}${h.slice(1)}: ${decodeHeader(v)}`] : [];
  });
  const pages = [shown.length ? [shown.join('\n'), ...texts] : texts].map((t) => t.join('\n\n'));
  return { name, pages, paged: false };
}
