/**
 * Text folded for matching as a person reads it: lower case, accents removed, runs of white space
 * made one space. The page readers match labels with it and the PoE checks match keywords with
 * it, as localizedKeywords promise in rules/schema/common.schema.json ("matching ignores case and
 * accents").
 */

/** Combining marks, left alone by NFD after their base letter: removing them drops the accents. */
export const COMBINING_MARK = /\p{M}/gu;

/** Folds one piece of text (a label, a keyword, a value); src/validation/poe/text.ts's `fold` does the same keeping an offset map. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARK, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
