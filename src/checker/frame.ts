/**
 * The checker frame's work, without the browser wiring (entrypoints/checker/main.ts gives it the
 * pack, the PoE worker, the store and the hash): it answers the content script's requests on
 * the MessageChannel it receives first (src/checker/protocol.ts). Every request gets an answer,
 * a failure included, so the page's side never waits for nothing.
 */
import { isoDateIn } from '../rules/dated';
import type { RulePack } from '../rules/types';
import type { FirstFields } from '../store/claim-record';
import type { ValidationRecord } from '../store/validations';
import type { ClaimValues } from '../validation/claim';
import type { PoeOutcome, PoeRequest } from '../validation/poe/messages';
import { checkPageClaim, claimFromPage, lockedFields, type ShownValue } from './page-claim';
import { type CheckerRequest, type CheckerResponse, CONNECT } from './protocol';

export interface CheckerDeps {
  pack: () => Promise<RulePack>;
  runPoe: (request: PoeRequest) => Promise<PoeOutcome>;
  store: {
    find(claimId: string, filesHash: string): Promise<ValidationRecord | undefined>;
    save(record: Omit<ValidationRecord, 'id'>): Promise<void>;
    /** The claim's newest kept PoE result, any files (ValidationStore.latestPoeCheck). */
    latest(claimId: string): Promise<ValidationRecord | undefined>;
    /**
     * Keeps the claim's fields first seen where its record holds none yet, and answers the fields
     * kept (the background's 'cpor/claim-fields'); rejects when they could not be kept.
     */
    keepFirstFields(claimId: string, status: string, fields: FirstFields, at: number): Promise<FirstFields>;
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
  const firstSeen = new Map<string, FirstSeenCache>();
  port.onmessage = ({ data }) => {
    void answer(data, deps, firstSeen).then(
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

/** The fields as the page showed them, for the claim's record: a field shown empty is null (it was seen). */
function firstFieldsOf(pack: RulePack, shown: readonly ShownValue[]): FirstFields {
  const { claim } = claimFromPage(pack, shown);
  const fields: FirstFields = {};
  for (const { field } of shown) {
    const value = claim[field];
    fields[field] =
      value === undefined ? null : Array.isArray(value) ? [...value] : (value as FirstFields[string]);
  }
  return fields;
}

/** Per claim: the fields this channel sent to be kept, and the values kept. */
interface FirstSeenCache {
  fields: Set<string>;
  kept: Promise<ClaimValues>;
}

/**
 * The values the locked-field check judges against: those kept in the claim's record (first seen
 * on any visit, in any tab), else those this tab saw first. Asked once per claim and channel, and
 * again when the tab has seen more fields: kept values never change, only fields not kept yet are added.
 */
function originalOf(
  pack: RulePack,
  request: Extract<CheckerRequest, { type: 'fields' }>,
  deps: CheckerDeps,
  cache: Map<string, FirstSeenCache>,
): Promise<ClaimValues> | undefined {
  if (!request.originalShown) return undefined;
  const seen = firstFieldsOf(pack, request.originalShown);
  const claimId = request.claimId;
  if (!claimId) return Promise.resolve(seen);
  const cached = cache.get(claimId);
  // Asked again only when this tab has seen a field it did not send before (an edit mode's boxes).
  if (cached && Object.keys(seen).every((field) => cached.fields.has(field))) return cached.kept;
  const kept = deps.store.keepFirstFields(claimId, request.status, seen, request.at).then(
    (fields) => fields as ClaimValues,
    (error: unknown) => {
      // Not kept (the database is blocked): judged against this tab's first sight, asked again next time.
      console.warn('[cpor-guard] checker: the fields first seen were not kept', error);
      if (cache.get(claimId)?.kept === kept) cache.delete(claimId);
      return seen;
    },
  );
  cache.set(claimId, { fields: new Set(Object.keys(seen)), kept });
  return kept;
}

async function answer(
  request: CheckerRequest,
  deps: CheckerDeps,
  firstSeen: Map<string, FirstSeenCache>,
): Promise<CheckerResponse> {
  const pack = await deps.pack();
  if (request.type === 'kept-poe') {
    const record = await deps.store.latest(request.claimId);
    return {
      type: 'kept-poe',
      seq: request.seq,
      kept: record
        ? { files: record.files ?? [], checkedAt: record.checkedAt, findings: record.findings }
        : null,
    };
  }
  if (request.type === 'fields') {
    const at = new Date(request.at);
    const original = await originalOf(pack, request, deps, firstSeen);
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
    const at = new Date(request.at);
    // Read at once, while the files' hash is taken and a result kept for them is looked up (about
    // 20 ms in the page): a new file, the usual case, waits for no lookup. Files chosen again are
    // answered from what was kept as soon as the lookup finds it; their read goes on in the worker
    // and is dropped.
    const reading = deps.runPoe({
      files: request.files.map((f) => ({ name: f.name, bytes: f })),
      claim,
      submissionDate: at.toISOString(),
      pack,
    });
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
          checkedAt: kept.checkedAt,
          kept: true,
        };
    }
    const outcome = await reading;
    // Kept on this computer with the claim and the files' hash: a re-opened claim shows it without a
    // new read. Not waited for: the findings are shown while the background writes them.
    if (outcome.kind === 'done')
      void deps.store
        .save({
          checkedAt: at.getTime(),
          pack: { id: pack.pack.id, version: pack.pack.version },
          claim: nameOf(claim),
          status: '',
          day: isoDateIn(at, pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC'),
          findings: outcome.findings,
          ...(request.claimId ? { claimId: request.claimId } : {}),
          ...(filesHash ? { filesHash } : {}),
          files: fileNames,
        })
        .catch((error: unknown) => console.warn('[cpor-guard] checker: the check was not kept', error));
    return { type: 'poe', seq: request.seq, outcome, fileNames, checkedAt: at.getTime() };
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
