/**
 * How the content script talks to the checker frame (entrypoints/checker): an extension page in
 * an invisible iframe that the content script puts in the claim page, inside its own closed
 * shadow root.
 *
 * Decision (issue 13): the claim is checked in an extension frame rather than in the content
 * script or an offscreen document. The content script shares the host page's main thread and
 * must stay small (40 KB gzip: no pattern engine, no pdf.js); an offscreen document is Chromium
 * only and cannot receive a File from a tab (runtime messages carry JSON only). A frame of our
 * own origin runs in the extension's process, starts the PoE worker like the check page does,
 * and receives the very File the partner chose by postMessage (structured clone, nothing is
 * read by the page or sent anywhere). The conversation runs on a MessageChannel handed over in
 * the first message, so the host page's scripts never see the claim's findings.
 *
 * The frame is a web-accessible resource, so another page could embed it too; it would only get
 * findings about values it sent itself.
 */

import type { ClaimValues } from '../validation/claim';
import type { Finding } from '../validation/finding';
import type { PoeOutcome } from '../validation/poe/messages';
import type { ShownValue } from './page-claim';

/** The first message, posted to the frame's window with the channel's port. */
export const CONNECT = 'cpor-guard:checker-connect';

export type CheckerRequest =
  | {
      type: 'fields';
      seq: number;
      shown: ShownValue[];
      /** Every field the page showed in this flow. */
      seen: string[];
      status: string;
      /** ms since the epoch. */
      at: number;
      /**
       * The claim's fields as its page first showed them in this tab (before the partner's edits),
       * for the locked-field check. With `claimId`, the frame keeps them in the claim's record
       * where it holds none yet and judges against the values kept there (first seen on any visit).
       */
      originalShown?: ShownValue[];
      claimId?: string;
    }
  | {
      type: 'poe';
      seq: number;
      files: File[];
      /** The claim's fields as the page showed them in this flow: the PoE is checked against them. */
      shown: ShownValue[];
      at: number;
      /** The claim's id, when the page shows one: the result is kept with it and the files' hash. */
      claimId?: string;
    }
  /** The newest PoE result kept for the claim (any files): a re-opened claim shows it without a new read. */
  | { type: 'kept-poe'; seq: number; claimId: string };

/** A PoE result kept, as the panel shows it. */
export interface KeptPoe {
  files: string[];
  /** ms since the epoch. */
  checkedAt: number;
  findings: Finding[];
}

export type CheckerResponse =
  | { type: 'ready' }
  | {
      type: 'fields';
      seq: number;
      claim: ClaimValues;
      findings: Finding[];
      /** The fields of fields.json that may not change in the request's status (on its day). */
      locked: string[];
    }
  | {
      type: 'poe';
      seq: number;
      outcome: PoeOutcome;
      fileNames: string[];
      /** When the files were checked (ms since the epoch). */
      checkedAt: number;
      /** The result was kept from an earlier check of the same files on this claim: they were not read again. */
      kept?: true;
    }
  | { type: 'kept-poe'; seq: number; kept: KeptPoe | null }
  | { type: 'failed'; seq: number; error: string };
