/**
 * DOCX text: the body (word/document.xml, its text boxes included: their w:t runs are in it) and
 * the headers, footers, footnotes and comments, where signature blocks, dates and a customer's
 * "approved" often sit. Paragraphs become lines.
 */
import { SaxesParser } from 'saxes';
import { type Deadline, FileProblemError, TimeLimitError } from '../../../files/problems';
import { readCentralDirectory, readEntries, type ZipLimits } from '../../../files/zip';
import type { PoeDocument } from '../text';

export const DOCX_LIMITS: ZipLimits = { maxEntries: 2000, maxUncompressedBytes: 32 * 1024 * 1024 };

const BODY = 'word/document.xml';
const EXTRA_PART = /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

/** How much XML the parser takes between two looks at the clock (characters). */
const CHUNK = 1 << 16;

/** Thrown for XML that is not well-formed; extractDocx names the part. */
export class WordXmlError extends Error {
  override name = 'WordXmlError';
}

/**
 * The text of a WordprocessingML part, streamed through saxes (a non-validating XML parser that
 * expands no DTD entities, so an entity bomb is an error, not gigabytes) in chunks with a look at
 * the deadline between them: time linear in the length, memory in the depth. w:t runs are text,
 * the end of a w:p a line break, w:tab a tab (not the tab stops in w:tabs), w:br and w:cr breaks.
 * Throws WordXmlError when the XML is not well-formed (Word never writes such a part).
 */
export function wordXmlToText(xml: string, deadline?: Deadline): string {
  const parser = new SaxesParser({ position: false });
  const out: string[] = [];
  let inText = 0;
  let inTabStops = 0;
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:t') inText++;
    else if (tag.name === 'w:tabs') inTabStops++;
    else if (tag.name === 'w:tab' && inTabStops === 0) out.push('\t');
    else if (tag.name === 'w:br' || tag.name === 'w:cr') out.push('\n');
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText--;
    else if (tag.name === 'w:tabs') inTabStops--;
    // An empty paragraph (<w:p/>) added no line before the move to a parser; it still does not.
    else if (tag.name === 'w:p' && !tag.isSelfClosing) out.push('\n');
  });
  parser.on('text', (text) => {
    if (inText > 0) out.push(text);
  });
  parser.on('error', (error) => {
    throw new WordXmlError(error.message);
  });
  for (let at = 0; at < xml.length; at += CHUNK) {
    deadline?.check();
    parser.write(xml.slice(at, at + CHUNK));
  }
  parser.close();
  return out.join('');
}

/** A part's bytes as text: UTF-8, or UTF-16 when it starts with a byte-order mark. */
function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function extractDocx(
  name: string,
  bytes: Uint8Array,
  deadline: Deadline,
  limits = DOCX_LIMITS,
): PoeDocument {
  const entries = readCentralDirectory(bytes, limits);
  const body = entries.find((e) => e.name === BODY);
  if (!body) {
    throw new FileProblemError('file-unreadable', 'poe.note.notWordDocument', { part: BODY });
  }
  const parts = [body, ...entries.filter((e) => EXTRA_PART.test(e.name))];
  const read = readEntries(bytes, parts, limits, deadline);
  const texts = parts.map((p) => {
    try {
      return wordXmlToText(xmlText(read.get(p.name)!), deadline);
    } catch (error) {
      if (error instanceof TimeLimitError || !(error instanceof WordXmlError)) throw error;
      throw new FileProblemError('file-unreadable', 'poe.note.zipEntryDamagedBecause', {
        entry: p.name,
        error: error.message,
      });
    }
  });
  return { name, pages: [texts.join('\n')], paged: false };
}
