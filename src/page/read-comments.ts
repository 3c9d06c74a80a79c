/**
 * Reads what a claim page says about why the claim is where it is: the comments of its Comments
 * section (each with its author, moment and text; which are the reviewer's) and the rejection
 * reason the page shows ('Rejection reason: Invalid PoE date'), and tells which reason of
 * rules/cpor/reasons.json a text gives, by the reason's label and aliases in any language of the
 * pack (case, accents and extra spaces ignored).
 *
 * What to look for is data: locators.json targets 'comments-section' and 'rejection-reason-field'
 * (src/rules/contract.ts NOTE_TARGETS) and the page's `comments.reviewerAuthors`; the
 * moments are read with the page's `dateTimeFormats`. As read-detail.ts, only visible text, ARIA
 * names and the elements' own meaning (<li>, <label for>); no class names, no layout reads.
 * Tested against the replica's Comments section (demo/claim-status.*.html: a list, one item per
 * comment, the author and the moment on a line of their own above the text).
 */

import { NOTE_TARGETS } from '../rules/ids';
import type { ActionRequiredReason, RejectionReason, RulePack } from '../rules/types';
import { foldText } from '../text/fold';
import { findPageDateTime } from './dates';
import { formatsFor, langOf, languageOf } from './locale';
import {
  DETAIL_PAGE_ID,
  entriesOf,
  findSection,
  hasOwnText,
  hiddenFromReader,
  labelledByIds,
  valueOfLabel,
} from './read-detail';
import { shownText } from './read-list';

export { NOTE_TARGETS };

/** One comment of the claim's Comments section. */
export interface ClaimComment {
  /** The author as the page names them ('Microsoft reviewer', 'Megan Bowen'); '' when none is shown. */
  author: string;
  /** true when the author is one of the page's reviewer names (locators.json `comments.reviewerAuthors`). */
  byReviewer: boolean;
  /** The moment 'YYYY-MM-DDTHH:mm' as the page shows it (no zone), or null when none is shown. */
  at: string | null;
  /** The comment's words, white space collapsed. */
  text: string;
}

export interface ClaimNotes {
  /** The Comments section, or null when the page has none (not rendered yet, or the rules name none). */
  commentsSection: Element | null;
  /** Its comments in page order. */
  comments: ClaimComment[];
  /** The rejection reason the page shows (the words after its label), or null. */
  rejectionReason: string | null;
}

/** A page's comments or rejection reason is text of strangers: bounded before it is matched. */
const MAX_COMMENTS = 200;
const MAX_TEXT_CHARS = 4_000;
const MAX_PIECES = 40;

/** The folded texts of a target of the claim page in `locale` (that locale's texts only). */
function targetTexts(pack: RulePack, id: string, locale: string): Set<string> {
  const target = pack.locators.targets.find((t) => t.id === id && t.pages.includes(DETAIL_PAGE_ID));
  const texts = new Set<string>();
  for (const [key, list] of Object.entries(target?.text ?? {}))
    if (key === locale || languageOf(key) === languageOf(locale))
      for (const text of list) texts.add(foldText(text));
  return texts;
}

/** true when `folded` starts with `prefix` as whole words (not 'microsoftx'). */
function startsWithWords(folded: string, prefix: string): boolean {
  if (prefix === '' || !folded.startsWith(prefix)) return false;
  const next = folded.charAt(prefix.length);
  return next === '' || !/[\p{L}\p{N}]/u.test(next);
}

/**
 * The pieces of text of an entry in reading order: each element with words of its own (its
 * text with its inline children), never a piece inside another.
 */
function piecesOf(entry: Element): string[] {
  const pieces: string[] = [];
  const walk = (el: Element) => {
    if (pieces.length >= MAX_PIECES || hiddenFromReader(el)) return;
    if (hasOwnText(el)) {
      const text = shownText(el);
      if (text !== '') pieces.push(text.slice(0, MAX_TEXT_CHARS));
      return;
    }
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(entry);
  return pieces;
}

/** Reads the comments and the rejection reason of the claim page under `root`, in the page's `locale` (a pack locale). */
export function readClaimNotes(root: Document | Element, pack: RulePack, locale: string): ClaimNotes {
  const page = pack.locators.pages.find((p) => p.id === DETAIL_PAGE_ID);
  const labelled = labelledByIds(root);
  const commentsSection = findSection(
    root,
    targetTexts(pack, NOTE_TARGETS.commentsSection, locale),
    labelled,
  );
  const reviewers: string[] = [];
  for (const [key, list] of Object.entries(page?.comments?.reviewerAuthors ?? {}))
    if (key === locale || languageOf(key) === languageOf(locale))
      for (const text of list) reviewers.push(foldText(text));
  const formats = formatsFor(page?.dateTimeFormats, locale, langOf(root));

  const comments: ClaimComment[] = [];
  for (const entry of commentsSection ? entriesOf(commentsSection).slice(0, MAX_COMMENTS) : []) {
    const pieces = piecesOf(entry);
    if (pieces.length === 0) continue;
    // The moment: the first short piece with a date and time ('11/19/2026, 10:30 AM', 'Megan Bowen · 19-11-2026 10:30').
    let at: string | null = null;
    let atPiece = -1;
    for (const [i, piece] of pieces.entries()) {
      if (piece.length > 80) continue;
      at = findPageDateTime(piece, formats);
      if (at) {
        atPiece = i;
        break;
      }
    }
    // The author: the first piece that names a reviewer, else the first short piece before the text.
    let authorPiece = pieces.findIndex((piece) => reviewers.some((r) => startsWithWords(foldText(piece), r)));
    const byReviewer = authorPiece >= 0;
    if (!byReviewer && pieces.length > 1 && pieces[0]!.length <= 80) authorPiece = 0;
    let author = authorPiece >= 0 ? pieces[authorPiece]! : '';
    // An author on the line of the moment: the words before the date's first digit, without separators.
    if (authorPiece >= 0 && authorPiece === atPiece) author = author.replace(/[\s·•|,–-]*\d.*$/u, '').trim();
    const text = pieces
      .filter((_, i) => i !== authorPiece && i !== atPiece)
      .join(' ')
      .slice(0, MAX_TEXT_CHARS);
    if (text === '') continue;
    comments.push({ author, byReviewer, at, text });
  }
  return { commentsSection, comments, rejectionReason: readRejectionReason(root, pack, locale, labelled) };
}

/**
 * The rejection reason: the words after its label on the label's own line ('Rejection reason:
 * Invalid PoE date'), or the value beside the label (a label and its value, as the claim's fields).
 */
function readRejectionReason(
  root: Document | Element,
  pack: RulePack,
  locale: string,
  labelled: Map<string, Element>,
): string | null {
  const labels = [...targetTexts(pack, NOTE_TARGETS.rejectionReason, locale)].filter((l) => l !== '');
  if (labels.length === 0) return null;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!hasOwnText(el) || (el.textContent ?? '').length > MAX_TEXT_CHARS) continue;
    const text = shownText(el);
    const folded = foldText(text);
    const label = labels.find((l) => startsWithWords(folded, l));
    if (!label) continue;
    // Folding keeps the length of plain text; the label is matched folded, the value kept as shown.
    const rest = (folded.length === text.length ? text.slice(label.length) : folded.slice(label.length))
      .replace(/^\s*:\s*/, '')
      .trim();
    if (rest !== '') return rest;
    const value = valueOfLabel(el, labelled);
    if (value !== '') return value;
  }
  return null;
}

/** A reason of reasons.json that a text gives, and the words of the reason found in it. */
export interface ReasonMatch<R> {
  reason: R;
  /** The label or alias found, folded. */
  words: string;
}

/**
 * The reason of `reasons` that `text` names: the one whose label or alias (any language of the
 * pack: a Dutch partner may get an English comment) appears first in the text as whole words,
 * the longest at the same place. null when none appears.
 */
export function matchReason<R extends ActionRequiredReason | RejectionReason>(
  text: string,
  reasons: readonly R[],
): ReasonMatch<R> | null {
  const folded = foldText(text.slice(0, MAX_TEXT_CHARS));
  let best: { match: ReasonMatch<R>; at: number } | null = null;
  for (const reason of reasons) {
    const phrases = [...Object.values(reason.label), ...Object.values(reason.aliases ?? {}).flat()];
    for (const phrase of phrases) {
      const words = foldText(phrase);
      const at = wholeWordsAt(folded, words);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && words.length > best.match.words.length))
        best = { match: { reason, words }, at };
    }
  }
  return best?.match ?? null;
}

/** Where `words` first appear in `folded` as whole words (no letter or digit touching them); -1 when not. */
function wholeWordsAt(folded: string, words: string): number {
  if (words === '') return -1;
  const letter = /[\p{L}\p{N}]/u;
  for (let at = folded.indexOf(words); at >= 0; at = folded.indexOf(words, at + 1)) {
    const before = at === 0 ? '' : folded.charAt(at - 1);
    const after = folded.charAt(at + words.length);
    if (!letter.test(before) && !letter.test(after)) return at;
  }
  return -1;
}
