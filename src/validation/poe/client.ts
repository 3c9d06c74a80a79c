/**
 * Runs one PoE check in a dedicated Worker (src/validation/poe/worker.ts) and always answers:
 * the findings, or why there are none. The worker is terminated when it answers, when it
 * crashes, and at the hard time limit: `terminate()` is the only stop for a parser stuck in
 * synchronous code (decision in src/validation/poe/index.ts). The caller makes the worker (the
 * entrypoint, where Vite bundles it), so this file needs no bundler and no browser API.
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

export function runPoeInWorker(
  createWorker: () => PoeWorker,
  request: PoeRequest,
  hardLimitMs = HARD_TIME_LIMIT_MS,
): Promise<PoeOutcome> {
  return new Promise((resolve) => {
    let worker: PoeWorker | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: PoeOutcome) => {
      if (timer === undefined) return; // already answered
      clearTimeout(timer);
      timer = undefined;
      worker?.terminate();
      resolve(outcome);
    };
    timer = setTimeout(() => finish({ kind: 'timeout', limitMs: hardLimitMs }), hardLimitMs);
    try {
      worker = createWorker();
      worker.onmessage = ({ data }) => {
        // pdf.js's worker module posts its own messages on the same port: ignore all but ours.
        if (data?.source !== ANSWER) return;
        finish(
          data.ok
            ? { kind: 'done', findings: data.findings }
            : { kind: 'crashed', error: data.error || 'no reason given' },
        );
      };
      worker.onerror = (event) => {
        // An uncaught error in the worker; handled here, so it is not also reported as the page's.
        event.preventDefault();
        finish({ kind: 'crashed', error: event.message || 'the worker stopped' });
      };
      worker.onmessageerror = () => finish({ kind: 'crashed', error: 'the answer could not be read' });
      worker.postMessage(request);
    } catch (error) {
      finish({ kind: 'crashed', error: String((error as Error)?.message ?? error) });
    }
  });
}
