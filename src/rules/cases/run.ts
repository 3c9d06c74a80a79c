/**
 * The table-driven runner of rule cases, shared by `npm run rules:test` and the vitest suite.
 */
import type { RulePack } from '../types';
import { caseHandlers } from './registry';
import type { RuleCase } from './types';

export interface CaseResult {
  file: string;
  index: number;
  name: string;
  pass: boolean;
  /** Why it failed, in words; empty when it passed. */
  failure: string;
}

/** Deep equality for JSON values. */
function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => equalJson(v, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** At most this many differences are listed per case: the first ones say what is wrong. */
const MAX_DIFFERENCES = 6;

/**
 * Where `actual` differs from `expected`, as readable paths down to the values that differ, e.g.
 * "clocks[1].due: expected "2026-12-02T10:00-08:00", got "2026-12-01T10:00-08:00"": a policy owner
 * sees the one value that changed, not two long lists. Keys `expected` leaves out at the top level
 * are not compared; below it objects must match exactly, and lists must have the same length.
 */
export function compareExpected(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
): string[] {
  const differences: string[] = [];
  const add = (path: string, text: string) => {
    if (differences.length < MAX_DIFFERENCES) differences.push(`${path}: ${text}`);
    else if (differences.length === MAX_DIFFERENCES) differences.push('… and more');
  };
  const walk = (path: string, want: unknown, got: unknown) => {
    if (equalJson(want, got)) return;
    if (Array.isArray(want) && Array.isArray(got)) {
      if (want.length !== got.length) {
        add(
          path,
          `expected ${want.length} items, got ${got.length}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
        );
        return;
      }
      want.forEach((item, i) => walk(`${path}[${i}]`, item, got[i]));
      return;
    }
    if (isPlainObject(want) && isPlainObject(got)) {
      // Below the top level the comparison stays exact: a key the case does not expect is a difference.
      const extra = Object.keys(got).filter((key) => !(key in want));
      if (extra.length > 0)
        add(path, `did not expect ${extra.map((k) => `'${k}'`).join(', ')} (got ${JSON.stringify(got)})`);
      for (const [key, value] of Object.entries(want)) walk(path ? `${path}.${key}` : key, value, got[key]);
      return;
    }
    add(path, `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  for (const [key, want] of Object.entries(expected)) walk(key, want, actual[key]);
  return differences;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function runCase(file: string, index: number, ruleCase: RuleCase, pack: RulePack): CaseResult {
  const base = { file, index, name: ruleCase.name };
  const handler = caseHandlers[ruleCase.kind];
  if (!handler) {
    return {
      ...base,
      pass: false,
      failure: `unknown kind '${ruleCase.kind}'; use ${Object.keys(caseHandlers).sort().join(', ')}`,
    };
  }
  try {
    const differences = compareExpected(ruleCase.expected, handler(ruleCase, pack));
    return { ...base, pass: differences.length === 0, failure: differences.join('; ') };
  } catch (error) {
    return { ...base, pass: false, failure: `the case could not run: ${(error as Error).message}` };
  }
}

export function runCases(file: string, cases: readonly RuleCase[], pack: RulePack): CaseResult[] {
  return cases.map((c, i) => runCase(file, i, c, pack));
}
