/**
 * The checker frame's work, without the browser wiring (entrypoints/checker/main.ts gives it the
 * pack, the PoE worker, the store and the hash): it answers the content script's requests on
 * the MessageChannel it receives first (src/checker/protocol.ts). Every request gets an answer,
 * a failure included, so the page's side never waits for nothing.
 */
import { isoDateIn } from '../rules/dated';
import type { RulePack } from '../rules/types';
import type { ValidationRecord } from '../store/validations';
import type { ClaimValues } from '../validation/claim';
import type { PoeOutcome, PoeRequest } from '../validation/poe/messages';
import { checkPageClaim, claimFromPage, lockedFields } from './page-claim';
import { type CheckerRequest, type CheckerResponse, CONNECT } from './protocol';

export interface CheckerDeps {
  pack: () => Promise<RulePack>;
  runPoe: (request: PoeRequest) => Promise<PoeOutcome>;
  store: {
    find(claimId: string, filesHash: string): Promise<ValidationRecord | undefined>;
    save(record: Omit<ValidationRecord, 'id'>): Promise<void>;
  };
  /** One hex digest of the files' contents, in order, and of `context` (the claim they were checked against). */
  hash: (files: File[], context: string) => Promise<string>;
}

interface PortLike {
  postMessage(message: CheckerResponse): void;
  onmessage: ((event: MessageEvent<CheckerRequest>) => void) | null;
  start?(): void;
}

/** Listens on `window` for the content script's channel; each channel is served until it closes. */
export function serveChecker(win: Pick<Window, 'addEventListener'>, deps: CheckerDeps): void {
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.data?.type !== CONNECT || !event.ports[0]) return;
    serveOn(event.ports[0] as unknown as PortLike, deps);
  });
}

export function serveOn(port: PortLike, deps: CheckerDeps): void {
  port.onmessage = ({ data }) => {
    void answer(data, deps).then(
      (response) => port.postMessage(response),
      (error: unknown) =>
        port.postMessage({
          type: 'failed',
          seq: typeof data?.seq === 'number' ? data.seq : -1,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  port.start?.();
  port.postMessage({ type: 'ready' });
}

async function answer(request: CheckerRequest, deps: CheckerDeps): Promise<CheckerResponse> {
  const pack = await deps.pack();
  if (request.type === 'fields') {
    const at = new Date(request.at);
    const original = request.originalShown ? claimFromPage(pack, request.originalShown).claim : undefined;
    const { claim, findings } = checkPageClaim(
      pack,
      request.shown,
      { status: request.status, at, ...(original ? { original } : {}) },
      new Set(request.seen),
    );
    return {
      type: 'fields',
      seq: request.seq,
      claim,
      findings,
      locked: lockedFields(pack, request.status, at),
    };
  }
  if (request.type === 'poe') {
    const fileNames = request.files.map((f) => f.name);
    const { claim } = claimFromPage(pack, request.shown);
    // The same files checked against other claim values (a corrected tenant ID) are checked again.
    const filesHash = request.claimId ? await deps.hash(request.files, JSON.stringify(claim)) : undefined;
    if (request.claimId && filesHash) {
      const kept = await deps.store.find(request.claimId, filesHash).catch(() => undefined);
      if (kept && !kept.poeFailure)
        return {
          type: 'poe',
          seq: request.seq,
          outcome: { kind: 'done', findings: kept.findings },
          fileNames,
        };
    }
    const at = new Date(request.at);
    const outcome = await deps.runPoe({
      files: request.files.map((f) => ({ name: f.name, bytes: f })),
      claim,
      submissionDate: at.toISOString(),
      pack,
    });
    // Kept on this computer with the claim and the files' hash: a re-opened claim shows it without a new read.
    if (outcome.kind === 'done')
      await deps.store
        .save({
          checkedAt: at.getTime(),
          pack: { id: pack.pack.id, version: pack.pack.version },
          claim: nameOf(claim),
          status: '',
          day: isoDateIn(at, pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC'),
          findings: outcome.findings,
          ...(request.claimId ? { claimId: request.claimId } : {}),
          ...(filesHash ? { filesHash } : {}),
        })
        .catch((error: unknown) => console.warn('[cpor-guard] checker: the check was not kept', error));
    return { type: 'poe', seq: request.seq, outcome, fileNames };
  }
  throw new Error(`unknown request ${(request as { type?: unknown }).type}`);
}

function nameOf(claim: ClaimValues): ValidationRecord['claim'] {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    ...(text(claim.claimName) ? { claimName: text(claim.claimName) } : {}),
    ...(text(claim.customerName) ? { customerName: text(claim.customerName) } : {}),
    ...(text(claim.customerDomain) ? { customerDomain: text(claim.customerDomain) } : {}),
  };
}
