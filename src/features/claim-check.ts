/**
 * Feature 'claim-check': the check where the partner makes the claim. In the creation flow, in a
 * claim's edit mode and on a claim page it reads the claim's fields from the page's own inputs by
 * their labels (src/page/read-form.ts, locators.json `inputs`), checks them with fields.json as
 * the partner types or leaves a field, reads a PoE file the moment it is chosen or dropped in
 * the page (the same File: nothing is uploaded by us), and shows each finding beside its field
 * and all of them in one panel. The checks run in the checker frame (src/checker/protocol.ts).
 *
 * The submit gate: a click on a button of locators.json with `gate: true` (Submit claim,
 * Resubmit, the dispute dialog's Dispute) while the check has a blocking finding is held, and a
 * dialog asks 'Fix' or 'Submit anyway'; the latter lets the original click through, once. The
 * gate fails open: if our code throws, if the check has not answered within GATE_WAIT_MS, or if
 * the extension was reloaded or removed (`alive()` false), the click goes through untouched.
 */
import type { ShownValue } from '../checker/page-claim';
import { formatMessage, localize } from '../i18n/format';
import type { ContextResponse, ErrorResponse } from '../messaging/protocol';
import { DETAIL_PAGE_ID, mayBePage, readClaimDetail } from '../page';
import { gateButtonAt, type PageInput, pageLocaleOf, readClaimForm } from '../page/read-form';
import { isoDateIn } from '../rules/dated';
import { findStatus } from '../rules/lifecycle';
import type { Finding } from '../validation/finding';
import { type CheckerClient, openChecker } from './checker-client';
import {
  askBeforeSubmit,
  type CheckView,
  removeCheckView,
  renderNotes,
  renderPanel,
} from './claim-check-view';
import { OWN_ATTRIBUTE as OWN, watchPage } from './watch';

export const FEATURE_ID = 'claim-check';
/** The creation flow's page in locators.json: its address keeps the flow's values while a step shows none. */
const CREATE_PAGE_ID = 'claim-create';

/** How long a held submit waits for a check still running before it goes through unchecked. */
export const GATE_WAIT_MS = 2_000;
/**
 * A field check is given up after this long. The frame answers in milliseconds once it runs; its
 * first answer waits for the frame to load and for the pack from the background. The gate does
 * not wait this long: it has GATE_WAIT_MS.
 */
const FIELDS_TIMEOUT_MS = 30_000;
/** Above the PoE worker's own hard limit (30 s), so a slow file is reported by the worker. */
const POE_TIMEOUT_MS = 35_000;
/**
 * A test hook: on a page whose <html> carries this attribute the gate throws before it decides,
 * so the end-to-end tests prove that our failure lets the partner submit. A page that sets it
 * only turns our gate off for itself, which it could do anyway by changing its buttons.
 */
export const TEST_THROW_ATTRIBUTE = 'data-cpor-guard-test-throw';

export interface ClaimCheckPort {
  context(): Promise<ContextResponse | ErrorResponse>;
  /** The checker frame's address (browser.runtime.getURL). */
  frameUrl: string;
  now(): number;
  /** False once the extension was reloaded, updated or removed: the gate then never holds a click. */
  alive(): boolean;
}

/** What the page showed in this flow, kept across the app's in-page navigations (steps of the creation flow). */
const flow = {
  claimId: null as string | null,
  shown: new Map<string, ShownValue>(),
  /** Per claim id: its fields as its page first showed them (before the partner's edits). */
  original: new Map<string, ShownValue[]>(),
  /** Fields the partner has typed in or left: their notes show (also after Back and Forward). */
  touched: new Set<string>(),
};

/** Whether two texts the page showed are the same claim name (spaces aside); false when either is missing. */
function sameText(
  a: string | readonly string[] | undefined,
  b: string | readonly string[] | undefined,
): boolean {
  const text = (v: typeof a) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');
  return text(a) !== '' && text(a) === text(b);
}

/** Forgets the flow (a test starts clean). */
export function resetFlow(): void {
  flow.claimId = null;
  flow.shown.clear();
  flow.original.clear();
  flow.touched.clear();
}

export async function init(signal: AbortSignal, port: ClaimCheckPort): Promise<boolean> {
  const context = await port.context();
  if (signal.aborted || !context.ok) return false;
  const doc = document;
  const pack = context.pack;
  // Not on the claims list (an address of another page of the rules): its thousands of rows
  // would be searched for claim fields on every change, and leaving the flow ends it.
  const url = doc.location.href;
  if (!mayBePage(url, pack, CREATE_PAGE_ID) && !mayBePage(url, pack, DETAIL_PAGE_ID)) {
    resetFlow();
    return false;
  }
  const draft = pack.statuses.statuses.find((s) => s.draft)?.id ?? '';
  const timeZone = pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC';
  let checker: CheckerClient | null = null;
  let locale = pageLocaleOf(doc, pack);
  let inputs: PageInput[] = [];
  let status = draft;
  let claimId: string | null = null;
  let fieldFindings: Finding[] = [];
  let poeFindings: Finding[] = [];
  let poe: CheckView['poe'] = { state: 'none' };
  let checkedKey = '';
  let pendingCheck: Promise<void> | null = null;
  let poeKey = '';
  /** Fields that may not change in the claim's status (none in a draft): marked beside their boxes. */
  let locked = new Set<string>();
  const touched = flow.touched;
  /**
   * The panel starts folded to its headline (a small bar, so it covers as little of the page as
   * possible) and unfolds by itself when a PoE result or a held submit has blocking problems.
   */
  const collapsed = { value: true };
  const unfoldFor = (findings: readonly Finding[]) => {
    if (findings.some((f) => f.severity === 'blocking')) collapsed.value = false;
  };
  /** Buttons whose next click is ours to let through ('Submit anyway', or a held click released). */
  const letThrough = new WeakSet<HTMLElement>();
  let active = false;

  const view = (): CheckView => ({
    locale,
    day: isoDateIn(new Date(port.now()), timeZone),
    // An empty box the partner has not reached yet is not a problem yet (the page asks for it
    // itself); the gate still counts it, and shows it once it holds a click.
    findings: [
      ...fieldFindings.filter(
        (f) => !('field' in f.concerns) || touched.has(f.concerns.field) || !isEmpty(f.concerns.field),
      ),
      ...poeFindings,
    ],
    poe,
    anchors: new Map(inputs.map((i) => [i.field, i.anchor])),
    // A locked field that already differs from the values first seen is shown untouched: the
    // change came before this page (a reload, another tab), and the partner did not see it happen.
    shownFields: new Set([
      ...touched,
      ...fieldFindings.flatMap((f) =>
        f.id === 'field-not-editable' && 'field' in f.concerns ? [f.concerns.field] : [],
      ),
    ]),
    locked,
    statusLabel: localize(
      findStatus(pack, status)?.label ?? { [pack.pack.defaultLocale]: status },
      locale,
      pack.pack.defaultLocale,
    ),
    goTo: (field) => {
      const input = inputs.find((i) => i.field === field);
      const target = (input?.control ?? input?.anchor) as HTMLElement | undefined;
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    },
  });
  const render = () => {
    if (!active) return;
    const v = view();
    renderNotes(doc, pack, v);
    renderPanel(doc, pack, v, collapsed);
  };

  /** Reads the page's fields into the flow; false when the page shows none. */
  const readFields = (): boolean => {
    const reading = readClaimForm(doc, pack);
    const detail = readClaimDetail(doc, pack, doc.location.href);
    const id = detail?.kind === 'detail' && /\d/.test(detail.claimId) ? detail.claimId : null;
    // Another claim's page starts clean. The creation flow (no id yet) goes on into its new draft,
    // whose page shows the name typed in the flow; its other fields (the workloads) the draft's
    // page may not show again, and the PoE is checked against them.
    const draftOfFlow =
      flow.claimId === null &&
      reading?.inputs.some(
        (i) => i.field === 'claimName' && sameText(i.raw, flow.shown.get('claimName')?.raw),
      ) === true;
    if (id && id !== flow.claimId && !draftOfFlow) {
      flow.shown.clear();
      flow.touched.clear();
    }
    if (id) flow.claimId = id;
    claimId = id;
    status = detail?.kind === 'detail' && detail.status ? detail.status : draft;
    if (!reading) {
      inputs = [];
      return false;
    }
    locale = reading.locale;
    inputs = reading.inputs;
    const isDraft = findStatus(pack, status)?.draft === true;
    // The claim as first seen on its page, before any edit: a later change of a locked field is a
    // finding. Each field counts from its first sight: the claim page lists its workloads only in
    // the edit mode's boxes, so they join the values first seen there.
    if (id && !isDraft) {
      const original = flow.original.get(id) ?? [];
      const known = new Set(original.map((o) => o.field));
      const added = inputs
        .filter((i) => i.kind !== 'files' && !known.has(i.field))
        .map((i) => ({ field: i.field, locator: i.locator, raw: i.raw }));
      if (added.length > 0 || !flow.original.has(id)) flow.original.set(id, [...original, ...added]);
    }
    for (const input of inputs) {
      // A claim page after submission lists its PoE files apart: an empty file box there means
      // "no new file", not "no PoE", so it is not judged.
      if (input.kind === 'files' && input.raw.length === 0 && !isDraft) {
        flow.shown.delete(input.field);
        continue;
      }
      flow.shown.set(input.field, { field: input.field, locator: input.locator, raw: input.raw });
    }
    // Only where the partner can change something (the creation flow, an edit mode, a PoE box):
    // a read-only claim page's values are remembered for the flow but get no panel of their own.
    return inputs.some((input) => input.control !== null);
  };

  /**
   * One listener for the whole page, not one per control: the partner may type before a late
   * rendered box has been read, and the page may replace its boxes at any time.
   */
  const onEdit = (event: Event) => {
    const target = event.target as Element | null;
    if (!target || target.closest(`[${OWN}]`)) return;
    if (!readFields()) return;
    active = true;
    const input = inputs.find(
      (i) => i.control === target || (i.kind === 'options' && i.anchor.parentElement?.contains(target)),
    );
    if (!input) return;
    if (input.kind === 'files' && event.type === 'change')
      checkFiles([...((input.control as HTMLInputElement).files ?? [])]);
    touched.add(input.field);
    void checkFields();
  };
  for (const type of ['input', 'change', 'focusout'])
    doc.addEventListener(type, onEdit, { capture: true, signal });

  const checkFields = (): Promise<void> => {
    const shown = [...flow.shown.values()];
    const original = claimId ? flow.original.get(claimId) : undefined;
    const key = JSON.stringify([shown, status, claimId]);
    if (key === checkedKey && pendingCheck === null) return Promise.resolve();
    checkedKey = key;
    checker ??= openChecker(doc, port.frameUrl, signal);
    const run = checker
      .ask(
        {
          type: 'fields',
          shown,
          seen: shown.map((s) => s.field),
          status,
          at: port.now(),
          // With the claim's id the frame judges against the values first seen on any visit (kept in
          // the claim's record), not only in this tab: a reload in edit mode keeps the check.
          ...(original && claimId ? { originalShown: original, claimId } : {}),
        },
        FIELDS_TIMEOUT_MS,
      )
      .then((answer) => {
        if (answer?.type !== 'fields') {
          console.warn(
            `[cpor-guard] ${FEATURE_ID}: field check failed:`,
            answer ? answer.error : 'no answer',
          );
          // Tried again soon, and by the next read or edit: a slow first answer must not leave the notes out.
          if (checkedKey === key) checkedKey = '';
          setTimeout(() => {
            if (!signal.aborted) void checkFields();
          }, 2_000);
          return;
        }
        fieldFindings = answer.findings;
        locked = findStatus(pack, status)?.draft ? new Set() : new Set(answer.locked);
        render();
        if (claimId) showKeptPoe(claimId);
      })
      .finally(() => {
        if (pendingCheck === run) pendingCheck = null;
      });
    pendingCheck = run;
    return run;
  };

  const checkFiles = (files: File[]) => {
    const key = files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).join('|');
    if (files.length === 0 || key === poeKey) return;
    poeKey = key;
    touched.add(pack.fields.fields.find((f) => f.kind === 'files')?.id ?? 'poe');
    poe = { state: 'checking', files: files.map((f) => f.name) };
    poeFindings = [];
    render();
    const t = (k: string, params: Record<string, string | number> = {}) =>
      formatMessage(pack, k, locale, params);
    checker ??= openChecker(doc, port.frameUrl, signal);
    const started = checker.ask(
      {
        type: 'poe',
        files,
        shown: [...flow.shown.values()],
        at: port.now(),
        ...(claimId ? { claimId } : {}),
      },
      POE_TIMEOUT_MS,
    );
    void started.then((answer) => {
      if (key !== poeKey) return; // other files were chosen since
      if (answer?.type !== 'poe') {
        poe = { state: 'failed', message: t('ui.inpage.poeNoAnswer') };
      } else if (answer.outcome.kind === 'done') {
        poe = {
          state: 'done',
          files: answer.fileNames,
          ...(answer.kept ? { keptAt: answer.checkedAt } : {}),
        };
        poeFindings = answer.outcome.findings;
        unfoldFor(poeFindings);
      } else {
        poe = {
          state: 'failed',
          message:
            answer.outcome.kind === 'timeout'
              ? t('ui.check.poeTimeout', { seconds: Math.round(answer.outcome.limitMs / 1000) })
              : t('ui.check.poeCrashed', { error: answer.outcome.error }),
        };
      }
      render();
    });
    pendingPoe = started.then(() => undefined);
  };
  let pendingPoe: Promise<void> | null = null;

  /**
   * A re-opened claim: the newest PoE result kept for it shows (which files, when), without the
   * partner choosing the files again; asked once per claim, and only while no file was chosen.
   */
  let keptAskedFor = '';
  const showKeptPoe = (id: string) => {
    if (keptAskedFor === id || poe.state !== 'none' || !checker) return;
    keptAskedFor = id;
    void checker.ask({ type: 'kept-poe', claimId: id }, FIELDS_TIMEOUT_MS).then((answer) => {
      if (answer?.type !== 'kept-poe' || !answer.kept || poe.state !== 'none' || claimId !== id) return;
      poe = { state: 'done', files: answer.kept.files, keptAt: answer.kept.checkedAt };
      poeFindings = answer.kept.findings;
      unfoldFor(poeFindings);
      render();
    });
  };

  const isEmpty = (field: string) => {
    const raw = flow.shown.get(field)?.raw;
    return raw === undefined || (typeof raw === 'string' ? raw.trim() === '' : raw.length === 0);
  };
  const blocking = () => [...fieldFindings, ...poeFindings].filter((f) => f.severity === 'blocking');

  const release = (button: HTMLElement) => {
    letThrough.add(button);
    button.click();
  };

  const decide = async (button: HTMLElement, label: string) => {
    // A check still running gets GATE_WAIT_MS; after that the click goes through unchecked.
    const waits = [pendingCheck, poe.state === 'checking' ? pendingPoe : null].filter(
      Boolean,
    ) as Promise<void>[];
    const inTime = await Promise.race([
      Promise.all(waits).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), GATE_WAIT_MS)),
    ]);
    if (!inTime || !port.alive() || signal.aborted || blocking().length === 0) return release(button);
    for (const f of blocking()) if ('field' in f.concerns) touched.add(f.concerns.field);
    unfoldFor(blocking());
    render();
    const choice = await askBeforeSubmit(doc, pack, view(), label);
    if (choice === 'submit') return release(button);
    const first = blocking().find(
      (f) => 'field' in f.concerns && inputs.some((i) => i.field === (f.concerns as { field: string }).field),
    );
    if (first && 'field' in first.concerns) view().goTo(first.concerns.field);
    else
      doc
        .querySelector<HTMLElement>('[data-cpor-guard="check-panel"]')
        ?.shadowRoot?.querySelector<HTMLElement>('button')
        ?.focus();
  };

  const onClick = (event: MouseEvent) => {
    try {
      if (!port.alive() || signal.aborted) return;
      const gate = gateButtonAt(event.target as Element | null, pack, locale);
      if (!gate) return;
      if (letThrough.has(gate.button)) {
        letThrough.delete(gate.button);
        return;
      }
      if (doc.documentElement.hasAttribute(TEST_THROW_ATTRIBUTE))
        throw new Error('test hook: the gate throws');
      readFields();
      void checkFields();
      const stillChecking = pendingCheck !== null || poe.state === 'checking';
      if (!stillChecking && blocking().length === 0) return; // nothing to say: the click is untouched
      event.preventDefault();
      event.stopImmediatePropagation();
      const label = gate.button.textContent?.trim() ?? '';
      decide(gate.button, label).catch((error: unknown) => {
        console.error(`[cpor-guard] ${FEATURE_ID}: the gate failed, the click goes through`, error);
        release(gate.button);
      });
    } catch (error) {
      // Our failure never stops the partner: the click was not held, so it goes on as if we were not here.
      console.error(`[cpor-guard] ${FEATURE_ID}: the gate failed, the click goes through`, error);
    }
  };
  doc.addEventListener('click', onClick, { capture: true, signal });
  // Files dropped on a drop zone that does not fill the page's file box.
  doc.addEventListener(
    'drop',
    (event) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0 && inputs.some((i) => i.kind === 'files')) setTimeout(() => checkFiles(files), 0);
    },
    { capture: true, signal },
  );
  const reposition = () => {
    if (active) renderNotes(doc, pack, view());
  };
  doc.defaultView?.addEventListener('scroll', reposition, { passive: true, signal });
  doc.defaultView?.addEventListener('resize', reposition, { passive: true, signal });

  await watchPage(
    signal,
    doc,
    async () => {
      const found = readFields();
      if (!found) {
        active = false;
        removeCheckView(doc);
        // A page of an unknown address that shows no claim field is not the flow: the next claim
        // starts clean. A step that only shows values (the review, the new draft) keeps the flow.
        // A creation flow (no claim id yet) keeps its values while its new draft's page renders.
        if (
          inputs.length === 0 &&
          !claimId &&
          flow.claimId !== null &&
          !mayBePage(doc.location.href, pack, CREATE_PAGE_ID)
        ) {
          flow.shown.clear();
          flow.touched.clear();
        }
        return;
      }
      active = true;
      const fileInput = inputs.find((i) => i.kind === 'files' && i.raw.length > 0);
      if (fileInput?.control instanceof HTMLInputElement) checkFiles([...(fileInput.control.files ?? [])]);
      await checkFields();
      render();
    },
    {
      refreshMs: 60_000,
      settleMs: 100,
      maxWaitMs: 500,
      onError: (error) => console.error(`[cpor-guard] ${FEATURE_ID}:`, error),
      onAbort: () => {
        removeCheckView(doc);
        checker?.close();
      },
    },
  );
  return true;
}
