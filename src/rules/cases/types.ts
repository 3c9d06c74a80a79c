import type { RulePack } from '../types';

/** One example of a *.cases.json file (rules/schema/cases.schema.json). */
export interface RuleCase {
  name: string;
  kind: string;
  /** ISO date-time with offset; when the case happens. */
  at?: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
}

/**
 * Runs one kind of case against a pack and returns what actually came out, in the shape of the
 * case's `expected`. The runner compares: every key of `expected` must equal the same key of
 * `actual` (keys `expected` leaves out are not compared).
 */
export type CaseHandler = (ruleCase: RuleCase, pack: RulePack) => Record<string, unknown>;
