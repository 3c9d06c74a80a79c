/**
 * What can be wrong with a file from outside (a PoE document, a rule pack's zip) before its
 * content is judged, and the time limit of reading one. Each kind is a 'file-…' PoE check in
 * rules/cpor/reasons.json, which holds its message, severity and fix; the readers in
 * src/validation/poe and src/packs/archive.ts both throw these.
 */
import type { KindOfPoECheck } from '../generated/types/reasons';
import type { MessageParams } from '../i18n/format';

/** A key of messages.json under 'poe.note.'; written out in full where it is used, so it can be found. */
export type PoeNoteKey = `poe.note.${string}`;

/** A note not yet put into words: made where the pack is not at hand (in an extractor). */
export interface NoteRef {
  noteKey: PoeNoteKey;
  /** The values filled in, as they are: technical details that are not translated. */
  noteParams?: MessageParams;
}

/** The 'file-…' kinds of PoE check of rules/schema (reasons.json). */
export type FileProblemKind = Extract<KindOfPoECheck, `file-${string}`>;

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
