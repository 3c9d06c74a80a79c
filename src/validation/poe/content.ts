/**
 * The content checks of the PoE: one per kind of PoE check in rules/cpor/reasons.json
 * ('mentions-claim', 'identity-match', 'acknowledgment', 'dates', 'description', 'products').
 * Synchronous and pure: they run on text already read, so the rule cases (reasons.cases.json)
 * run them directly. All the PoE files of a claim are searched together: a signature in one
 * file and the products in another pass; evidence names the file it quotes.
 */
import type { Deadline } from '../../files/problems';
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
import { parameterOf, windowOf } from './parameters';
import { findAll, locate, makeSearchable, type PoeDocument, type SearchableDocument } from './text';

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
  /**
   * The check's time limit (checkPoe's): looked at before each document is made searchable and
   * before each content check; past it, TimeLimitError is thrown and no content finding is given.
   */
  deadline?: Deadline;
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
    inDoc.sort((a, b) => a.start - b.start);
    // One by one: a spread of a document's hits (190,000 in a hostile file) overflows the stack.
    for (const hit of inDoc) hits.push(hit);
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
  /** Per document, the languages it is written in, by the rules' keywords found (most first). */
  languages: Map<SearchableDocument, string[]>;
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
  if (found.length >= Math.min(parameterOf(check, 'minMatches'), values.length)) return undefined;
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
  const window = windowOf(check, 'identity-match');
  const evidence: Evidence[] = [];
  for (const fieldId of check.fields ?? []) {
    const claimed = stringValue(ctx.claim, fieldId);
    const field = ctx.pack.fields.fields.find((f) => f.id === fieldId);
    if (claimed && field?.kind === 'text' && c.keywords.size > 0) {
      evidence.push(
        ...nameMismatches(ctx, markers, field, claimed, window, parameterOf(check, 'minNameLetters')),
      );
      continue;
    }
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

/** The words of a name that identify it: `minLetters` or more (4: "Contoso", "Pharma"; not "B.V." or "van"). */
function nameWords(name: string, minLetters: number): string[] {
  const words = (foldText(name).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => [...w].length >= minLetters);
  return words.length ? words : [foldText(name)];
}

/**
 * A labelled name ("Customer: Litware Biotech GmbH") that shares no word with the claim's value:
 * the document is another company's, even when the claim's domain and tenant ID are copied in
 * (corpus: sow-other-company). Only labels at the start of a line count ("Signed by the customer:
 * Jan de Vries" names a person), and the rest of that line, up to `window` characters, is the name.
 * The claim's value is compared by its words of `minLetters` letters or more.
 */
function nameMismatches(
  ctx: Context,
  markers: readonly Hit[],
  field: Field,
  claimed: string,
  window: number,
  minLetters: number,
): Evidence[] {
  const want = nameWords(claimed, minLetters);
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  // A document with none of the claim's identifiers (tenant ID, domain) is simply another
  // customer's: 'mentions-claim' says so, once. The name is compared where they are copied in.
  const identifiers = ctx.pack.fields.fields
    .filter((f) => f.kind === 'guid' || f.kind === 'domain')
    .flatMap((f) => {
      const v = stringValue(ctx.claim, f.id);
      return v ? [foldText(v)] : [];
    });
  const carries = (s: SearchableDocument) => identifiers.some((v) => findAll(s.folded, v, 1).length > 0);
  for (const m of markers) {
    if (!carries(m.s)) continue;
    const line = lineAround(m.s, m.start);
    const at = m.s.toOriginal[m.start]!;
    if (m.s.original.slice(line.start, at).trim() !== '') continue;
    const from = m.s.toOriginal[Math.min(m.end, m.s.toOriginal.length - 1)]!;
    const value = m.s.original.slice(from, Math.min(line.end, from + window)).trim();
    if (value === '' || /^[_.…\s]*$/u.test(value)) continue;
    const folded = ` ${foldText(value)} `;
    if (want.some((w) => findAll(folded, w, 1).length > 0)) continue;
    if (seen.has(folded)) continue;
    seen.add(folded);
    evidence.push(
      evidenceAt(
        m,
        poeNote(ctx.pack, 'poe.note.identityMismatch', (locale) => ({
          field: fieldLabel(ctx, field.id, locale),
          found: value,
          claimed,
        })),
      ),
    );
  }
  return evidence;
}

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

/** Where the line holding folded position `at` starts and ends, in the original text. */
function lineAround(s: SearchableDocument, at: number): { start: number; end: number } {
  const original = s.toOriginal[Math.min(at, s.toOriginal.length - 1)]!;
  const start = s.original.lastIndexOf('\n', original - 1) + 1;
  const end = s.original.indexOf('\n', original);
  return { start, end: end < 0 ? s.original.length : end };
}

/** Blank lines to sign on: "Signature: ________", "Handtekening: ..........". */
const FILL = /_{3,}|\.{4,}|…{2,}/gu;
const LETTER = /\p{L}/u;

/**
 * A signature marker with nothing signed after it: the rest of its line (or, when that is empty,
 * the next line with text: "Yours sincerely," then the signature) is a blank line to sign on,
 * apart from the party's own words ("Accepted by (customer): ______"). Seen in the corpus'
 * unsigned templates (test/fixtures/poe-corpus, *-unsigned-*, *-niet-getekend*).
 */
function isEmptySignature(hit: Hit, partyWords: readonly string[]): boolean {
  const { s } = hit;
  const { end: lineEnd } = lineAround(s, hit.start);
  const from = s.toOriginal[Math.min(hit.end, s.toOriginal.length - 1)]!;
  const blank = (text: string) => {
    let rest = ` ${foldText(text)} `;
    for (const w of partyWords) rest = rest.split(w).join(' ');
    const filled = rest.replace(FILL, ' ');
    return { filled: filled !== rest, letters: LETTER.test(filled) };
  };
  const rest = blank(s.original.slice(from, lineEnd));
  if (rest.letters) return false;
  if (rest.filled) return true;
  // Nothing after the marker on its line: look at the next line with something on it.
  let at = lineEnd + 1;
  for (let lines = 0; lines < 3 && at < s.original.length; lines++) {
    let end = s.original.indexOf('\n', at);
    if (end < 0) end = s.original.length;
    const line = s.original.slice(at, end);
    if (line.trim() !== '') {
      const next = blank(line);
      return next.filled && !next.letters;
    }
    at = end + 1;
  }
  return false;
}

/**
 * Where the previous line with text starts, when it is a heading (at most `maxWords` words, not a
 * "Label: value" such as "Customer: Contoso" over a partner's signature); else undefined.
 */
function headingAbove(s: SearchableDocument, lineStart: number, maxWords: number): number | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = s.original.lastIndexOf('\n', end - 1) + 1;
    const line = s.original.slice(start, end);
    const text = line.trim();
    if (text !== '') return text.split(/\s+/).length <= maxWords && !text.includes(':') ? start : undefined;
    end = start - 1;
  }
  return undefined;
}

/**
 * Whether the customer (a party word or the customer's name) is named after the marker, up to
 * folded position `until` (the rule's window, or the next signature block): "Signed by the
 * customer: …", "Yours sincerely, Jan de Vries, Contoso"; or before it on the same line or in a
 * short heading just above ("Customer signature: …"). A party word further before belongs to
 * other text: a partner's signature under a description that mentions the customer is not the
 * customer's (corpus: sow-partner-signature-only). A heading has at most `headingWords` words.
 */
function customerSigns(
  hit: Hit,
  party: Map<SearchableDocument, Hit[]>,
  until: number,
  headingWords: number,
): boolean {
  const list = party.get(hit.s);
  if (!list) return false;
  const line = lineAround(hit.s, hit.start);
  // A short heading just above the block counts as its line: "Customer acknowledgment" over
  // "Signed by: Jan de Vries".
  const above = headingAbove(hit.s, line.start, headingWords);
  if (above !== undefined) line.start = above;
  const toMarker = hit.s.toOriginal[hit.start]! - line.start;
  // Folding shortens text (runs of spaces, accents), so a party word on the marker's line starts
  // at most this far back in the folded text; the check below keeps only those on the line.
  const from = hit.start - toMarker - 1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) {
    const p = list[i]!;
    if (p.start > until) break;
    if (p.start >= hit.start || hit.s.toOriginal[p.start]! >= line.start) return true;
  }
  return false;
}

/**
 * Which markers are blank lines to sign on. A marker that heads a block ("Voor akkoord namens de
 * opdrachtgever", "For and on behalf of Contoso") is as empty as the block's own signature line
 * that follows it ("Handtekening: ......"): the next marker, within half of `window`, with no
 * blank line between. Only one step: a signed block above an empty one stays signed.
 */
function emptySignatures(hits: readonly Hit[], partyWords: readonly string[], window: number): boolean[] {
  const blank = hits.map((h) => isEmptySignature(h, partyWords));
  const empty = [...blank];
  for (let i = 0; i + 1 < hits.length; i++) {
    const h = hits[i]!;
    const next = hits[i + 1]!;
    if (empty[i] || !blank[i + 1] || next.s !== h.s || next.start - h.end > window / 2) continue;
    const between = h.s.original.slice(h.s.toOriginal[h.end]!, h.s.toOriginal[next.start]!);
    if (!/\n[ \t]*\n/.test(between)) empty[i] = true;
  }
  return empty;
}

/** The hits without those inside a longer one ("akkoord" in "voor akkoord"): one marker per place. */
function withoutOverlaps(hits: readonly Hit[]): Hit[] {
  // hitsOf gives each document's hits together, in document order: keep that order of documents.
  const docOrder = new Map<SearchableDocument, number>();
  for (const h of hits) if (!docOrder.has(h.s)) docOrder.set(h.s, docOrder.size);
  const sorted = [...hits].sort(
    (a, b) => docOrder.get(a.s)! - docOrder.get(b.s)! || a.start - b.start || b.end - a.end,
  );
  const out: Hit[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.s === h.s && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

function acknowledgmentMarkers(check: PoECheck, ctx: Context): { markers: Hit[]; customer: Hit[] } {
  const cached = ctx.markers.get(check);
  if (cached) return cached;
  const c = compile(check);
  const name = stringValue(ctx.claim, 'customerName');
  const party = [...c.partyKeywords, ...(name ? [foldText(name)] : [])];
  const window = windowOf(check, 'acknowledgment');
  const headingWords = parameterOf(check, 'maxHeadingWords');
  const all = withoutOverlaps(hitsOf(ctx, allKeywords(c)));
  const empty = emptySignatures(all, c.partyKeywords, window);
  const partyHits = byDocument(hitsOf(ctx, party));
  const markers: Hit[] = [];
  const customer: Hit[] = [];
  all.forEach((m, i) => {
    if (empty[i]) return;
    markers.push(m);
    // The customer named after a marker belongs to it only up to the next signature block.
    const after = all[i + 1];
    const next = after?.s === m.s ? after : undefined;
    const until = Math.min(m.end + window, next ? next.start : Number.POSITIVE_INFINITY);
    if (customerSigns(m, partyHits, until, headingWords)) customer.push(m);
  });
  const result = { markers, customer };
  ctx.markers.set(check, result);
  return result;
}

const acknowledgment: CheckRunner = (check, ctx) => {
  const { markers, customer } = acknowledgmentMarkers(check, ctx);
  if (customer.length > 0) return undefined;
  if (markers.length === 0) return [notFound(ctx)];
  const note = poeNote(ctx.pack, 'poe.note.noCustomerNearSignature', {
    count: windowOf(check, 'acknowledgment'),
  });
  return markers.slice(0, 5).map((m) => evidenceAt(m, note));
};

/**
 * How an ambiguous numeric date is read in a document: in the order of the document's language
 * (12-03-2026 is 12 March in Dutch, December 3 in US English). Each document is judged by its own
 * words: a Dutch confirmation and an English mail in one claim are each read their own way.
 */
function documentOrders(check: PoECheck, ctx: Context, s: SearchableDocument): DateOrder[] {
  const orders = check.dateOrder ?? {};
  const chosen = documentLanguages(ctx, s).flatMap((l) => (orders[l] ? [orders[l] as DateOrder] : []));
  if (chosen.length > 0) return [...new Set(chosen)];
  const all = Object.values(orders).filter((o): o is DateOrder => o === 'dmy' || o === 'mdy');
  return all.length ? [...new Set(all)] : ['dmy', 'mdy'];
}

/** A line that holds a date and at most a place before it: a letter's date line. */
function isDateLine(d: { s: SearchableDocument; start: number; end: number }): boolean {
  const line = lineAround(d.s, d.start);
  const from = d.s.toOriginal[d.start]!;
  const to = d.s.toOriginal[Math.min(d.end, d.s.toOriginal.length - 1)]!;
  const rest = d.s.original.slice(line.start, from) + d.s.original.slice(to, line.end);
  return !rest.includes(':') && (rest.match(/\p{L}{2,}/gu)?.length ?? 0) <= 3;
}

const dates: CheckRunner = (check, ctx) => {
  const patterns = compile(check).dates;
  if (!patterns) return undefined;
  const found = ctx.docs.flatMap((s) =>
    findDates(s.folded, patterns, documentOrders(check, ctx, s)).map((d) => ({ s, ...d })),
  );
  if (found.length === 0)
    return [notFound(ctx, undefined, poeNote(ctx.pack, 'poe.note.noDate', { files: searched(ctx) }))];
  const window = windowOf(check, 'dates');
  const ackCheck = check.nearCheck ? findCheck(ctx.pack, check.nearCheck)?.check : undefined;
  let candidates = found;
  if (ackCheck) {
    const { markers, customer } = acknowledgmentMarkers(ackCheck, ctx);
    const anchors = customer.length ? customer : markers;
    if (anchors.length > 0) {
      const anchorsByDoc = byDocument(anchors);
      const nearOnes = found.filter((d) => near(d, anchorsByDoc, window));
      // A letter is dated at its top and signed at its foot ("Yours sincerely"): with no date
      // near the signature, the letter's date line ("15 October 2026", "Leiden, 10/15/26") is
      // the acknowledgment's (corpus: letter-good). A labelled date ("Document date: …") is not:
      // a statement of work's signature needs its own date (reasons.cases.json).
      const letterDate = found.find((d) => anchorsByDoc.has(d.s) && !d.monthOnly && isDateLine(d));
      candidates = nearOnes.length ? nearOnes : letterDate ? [letterDate] : [];
      if (candidates.length === 0) {
        const note = poeNote(ctx.pack, 'poe.note.noDateNearAcknowledgment', { count: window });
        return anchors.slice(0, 3).map((m) => evidenceAt(m, note));
      }
    }
  }
  // A full date says more than a month: "June to September 2026" describes the work, the
  // signature's "Date: October 15, 2024" dates it.
  if (candidates.some((d) => !d.monthOnly)) candidates = candidates.filter((d) => !d.monthOnly);
  const maxAgeMonths = parameterOf(check, 'maxAgeMonths');
  const oldest = dayNumber(monthsBefore(ctx.submission, maxAgeMonths));
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
            count: maxAgeMonths,
            submission,
          });
    return evidenceAt(d, note);
  });
};

/** A word of the description: two letters or more (numbers, GUID parts and initials are not words). */
const WORD = /\p{L}{2,}/gu;
/** "Label: value" at the start of a line: the label (up to four words) is not description. */
const LABEL = /^[\s\-•*]*[^\s:][^:\n]{0,40}:\s/u;
/** How a 'description' check reads the lines after its keyword (parameters of the check). */
interface DescriptionReading {
  /** Enough words: reading stops there. */
  min: number;
  /** Lines with fewer words are headings, labels or values ("Project: CRM"), not a description. */
  perLine: number;
  /** Lines read at most after the keyword. */
  maxLines: number;
}

/**
 * The words describing the work after a description keyword: the prose lines (at least
 * `perLine` words once a leading "Label:" is set aside) from the keyword on, up to `min` words,
 * `maxLines` lines or the first signature block (a marker of an acknowledgment check at the start
 * of a line), whichever comes first. A title ("Statement of Work") followed by the header's labels
 * and values and a one-line "Services" section is not a description (corpus: sow-vague-services).
 */
function describingWords(
  hit: Hit,
  blocks: Map<SearchableDocument, Hit[]>,
  reading: DescriptionReading,
): number {
  const { min, perLine, maxLines } = reading;
  const { s } = hit;
  const stopAt = firstAtOrAfter(blocks.get(s) ?? [], hit.end);
  const stop = stopAt ? s.toOriginal[stopAt.start]! : s.original.length;
  let at = s.toOriginal[Math.min(hit.end, s.toOriginal.length - 1)]!;
  let words = 0;
  // A description follows its heading closely: maxLines (200) lines without enough prose is none
  // (and a long table after every "Services" does not make the check slow).
  for (let lines = 0; at < stop && words < min && lines < maxLines; lines++) {
    let end = s.original.indexOf('\n', at);
    if (end < 0 || end > stop) end = stop;
    let line = s.original.slice(at, end);
    const label = LABEL.exec(line);
    if (label && label[0].trim().split(/\s+/).length <= 4) line = line.slice(label[0].length);
    const n = line.match(WORD)?.length ?? 0;
    if (n >= perLine) words += n;
    at = end + 1;
  }
  return words;
}

/** The first hit of a list sorted by start that starts at or after `at` (binary search). */
function firstAtOrAfter(list: readonly Hit[], at: number): Hit | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

/** The signature blocks of the pack's acknowledgment checks: markers at the start of a line. */
function signatureBlocks(ctx: Context): Map<SearchableDocument, Hit[]> {
  const starts: Hit[] = [];
  for (const { check } of poeChecksOf(ctx.pack)) {
    if (check.kind !== 'acknowledgment') continue;
    for (const m of acknowledgmentMarkers(check, ctx).markers) {
      const o = m.s.toOriginal[m.start]!;
      const before = m.s.original.slice(m.s.original.lastIndexOf('\n', o - 1) + 1, o);
      if (before.trim() === '') starts.push(m);
    }
  }
  return byDocument(starts);
}

const description: CheckRunner = (check, ctx) => {
  const hits = hitsOf(ctx, allKeywords(compile(check)));
  const reading: DescriptionReading = {
    min: parameterOf(check, 'minWords'),
    perLine: parameterOf(check, 'minWordsPerLine'),
    maxLines: parameterOf(check, 'maxLines'),
  };
  const min = reading.min;
  if (hits.length === 0) return [notFound(ctx)];
  const blocks = signatureBlocks(ctx);
  // The first 100 sections are enough to judge (and bound the work on a PoE made of keywords).
  if (hits.slice(0, 100).some((h) => describingWords(h, blocks, reading) >= min)) return undefined;
  const note = poeNote(ctx.pack, 'poe.note.tooFewWords', { count: min });
  return hits.slice(0, 3).map((h) => evidenceAt(h, note));
};

/**
 * Whether a product name at `at` is in the partner's boilerplate: on the line of a boilerplate
 * keyword or within `window` characters after one ("… is a Microsoft Solutions Partner, with
 * specialists in Dynamics 365, Power BI …").
 */
function inBoilerplate(at: Hit, boilerplate: Map<SearchableDocument, Hit[]>, window: number): boolean {
  for (const b of boilerplate.get(at.s) ?? []) {
    if (at.start >= b.start && at.start <= b.end + window) return true;
    const line = lineAround(at.s, b.start);
    const o = at.s.toOriginal[at.start]!;
    if (o >= line.start && o <= line.end) return true;
  }
  return false;
}

const products: CheckRunner = (check, ctx) => {
  const claimed = ctx.claim.products;
  if (!Array.isArray(claimed) || claimed.length === 0) return undefined;
  const options = ctx.pack.fields.fields.find((f) => f.id === 'products')?.options ?? [];
  const boilerplate = byDocument(
    hitsOf(ctx, [...new Set([...foldedWords(check.boilerplateKeywords).values()].flat())]),
  );
  const window = windowOf(check, 'products');
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
    const named = hitsOf(ctx, names).some((h) => !inBoilerplate(h, boilerplate, window));
    if (!named) {
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

/** The languages whose keywords (of any content check) occur in a document, most first (memoised). */
function documentLanguages(ctx: Context, s: SearchableDocument): string[] {
  const cached = ctx.languages.get(s);
  if (cached) return cached;
  const score = new Map<string, number>();
  for (const { check } of poeChecksOf(ctx.pack)) {
    if (!check.keywords) continue;
    for (const [lang, words] of compile(check).keywords) {
      let n = score.get(lang) ?? 0;
      for (const w of words) if (occurrences(ctx, s, w).length) n++;
      score.set(lang, n);
    }
  }
  const best = Math.max(0, ...score.values());
  const languages = best === 0 ? [] : [...score].filter(([, n]) => n === best).map(([l]) => l);
  ctx.languages.set(s, languages);
  return languages;
}

const lower = (severity: Severity): Severity => (severity === 'blocking' ? 'warning' : severity);

/** Runs every content check of the pack on the text of the PoE files. */
export function checkPoeText(
  documents: readonly PoeDocument[],
  claim: ClaimValues,
  pack: RulePack,
  options: ContentOptions,
): Finding[] {
  const docs = documents.map((document) => {
    options.deadline?.check();
    return makeSearchable(document);
  });
  const unread = options.unread ?? [];
  const submission = calendarDateOf(options.submissionDate);
  const ctx: Context = {
    docs,
    claim,
    pack,
    submission,
    day: formatDate(submission),
    languages: new Map(),
    fileNames: documents.map((d) => d.name),
    memo: new Map(),
    markers: new Map(),
  };
  const findings: Finding[] = [];
  const unreadNote = poeNote(pack, 'poe.note.unreadFile');
  for (const entry of poeChecksOf(pack)) {
    if (!CONTENT_KINDS.has(entry.check.kind)) continue;
    options.deadline?.check();
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
