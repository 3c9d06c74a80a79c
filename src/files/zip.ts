/**
 * Just enough of the zip format to read a DOCX or a rule pack's zip safely: the central directory is read first, the
 * entry count and the declared sizes are capped before anything is inflated, and inflating
 * stops as soon as the real output passes the cap (a zip bomb may lie about its sizes).
 */
import { Inflate } from 'fflate';
import { type Deadline, FileProblemError } from './problems';

export interface ZipLimits {
  /** Most entries a zip may have. */
  maxEntries: number;
  /** Most bytes all the entries read may expand to, together. */
  maxUncompressedBytes: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  // End of central directory record: signature 06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FileProblemError('file-unreadable', 'poe.note.zipNoDirectory');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count > limits.maxEntries) {
    throw new FileProblemError('file-unreadable', 'poe.note.zipTooManyEntries', {
      count,
      max: limits.maxEntries,
    });
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      throw new FileProblemError('file-unreadable', 'poe.note.zipDirectoryDamaged');
    }
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    entries.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      uncompressedSize: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates the given entries, stopping at the size cap and the deadline. */
export function readEntries(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  limits: ZipLimits,
  deadline: Deadline,
): Map<string, Uint8Array> {
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new FileProblemError('file-unreadable', 'poe.note.zipDeclaredTooLarge', {
      size: declared,
      max: limits.maxUncompressedBytes,
    });
  }
  let total = 0;
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const h = entry.localHeaderOffset;
    if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) {
      throw new FileProblemError('file-unreadable', 'poe.note.zipEntryDamaged', { entry: entry.name });
    }
    const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length)
      throw new FileProblemError('file-unreadable', 'poe.note.zipEntryCutOff', { entry: entry.name });
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      total += data.length;
      if (total > limits.maxUncompressedBytes) throw tooLarge(limits);
      out.set(entry.name, data);
      continue;
    }
    if (entry.method !== 8) {
      throw new FileProblemError('file-unreadable', 'poe.note.zipCompression', {
        entry: entry.name,
        method: entry.method,
      });
    }
    const chunks: Uint8Array[] = [];
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > limits.maxUncompressedBytes) throw tooLarge(limits);
      chunks.push(chunk);
    });
    // Small slices: one slice of a bomb expands at most ~1000-fold before the cap is checked.
    const slice = 4096;
    try {
      for (let i = 0; i < data.length; i += slice) {
        deadline.check();
        inflater.push(data.subarray(i, Math.min(data.length, i + slice)), i + slice >= data.length);
      }
    } catch (error) {
      if (error instanceof FileProblemError || (error as Error).name === 'TimeLimitError') throw error;
      throw new FileProblemError('file-unreadable', 'poe.note.zipEntryDamagedBecause', {
        entry: entry.name,
        error: (error as Error).message,
      });
    }
    const length = chunks.reduce((s, c) => s + c.length, 0);
    const joined = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    out.set(entry.name, joined);
  }
  return out;
}

function tooLarge(limits: ZipLimits): FileProblemError {
  return new FileProblemError('file-unreadable', 'poe.note.zipTooLarge', {
    max: limits.maxUncompressedBytes,
  });
}
