/**
 * The content checks of the PoE: one per kind of PoE check in rules/cpor/reasons.json
 * ('mentions-claim', 'identity-match', 'acknowledgment', 'dates', 'description', 'products').
 * Synchronous and pure: they run on text already read, so the rule cases (reasons.cases.json)
 * run them directly. All the PoE files of a claim are searched together: a signature in one
 * file and the products in another pass; evidence names the file it quotes.
 */
import { localize } from '../../i18n/format';
import { fieldLabelOn } from '../../rules/lifecycle';
import type { ActionRequiredReason, Field, LocalizedText, PoECheck, RulePack } from '../../rules/types';
import { foldText } from '../../text/fold';
import type { ClaimValues } from '../claim';
import type { Evidence, Finding, Severity } from '../finding';
import {
  type CalendarDate,
  calendarDateOf,
  compileDatePatterns,
  type DateOrder,
  type DatePatterns,
  dayNumber,
  findDates,
  formatDate,
  monthsBefore,
} from './dates';
import { poeNote } from './notes';
import {
  findAll,
  isWordChar,
  locate,
  makeSearchable,
  type PoeDocument,
  type SearchableDocument,
} from './text';

export type ContentCheckKind =
  | 'mentions-claim'
  | 'identity-match'
  | 'acknowledgment'
  | 'dates'
  | 'description'
  | 'products';
const CONTENT_KINDS = new Set<string>([
  'mentions-claim',
  'identity-match',
  'acknowledgment',
  'dates',
  'description',
  'products',
]);

export interface ContentOptions {
  submissionDate: Date;
  /**
   * Files whose text could not be read, or not completely (a scan, a page without text, a
   * file cut off). Something "not found" may be in them, so a not-found finding is lowered to a
   * warning and names them.
   */
  unread?: readonly string[];
}

/** Where a piece of text was found. */
interface Hit {
  s: SearchableDocument;
  start: number;
  end: number;
}

/** The rule's words, folded, per language; compiled once per check object. */
interface CompiledCheck {
  keywords: Map<string, string[]>;
  partyKeywords: string[];
  dates?: DatePatterns;
}
const compiled = new WeakMap<PoECheck, CompiledCheck>();

function foldedWords(words: Record<string, string[] | undefined> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [lang, list] of Object.entries(words ?? {}))
    out.set(lang, [...new Set((list ?? []).map(foldText))]);
  return out;
}

function compile(check: PoECheck): CompiledCheck {
  let c = compiled.get(check);
  if (!c) {
    c = {
      keywords: foldedWords(check.keywords),
      partyKeywords: [...new Set([...foldedWords(check.partyKeywords).values()].flat())],
      ...(check.monthNames ? { dates: compileDatePatterns(check.monthNames) } : {}),
    };
    compiled.set(check, c);
  }
  return c;
}

const allKeywords = (c: CompiledCheck) => [...new Set([...c.keywords.values()].flat())];

/** Every whole-word occurrence of a folded needle in a document, memoised per check run. */
function occurrences(ctx: Context, s: SearchableDocument, needle: string): number[] {
  let perDoc = ctx.memo.get(s);
  if (!perDoc) {
    perDoc = new Map();
    ctx.memo.set(s, perDoc);
  }
  let found = perDoc.get(needle);
  if (!found) {
    found = findAll(s.folded, needle);
    perDoc.set(needle, found);
  }
  return found;
}

function hitsOf(ctx: Context, needles: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const s of ctx.docs) {
    const inDoc: Hit[] = [];
    for (const needle of needles) {
      for (const at of occurrences(ctx, s, needle)) inDoc.push({ s, start: at, end: at + needle.length });
    }
    hits.push(...inDoc.sort((a, b) => a.start - b.start));
  }
  return hits;
}

function evidenceAt(hit: Hit, note?: LocalizedText): Evidence {
  const where = locate(hit.s, hit.start, hit.end);
  return { found: true, file: hit.s.doc.name, ...where, ...(note ? { note } : {}) };
}

function stringValue(claim: ClaimValues, field: string): string | undefined {
  const v = claim[field];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

// ---- the checks ----

interface Context {
  docs: readonly SearchableDocument[];
  claim: ClaimValues;
  pack: RulePack;
  submission: CalendarDate;
  /** The submission date as YYYY-MM-DD: the day whose field labels the notes use. */
  day: string;
  /** Languages the documents are written in, by the rules' keywords found (most first). */
  languages: string[];
  fileNames: string[];
  memo: Map<SearchableDocument, Map<string, number[]>>;
  /** The acknowledgment markers per check, shared by the 'acknowledgment' and 'dates' checks. */
  markers: Map<PoECheck, { markers: Hit[]; customer: Hit[] }>;
}

/** Each check returns the evidence of a problem, or undefined when there is none. */
type CheckRunner = (check: PoECheck, ctx: Context) => Evidence[] | undefined;

/** The files searched, for a note: their names are quoted, not translated. */
const searched = (ctx: Context) => ctx.fileNames.join(', ');

const notFound = (ctx: Context, quote?: string, note?: LocalizedText): Evidence => ({
  found: false,
  ...(quote ? { quote } : {}),
  note: note ?? poeNote(ctx.pack, 'poe.note.searched', { files: searched(ctx) }),
});

/** A field's label in the given language, as Partner Center showed it on the submission day. */
function fieldLabel(ctx: Context, id: string, locale: string): string {
  const field = ctx.pack.fields.fields.find((f) => f.id === id);
  return field ? localize(fieldLabelOn(field, ctx.day), locale, ctx.pack.pack.defaultLocale) : id;
}

const mentionsClaim: CheckRunner = (check, ctx) => {
  const values = (check.fields ?? []).flatMap((field) => {
    const value = stringValue(ctx.claim, field);
    return value ? [{ field, value }] : [];
  });
  // Nothing to look for: the field checks report the empty fields.
  if (values.length === 0) return undefined;
  const found = values.filter(({ value }) =>
    ctx.docs.some((s) => findAll(s.folded, foldText(value), 1).length > 0),
  );
  if (found.length >= Math.min(check.minMatches ?? 1, values.length)) return undefined;
  return values
    .filter((v) => !found.includes(v))
    .map(({ field, value }) =>
      notFound(
        ctx,
        value,
        poeNote(ctx.pack, 'poe.note.valueNotFound', (locale) => ({
          field: fieldLabel(ctx, field, locale),
          files: searched(ctx),
        })),
      ),
    );
};

const GUID =
  /(?<![\p{L}\p{N}-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}-])/gu;
const DOMAIN =
  /(?<![\p{L}\p{N}.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\p{L}\p{N}-])/gu;

function tokenPattern(field: Field | undefined): RegExp | undefined {
  if (field?.kind === 'guid') return GUID;
  if (field?.kind === 'domain') return DOMAIN;
  return undefined;
}

function sameIdentity(kind: string, found: string, claimed: string): boolean {
  if (kind === 'domain') return found === claimed || found.endsWith(`.${claimed}`);
  return found === claimed;
}

const identityMatch: CheckRunner = (check, ctx) => {
  const c = compile(check);
  const markers = hitsOf(ctx, allKeywords(c));
  const window = check.windowChars ?? 80;
  const evidence: Evidence[] = [];
  for (const fieldId of check.fields ?? []) {
    const claimed = stringValue(ctx.claim, fieldId);
    const field = ctx.pack.fields.fields.find((f) => f.id === fieldId);
    const pattern = tokenPattern(field);
    if (!claimed || !pattern || !field) continue;
    const want = foldText(claimed);
    const mismatches = new Map<string, Hit>();
    const consider = (s: SearchableDocument, from: number, to: number, firstOnly: boolean) => {
      const region = s.folded.slice(from, to);
      for (const m of region.matchAll(pattern)) {
        const token = m[0];
        const start = from + (m.index ?? 0);
        if (!sameIdentity(field.kind, token, want) && !mismatches.has(token)) {
          mismatches.set(token, { s, start, end: start + token.length });
        }
        if (firstOnly) break;
      }
    };
    if (c.keywords.size > 0) {
      // Only values labelled as the customer's tenant or domain count: a PoE holds other GUIDs
      // (e-signature envelope IDs) and other domains (the partner's).
      for (const m of markers) consider(m.s, m.end, Math.min(m.s.folded.length, m.end + window), true);
    } else {
      for (const s of ctx.docs) consider(s, 0, s.folded.length, false);
    }
    for (const [token, hit] of mismatches) {
      evidence.push(
        evidenceAt(
          hit,
          poeNote(ctx.pack, 'poe.note.identityMismatch', (locale) => ({
            field: fieldLabel(ctx, field.id, locale),
            found: token,
            claimed,
          })),
        ),
      );
    }
  }
  return evidence.length ? evidence : undefined;
};

type Span = { s: SearchableDocument; start: number; end: number };

/** Hits grouped per document, sorted by start: for `near`. */
function byDocument(hits: readonly Hit[]): Map<SearchableDocument, Hit[]> {
  const out = new Map<SearchableDocument, Hit[]>();
  for (const h of hits) {
    const list = out.get(h.s);
    if (list) list.push(h);
    else out.set(h.s, [h]);
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

/** Whether any of `others` is within `window` characters of `hit` (binary search: long PoEs). */
function near(hit: Span, others: Map<SearchableDocument, Hit[]>, window: number): boolean {
  const list = others.get(hit.s);
  if (!list) return false;
  const from = hit.start - window;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // Needles are short; 100 characters of slack covers a hit that starts before `from` and ends after it.
    if (list[mid]!.start < from - 100) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) {
    const o = list[i]!;
    if (o.start > hit.end + window) break;
    if (o.end >= from) return true;
  }
  return false;
}

function acknowledgmentMarkers(check: PoECheck, ctx: Context): { markers: Hit[]; customer: Hit[] } {
  const cached = ctx.markers.get(check);
  if (cached) return cached;
  const c = compile(check);
  const markers = hitsOf(ctx, allKeywords(c));
  const name = stringValue(ctx.claim, 'customerName');
  const party = [...c.partyKeywords, ...(name ? [foldText(name)] : [])];
  const partyHits = byDocument(hitsOf(ctx, party));
  const window = check.windowChars ?? 300;
  const result = { markers, customer: markers.filter((m) => near(m, partyHits, window)) };
  ctx.markers.set(check, result);
  return result;
}

const acknowledgment: CheckRunner = (check, ctx) => {
  const { markers, customer } = acknowledgmentMarkers(check, ctx);
  if (customer.length > 0) return undefined;
  if (markers.length === 0) return [notFound(ctx)];
  const note = poeNote(ctx.pack, 'poe.note.noCustomerNearSignature', { count: check.windowChars ?? 300 });
  return markers.slice(0, 5).map((m) => evidenceAt(m, note));
};

function documentOrders(check: PoECheck, ctx: Context): DateOrder[] {
  const orders = check.dateOrder ?? {};
  const chosen = ctx.languages.flatMap((l) => (orders[l] ? [orders[l] as DateOrder] : []));
  if (chosen.length > 0) return [...new Set(chosen)];
  const all = Object.values(orders).filter((o): o is DateOrder => o === 'dmy' || o === 'mdy');
  return all.length ? [...new Set(all)] : ['dmy', 'mdy'];
}

const dates: CheckRunner = (check, ctx) => {
  const patterns = compile(check).dates;
  if (!patterns) return undefined;
  const orders = documentOrders(check, ctx);
  const found = ctx.docs.flatMap((s) => findDates(s.folded, patterns, orders).map((d) => ({ s, ...d })));
  if (found.length === 0)
    return [notFound(ctx, undefined, poeNote(ctx.pack, 'poe.note.noDate', { files: searched(ctx) }))];
  const window = check.windowChars ?? 300;
  const ackCheck = check.nearCheck ? findCheck(ctx.pack, check.nearCheck)?.check : undefined;
  let candidates = found;
  if (ackCheck) {
    const { markers, customer } = acknowledgmentMarkers(ackCheck, ctx);
    const anchors = customer.length ? customer : markers;
    if (anchors.length > 0) {
      const anchorsByDoc = byDocument(anchors);
      candidates = found.filter((d) => near(d, anchorsByDoc, window));
      if (candidates.length === 0) {
        const note = poeNote(ctx.pack, 'poe.note.noDateNearAcknowledgment', { count: window });
        return anchors.slice(0, 3).map((m) => evidenceAt(m, note));
      }
    }
  }
  const oldest = dayNumber(monthsBefore(ctx.submission, check.maxAgeMonths ?? 12));
  const latest = check.allowFuture === false ? dayNumber(ctx.submission) : Number.POSITIVE_INFINITY;
  const ok = candidates.some((d) => d.readings.some((r) => dayNumber(r) >= oldest && dayNumber(r) <= latest));
  if (ok) return undefined;
  const submission = ctx.day;
  return candidates.slice(0, 5).map((d) => {
    const r = d.readings[0]!;
    const note =
      dayNumber(r) > latest
        ? poeNote(ctx.pack, 'poe.note.dateAfterSubmission', { date: formatDate(r), submission })
        : poeNote(ctx.pack, 'poe.note.dateTooOld', {
            date: formatDate(r),
            count: check.maxAgeMonths ?? 12,
            submission,
          });
    return evidenceAt(d, note);
  });
};

/** Whether at least `min` words follow position `from` (early exit: the bench budget). */
function wordsAfter(folded: string, from: number, min: number): number {
  let words = 0;
  let inWord = false;
  for (let i = from; i < folded.length && words < min; i++) {
    const w = isWordChar(folded[i]);
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}

const description: CheckRunner = (check, ctx) => {
  const hits = hitsOf(ctx, allKeywords(compile(check)));
  const min = check.minWords ?? 1;
  if (hits.length === 0) return [notFound(ctx)];
  if (hits.some((h) => wordsAfter(h.s.folded, h.end, min) >= min)) return undefined;
  const note = poeNote(ctx.pack, 'poe.note.tooFewWords', { count: min });
  return hits.slice(0, 3).map((h) => evidenceAt(h, note));
};

const products: CheckRunner = (_check, ctx) => {
  const claimed = ctx.claim.products;
  if (!Array.isArray(claimed) || claimed.length === 0) return undefined;
  const options = ctx.pack.fields.fields.find((f) => f.id === 'products')?.options ?? [];
  const evidence: Evidence[] = [];
  for (const id of claimed) {
    const option = options.find((o) => o.id === id);
    if (!option) continue; // an unknown option is the field checks' finding
    const names = [
      ...new Set(
        [...Object.values(option.label), ...Object.values(option.aliases ?? {}).flat()].flatMap((n) =>
          n ? [foldText(n)] : [],
        ),
      ),
    ];
    if (!ctx.docs.some((s) => names.some((n) => findAll(s.folded, n, 1).length > 0))) {
      evidence.push(
        notFound(
          ctx,
          option.label.en ?? option.id,
          poeNote(ctx.pack, 'poe.note.productNotFound', (locale) => ({
            product: localize(option.label, locale, ctx.pack.pack.defaultLocale),
          })),
        ),
      );
    }
  }
  return evidence.length ? evidence : undefined;
};

const runners: Record<ContentCheckKind, CheckRunner> = {
  'mentions-claim': mentionsClaim,
  'identity-match': identityMatch,
  acknowledgment,
  dates,
  description,
  products,
};

// ---- the pack ----

export interface PackCheck {
  reason: ActionRequiredReason;
  check: PoECheck;
}

export function poeChecksOf(pack: RulePack): PackCheck[] {
  return pack.reasons.actionRequired.flatMap((reason) =>
    reason.poeChecks.map((check) => ({ reason, check })),
  );
}

export function findCheck(pack: RulePack, id: string): PackCheck | undefined {
  return poeChecksOf(pack).find((c) => c.check.id === id);
}

export function findingOf(
  entry: PackCheck,
  evidence: Evidence[],
  severity: Severity = entry.check.severity,
): Finding {
  const { reason, check } = entry;
  return {
    id: check.id,
    severity,
    concerns: { poeCheck: check.id },
    message: check.message,
    fix: check.fix,
    ...(check.predictsReason === false
      ? {}
      : { predicts: { type: 'action-required' as const, reason: reason.id } }),
    evidence,
    source: check.source,
  };
}

/** The languages whose keywords (of any content check) occur, most hits first. */
function detectLanguages(ctx: Context): string[] {
  const score = new Map<string, number>();
  for (const { check } of poeChecksOf(ctx.pack)) {
    if (!check.keywords) continue;
    for (const [lang, words] of compile(check).keywords) {
      let n = score.get(lang) ?? 0;
      for (const w of words) for (const s of ctx.docs) if (occurrences(ctx, s, w).length) n++;
      score.set(lang, n);
    }
  }
  const best = Math.max(0, ...score.values());
  if (best === 0) return [];
  return [...score].filter(([, n]) => n === best).map(([l]) => l);
}

const lower = (severity: Severity): Severity => (severity === 'blocking' ? 'warning' : severity);

/** Runs every content check of the pack on the text of the PoE files. */
export function checkPoeText(
  documents: readonly PoeDocument[],
  claim: ClaimValues,
  pack: RulePack,
  options: ContentOptions,
): Finding[] {
  const docs = documents.map(makeSearchable);
  const unread = options.unread ?? [];
  const submission = calendarDateOf(options.submissionDate);
  const ctx: Context = {
    docs,
    claim,
    pack,
    submission,
    day: formatDate(submission),
    languages: [],
    fileNames: documents.map((d) => d.name),
    memo: new Map(),
    markers: new Map(),
  };
  ctx.languages = detectLanguages(ctx);
  const findings: Finding[] = [];
  const unreadNote = poeNote(pack, 'poe.note.unreadFile');
  for (const entry of poeChecksOf(pack)) {
    if (!CONTENT_KINDS.has(entry.check.kind)) continue;
    const evidence = runners[entry.check.kind as ContentCheckKind](entry.check, ctx);
    if (!evidence) continue;
    if (unread.length > 0 && entry.check.kind !== 'identity-match') {
      // What is missing may be in a file cpor-guard could not read: say so, and do not block.
      for (const file of unread) evidence.push({ found: false, file, note: unreadNote });
      findings.push(findingOf(entry, evidence, lower(entry.check.severity)));
    } else {
      findings.push(findingOf(entry, evidence));
    }
  }
  return findings;
}
