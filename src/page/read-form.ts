/**
 * Reads the claim's fields where the partner makes the claim: the creation flow's inputs, a
 * claim's edit mode, and the values a claim page shows beside their labels. What to look for is
 * data of rules/cpor/locators.json `inputs` (a field of fields.json, its label per language and,
 * where a label repeats, the group it is in); nothing here looks at the host's class names or ids.
 *
 * What the page shows is returned as the page shows it (raw texts); turning a text into a
 * field's value (an option id, a number, the ID inside 'Contoso (4871236)') is the checker's
 * work (src/checker/page-claim.ts), in the extension's own frame, so the content script carries no
 * pattern engine.
 *
 * How a label leads to its value, in the page's own HTML meaning:
 * - `<label>` → its control (`for=` or nested): a text box, a select (the chosen option's text),
 *   a file input (the chosen files' names), a checkbox (its state);
 * - `<legend>` or a group's name (role=group/radiogroup with aria-label or aria-labelledby) →
 *   the checked boxes' or radio buttons' labels;
 * - any other short text (a `<span>`, `<dt>`, `<th>`) → the element after it: its list items, or
 *   its text (a read-only claim page).
 * Headings, buttons and links are never labels ('Comments' the heading is not 'Comments' the box).
 */
import type { RulePack } from '../rules/types';
import { foldText } from '../text/fold';
import { langOf, packLocaleOf } from './locale';
import { shownText } from './read-list';

/** How the value was shown. */
export type InputKind = 'text' | 'select' | 'checkbox' | 'options' | 'files' | 'shown';

export interface PageInput {
  /** The field id of fields.json. */
  field: string;
  kind: InputKind;
  /** The text shown (text box, select, read-only value), or the checked options' labels / file names. */
  raw: string | string[];
  /** What a marker is placed beside: the control, the group, or the shown value. */
  anchor: Element;
  /** The control the partner edits; null for a shown value. */
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  /** The index of the locators.json input that found it (for its valuePattern). */
  locator: number;
}

export interface FormReading {
  /** The pack locale the labels were read in. */
  locale: string;
  /** One per field found, in locators.json order; a field found twice keeps its first (editable first). */
  inputs: PageInput[];
}

/** Elements that can carry a label's text; others (headings, buttons, links) never do. */
const LABEL_LIKE = 'label, legend, span, dt, th, div, p, strong, b';
/** A label is short: longer texts are passed over without folding. */
const MAX_LABEL_LENGTH = 120;
const HEADING = /^(H[1-6]|LEGEND)$/;

/** Reads the claim form under `root`; null when no input of the rules is on the page. Never throws on odd markup. */
export function readClaimForm(root: Document | Element, pack: RulePack): FormReading | null {
  const inputs = pack.locators.inputs ?? [];
  if (inputs.length === 0) return null;
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const locale = pageLocaleOf(doc, pack);
  const byText = labelElements(root, pack, locale);
  const found = new Map<string, PageInput>();
  inputs.forEach((input, locator) => {
    const labels = input.label[locale] ?? [];
    const within = (input.within?.[locale] ?? []).map(foldText);
    for (const label of labels) {
      for (const element of byText.get(foldText(label)) ?? []) {
        if (within.length > 0 && !isWithin(element, within)) continue;
        const read = valueNextTo(element, doc);
        if (!read) continue;
        const earlier = found.get(input.field);
        // An editable control wins over a shown value of the same field (edit mode shows both).
        if (earlier && (earlier.control || !read.control)) continue;
        found.set(input.field, { field: input.field, locator, ...read });
      }
    }
  });
  if (found.size === 0) return null;
  const order = new Map(inputs.map((input, i) => [input.field, i]));
  const list = [...found.values()].sort((a, b) => order.get(a.field)! - order.get(b.field)!);
  return { locale, inputs: list };
}

/** Folded text → the label-like elements showing exactly it, for the labels the rules name in `locale`. */
function labelElements(root: Document | Element, pack: RulePack, locale: string): Map<string, Element[]> {
  const wanted = new Set<string>();
  for (const input of pack.locators.inputs ?? [])
    for (const label of input.label[locale] ?? []) wanted.add(foldText(label));
  const out = new Map<string, Element[]>();
  for (const element of root.querySelectorAll(LABEL_LIKE)) {
    const raw = element.textContent ?? '';
    if (raw.length === 0 || raw.length > MAX_LABEL_LENGTH) continue;
    // A container of other labels is not a label: its own text is its children's.
    if (element.tagName !== 'LABEL' && element.tagName !== 'LEGEND' && element.childElementCount > 0)
      continue;
    const folded = foldText(shownText(element).replace(/\s*\*$/, ''));
    if (!wanted.has(folded)) continue;
    const list = out.get(folded) ?? [];
    list.push(element);
    out.set(folded, list);
  }
  // Groups named by aria-label (a radio group without a legend).
  for (const group of root.querySelectorAll('[role="group"][aria-label], [role="radiogroup"][aria-label]')) {
    const folded = foldText(group.getAttribute('aria-label') ?? '');
    if (!wanted.has(folded)) continue;
    const list = out.get(folded) ?? [];
    list.push(group);
    out.set(folded, list);
  }
  return out;
}

type Read = Omit<PageInput, 'field' | 'locator'>;

function valueNextTo(label: Element, doc: Document): Read | null {
  if (label.tagName === 'LABEL') {
    const control = (label as HTMLLabelElement).control;
    return control ? controlValue(control) : null;
  }
  if (label.tagName === 'LEGEND') return groupValue(label.parentElement, label);
  if (label.getAttribute('role') === 'group' || label.getAttribute('role') === 'radiogroup')
    return groupValue(label, label);
  // A group or control that names this element as its label.
  if (label.id) {
    const named = doc.querySelector(`[aria-labelledby~="${CSS.escape(label.id)}"]`);
    if (named && isControl(named)) return controlValue(named);
    if (named) return groupValue(named, named);
  }
  // A read-only value: the element after the label.
  const value = label.tagName === 'DT' ? nextOfTag(label, 'DD') : label.nextElementSibling;
  if (!value) return null;
  if (isControl(value)) return controlValue(value);
  const items = value.matches('ul, ol') ? [...value.querySelectorAll('li')] : [];
  if (items.length > 0) return { kind: 'shown', raw: items.map(shownText), anchor: value, control: null };
  return { kind: 'shown', raw: shownText(value), anchor: value, control: null };
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A form control, by its tag: `instanceof` fails across windows and in other realms. */
function isControl(element: Element): element is Control {
  return element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA';
}

function controlValue(control: Element): Read | null {
  if (!isControl(control)) return null;
  if (control.tagName === 'SELECT') {
    const option = (control as HTMLSelectElement).selectedOptions[0];
    const raw = option && option.value !== '' ? shownText(option) : '';
    return { kind: 'select', raw, anchor: control, control };
  }
  if (control.tagName === 'TEXTAREA') return { kind: 'text', raw: control.value, anchor: control, control };
  const input = control as HTMLInputElement;
  if (input.type === 'file')
    return { kind: 'files', raw: [...(input.files ?? [])].map((f) => f.name), anchor: input, control: input };
  if (input.type === 'checkbox' || input.type === 'radio')
    return { kind: 'checkbox', raw: input.checked ? 'true' : '', anchor: input, control: input };
  return { kind: 'text', raw: input.value, anchor: input, control: input };
}

/** The checked boxes or radio buttons of a group, by their labels. */
function groupValue(group: Element | null, anchor: Element): Read | null {
  if (!group) return null;
  const boxes = [
    ...group.querySelectorAll('input[type="checkbox"], input[type="radio"]'),
  ] as HTMLInputElement[];
  if (boxes.length === 0) return null;
  const raw = boxes.filter((b) => b.checked).map((b) => boxLabel(b));
  return { kind: 'options', raw, anchor, control: boxes[0]! };
}

function boxLabel(box: HTMLInputElement): string {
  const label = box.labels?.[0];
  if (label) return shownText(label);
  const named = box.getAttribute('aria-label');
  return named ?? box.value;
}

function nextOfTag(element: Element, tag: string): Element | null {
  for (let next = element.nextElementSibling; next; next = next.nextElementSibling)
    if (next.tagName === tag) return next;
  return null;
}

/**
 * Whether `element` is in a group, section or dialog named by one of `names` (folded): at each
 * level up, the nearest heading or legend before it, and the level's own name (aria-label,
 * aria-labelledby).
 */
export function isWithin(element: Element, names: readonly string[]): boolean {
  for (let at: Element | null = element; at && at.tagName !== 'BODY'; at = at.parentElement) {
    const title = nearestHeadingBefore(at) ?? ownName(at);
    if (title !== null && names.includes(foldText(title))) return true;
    const name = ownName(at);
    if (name !== null && names.includes(foldText(name))) return true;
  }
  return false;
}

function nearestHeadingBefore(element: Element): string | null {
  for (let prev = element.previousElementSibling; prev; prev = prev.previousElementSibling) {
    if (HEADING.test(prev.tagName)) return shownText(prev);
    if (prev.getAttribute('role') === 'heading') return shownText(prev);
  }
  return null;
}

function ownName(element: Element): string | null {
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const by = element.getAttribute('aria-labelledby');
  if (by) {
    const named = element.ownerDocument.getElementById(by.split(/\s+/)[0]!);
    if (named) return shownText(named);
  }
  return null;
}

/**
 * The locators.json target with `gate: true` that `element` (the target of a click) is, or is
 * inside: a button whose text is the target's in `locale`, in the group the target names
 * (`within`) if it names one. null for every other click.
 */
export function gateButtonAt(
  element: Element | null,
  pack: RulePack,
  locale: string,
): { id: string; button: HTMLElement } | null {
  const button = element?.closest('button, [role="button"], input[type="submit"]') as HTMLElement | null;
  if (!button) return null;
  const text = foldText(button.tagName === 'INPUT' ? (button as HTMLInputElement).value : shownText(button));
  if (text === '' || text.length > MAX_LABEL_LENGTH) return null;
  for (const target of pack.locators.targets) {
    if (!target.gate || target.role !== 'button') continue;
    if (!(target.text[locale] ?? []).some((t) => foldText(t) === text)) continue;
    const within = (target.within?.[locale] ?? []).map(foldText);
    if (within.length > 0 && !isWithin(button, within)) continue;
    return { id: target.id, button };
  }
  return null;
}

/** The pack locale of the page (its `<html lang>`), else the pack's default. */
export function pageLocaleOf(doc: Document, pack: RulePack): string {
  return packLocaleOf(langOf(doc), pack.pack.locales) ?? pack.pack.defaultLocale;
}
