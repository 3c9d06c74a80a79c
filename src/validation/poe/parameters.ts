/**
 * The numbers of the PoE content checks that a policy owner may tune, read from the check
 * (rules/cpor/reasons.json) with the defaults the checks used before they were rule data (issue
 * 12). The one place of those defaults in code; rules/schema/reasons.schema.json documents the
 * same ones, each with its bounds (test/validation/poe/parameters.test.ts keeps the two equal).
 */
import type { PoECheck } from '../../rules/types';

/** The window ('windowChars') of each kind of check that has one, when the check names none. */
export const DEFAULT_WINDOW_CHARS = {
  'identity-match': 80,
  acknowledgment: 300,
  dates: 300,
  products: 250,
} as const;

export type WindowedKind = keyof typeof DEFAULT_WINDOW_CHARS;

/** The other numeric parameters of a PoE check, when the check names none. */
export const DEFAULT_PARAMETERS = {
  minMatches: 1,
  maxAgeMonths: 12,
  minWords: 1,
  minWordsPerLine: 5,
  maxLines: 200,
  maxHeadingWords: 5,
  minNameLetters: 4,
} as const;

export type PoeParameter = keyof typeof DEFAULT_PARAMETERS;

/** The check's `name`, or its default. */
export function parameterOf(check: PoECheck, name: PoeParameter): number {
  return check[name] ?? DEFAULT_PARAMETERS[name];
}

/** The check's window in characters, or the default of its kind (`kind`: the runner's own). */
export function windowOf(check: PoECheck, kind: WindowedKind): number {
  return check.windowChars ?? DEFAULT_WINDOW_CHARS[kind];
}
