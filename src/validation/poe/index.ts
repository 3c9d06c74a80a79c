/**
 * The PoE check: file type, size and readability, text extraction, then the content checks of
 * rules/cpor/reasons.json over all the claim's PoE files together.
 *
 * Where this runs: in a dedicated module Worker (./worker.ts) that the check page
 * (entrypoints/check/main.tsx) and the checker frame in Partner Center's page
 * (entrypoints/checker/main.ts) start at their first check and keep for the next ones (./client.ts),
 * bundled by WXT/Vite from our own sources; never in the content script or on a page's main
 * thread. pdf.js runs inside that same worker with its in-thread "fake worker"
 * (extract/pdf.ts imports `pdfjs-dist/legacy/build/pdf.worker.mjs` and sets
 * `globalThis.pdfjsWorker` to it, so pdf.js never fetches a worker script): no remote code, no eval (see extract/pdf.ts). A
 * hung or runaway parse is cut off by terminating the worker (src/validation/poe/client.ts), on top
 * of the time limits here: `Worker.terminate()` is the only hard stop for a parser stuck in
 * synchronous code. Every reader also honours the limit itself, in Node as in the worker: HTML,
 * MIME and DOCX are parsed in linear time by streaming parsers fed in chunks with a look at the
 * deadline between them, zips inflate in slices, PDF pages are read chunk by chunk with a watch
 * that ends pdf.js at the limit (extract/pdf.ts). The hostile files of scripts/make-hostile-poe.ts
 * are the test of it. This module needs no browser API (it runs in Node for the tests and the
 * bench, and in the worker).
 */

import { Deadline, type FileProblem, FileProblemError, TimeLimitError } from '../../files/problems';
import type { MessageParams } from '../../i18n/format';
import type { RulePack } from '../../rules/types';
import type { ClaimValues } from '../claim';
import type { Evidence, Finding } from '../finding';
import { checkPoeText, findingOf, poeChecksOf } from './content';
import { extractDocx } from './extract/docx';
import { extractHtml, extractMime, extractPlain } from './extract/markup';
import { endsWithEofMarker, extractPdf, hasPdfObjects } from './extract/pdf';
import { type PoeNoteKey, poeNote } from './notes';
import { sniff } from './sniff';
import type { PoeDocument } from './text';

export { checkPoeText } from './content';
export type { PoeDocument } from './text';

import type { PoeFile } from './messages';

export type { PoeFile } from './messages';

export interface PoeOptions {
  /** The submission date: the acknowledgment must be dated within the rule's months before it. */
  submissionDate: Date;
  /** The most time the whole check may take; a file not read by then is reported, not waited for. Default 20 s. */
  timeLimitMs?: number;
}

/** How long reading may take when the caller does not say (a 30-page PDF takes about 0.5 s cold). */
export const DEFAULT_TIME_LIMIT_MS = 20_000;

interface FileOutcome {
  doc?: PoeDocument;
  problems: FileProblem[];
  /** true when the text is missing or incomplete, so content may be in the part not read. */
  unread: boolean;
}

function sizeOf(bytes: Uint8Array | Blob): number {
  return bytes instanceof Uint8Array ? bytes.length : bytes.size;
}

async function bytesOf(bytes: Uint8Array | Blob): Promise<Uint8Array> {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(await bytes.arrayBuffer());
}

function withTimeLimit<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(deadline.ms)), Math.max(0, deadline.at - Date.now()));
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

const problem = (
  kind: FileProblem['kind'],
  file: string,
  noteKey: PoeNoteKey,
  noteParams: MessageParams = {},
  page?: number,
): FileProblem => ({
  kind,
  file,
  noteKey,
  noteParams,
  ...(page ? { page } : {}),
});

async function readFile(file: PoeFile, pack: RulePack, deadline: Deadline): Promise<FileOutcome> {
  const rules = pack.fields.fields.find((f) => f.id === 'poe')?.file;
  const size = sizeOf(file.bytes);
  if (size === 0) return { problems: [problem('file-empty', file.name, 'poe.note.empty')], unread: true };
  if (rules && size > rules.maxBytes) {
    return {
      problems: [problem('file-size', file.name, 'poe.note.tooLarge', { size, max: rules.maxBytes })],
      unread: true,
    };
  }
  const bytes = await bytesOf(file.bytes);
  const sniffed = sniff(file.name, bytes.subarray(0, 16), rules?.types ?? []);
  const problems: FileProblem[] = sniffed.problem ? [sniffed.problem] : [];
  const type = sniffed.type;
  if (!type || sniffed.problem?.kind === 'file-protected') return { problems, unread: true };
  deadline.check();
  switch (type.text) {
    case 'none':
      problems.push(
        problem('file-no-text', file.name, 'poe.note.typeNotRead', { type: type.id.toUpperCase() }),
      );
      return { problems, unread: true };
    case 'pdf': {
      const cutOff = !endsWithEofMarker(bytes);
      if (cutOff) problems.push(problem('file-unreadable', file.name, 'poe.note.pdfTruncated'));
      let extracted: Awaited<ReturnType<typeof extractPdf>>;
      try {
        extracted = await withTimeLimit(extractPdf(file.name, bytes, deadline), deadline);
      } catch (error) {
        // A real PDF cut off before its end marker fails to open because it is cut off: say
        // that, not pdf.js's generic complaint (random bytes after a header are just damaged).
        if (cutOff && hasPdfObjects(bytes) && !(error instanceof TimeLimitError))
          return { problems, unread: true };
        throw error;
      }
      const { doc, pagesWithoutText } = extracted;
      if (pagesWithoutText.length === doc.pages.length) {
        problems.push(problem('file-no-text', file.name, 'poe.note.noTextLayer'));
        return { problems, unread: true };
      }
      if (pagesWithoutText.length > 0) {
        const list = pagesWithoutText.slice(0, 10).join(', ') + (pagesWithoutText.length > 10 ? ', …' : '');
        problems.push(
          problem(
            'file-no-text',
            file.name,
            'poe.note.pagesWithoutText',
            { count: pagesWithoutText.length, pages: list },
            pagesWithoutText[0],
          ),
        );
      }
      return { doc, problems, unread: cutOff || pagesWithoutText.length > 0 };
    }
    case 'docx':
      return textOutcome(extractDocx(file.name, bytes, deadline), problems);
    case 'html':
      return textOutcome(extractHtml(file.name, bytes, deadline), problems);
    case 'eml':
      return textOutcome(extractMime(file.name, bytes, deadline), problems);
    case 'plain':
      return textOutcome(extractPlain(file.name, bytes, deadline), problems);
  }
}

function textOutcome(doc: PoeDocument, problems: FileProblem[]): FileOutcome {
  if (doc.pages.every((p) => p.trim() === '')) {
    problems.push(problem('file-no-text', doc.name, 'poe.note.noText'));
    return { problems, unread: true };
  }
  return { doc, problems, unread: false };
}

/** What an error thrown while reading (or checking) a file says about it. */
function problemOfError(file: string, error: unknown): FileProblem {
  if (error instanceof FileProblemError) return problem(error.kind, file, error.noteKey, error.noteParams);
  // Not damaged as far as we know, only slow: the partner checks it by hand.
  if (error instanceof TimeLimitError)
    return problem('file-no-text', file, 'poe.note.timeLimit', { ms: error.ms });
  return problem('file-unreadable', file, 'poe.note.readingFailed', {
    error: (error as Error)?.message ?? String(error),
  });
}

function outcomeOfError(file: PoeFile, error: unknown): FileOutcome {
  return { problems: [problemOfError(file.name, error)], unread: true };
}

/** The finding of a file problem, from the pack's 'file-…' check of that kind. */
function fileFinding(pack: RulePack, p: FileProblem): Finding | undefined {
  const entry =
    poeChecksOf(pack).find((c) => c.check.kind === p.kind) ??
    poeChecksOf(pack).find((c) => c.check.kind === 'file-unreadable');
  if (!entry) return undefined;
  const evidence: Evidence = {
    found: true,
    file: p.file,
    ...(p.page ? { page: p.page } : {}),
    note: poeNote(pack, p.noteKey, p.noteParams),
  };
  return findingOf(entry, [evidence]);
}

/**
 * Checks the PoE files of a claim. Never throws for a bad file and never waits past the time
 * limit: every problem becomes a finding. Files are read one after another (memory: a claim's
 * PoE files may each be up to the rule's maxBytes).
 */
export async function checkPoe(
  files: readonly PoeFile[],
  claim: ClaimValues,
  pack: RulePack,
  options: PoeOptions,
): Promise<Finding[]> {
  const deadline = new Deadline(options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      outcomes.push(await readFile(file, pack, deadline));
    } catch (error) {
      outcomes.push(outcomeOfError(file, error));
    }
  }
  const findings = outcomes.flatMap((o) => o.problems.flatMap((p) => fileFinding(pack, p) ?? []));
  const docs = outcomes.flatMap((o) => (o.doc ? [o.doc] : []));
  // With no text at all there is nothing to judge: the file findings say "check by hand".
  if (docs.length === 0) return findings;
  const unread = files.filter((_f, i) => outcomes[i]!.unread).map((f) => f.name);
  try {
    return [
      ...findings,
      ...checkPoeText(docs, claim, pack, { submissionDate: options.submissionDate, unread, deadline }),
    ];
  } catch (error) {
    // The time limit passed during the content checks (a huge text read just within it): as for a
    // file not read in time, each file read says "check it by hand", and no content finding.
    if (error instanceof TimeLimitError)
      return [...findings, ...docs.flatMap((d) => fileFinding(pack, problemOfError(d.name, error)) ?? [])];
    // The content checks themselves failed on this text (a bug, or a text made to break them):
    // no content finding can be trusted, and the file is not to blame, so each file read says
    // "check it by hand" (a warning, like the time limit), with the error for developers.
    const failed = (file: string) =>
      problem('file-no-text', file, 'poe.note.contentCheckFailed', {
        error: (error as Error)?.message ?? String(error),
      });
    return [...findings, ...docs.flatMap((d) => fileFinding(pack, failed(d.name)) ?? [])];
  }
}
