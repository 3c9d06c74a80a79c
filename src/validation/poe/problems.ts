/**
 * What can be wrong with a PoE file before its content is judged. Each kind is a 'file-…' PoE
 * check in rules/cpor/reasons.json, which holds its message, severity and fix.
 */
import type { MessageParams } from '../../i18n/format';
import type { NoteRef, PoeNoteKey } from './notes';

export type FileProblemKind =
  | 'file-type'
  | 'file-size'
  | 'file-empty'
  | 'file-protected'
  | 'file-unreadable'
  | 'file-no-text';

/**
 * What exactly was seen, for the partner and for developers: a 'poe.note.*' key and its values
 * (the extension, the first bytes, a count), put into words in every language by the entry point,
 * which has the pack.
 */
export interface FileProblem extends NoteRef {
  kind: FileProblemKind;
  file: string;
  /** The page concerned (a PDF page without text). */
  page?: number;
}

/** Thrown inside an extractor; turned into a finding by the entry point. */
export class FileProblemError extends Error {
  constructor(
    readonly kind: FileProblemKind,
    readonly noteKey: PoeNoteKey,
    readonly noteParams: MessageParams = {},
  ) {
    // The message is for developers (logs, stack traces); the partner sees the note.
    super(`${kind}: ${noteKey} ${JSON.stringify(noteParams)}`);
    this.name = 'FileProblemError';
  }
}

/** Thrown when the time limit is reached, from inside an extractor's loop or by the entry point's timer. */
export class TimeLimitError extends Error {
  constructor(readonly ms: number) {
    super(`not read within the time limit of ${ms} ms`);
    this.name = 'TimeLimitError';
  }
}

/** A point in time after which an extractor stops; checked between pages, zip chunks and parts. */
export class Deadline {
  readonly at: number;
  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }
  check(): void {
    if (Date.now() > this.at) throw new TimeLimitError(this.ms);
  }
}
