/**
 * The dedicated module Worker that runs the PoE check (see the decision at the top of ./index.ts):
 * an extension page starts it with `new Worker(new URL(…/worker.ts, import.meta.url), {type:
 * 'module'})` and posts PoeRequests, one at a time (client.ts keeps the worker between checks, so
 * pdf.js is loaded once, and terminates it when the page's hard time limit passes). Each answer
 * carries its request's id. pdf.js parses in this thread (extract/pdf.ts sets
 * globalThis.pdfjsWorker), so nothing is fetched and a parse stuck in synchronous code dies with
 * the worker.
 */
import { defaultPack } from '../../rules/default-pack';
import { checkPoe } from './index';
import { POE_ANSWER, type PoeRequest, type PoeResponse } from './messages';

export { POE_ANSWER, type PoeRequest, type PoeResponse } from './messages';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<PoeRequest>) => void) | null;
  postMessage: (message: PoeResponse) => void;
};

/**
 * The pack of the last request that sent one: a kept worker gets it once (client.ts), and the
 * checks compiled for it (content.ts keeps them per rule object) serve the next checks.
 */
let lastPack: PoeRequest['pack'];

scope.onmessage = async ({ data }) => {
  try {
    if (data.pack) lastPack = data.pack;
    const pack = data.pack ?? (data.samePack ? lastPack : undefined) ?? defaultPack();
    const findings = await checkPoe(data.files, data.claim, pack, {
      submissionDate: new Date(data.submissionDate),
      ...(data.timeLimitMs ? { timeLimitMs: data.timeLimitMs } : {}),
    });
    scope.postMessage({ source: POE_ANSWER, id: data.id, ok: true, findings });
  } catch (error) {
    scope.postMessage({
      source: POE_ANSWER,
      id: data.id,
      ok: false,
      error: String((error as Error)?.message ?? error),
    });
  }
};
