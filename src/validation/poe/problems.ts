/**
 * What can be wrong with a PoE file before its content is judged. Each kind is a 'file-…' PoE
 * check in rules/cpor/reasons.json, which holds its message, severity and fix.
 */
export type FileProblemKind =
  | 'file-type'
  | 'file-size'
  | 'file-empty'
  | 'file-protected'
  | 'file-unreadable'
  | 'file-no-text';

export interface FileProblem {
  kind: FileProblemKind;
  file: string;
  /** The page concerned (a PDF page without text). */
  page?: number;
  /** What exactly was seen, for the partner and for developers (not translated: it quotes the file). */
  note: string;
}

/** Thrown inside an extractor; turned into a finding by the entry point. */
export class FileProblemError extends Error {
  constructor(
    readonly kind: FileProblemKind,
    note: string,
  ) {
    super(note);
    this.name = 'FileProblemError';
  }
}

/** Thrown when the time limit is reached, from inside an extractor's loop or by the entry point's timer. */
export class TimeLimitError extends Error {
  constructor(ms: number) {
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
