/**
 * Runs PoE checks in a dedicated Worker (src/validation/poe/worker.ts) and always answers: the
 * findings, or why there are none. A page keeps one worker between its checks (createPoeRunner),
 * so pdf.js and the checks are loaded and compiled once: a warm check costs about what pdf.js's
 * own text extraction does. The worker is terminated when it crashes, at the hard time limit
 * (`terminate()` is the only stop for a parser stuck in synchronous code; decision in
 * src/validation/poe/index.ts), and when it has been idle for KEEP_IDLE_MS. The caller makes the
 * worker (the entrypoint, where Vite bundles it), so this file needs no bundler and no browser API.
 */
import type { PoeOutcome, PoeRequest, PoeResponse } from './messages';

export type { PoeOutcome } from './messages';

/** The part of a Worker this client uses. */
export interface PoeWorker {
  postMessage(message: PoeRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<PoeResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** The worker's answer tag (src/validation/poe/worker.ts POE_ANSWER; the type keeps them equal). */
const ANSWER: PoeResponse['source'] = 'cpor-guard:poe-answer';

/** The page's hard limit: above checkPoe's own limit (20 s), so a slow file is normally reported by checkPoe itself. */
export const HARD_TIME_LIMIT_MS = 30_000;

/** How long a kept worker waits for the next check before it is ended (its memory freed). */
export const KEEP_IDLE_MS = 60_000;

export interface PoeRunner {
  /** One check; a second one while the first runs gets a worker of its own. */
  run(request: PoeRequest): Promise<PoeOutcome>;
  /** Ends the kept worker now. */
  close(): void;
}

/**
 * A runner that keeps its worker for the next check while the worker answered in time (with
 * findings, or with the check's own error), for `idleMs` at most; 0 keeps none: a worker per check.
 */
export function createPoeRunner(
  createWorker: () => PoeWorker,
  { hardLimitMs = HARD_TIME_LIMIT_MS, idleMs = KEEP_IDLE_MS }: { hardLimitMs?: number; idleMs?: number } = {},
): PoeRunner {
  let kept: PoeWorker | undefined;
  /** The pack each worker got last: a kept worker is sent the same pack object only once. */
  const packOf = new WeakMap<PoeWorker, PoeRequest['pack']>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  const endKept = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    kept?.terminate();
    kept = undefined;
  };

  /** Keeps a worker that answered for the next check, or ends it when one is kept already. */
  const release = (worker: PoeWorker) => {
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    if (idleMs <= 0 || kept !== undefined) {
      worker.terminate();
      return;
    }
    kept = worker;
    idleTimer = setTimeout(endKept, idleMs);
  };

  function run(request: PoeRequest): Promise<PoeOutcome> {
    return new Promise((resolve) => {
      let worker: PoeWorker | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const id = nextId++;
      const finish = (outcome: PoeOutcome, reusable: boolean) => {
        if (timer === undefined) return; // already answered
        clearTimeout(timer);
        timer = undefined;
        if (worker && reusable) release(worker);
        else worker?.terminate();
        resolve(outcome);
      };
      timer = setTimeout(() => finish({ kind: 'timeout', limitMs: hardLimitMs }, false), hardLimitMs);
      try {
        if (kept) {
          worker = kept;
          kept = undefined;
          clearTimeout(idleTimer);
          idleTimer = undefined;
        } else worker = createWorker();
        worker.onmessage = ({ data }) => {
          // pdf.js's worker module posts its own messages on the same port, and an answer of an
          // earlier check has another id: only this check's answer counts.
          if (data?.source !== ANSWER || (data.id !== undefined && data.id !== id)) return;
          finish(
            data.ok
              ? { kind: 'done', findings: data.findings }
              : { kind: 'crashed', error: data.error || 'no reason given' },
            true,
          );
        };
        worker.onerror = (event) => {
          // An uncaught error in the worker; handled here, so it is not also reported as the page's.
          event.preventDefault();
          finish({ kind: 'crashed', error: event.message || 'the worker stopped' }, false);
        };
        worker.onmessageerror = () =>
          finish({ kind: 'crashed', error: 'the answer could not be read' }, false);
        const { pack, ...rest } = request;
        if (pack !== undefined && packOf.get(worker) === pack)
          worker.postMessage({ ...rest, samePack: true, id });
        else {
          worker.postMessage({ ...request, id });
          packOf.set(worker, pack);
        }
      } catch (error) {
        finish({ kind: 'crashed', error: String((error as Error)?.message ?? error) }, false);
      }
    });
  }

  return { run, close: endKept };
}

/** One check in a worker of its own, ended when it answers. */
export function runPoeInWorker(
  createWorker: () => PoeWorker,
  request: PoeRequest,
  hardLimitMs = HARD_TIME_LIMIT_MS,
): Promise<PoeOutcome> {
  return createPoeRunner(createWorker, { hardLimitMs, idleMs: 0 }).run(request);
}
