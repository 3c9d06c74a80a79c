/**
 * What the in-page check shows (feature 'claim-check'): a note beside each field with a finding,
 * one check panel with every finding in the partner's words, and the dialog before a submit with
 * a blocking problem. Plain DOM in shadow roots of ours: the notes are placed over the page
 * (absolutely, measured from the field), so the host's layout never moves.
 */
import { formatMessage } from '../i18n/format';
import type { RulePack } from '../rules/types';
import type { Finding, Severity } from '../validation/finding';
import { findingText } from '../validation/finding-text';
import { OWN_ATTRIBUTE as OWN } from './watch';

const FONT = '400 13px/18px "Segoe UI", system-ui, sans-serif';
const COLOURS: Record<Severity, { accent: string; back: string }> = {
  blocking: { accent: '#c50f1f', back: '#fdf3f4' },
  warning: { accent: '#bc4b09', back: '#fff9f5' },
  info: { accent: '#0f6cbd', back: '#ebf3fc' },
};
const RANK: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

export interface CheckView {
  locale: string;
  day: string;
  /** Field findings, PoE findings and the PoE's state. */
  findings: readonly Finding[];
  poe:
    | { state: 'none' }
    | { state: 'checking'; files: string[] }
    /** `keptAt`: the result was kept from a check at that moment (ms since the epoch), not read now. */
    | { state: 'done'; files: string[]; keptAt?: number }
    | { state: 'failed'; message: string };
  /** Where each field is on the page; a field without an anchor gets no note. */
  anchors: ReadonlyMap<string, Element>;
  /** Fields whose notes show (touched by the partner, or all after a submit was stopped). */
  shownFields: ReadonlySet<string>;
  /** Fields that may not change in the claim's status: their boxes get a 'locked' mark, the others 'editable'. */
  locked: ReadonlySet<string>;
  /** The claim's status, as the page's language names it. */
  statusLabel: string;
  /** Focus the field of a finding ('Go to the field'). */
  goTo(field: string): void;
}

const NOTES_CSS = `
:host { all: initial; position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 2147483000; }
.note { position: absolute; width: max-content; max-width: 280px; padding: 2px 8px; border-radius: 4px; border-left: 3px solid; font: 400 12px/16px "Segoe UI", system-ui, sans-serif;
  color: #242424; box-shadow: 0 1px 3px rgba(0,0,0,.16); pointer-events: none; }
${(Object.keys(COLOURS) as Severity[]).map((s) => `.note[data-severity="${s}"] { border-color: ${COLOURS[s].accent}; background: ${COLOURS[s].back}; }`).join('\n')}
`;

const PANEL_CSS = `
:host { all: initial; position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; }
section { width: 360px; max-width: calc(100vw - 32px); max-height: min(60vh, 560px); overflow: auto; background: #fff; color: #242424; font: ${FONT};
  border: 1px solid #d1d1d1; border-top: 4px solid #0f6cbd; border-radius: 6px; box-shadow: 0 8px 24px rgba(0,0,0,.18); }
section[data-state="blocking"] { border-top-color: ${COLOURS.blocking.accent}; }
section[data-state="unchecked"] { border-top-color: ${COLOURS.warning.accent}; }
header { display: flex; align-items: flex-start; gap: 8px; padding: 10px 12px; position: sticky; top: 0; background: #fff; }
h2 { flex: 1; margin: 0; font: 600 14px/20px "Segoe UI", system-ui, sans-serif; }
p { margin: 4px 0; }
.summary { padding: 0 12px 8px; }
ul.findings { list-style: none; margin: 0; padding: 0 12px 12px; }
li.finding { padding: 8px 10px; margin-top: 8px; border-left: 3px solid; border-radius: 4px; }
${(Object.keys(COLOURS) as Severity[]).map((s) => `li.finding[data-severity="${s}"] { border-color: ${COLOURS[s].accent}; background: ${COLOURS[s].back}; }`).join('\n')}
.meta, .source { color: #616161; font-size: 12px; }
ul.evidence { margin: 2px 0; padding-left: 18px; }
button { font: 600 13px/18px "Segoe UI", system-ui, sans-serif; border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; color: #242424;
  padding: 4px 10px; cursor: pointer; }
button:hover { background: #f5f5f5; }
button:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 2px; }
section[hidden-body] .body { display: none; }
`;

const DIALOG_CSS = `
:host { all: initial; }
dialog { max-width: 520px; border: 0; border-radius: 8px; padding: 20px 24px; color: #242424; font: ${FONT};
  box-shadow: 0 16px 48px rgba(0,0,0,.28); }
dialog::backdrop { background: rgba(0,0,0,.4); }
h2 { margin: 0 0 8px; font: 600 18px/24px "Segoe UI", system-ui, sans-serif; }
ul { padding-left: 20px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
button { font: 600 14px/20px "Segoe UI", system-ui, sans-serif; border: 1px solid #d1d1d1; border-radius: 4px; padding: 6px 14px;
  background: #fff; color: #242424; cursor: pointer; }
button.primary { background: #0f6cbd; border-color: #0f6cbd; color: #fff; }
button:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 2px; }
`;

function hostOf(doc: Document, id: string, css: string): ShadowRoot {
  let host = doc.querySelector<HTMLElement>(`[${OWN}="${id}"]`);
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(OWN, id);
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
    (doc.body ?? doc.documentElement).append(host);
  }
  return host.shadowRoot!;
}

/** A box the partner can type in or choose with (not a read-only value). */
function isEditableControl(element: Element): boolean {
  return (
    /^(INPUT|SELECT|TEXTAREA|FIELDSET|LEGEND)$/.test(element.tagName) &&
    !(element as HTMLInputElement).disabled
  );
}

export function removeCheckView(doc: Document): void {
  for (const id of ['check-notes', 'check-panel', 'check-gate'])
    doc.querySelector(`[${OWN}="${id}"]`)?.remove();
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const worst = (findings: readonly Finding[]) =>
  [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0];

/** The notes beside the fields: the worst finding of each shown field, placed right of it (or below when there is no room). */
export function renderNotes(doc: Document, pack: RulePack, view: CheckView): void {
  const root = hostOf(doc, 'check-notes', NOTES_CSS);
  for (const old of root.querySelectorAll('.note')) old.remove();
  const win = doc.defaultView;
  const byField = new Map<string, Finding[]>();
  for (const f of view.findings)
    if ('field' in f.concerns && view.shownFields.has(f.concerns.field))
      byField.set(f.concerns.field, [...(byField.get(f.concerns.field) ?? []), f]);
  // After submission (an edit mode) each box says whether it may change: a finding wins over the mark.
  const marks = new Map<string, { text: string; severity: Severity; kind: string }>();
  if (view.locked.size > 0)
    for (const [field, anchor] of view.anchors)
      if (isEditableControl(anchor))
        marks.set(field, {
          text: formatMessage(
            pack,
            view.locked.has(field) ? 'ui.inpage.locked' : 'ui.inpage.editable',
            view.locale,
            {
              status: view.statusLabel,
            },
          ),
          severity: 'info',
          kind: view.locked.has(field) ? 'locked' : 'editable',
        });
  for (const [field, findings] of byField) {
    const finding = worst(findings)!;
    marks.set(field, {
      text: findingText(pack, finding, view.locale, view.day).message,
      severity: finding.severity,
      kind: 'finding',
    });
  }
  for (const [field, mark] of marks) {
    const anchor = view.anchors.get(field);
    if (!anchor?.isConnected) continue;
    const rect = anchor.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not rendered (a closed panel)
    const note = el(doc, 'div', mark.text, {
      class: 'note',
      'data-severity': mark.severity,
      'data-field': field,
      'data-kind': mark.kind,
      'aria-hidden': 'true',
    });
    root.append(note);
    const scrollX = win?.scrollX ?? 0;
    const scrollY = win?.scrollY ?? 0;
    const room = (win?.innerWidth ?? 1280) - rect.right;
    if (room >= 200) {
      note.style.left = `${rect.right + scrollX + 8}px`;
      note.style.top = `${rect.top + scrollY}px`;
    } else {
      // No room on the right (a side panel): under the field, no wider than it.
      note.style.left = `${rect.left + scrollX}px`;
      note.style.top = `${rect.bottom + scrollY + 2}px`;
      note.style.maxWidth = `${Math.max(160, rect.width)}px`;
    }
  }
}

/** The check panel, bottom right: a headline that is never a pass for what was not read, then every finding. */
export function renderPanel(
  doc: Document,
  pack: RulePack,
  view: CheckView,
  collapsed: { value: boolean },
): void {
  const root = hostOf(doc, 'check-panel', PANEL_CSS);
  const t = (key: string, params: Record<string, string | number> = {}) =>
    formatMessage(pack, key, view.locale, params);
  const blocking = view.findings.filter((f) => f.severity === 'blocking').length;
  const failed = view.poe.state === 'failed';
  const summary =
    blocking > 0
      ? t('ui.check.summaryBlocking', { count: blocking })
      : failed
        ? t('ui.inpage.poeNotChecked')
        : view.findings.length > 0
          ? t('ui.inpage.summaryWarnings', { count: view.findings.length })
          : t('ui.inpage.summaryClear');
  const content = JSON.stringify([
    view.locale,
    view.findings.map((f) => [f.id, f.evidence]),
    view.poe,
    collapsed.value,
  ]);
  const existing = root.querySelector('section');
  if (existing?.dataset.content === content) return;
  const section = el(doc, 'section', undefined, {
    role: 'region',
    'aria-label': t('ui.inpage.title'),
    'data-state': blocking > 0 ? 'blocking' : failed ? 'unchecked' : 'clear',
    'data-testid': 'inpage-check',
    'data-poe': view.poe.state,
  });
  section.dataset.content = content;
  const header = el(doc, 'header');
  header.append(el(doc, 'h2', t('ui.inpage.title')));
  const toggle = el(doc, 'button', collapsed.value ? t('ui.inpage.show') : t('ui.inpage.hide'), {
    type: 'button',
    'aria-expanded': String(!collapsed.value),
  });
  toggle.addEventListener('click', () => {
    collapsed.value = !collapsed.value;
    renderPanel(doc, pack, view, collapsed);
    root.querySelector('button')?.focus();
  });
  header.append(toggle);
  section.append(header);
  // The headline stays when the panel is folded: the partner always sees where the claim stands.
  section.append(
    el(doc, 'p', summary, { class: 'summary', 'data-testid': 'inpage-summary', role: 'status' }),
  );
  const body = el(doc, 'div', undefined, { class: 'body' });
  if (view.poe.state === 'checking')
    body.append(
      el(doc, 'p', t('ui.inpage.poeChecking', { files: view.poe.files.join(', ') }), { class: 'summary' }),
    );
  if (view.poe.state === 'done')
    body.append(
      el(
        doc,
        'p',
        view.poe.keptAt === undefined
          ? t('ui.inpage.poeChecked', { files: view.poe.files.join(', ') })
          : t('ui.inpage.poeKept', {
              files: view.poe.files.join(', '),
              when: new Intl.DateTimeFormat(view.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
                view.poe.keptAt,
              ),
            }),
        { class: 'summary', 'data-testid': 'inpage-poe' },
      ),
    );
  if (view.poe.state === 'failed') body.append(el(doc, 'p', view.poe.message, { class: 'summary' }));
  const list = el(doc, 'ul', undefined, { class: 'findings' });
  for (const finding of [...view.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    const text = findingText(pack, finding, view.locale, view.day);
    const item = el(doc, 'li', undefined, {
      class: 'finding',
      'data-severity': finding.severity,
      'data-finding': finding.id,
    });
    const message = el(doc, 'p');
    message.append(el(doc, 'strong', `${t(`severity.${finding.severity}`)}: ${text.message}`));
    item.append(message, el(doc, 'p', text.concerns, { class: 'meta' }));
    if (text.predicts) item.append(el(doc, 'p', text.predicts, { 'data-testid': 'finding-predicts' }));
    if (text.evidence.length > 0) {
      item.append(el(doc, 'p', `${t('ui.check.evidence')}:`, { class: 'meta' }));
      const evidence = el(doc, 'ul', undefined, { class: 'evidence' });
      for (const e of text.evidence) evidence.append(el(doc, 'li', e.line));
      item.append(evidence);
    }
    if (text.fix) item.append(el(doc, 'p', text.fix));
    item.append(el(doc, 'p', text.source, { class: 'source' }));
    if (text.field && view.anchors.has(text.field)) {
      const go = el(doc, 'button', t('ui.check.goToField'), { type: 'button' });
      const field = text.field;
      go.addEventListener('click', () => view.goTo(field));
      item.append(go);
    }
    list.append(item);
  }
  body.append(list);
  if (collapsed.value) body.hidden = true;
  section.append(body);
  existing?.remove();
  root.append(section);
}

/**
 * Asks once before a submit with blocking problems: 'Fix' (the default, and Escape) goes to the
 * first problem's field, 'Submit anyway' lets the click go through. Resolves with the choice.
 */
export function askBeforeSubmit(
  doc: Document,
  pack: RulePack,
  view: CheckView,
  button: string,
): Promise<'fix' | 'submit'> {
  const root = hostOf(doc, 'check-gate', DIALOG_CSS);
  root.querySelector('dialog')?.remove();
  const t = (key: string, params: Record<string, string | number> = {}) =>
    formatMessage(pack, key, view.locale, params);
  const blocking = view.findings.filter((f) => f.severity === 'blocking');
  const dialog = el(doc, 'dialog', undefined, {
    'aria-labelledby': 'cg-gate-title',
    'data-testid': 'inpage-gate',
  });
  dialog.append(
    el(doc, 'h2', t('ui.inpage.gateTitle', { count: blocking.length, button }), { id: 'cg-gate-title' }),
  );
  dialog.append(el(doc, 'p', t('ui.inpage.gateIntro')));
  const list = el(doc, 'ul');
  for (const f of blocking) {
    const text = findingText(pack, f, view.locale, view.day);
    list.append(el(doc, 'li', text.predicts ? `${text.message} ${text.predicts}` : text.message));
  }
  dialog.append(list);
  const actions = el(doc, 'div', undefined, { class: 'actions' });
  const fix = el(doc, 'button', t('ui.inpage.fix'), { type: 'button', class: 'primary', autofocus: '' });
  const anyway = el(doc, 'button', t('ui.inpage.submitAnyway'), { type: 'button' });
  actions.append(anyway, fix);
  dialog.append(actions);
  root.append(dialog);
  return new Promise((resolve) => {
    const done = (choice: 'fix' | 'submit') => {
      dialog.close();
      dialog.remove();
      resolve(choice);
    };
    fix.addEventListener('click', () => done('fix'));
    anyway.addEventListener('click', () => done('submit'));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      done('fix');
    });
    dialog.showModal();
    fix.focus();
  });
}
