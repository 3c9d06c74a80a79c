/**
 * What goes to and comes from the PoE worker (./worker.ts), and what its client makes of it, as
 * types only: a page or the content script can name them without reaching pdf.js.
 */
import type { RulePack } from '../../rules/types';
import type { ClaimValues } from '../claim';
import type { Finding } from '../finding';

export interface PoeFile {
  name: string;
  /** The file's bytes; a Blob (a File) is measured before it is read, so a 200 MB file is never loaded. */
  bytes: Uint8Array | Blob;
}

export interface PoeRequest {
  files: PoeFile[];
  claim: ClaimValues;
  /** ISO date-time of the submission (a Date survives postMessage, a string is plainer). */
  submissionDate: string;
  timeLimitMs?: number;
  /**
   * The active rule pack (already validated by the page that sends it); the built-in one when
   * absent, or the pack of the worker's last request with `samePack`.
   */
  pack?: RulePack;
  /** The pack is the one this worker got last (client.ts sends a pack to a kept worker once). */
  samePack?: true;
  /** Given back in the answer: a worker kept for several checks (client.ts) answers each by its id. */
  id?: number;
}

/** The tag of the worker's answers (a type-only import of it keeps the page in step). */
export const POE_ANSWER = 'cpor-guard:poe-answer';

/**
 * The answer, tagged: pdf.worker.mjs, once imported into a worker, also talks on this worker's
 * port (it posts its own "ready" message to the page), so the page keeps only tagged answers.
 */
export type PoeResponse = { source: typeof POE_ANSWER; id?: number } & (
  | { ok: true; findings: Finding[] }
  | { ok: false; error: string }
);

/** What a check in the worker came to: its findings, or why there are none. */
export type PoeOutcome =
  | { kind: 'done'; findings: Finding[] }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'crashed'; error: string };
