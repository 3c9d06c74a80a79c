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

export function compareExpected(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
): string[] {
  const differences: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    if (!equalJson(want, got)) {
      differences.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  return differences;
}

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
