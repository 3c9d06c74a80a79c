/**
 * DOCX text: the body (word/document.xml) and the headers, footers and footnotes, where
 * signature blocks and dates often sit. Paragraphs become lines.
 */
import { type Deadline, FileProblemError } from '../../../files/problems';
import { readCentralDirectory, readEntries, type ZipLimits } from '../../../files/zip';
import type { PoeDocument } from '../text';
import { decodeXmlEntities } from './markup';

export const DOCX_LIMITS: ZipLimits = { maxEntries: 2000, maxUncompressedBytes: 32 * 1024 * 1024 };

const BODY = 'word/document.xml';
const EXTRA_PART = /^word\/(header\d*|footer\d*|footnotes|endnotes)\.xml$/;
const WORD_XML = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:(?:tab|br|cr)(?:\s[^>]*)?\/>/g;

export function wordXmlToText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(WORD_XML)) {
    if (m[1] !== undefined) text += decodeXmlEntities(m[1]);
    else if (m[0].startsWith('<w:tab')) text += '\t';
    else text += '\n';
  }
  return text;
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
  const decoder = new TextDecoder('utf-8');
  const texts = parts.map((p) => wordXmlToText(decoder.decode(read.get(p.name))));
  return { name, pages: [texts.join('\n')], paged: false };
}
