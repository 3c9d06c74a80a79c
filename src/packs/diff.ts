/**
 * What a rule pack would change: the differences between two packs (the active one and one being
 * imported), rule by rule, for the policy owner to review before activating it. Pure data, no
 * browser API; the options page renders the result.
 *
 * How items are matched: by identity, never by position, so reordering alone is no change.
 * - Items with an `id` (statuses, events, fields, checks, options, file types, reasons, PoE checks,
 *   calendars, locator pages and targets, decisions, roles, facts) match by id; dated versions of
 *   one rule (clocks with a `from`) by id + from. When a version's `from` itself changed (one
 *   unmatched old and one unmatched new version of the same id), the two are paired and the change
 *   is reported at `from`.
 * - Dated lists without ids (fields' `editing`, a field's `labelHistory`, program `roles`) match
 *   by `from`; a few other lists by their natural key (ITEM_KEYS: a transition by its target
 *   status, an urgency level by its level, an extra closure by its date, …).
 * - Objects (and maps such as `messages` or pack `sources`) match by property name.
 * - A list whose items have no identity (plain values such as `urlPatterns`, aliases, or
 *   conditions) and a list whose keys are not unique compare as one value: one 'changed'. Their
 *   order counts (the first date format or keyword may be tried first), so reordering one is a
 *   change.
 * Within a matched item the diff goes down to the leaves that differ (a changed `amount` is one
 * change); an added or removed item is one change holding the whole item. `$schema` (which only
 * tells editors where the schema is) is not compared.
 *
 * Order of the result: first by category — 'rule' (values that change what cpor-guard decides or
 * reads: amounts, units, patterns, keywords, transitions, calendars…), then 'text' (what people
 * read: labels, meanings, descriptions, messages, every per-language text), then 'source' (the
 * provenance: `source`, pack `sources`, `decisions`, locators' `seen`); within a category, by file
 * in PACK_FILE_KINDS order, then in document order of the new pack, a removal where the removed
 * item or property stood among its old neighbours.
 */

import { PACK_FILE_KINDS, type PackFileKind } from '../rules/kinds';
import type { RulePack } from '../rules/types';
import { ENTRY_NOUNS } from '../rules/where';

/** What a change is about, for ordering and for grouping it on the options page. */
export type PackChangeCategory = 'rule' | 'text' | 'source';

/** The order of the categories in diffPacks' result. */
export const PACK_CHANGE_CATEGORIES: readonly PackChangeCategory[] = ['rule', 'text', 'source'];

export interface PackChange {
  file: PackFileKind;
  /** JSON pointer into the NEW pack's file, or the old one's for a removal, e.g. '/statuses/3/clocks/0/amount'. */
  pointer: string;
  /**
   * The location by ids, e.g. ["status 'partner-action-required'", "clock 'respond-to-reviewer'",
   * 'amount']; a dated version is named with its from date: "clock 'customer-opt-out' from 2021-09-01".
   */
  path: string[];
  change: 'added' | 'removed' | 'changed';
  /** The old value (a copy); absent for 'added'. */
  before?: unknown;
  /** The new value (a copy); absent for 'removed'. */
  after?: unknown;
  /** 'rule', 'text' or 'source' (see the module comment); the result is sorted by it first. */
  category: PackChangeCategory;
}

/**
 * How an item of a list is named in `path`, by the list's location ('file:/generic/pointer', `*`
 * for any index or map key) or, failing that, by the list's property name. Unlisted lists use
 * their property name.
 */
const ITEM_NOUNS: Record<string, string> = {
  'program:/roles': 'roles',
  'program:/roles/*/roles': 'role',
  ...ENTRY_NOUNS,
  editing: 'editing',
};

/** Objects whose keys are names chosen by the pack (not properties of a schema): their entries are named "<noun> '<key>'". */
const MAP_NOUNS: Record<string, string> = {
  'messages:/messages': 'message',
  'pack:/sources': 'source document',
};

/** Lists without `id` or `from` whose items are identified by another property, by the list's property name. */
const ITEM_KEYS: Record<string, string> = {
  transitions: 'to',
  urgency: 'level',
  extraClosures: 'date',
  extraWorkingDays: 'date',
  positions: 'doc',
  next: 'action',
};

/** Properties that hold provenance: everything under them is category 'source'. */
const SOURCE_PROPERTIES = new Set(['source', 'sources', 'decisions', 'seen']);
/** Properties that hold a text for people even when it is not per language. */
const TEXT_PROPERTIES = new Set(['description']);

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** A table's entry, never one of Object.prototype's ('constructor' is a valid key in a pack). */
const entryOf = (table: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text per language: { en: '…', nl: '…' }, a plural form per language counting as a text. */
function isLocalizedText(v: Json): boolean {
  if (!isObject(v)) return false;
  const entries = Object.entries(v);
  return (
    entries.length > 0 &&
    entries.every(
      ([k, text]) =>
        LOCALE.test(k) && (typeof text === 'string' || (isObject(text) && Object.hasOwn(text, 'other'))),
    )
  );
}

/** Deep equality of JSON values; the order of an object's keys does not matter, a list's order does. */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
    );
  }
  return false;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const copy = (v: Json): Json => (typeof v === 'object' && v !== null ? structuredClone(v) : v);

/** Where the diff is, in both files, and how to name it. */
interface Place {
  file: PackFileKind;
  newPointer: string;
  oldPointer: string;
  path: string[];
  /** The pointer with '*' for every list index and map key: the same for every status's clocks. */
  generic: string;
  category: PackChangeCategory;
}

interface Identity {
  key(item: JsonObject): string;
  name(item: JsonObject): string;
  /** Items of one family may be paired when only their key changed (a dated version's `from`). */
  family?(item: JsonObject): string;
}

function nounOf(place: Place, property: string): string {
  return entryOf(ITEM_NOUNS, `${place.file}:${place.generic}`) ?? entryOf(ITEM_NOUNS, property) ?? property;
}

const hasString = (item: Json, key: string): item is JsonObject =>
  isObject(item) && typeof item[key] === 'string';

/** How the items of a list are identified, or undefined when the list compares as one value. */
function identityOf(
  place: Place,
  property: string,
  a: readonly Json[],
  b: readonly Json[],
): Identity | undefined {
  const items = [...a, ...b];
  const noun = nounOf(place, property);
  let identity: Identity | undefined;
  if (items.every((item) => hasString(item, 'id'))) {
    const from = (item: JsonObject) => (typeof item.from === 'string' ? item.from : undefined);
    identity = {
      key: (item) => `${item.id}\u0000${from(item) ?? ''}`,
      name: (item) => `${noun} '${item.id}'${from(item) === undefined ? '' : ` from ${from(item)}`}`,
      family: (item) => String(item.id),
    };
  } else if (items.every((item) => hasString(item, 'from'))) {
    identity = { key: (item) => String(item.from), name: (item) => `${noun} from ${item.from}` };
  } else {
    const key = entryOf(ITEM_KEYS, property);
    if (key !== undefined && items.every((item) => hasString(item, key))) {
      identity = { key: (item) => String(item[key]), name: (item) => `${noun} '${item[key]}'` };
    }
  }
  if (!identity) return undefined;
  const unique = (list: readonly Json[]) =>
    new Set(list.map((item) => identity.key(item as JsonObject))).size === list.length;
  return unique(a) && unique(b) ? identity : undefined;
}

function categoryOf(
  parent: PackChangeCategory,
  property: string | undefined,
  before: Json,
  after: Json,
): PackChangeCategory {
  if (parent !== 'rule') return parent;
  if (property !== undefined && SOURCE_PROPERTIES.has(property)) return 'source';
  if (property !== undefined && TEXT_PROPERTIES.has(property)) return 'text';
  if (isLocalizedText(before) || isLocalizedText(after)) return 'text';
  return 'rule';
}

class Differ {
  readonly changes: PackChange[] = [];

  private emit(
    place: Place,
    change: PackChange['change'],
    pointer: string,
    path: string[],
    before: Json,
    after: Json,
  ) {
    const out: PackChange = { file: place.file, pointer, path, change, category: place.category };
    if (change !== 'added') out.before = copy(before);
    if (change !== 'removed') out.after = copy(after);
    this.changes.push(out);
  }

  /**
   * Compares two values at `place`. `segment` names the value in `path` when it is reported as a
   * whole; a list matched by identity and a map name their items instead (the noun says which).
   */
  value(place: Place, segment: string | undefined, property: string | undefined, a: Json, b: Json) {
    if (sameJson(a, b)) return;
    const named = segment === undefined ? place.path : [...place.path, segment];
    if (Array.isArray(a) && Array.isArray(b) && property !== undefined) {
      const identity = identityOf(place, property, a, b);
      if (identity) {
        this.list(place, identity, a, b);
        return;
      }
    }
    if (isObject(a) && isObject(b)) {
      // A map's entries are named "<noun> '<key>'", which says what the map is.
      const isMap = entryOf(MAP_NOUNS, `${place.file}:${place.generic}`) !== undefined;
      this.object({ ...place, path: isMap ? place.path : named }, a, b);
      return;
    }
    this.emit(place, 'changed', place.newPointer, named, a, b);
  }

  private object(place: Place, a: JsonObject, b: JsonObject) {
    const mapNoun = entryOf(MAP_NOUNS, `${place.file}:${place.generic}`);
    const child = (key: string, before: Json, after: Json): Place => ({
      file: place.file,
      newPointer: `${place.newPointer}/${escapePointer(key)}`,
      oldPointer: `${place.oldPointer}/${escapePointer(key)}`,
      path: place.path,
      generic: `${place.generic}/${mapNoun ? '*' : escapePointer(key)}`,
      // A map's keys are the pack's names, not properties: 'source' as a message key is no provenance.
      category: categoryOf(place.category, mapNoun ? undefined : key, before, after),
    });
    const segmentOf = (key: string) => (mapNoun ? `${mapNoun} '${key}'` : key);
    const skip = (key: string) => place.generic === '' && key === '$schema';

    const oldKeys = Object.keys(a);
    const oldDone = new Set<string>();
    const removeUpTo = (end: number) => {
      for (let j = 0; j < end; j++) {
        const key = oldKeys[j]!;
        if (Object.hasOwn(b, key) || oldDone.has(key) || skip(key)) continue;
        oldDone.add(key);
        const at = child(key, a[key], undefined);
        this.emit(at, 'removed', at.oldPointer, [...place.path, segmentOf(key)], a[key], undefined);
      }
    };
    for (const key of Object.keys(b)) {
      if (skip(key)) continue;
      if (!Object.hasOwn(a, key)) {
        const at = child(key, undefined, b[key]);
        this.emit(at, 'added', at.newPointer, [...place.path, segmentOf(key)], undefined, b[key]);
        continue;
      }
      removeUpTo(oldKeys.indexOf(key));
      this.value(child(key, a[key], b[key]), segmentOf(key), mapNoun ? undefined : key, a[key], b[key]);
    }
    removeUpTo(oldKeys.length);
  }

  private list(place: Place, identity: Identity, a: readonly Json[], b: readonly Json[]) {
    const oldItems = a as readonly JsonObject[];
    const newItems = b as readonly JsonObject[];
    const oldIndex = new Map(oldItems.map((item, j) => [identity.key(item), j]));
    const match = newItems.map((item) => oldIndex.get(identity.key(item)));
    const matchedOld = new Set(match.filter((j) => j !== undefined));

    // A dated version whose `from` changed: the only unmatched old and new versions of one id.
    if (identity.family) {
      const family = identity.family;
      const unmatchedOld = oldItems.map((_, j) => j).filter((j) => !matchedOld.has(j));
      const unmatchedNew = newItems.map((_, i) => i).filter((i) => match[i] === undefined);
      for (const i of unmatchedNew) {
        const id = family(newItems[i]!);
        const olds = unmatchedOld.filter((j) => family(oldItems[j]!) === id);
        const news = unmatchedNew.filter((k) => family(newItems[k]!) === id);
        if (olds.length === 1 && news.length === 1) {
          match[i] = olds[0]!;
          matchedOld.add(olds[0]!);
        }
      }
    }

    const item = (j: number | undefined, i: number | undefined): Place => ({
      ...place,
      newPointer: i === undefined ? place.newPointer : `${place.newPointer}/${i}`,
      oldPointer: j === undefined ? place.oldPointer : `${place.oldPointer}/${j}`,
      generic: `${place.generic}/*`,
      category: categoryOf(
        place.category,
        undefined,
        j === undefined ? undefined : oldItems[j],
        i === undefined ? undefined : newItems[i],
      ),
    });
    const oldDone = new Set<number>();
    const removeUpTo = (end: number) => {
      for (let j = 0; j < end; j++) {
        if (matchedOld.has(j) || oldDone.has(j)) continue;
        oldDone.add(j);
        const at = item(j, undefined);
        this.emit(
          at,
          'removed',
          at.oldPointer,
          [...place.path, identity.name(oldItems[j]!)],
          oldItems[j],
          undefined,
        );
      }
    };
    newItems.forEach((newItem, i) => {
      const j = match[i];
      const at = item(j, i);
      const path = [...place.path, identity.name(newItem)];
      if (j === undefined) {
        this.emit(at, 'added', at.newPointer, path, undefined, newItem);
        return;
      }
      removeUpTo(j);
      this.object({ ...at, path }, oldItems[j]!, newItem);
    });
    removeUpTo(oldItems.length);
  }
}

/**
 * Every difference between the pack `from` (e.g. the active one) and the pack `to` (e.g. the one
 * being imported), in the order the module comment gives. Two equal packs give [].
 */
export function diffPacks(from: RulePack, to: RulePack): PackChange[] {
  const differ = new Differ();
  for (const file of PACK_FILE_KINDS) {
    differ.value(
      { file, newPointer: '', oldPointer: '', path: [], generic: '', category: 'rule' },
      undefined,
      undefined,
      from[file],
      to[file],
    );
  }
  const rank = (c: PackChange) => PACK_CHANGE_CATEGORIES.indexOf(c.category);
  // Array.prototype.sort is stable: within a category, file and document order stay.
  return differ.changes.sort((x, y) => rank(x) - rank(y));
}
