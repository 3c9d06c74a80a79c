/**
 * Limits on a rule file before anything recursive looks at it. A pack comes from outside (an
 * import, a zip, a policy push), and ajv's generated validators, jsonc-parser and the cross-file
 * checks all recurse into the data: a condition nested 20,000 deep or a file of a million '['
 * overflowed the stack (issue 11). So the text is scanned for its nesting depth, and the parsed
 * value is walked, both with loops and counters only, before the first recursive reader sees it.
 *
 * The limits are far above what a real pack uses: the built-in pack's largest file is 56 KB,
 * nests 10 deep, has at most 32 items in an array and 309 properties in an object, ~2,500
 * values per file and no text over 1,400 characters (measured over rules/cpor/*.json). Items
 * are capped at 5,000 because ajv compares 'uniqueItems' pairwise: 10,000 took 1.5 s.
 */
import type { Problem } from './problem';

export interface RuleFileLimits {
  /** Most characters in a file's text. */
  maxChars: number;
  /** Most levels of nested arrays and objects. */
  maxDepth: number;
  /** Most values (objects, arrays, texts, numbers…) in a file. */
  maxValues: number;
  /** Most items in one array, or properties in one object. */
  maxItems: number;
  /** Most characters in one text or property name. */
  maxTextLength: number;
}

export const RULE_FILE_LIMITS: RuleFileLimits = {
  maxChars: 1024 * 1024,
  maxDepth: 40,
  maxValues: 100_000,
  maxItems: 5_000,
  maxTextLength: 20_000,
};

const problem = (file: string, pointer: string, message: string): Problem => ({
  file,
  pointer,
  message,
  level: 'error',
});

/** Line and column (from 1) of an offset, as an editor shows them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The problem of a file's text that is too long or nests too deep, or undefined. One pass over
 * the characters, skipping the insides of strings; it does not judge the syntax (JSON.parse
 * does, after).
 */
export function textBoundsProblem(
  file: string,
  text: string,
  limits: RuleFileLimits = RULE_FILE_LIMITS,
): Problem | undefined {
  if (text.length > limits.maxChars)
    return problem(
      file,
      '',
      `is ${text.length} characters long, more than the ${limits.maxChars} a rule file may have; split or shorten it`,
    );
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > limits.maxDepth) {
        const { line, column } = lineAndColumn(text, i);
        return problem(
          file,
          '',
          `nests lists and objects more than ${limits.maxDepth} levels deep (at line ${line}, column ${column}); a rule file needs far fewer, so look for brackets opened and never closed`,
        );
      }
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A pointer for a message: the first and last segments when it is long. */
function shortPointer(segments: readonly string[]): string {
  const shown = segments.length > 8 ? [...segments.slice(0, 4), '…', ...segments.slice(-3)] : segments;
  return shown.length ? `/${shown.join('/')}` : '';
}

const cut = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The first value of a parsed rule file that breaks a limit, as a problem with its pointer, or
 * undefined. A loop over an explicit stack: safe on a value of any depth, and it stops at the
 * first problem, so it costs at most `maxValues` steps.
 */
export function valueBoundsProblem(
  file: string,
  value: unknown,
  limits: RuleFileLimits = RULE_FILE_LIMITS,
): Problem | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (++count > limits.maxValues)
      return problem(
        file,
        '',
        `holds more than ${limits.maxValues} values; a rule file needs far fewer, so split or shorten it`,
      );
    if (typeof v === 'string') {
      if (v.length > limits.maxTextLength)
        return problem(
          file,
          shortPointer(path),
          `is a text of ${v.length} characters ('${cut(v)}'), more than the ${limits.maxTextLength} allowed; shorten it`,
        );
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= limits.maxDepth)
      return problem(
        file,
        shortPointer(path),
        `nests lists and objects more than ${limits.maxDepth} levels deep; a rule file needs far fewer`,
      );
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const size = keys ? keys.length : (v as unknown[]).length;
    if (size > limits.maxItems)
      return problem(
        file,
        shortPointer(path),
        `has ${size} ${keys ? 'properties' : 'items'}, more than the ${limits.maxItems} allowed; split or shorten it`,
      );
    if (keys) {
      for (const key of keys) {
        if (key.length > limits.maxTextLength)
          return problem(
            file,
            shortPointer(path),
            `has a property name of ${key.length} characters ('${cut(key)}'), more than the ${limits.maxTextLength} allowed; shorten it`,
          );
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, escapePointer(key)] });
      }
    } else {
      (v as unknown[]).forEach((item, i) => stack.push({ value: item, path: [...path, String(i)] }));
    }
  }
  return undefined;
}

/** Most problems reported per file: past it, one line says how many more there are. */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * Problems as they are found, keeping at most `max` per file and level and counting the rest,
 * so that a pack with 10 million problems (10,000 languages × every text) costs counters, not
 * memory. No spreads of unbounded arrays (`push(...list)` overflows the stack on large lists).
 */
export class ProblemList {
  private readonly kept: Problem[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly max = MAX_PROBLEMS_PER_FILE) {}

  add(problem: Problem): void {
    const key = `${problem.level} ${problem.file}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= this.max) this.kept.push(problem);
  }

  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) this.add(p);
  }

  /** The problems of one level, at most `max` per file, then per file one saying how many more. */
  list(level: Problem['level']): Problem[] {
    const out = this.kept.filter((p) => p.level === level);
    for (const [key, n] of this.counts) {
      if (n <= this.max || !key.startsWith(`${level} `)) continue;
      out.push({
        file: key.slice(level.length + 1),
        pointer: '',
        message: `has ${n - this.max} more problem(s) not listed here (${n} in all); fix the ones above and check again`,
        level,
      });
    }
    return out;
  }

  get size(): number {
    return this.kept.length;
  }
}

/**
 * The problems with at most `max` per file, in their order, and per file that had more, one
 * problem saying how many were left out.
 */
export function capProblemsPerFile(problems: readonly Problem[], max = MAX_PROBLEMS_PER_FILE): Problem[] {
  const list = new ProblemList(max);
  list.addAll(problems);
  return [...list.list('error'), ...list.list('warning')];
}

/**
 * The offset of the first byte that is not part of valid UTF-8 (an invalid, overlong or cut
 * sequence, or a surrogate), or -1 when the bytes are valid UTF-8. TextDecoder's `fatal` says
 * only that something is wrong; a policy owner needs to find where.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    if (i + need >= bytes.length) return i; // cut off at the end
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
