/**
 * Rule cases of kind 'poe' (rules/cpor/reasons.cases.json): the content checks on given text.
 *
 * input: { claim: ClaimValues, documents: [{ name, text } | { name, pages: string[] }], unread?: string[] }
 * at: the submission date-time.
 * expected: { findings: [check ids, in the order of reasons.json] } and optionally
 * { severities: { <check id>: 'blocking' | 'warning' | 'info' } }.
 */
import type { CaseHandler } from '../../rules/cases/types';
import type { ClaimValues } from '../claim';
import { checkPoeText } from './content';
import type { PoeDocument } from './text';

interface CaseDocument {
  name: string;
  text?: string;
  pages?: string[];
}

export const poeCaseHandler: CaseHandler = (ruleCase, pack) => {
  const input = ruleCase.input as { claim?: ClaimValues; documents?: CaseDocument[]; unread?: string[] };
  if (!ruleCase.at) throw new Error("a 'poe' case needs 'at': the submission date-time");
  const documents: PoeDocument[] = (input.documents ?? []).map((d) =>
    d.pages
      ? { name: d.name, pages: d.pages, paged: true }
      : { name: d.name, pages: [d.text ?? ''], paged: false },
  );
  const findings = checkPoeText(documents, input.claim ?? {}, pack, {
    submissionDate: new Date(ruleCase.at),
    unread: input.unread ?? [],
  });
  return {
    findings: [...new Set(findings.map((f) => f.id))],
    severities: Object.fromEntries(findings.map((f) => [f.id, f.severity])),
  };
};
