/**
 * PDF text through pdf.js (pdfjs-dist), with no fonts loaded and no network. No eval: pdf.js 6
 * removed the `isEvalSupported` option together with its eval-compiled PostScript functions
 * (checked: no `new Function(`/`eval(` in pdfjs-dist 6.5's pdf.mjs and pdf.worker.mjs), so MV3's
 * CSP is met without an option. Environment-neutral: in Node (tests, bench) and in a dedicated worker it uses
 * pdf.js's in-thread "fake worker", which is right there because the caller is already off the
 * page's main thread (see ../index.ts).
 */

import { type Deadline, FileProblemError, TimeLimitError } from '../../../files/problems';
import { ensurePromiseWithResolvers } from '../../../platform/promise-with-resolvers';
import type { PoeDocument } from '../text';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js once. The legacy build runs in Node 20 and in every browser the extension
 * supports. Its worker module is imported here too and handed over as `globalThis.pdfjsWorker`,
 * which makes pdf.js parse in the current thread (its "fake worker") instead of starting a
 * Worker from a script URL: in Node as in our dedicated worker, with the module bundled from
 * node_modules, never fetched.
 */
export function loadPdfJs(): Promise<PdfJs> {
  ensurePromiseWithResolvers();
  pdfjs ??= (async () => {
    const [lib, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    const global = globalThis as { pdfjsWorker?: unknown };
    global.pdfjsWorker ??= worker;
    return lib;
  })();
  return pdfjs;
}

/** The bytes that end every complete PDF; a file cut off in transfer lacks them. */
const EOF_MARKER = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

export function endsWithEofMarker(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 2048);
  outer: for (let i = bytes.length - EOF_MARKER.length; i >= from; i--) {
    for (let k = 0; k < EOF_MARKER.length; k++) if (bytes[i + k] !== EOF_MARKER[k]) continue outer;
    return true;
  }
  return false;
}

const END_OBJ = [0x65, 0x6e, 0x64, 0x6f, 0x62, 0x6a]; // endobj

/**
 * Whether the file holds at least one complete PDF object: a PDF cut off in transfer does, random
 * bytes after a '%PDF' header do not. Tells "cut off" apart from "damaged" when pdf.js fails.
 */
export function hasPdfObjects(bytes: Uint8Array): boolean {
  const first = END_OBJ[0]!;
  for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - END_OBJ.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let k = 1;
    while (k < END_OBJ.length && bytes[i + k] === END_OBJ[k]) k++;
    if (k === END_OBJ.length) return true;
  }
  return false;
}

export interface PdfText {
  doc: PoeDocument;
  /** 1-based pages on which no text was found (scans, images). */
  pagesWithoutText: number[];
}

/** Rounds of the microtask queue without the clock moving before the watch falls back to a timer. */
const IDLE_ROUNDS = 1000;

interface DeadlineWatch {
  /** Back to watching between microtasks: pdf.js is about to work (a page, a text chunk is asked for). */
  kick(): void;
  stop(): void;
}

/**
 * Calls `onPassed` once the deadline passes, also while pdf.js keeps this thread busy. pdf.js
 * in this thread (Node, our worker) hands work on through promises only (its LoopbackPort, its
 * 20 ms time slices), so no timer fires until a whole page is done (a 10 MB content stream held
 * the thread for 3.6 s past a 1 s limit). The watch runs between those microtasks while the clock
 * moves, and falls back to a 1 ms timer when it does not (pdf.js is idle), so it never starves
 * the event loop.
 */
function watchDeadline(deadline: Deadline, onPassed: () => void): DeadlineWatch {
  let stopped = false;
  let idle = 0;
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queued = false;
  const poll = () => {
    queued = false;
    timer = undefined;
    if (stopped) return;
    const now = Date.now();
    if (now > deadline.at) {
      stopped = true;
      onPassed();
      return;
    }
    idle = now === last ? idle + 1 : 0;
    last = now;
    if (idle < IDLE_ROUNDS) {
      queued = true;
      queueMicrotask(poll);
    } else timer = setTimeout(poll, 1);
  };
  const kick = () => {
    if (stopped || queued) return;
    clearTimeout(timer);
    timer = undefined;
    idle = 0;
    queued = true;
    queueMicrotask(poll);
  };
  kick();
  return {
    kick,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

/**
 * A page's text, read chunk by chunk from pdf.js's text stream (what getTextContent does inside),
 * so that the watch gets its turns between chunks and each wait can be cut (`withCut`) at the
 * limit, with a look at the deadline at each chunk too. Throws TimeLimitError.
 */
async function pageText(
  page: PdfPage,
  deadline: Deadline,
  watch: DeadlineWatch,
  withCut: <T>(work: Promise<T>) => Promise<T>,
): Promise<string> {
  // Never cancelled: pdf.js then still delivers the chunks under way to a closed stream (an
  // unhandled "Controller is already closed"); a page cut off ends with the whole task, destroyed.
  const reader = page.streamTextContent().getReader();
  const parts: string[] = [];
  for (;;) {
    watch.kick();
    const { value, done } = await withCut(reader.read());
    if (done) return parts.join('');
    deadline.check();
    for (const item of value.items) {
      if (!('str' in item)) continue;
      parts.push(item.str);
      if (item.hasEOL) parts.push('\n');
    }
  }
}

export async function extractPdf(name: string, bytes: Uint8Array, deadline: Deadline): Promise<PdfText> {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of (and may detach) the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  // At the limit the watch rejects `cut`, which every wait on pdf.js races: the check stops
  // waiting at once, and pdf.js is destroyed in `finally`.
  let onCut: (error: TimeLimitError) => void = () => undefined;
  const cut = new Promise<never>((_resolve, reject) => {
    onCut = reject;
  });
  cut.catch(() => undefined);
  const withCut = <T>(work: Promise<T>): Promise<T> => Promise.race([work, cut]);
  const watch = watchDeadline(deadline, () => onCut(new TimeLimitError(deadline.ms)));
  let opened = false;
  task.promise.then(
    () => {
      opened = true;
    },
    () => {
      opened = true;
    },
  );
  try {
    let pdf: Awaited<typeof task.promise>;
    try {
      pdf = await withCut(task.promise);
    } catch (error) {
      if (error instanceof TimeLimitError) throw error;
      deadline.check();
      const e = error as { name?: string; message?: string };
      if (e.name === 'PasswordException')
        throw new FileProblemError('file-protected', 'poe.note.pdfPassword');
      throw new FileProblemError('file-unreadable', 'poe.note.pdfNotOpened', {
        error: e.message ?? String(error),
      });
    }
    const pages: string[] = [];
    const pagesWithoutText: number[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      deadline.check();
      let text = '';
      try {
        watch.kick();
        const page = await withCut(pdf.getPage(p));
        text = await pageText(page, deadline, watch, withCut);
        page.cleanup();
      } catch {
        // A damaged page: its text is lost like a scanned page's, and reported the same way.
        deadline.check();
        text = '';
      }
      if (text.trim() === '') pagesWithoutText.push(p);
      pages.push(text);
    }
    // A page read in one go (pdf.js yields to no timer) may end past the limit: still the limit.
    deadline.check();
    return { doc: { name, pages, paged: true }, pagesWithoutText };
  } finally {
    watch.stop();
    const destroy = () => task.destroy().catch(() => undefined);
    // Destroyed while it opens the document, pdf.js's worker side throws "Worker was terminated"
    // from a promise nobody handles: a document still opening is destroyed once it has opened
    // (or failed to), which takes at most the time to parse the file.
    if (opened) await destroy();
    else void task.promise.then(destroy, destroy);
  }
}
