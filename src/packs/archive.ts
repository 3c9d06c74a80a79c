/**
 * A rule pack as one zip file, both ways: a policy owner downloads a pack's files (the built-in
 * one with its *.cases.json), edits them in any editor, and imports the zip again (or the files
 * from it). Written with fflate; read with the bounded zip reader of src/files (entry count
 * and expanded size capped before and while inflating, and a time limit), since an imported zip
 * is input from outside like any PoE.
 */
import { strToU8, zipSync } from 'fflate';
import { Deadline, FileProblemError } from '../files/problems';
import { readCentralDirectory, readEntries, type ZipLimits } from '../files/zip';
import { invalidUtf8Offset } from '../rules/bounds';
import { PACK_FILE_KINDS, packFileOf } from '../rules/kinds';
import type { RawPackFiles } from '../rules/load';

/** A pack has eight files and a few case files; a rule pack zip is a few hundred KB. */
export const ARCHIVE_LIMITS: ZipLimits = { maxEntries: 200, maxUncompressedBytes: 16 * 1024 * 1024 };
const ARCHIVE_TIME_LIMIT_MS = 5_000;

/** A file read from a zip or chosen by itself: its name (without folders) and its text. */
export interface ArchiveFile {
  name: string;
  text: string;
}

/** The zip's file name for a pack, e.g. 'cpor-2026.11.0.zip'. */
export function archiveName(packId: string, version: string): string {
  return `${packId}-${version}.zip`.replace(/[^\w.-]+/g, '_');
}

/**
 * The pack's files (and `extra` files, e.g. cases, by file name) in a folder named like the zip,
 * as JSON with two-space indents, as the files in rules/ are written.
 */
export function packArchive(
  packId: string,
  version: string,
  files: RawPackFiles,
  extra: Readonly<Record<string, unknown>> = {},
): Uint8Array {
  const folder = archiveName(packId, version).replace(/\.zip$/, '');
  const entries: Record<string, Uint8Array> = {};
  for (const kind of PACK_FILE_KINDS) {
    if (files[kind] !== undefined) entries[`${folder}/${packFileOf(kind)}`] = json(files[kind]);
  }
  for (const [name, value] of Object.entries(extra)) entries[`${folder}/${name}`] = json(value);
  // A fixed time: the same files give the same zip.
  return zipSync(entries, { level: 6, mtime: new Date(2020, 0, 1) });
}

function json(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A rule file's bytes as text. Invalid UTF-8 is refused (naming the file and the offset of the
 * first wrong byte) rather than turned into '�' without a word; a byte-order mark is dropped.
 * For a zip's entries and for a file chosen by itself (the options page reads those with this,
 * in the same try as readArchive). Throws FileProblemError.
 */
export function decodeArchiveText(name: string, bytes: Uint8Array): ArchiveFile {
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0)
    throw new FileProblemError('file-unreadable', 'poe.note.fileNotUtf8', { entry: name, offset: bad });
  return { name, text: new TextDecoder('utf-8').decode(bytes) };
}

const baseName = (path: string) => path.split('/').pop()!;

/**
 * The .json files of a zip, by their names without folders; other entries (folders, a README,
 * macOS's __MACOSX copies) are passed over. Two .json entries with the same file name (in one
 * folder or two) are refused, naming both: one would silently replace the other. Throws
 * FileProblemError (a message key of messages.json and its values) for a zip it cannot read safely.
 */
export function readArchive(bytes: Uint8Array): ArchiveFile[] {
  const entries = readCentralDirectory(bytes, ARCHIVE_LIMITS).filter(
    (e) => e.name.toLowerCase().endsWith('.json') && !e.name.split('/').includes('__MACOSX'),
  );
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const name = baseName(entry.name);
    const earlier = seen.get(name);
    if (earlier !== undefined)
      throw new FileProblemError('file-unreadable', 'poe.note.zipDuplicateEntry', {
        entry: entry.name,
        other: earlier,
        name,
      });
    seen.set(name, entry.name);
  }
  const contents = readEntries(bytes, entries, ARCHIVE_LIMITS, new Deadline(ARCHIVE_TIME_LIMIT_MS));
  return entries.map((e) => decodeArchiveText(baseName(e.name), contents.get(e.name)!));
}
