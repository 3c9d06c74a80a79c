/**
 * The text of a PoE document as the content checks search it: folded (lower case, accents
 * removed, runs of white space made one space) as localizedKeywords promise in
 * rules/schema/common.schema.json ("matching ignores case and accents"), with a map back to the
 * original text so evidence quotes what the document says, on which page and line.
 */
import { COMBINING_MARK } from '../../text/fold';

/** The text read from one PoE file. */
export interface PoeDocument {
  /** The file name, as evidence names it. */
  name: string;
  /** Text per page; one entry for files without pages (DOCX, HTML, e-mail, plain text). */
  pages: string[];
  /** true when the file has pages (a PDF), so evidence names the page. */
  paged: boolean;
}

/** A document prepared for searching. */
export interface SearchableDocument {
  doc: PoeDocument;
  /** The pages joined by '\n'. */
  original: string;
  /** The folded text. */
  folded: string;
  /** folded index → original index (one longer than `folded`, for end positions). */
  toOriginal: Int32Array;
  /** Offsets in `original` where each page starts. */
  pageStarts: number[];
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2007 || code === 0x202f;
}

/** Folds `original` keeping a map from each folded character back to the original. */
export function fold(original: string): { folded: string; toOriginal: Int32Array } {
  const length = original.length;
  // One tight loop over char codes into typed arrays: the bench budget for all the content
  // checks is 10% of pdf.js's own extraction time (scripts/bench/validation.ts), and most PoE text is ASCII.
  let codes = new Uint16Array(length + 16);
  let map = new Int32Array(length + 17);
  let n = 0;
  let lastWasSpace = true;
  const grow = (extra: number) => {
    if (n + extra < codes.length) return;
    const size = Math.max(codes.length * 2, n + extra + 16);
    const c = new Uint16Array(size);
    c.set(codes);
    codes = c;
    const m = new Int32Array(size + 1);
    m.set(map);
    map = m;
  };
  for (let i = 0; i < length; i++) {
    let code = original.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (!lastWasSpace) {
          codes[n] = 32;
          map[n++] = i;
          lastWasSpace = true;
        }
        continue;
      }
      if (code >= 65 && code <= 90) code += 32;
      codes[n] = code;
      map[n++] = i;
      lastWasSpace = false;
      continue;
    }
    if (isSpace(code) || (code >= 0x2000 && code <= 0x200b)) {
      if (!lastWasSpace) {
        codes[n] = 32;
        map[n++] = i;
        lastWasSpace = true;
      }
      continue;
    }
    let ch = original[i]!;
    const at = i;
    // Keep surrogate pairs together.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      ch += original[i + 1];
      i++;
    }
    const folded = ch.normalize('NFD').replace(COMBINING_MARK, '').toLowerCase();
    grow(folded.length);
    for (let k = 0; k < folded.length; k++) {
      codes[n] = folded.charCodeAt(k);
      map[n++] = at;
    }
    if (folded.length > 0) lastWasSpace = false;
  }
  map[n] = length;
  let folded = '';
  const CHUNK = 8192;
  for (let i = 0; i < n; i += CHUNK) {
    folded += String.fromCharCode.apply(
      null,
      codes.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[],
    );
  }
  return { folded, toOriginal: map.subarray(0, n + 1) };
}

export function makeSearchable(doc: PoeDocument): SearchableDocument {
  const pageStarts: number[] = [];
  let offset = 0;
  for (const page of doc.pages) {
    pageStarts.push(offset);
    offset += page.length + 1;
  }
  const original = doc.pages.join('\n');
  const { folded, toOriginal } = fold(original);
  return { doc, original, folded, toOriginal, pageStarts };
}

/** A letter or digit: a keyword must not start or end inside a word ('signed' in 'designed'). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return true;
  if (c < 128) return false;
  return /[\p{L}\p{N}]/u.test(ch);
}

/** Every position in `folded` where `needle` (already folded) occurs as whole words. */
export function findAll(folded: string, needle: string, limit = Number.POSITIVE_INFINITY): number[] {
  const hits: number[] = [];
  if (needle === '') return hits;
  const startsWord = isWordChar(needle[0]);
  const endsWord = isWordChar(needle[needle.length - 1]);
  let from = 0;
  while (hits.length < limit) {
    const at = folded.indexOf(needle, from);
    if (at < 0) break;
    const before = folded[at - 1];
    const after = folded[at + needle.length];
    if ((!startsWord || !isWordChar(before)) && (!endsWord || !isWordChar(after))) hits.push(at);
    from = at + 1;
  }
  return hits;
}

/** Where a folded range is in the original: page (1-based, paged documents), line on that page, and the quoted line. */
export function locate(
  s: SearchableDocument,
  foldedStart: number,
  foldedEnd: number,
): { page?: number; line: number; quote: string } {
  const start = s.toOriginal[Math.min(foldedStart, s.toOriginal.length - 1)]!;
  const end = Math.max(start + 1, s.toOriginal[Math.min(foldedEnd, s.toOriginal.length - 1)]!);
  let pageIndex = 0;
  for (let p = 0; p < s.pageStarts.length; p++) if (s.pageStarts[p]! <= start) pageIndex = p;
  const pageStart = s.pageStarts[pageIndex] ?? 0;
  let line = 1;
  for (let i = pageStart; i < start; i++) if (s.original.charCodeAt(i) === 10) line++;
  const lineStart = s.original.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = s.original.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = s.original.length;
  let quote = s.original.slice(lineStart, lineEnd).replace(/\s+/g, ' ').trim();
  if (quote.length > 200) {
    const from = Math.max(lineStart, start - 80);
    quote = `…${s.original
      .slice(from, Math.min(lineEnd, end + 80))
      .replace(/\s+/g, ' ')
      .trim()}…`;
  }
  return { ...(s.doc.paged ? { page: pageIndex + 1 } : {}), line, quote };
}
