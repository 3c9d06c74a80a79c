/**
 * Regular expressions that come from a rule pack, run by RE2 (re2js, RE2 in pure JavaScript):
 * it never backtracks, so a match takes time linear in the input whatever the pattern. With
 * JavaScript's own RegExp, `(a+)+$` or `^(\w+\s?)*$` from an imported pack blocked the check
 * page for more than 15 s on one field (issue 11). RE2 has no lookarounds and no
 * backreferences; a pattern that uses them is refused when the pack is loaded, naming it. Other
 * differences a policy owner may meet: RE2's `\s` and `.` are ASCII-minded (`\s` is not a
 * no-break space; `.` matches a carriage return), as its `\d`, `\w` and `\b` are in both.
 */
import { RE2JS } from 're2js';

/** Most characters of a pattern in a pack; the built-in pack's longest is 14. */
export const MAX_PATTERN_LENGTH = 1_000;

/** A compiled pack pattern: `test` is true when the pattern matches somewhere in the text, as RegExp.test. */
export interface PackPattern {
  test(text: string): boolean;
  /** The first group of the first match (the whole match when the pattern has no group), or null. */
  extract(text: string): string | null;
}

export type CompiledPattern = { ok: true; pattern: PackPattern } | { ok: false; reason: string };

/**
 * Compiles a pattern written in JavaScript's syntax (as a policy owner tests it in a browser) for
 * RE2, or says why it cannot run there. Never throws.
 */
export function compilePackPattern(source: string, flags: { ignoreCase?: boolean } = {}): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH)
    return {
      ok: false,
      reason: `it is ${source.length} characters long, more than the ${MAX_PATTERN_LENGTH} allowed`,
    };
  try {
    // JavaScript's named groups (?<name>…) and escaped slashes, in RE2's syntax.
    const translated = RE2JS.translateRegExp(source);
    const re = RE2JS.compile(translated, flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    const extract = (text: string) => {
      const match = re.matcher(text);
      if (!match.find()) return null;
      return (re.groupCount() > 0 ? match.group(1) : match.group(0)) ?? null;
    };
    return { ok: true, pattern: { test: (text) => re.test(text), extract } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `${message.replace(/^error parsing regexp: /, '')}; patterns run on RE2, which has no lookahead, lookbehind or backreferences and allows repeats up to {1000}`,
    };
  }
}
