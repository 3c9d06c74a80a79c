/**
 * Case kind 'fields' (fields.cases.json): input {claim, status, original?}, at →
 * expected {findings: [check ids, sorted; 'field-not-editable:<field>' for a locked edit]}
 * and optionally {blocking: [the blocking ones]}.
 */
import type { CaseHandler } from '../rules/cases/types';
import type { ClaimValues } from './claim';
import { checkFields } from './fields';
import type { Finding } from './finding';

const idOf = (f: Finding) =>
  f.id === 'field-not-editable' && 'field' in f.concerns ? `${f.id}:${f.concerns.field}` : f.id;

export const fieldsCase: CaseHandler = (c, pack) => {
  if (!c.at) throw new Error("a 'fields' case needs 'at'");
  const status = typeof c.input.status === 'string' ? c.input.status : 'editing';
  const findings = checkFields((c.input.claim ?? {}) as ClaimValues, pack, {
    status,
    at: new Date(c.at),
    ...(c.input.original ? { original: c.input.original as ClaimValues } : {}),
  });
  return {
    findings: findings.map(idOf).sort(),
    blocking: findings
      .filter((f) => f.severity === 'blocking')
      .map(idOf)
      .sort(),
  };
};
