/**
 * The type of a PoE file, decided by its content's signature (fields.json, field 'poe',
 * file.types[].signatures) and only then by its extension: a PNG named .pdf is a PNG.
 */

import type { FileProblem } from '../../files/problems';
import type { Field } from '../../rules/types';

export type FileType = NonNullable<Field['file']>['types'][number];

export interface Sniffed {
  type?: FileType;
  /** The extension, lower case, without the dot ('' when none). */
  extension: string;
  /** A problem with the type itself (not accepted, or content and extension disagree). */
  problem?: FileProblem;
}

/** The OLE compound file signature: legacy Office files, and also password-protected DOCX/XLSX/PPTX. */
const COMPOUND_FILE = 'D0CF11E0A1B11AE1';

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

function hexHead(bytes: Uint8Array, length: number): string {
  let hex = '';
  for (let i = 0; i < Math.min(length, bytes.length); i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex.toUpperCase();
}

/** true when the first bytes look like text (no NUL, few control characters). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (n === 0) return false;
  // UTF-16 with a byte-order mark is text.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n < 0.02;
}

export function sniff(name: string, head: Uint8Array, types: readonly FileType[]): Sniffed {
  const extension = extensionOf(name);
  const hex = hexHead(head, 16);
  const bySignature = types.filter((t) =>
    t.signatures.some((s) => s !== '' && hex.startsWith(s.toUpperCase())),
  );
  const byExtension = types.find((t) => t.extensions.includes(extension));
  if (bySignature.length > 0) {
    const type = bySignature.find((t) => t.extensions.includes(extension)) ?? bySignature[0]!;
    if (!type.extensions.includes(extension)) {
      if (hex.startsWith(COMPOUND_FILE) && byExtension?.signatures.includes('504B0304')) {
        // Office stores a password-protected .docx/.xlsx/.pptx in a compound file, not a zip.
        return {
          type: byExtension,
          extension,
          problem: {
            kind: 'file-protected',
            file: name,
            noteKey: 'poe.note.officeEncrypted',
            noteParams: { extension },
          },
        };
      }
      return {
        type,
        extension,
        problem: {
          kind: 'file-type',
          file: name,
          ...(extension
            ? {
                noteKey: 'poe.note.typeExtensionMismatch',
                noteParams: { type: type.id.toUpperCase(), extension },
              }
            : { noteKey: 'poe.note.typeNoExtension', noteParams: { type: type.id.toUpperCase() } }),
        },
      };
    }
    return { type, extension };
  }
  if (byExtension && byExtension.signatures.length === 0) {
    if (looksLikeText(head)) return { type: byExtension, extension };
    return {
      extension,
      problem: { kind: 'file-type', file: name, noteKey: 'poe.note.notText', noteParams: { extension } },
    };
  }
  if (byExtension) {
    return {
      extension,
      problem: {
        kind: 'file-type',
        file: name,
        noteKey: hex ? 'poe.note.contentNotType' : 'poe.note.contentNotTypeEmpty',
        noteParams: { type: byExtension.id.toUpperCase(), extension, bytes: hex.slice(0, 16) },
      },
    };
  }
  const accepted = [...new Set(types.flatMap((t) => t.extensions))].join(', ');
  return {
    extension,
    problem: {
      kind: 'file-type',
      file: name,
      noteKey: extension ? 'poe.note.typeNotAccepted' : 'poe.note.noExtensionNotAccepted',
      noteParams: { extension, accepted },
    },
  };
}
