/**
 * The dedicated module Worker that runs the PoE check (see the decision at the top of ./index.ts):
 * an extension page starts it with `new Worker(new URL(…/worker.ts, import.meta.url), {type:
 * 'module'})`, posts one PoeRequest and terminates it when the answer comes or the page's hard
 * time limit passes. pdf.js parses in this thread (extract/pdf.ts sets globalThis.pdfjsWorker),
 * so nothing is fetched and a parse stuck in synchronous code dies with the worker.
 */
import { defaultPack } from '../../rules/default-pack';
import type { RulePack } from '../../rules/types';
import type { ClaimValues } from '../claim';
import type { Finding } from '../finding';
import { checkPoe, type PoeFile } from './index';

export interface PoeRequest {
  files: PoeFile[];
  claim: ClaimValues;
  /** ISO date-time of the submission (a Date survives postMessage, a string is plainer). */
  submissionDate: string;
  timeLimitMs?: number;
  /** The active rule pack (already validated by the page that sends it); the built-in one when absent. */
  pack?: RulePack;
}

/**
 * The answer, tagged: pdf.worker.mjs, once imported into a worker, also talks on this worker's
 * port (it posts its own "ready" message to the page), so the page keeps only tagged answers.
 */
export type PoeResponse = { source: typeof POE_ANSWER } & (
  | { ok: true; findings: Finding[] }
  | { ok: false; error: string }
);

/** The tag of this worker's answers (a type-only import of it keeps the page in step). */
export const POE_ANSWER = 'cpor-guard:poe-answer';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<PoeRequest>) => void) | null;
  postMessage: (message: PoeResponse) => void;
};

scope.onmessage = async ({ data }) => {
  try {
    const findings = await checkPoe(data.files, data.claim, data.pack ?? defaultPack(), {
      submissionDate: new Date(data.submissionDate),
      ...(data.timeLimitMs ? { timeLimitMs: data.timeLimitMs } : {}),
    });
    scope.postMessage({ source: POE_ANSWER, ok: true, findings });
  } catch (error) {
    scope.postMessage({ source: POE_ANSWER, ok: false, error: String((error as Error)?.message ?? error) });
  }
};
