/**
 * Where a problem is, in a policy owner's words: a JSON pointer ('/statuses/3/clocks/0/unit') said
 * by the ids of the list entries it passes ("status 'partner-action-required' › clock
 * 'respond-to-reviewer' › unit"), and the line and column of the value in the file's text when the
 * text is known (jsonc-parser locates it). Both walk at most the pointer's segments.
 */
import { type Node, parseTree } from 'jsonc-parser';
import { lineAndColumn } from './bounds';
import type { Problem } from './problem';

/**
 * How an entry of a list is called, by the list's property name; unlisted lists use their name.
 * Also the words of the pack comparison (src/packs/diff.ts), so both say a rule alike.
 */
export const ENTRY_NOUNS: Record<string, string> = {
  statuses: 'status',
  transitions: 'transition to',
  clocks: 'clock',
  urgency: 'urgency',
  events: 'event',
  calendars: 'calendar',
  extraClosures: 'extra closure',
  extraWorkingDays: 'extra working day',
  fields: 'field',
  labelHistory: 'label',
  checks: 'check',
  options: 'option',
  types: 'file type',
  actionRequired: 'action-required reason',
  rejection: 'rejection reason',
  next: 'next step',
  poeChecks: 'PoE check',
  pages: 'page',
  targets: 'target',
  entries: 'History entry',
  decisions: 'decision',
  positions: 'position of',
  facts: 'fact',
  roles: 'role',
  cases: 'case',
};

/** Objects whose keys are names the pack chose: an entry is "<noun> '<key>'". */
const MAP_NOUNS: Record<string, string> = { messages: 'message', sources: 'source document' };

/** Lists whose entries have no `id` but another property that names them. */
const ENTRY_KEYS: Record<string, string> = {
  transitions: 'to',
  urgency: 'level',
  extraClosures: 'date',
  extraWorkingDays: 'date',
  positions: 'doc',
  next: 'action',
  cases: 'name',
};

const own = (table: Record<string, string>, key: string) =>
  Object.hasOwn(table, key) ? table[key] : undefined;
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const segmentsOf = (pointer: string) =>
  pointer === ''
    ? []
    : pointer
        .replace(/^\//, '')
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
const shortQuote = (v: string) => `'${v.length > 60 ? `${v.slice(0, 60)}…` : v}'`;

/**
 * The pointer in words, e.g. "status 'approved' › clock 'customer-opt-out' from 2021-09-01 › unit";
 * '' for the whole file. A segment past the data (a property that is missing) is said by its name.
 */
export function pointerInWords(root: unknown, pointer: string): string {
  const words: string[] = [];
  let node: unknown = root;
  let property = '';
  const segments = segmentsOf(pointer);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      const entry = node[Number(segment)];
      const noun = own(ENTRY_NOUNS, property) ?? property;
      const key = own(ENTRY_KEYS, property);
      const name = isObject(entry) ? (entry.id ?? (key ? entry[key] : undefined)) : undefined;
      let said =
        typeof name === 'string' ? `${noun} ${shortQuote(name)}` : `${property || 'item'}[${segment}]`;
      if (isObject(entry) && typeof entry.from === 'string') said += ` from ${entry.from}`;
      words.push(said);
      node = entry;
      property = '';
      return;
    }
    const map = own(MAP_NOUNS, property);
    if (map && isObject(node)) {
      words.push(`${map} ${shortQuote(segment)}`);
      node = node[segment];
      property = '';
      return;
    }
    if (property) words.push(property);
    const value = isObject(node) ? node[segment] : undefined;
    // A list or a map of named entries is said by its entries ("status 'x'", not "statuses › status 'x'").
    const saidByEntries = !last && (Array.isArray(value) || (own(MAP_NOUNS, segment) && isObject(value)));
    if (!saidByEntries) words.push(segment);
    property = saidByEntries ? segment : '';
    node = value;
  });
  if (property) words.push(property);
  return words.join(' › ');
}

/** The line and column of the value at `pointer` in a JSON text, or of its nearest enclosing value. */
export function locatePointer(tree: Node | undefined, text: string, pointer: string) {
  let node = tree;
  if (!node) return undefined;
  for (const segment of segmentsOf(pointer)) {
    let next: Node | undefined;
    if (node.type === 'array' && /^\d+$/.test(segment)) next = node.children?.[Number(segment)];
    else if (node.type === 'object')
      next = node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1];
    if (!next) break;
    node = next;
  }
  return lineAndColumn(text, node.offset);
}

/** A file's parsed value and, when known, its text: what `placeProblems` places problems in. */
export interface PlacedFile {
  data: unknown;
  text?: string;
}

/**
 * The problems with the place of each said in words (`path`) and, where the file's text is known,
 * by line and column. Problems of other files, or of the whole file, are returned as they are.
 */
export function placeProblems(
  problems: readonly Problem[],
  files: ReadonlyMap<string, PlacedFile>,
): Problem[] {
  const trees = new Map<string, Node | undefined>();
  return problems.map((p) => {
    const file = files.get(p.file);
    if (!file || p.pointer === '' || p.path !== undefined) return p;
    let path: string;
    try {
      path = pointerInWords(file.data, p.pointer);
    } catch {
      return p;
    }
    if (file.text === undefined) return { ...p, path };
    if (!trees.has(p.file)) trees.set(p.file, parseTree(file.text));
    const at = locatePointer(trees.get(p.file), file.text, p.pointer);
    return at ? { ...p, path, line: at.line, column: at.column } : { ...p, path };
  });
}
