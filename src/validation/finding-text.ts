/**
 * A finding in the partner's words, as plain texts: what is wrong, which reviewer finding it
 * would likely cause, the evidence, the fix and the rule's source. Shared by the check page and
 * the in-page check panel, so both say the same thing with the same messages.json texts.
 */
import { formatMessage, localize } from '../i18n/format';
import { fieldLabelOn } from '../rules/lifecycle';
import type { LocalizedText, RulePack } from '../rules/types';
import type { Evidence, Finding } from './finding';

export interface FindingText {
  message: string;
  /** 'Field: Tenant ID' or, for a PoE check, the PoE field. */
  concerns: string;
  /** The field a partner goes to for it; undefined for a PoE finding. */
  field?: string;
  predicts?: string;
  evidence: EvidenceText[];
  fix?: string;
  source: string;
}

/** One piece of evidence in words: where ('sow.pdf, page 2, line 14'), and the quote or 'not found', and the note. */
export interface EvidenceText {
  /** File, page and line, joined; '' when the evidence is a field value. */
  place: string;
  found: boolean;
  quote?: string;
  note?: string;
  /** The whole line as one text, for a view without markup. */
  line: string;
}

export function findingText(pack: RulePack, finding: Finding, locale: string, day: string): FindingText {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    formatMessage(pack, key, locale, params);
  const text = (value: LocalizedText) => localize(value, locale, pack.pack.defaultLocale);
  const field = 'field' in finding.concerns ? finding.concerns.field : undefined;
  const label = (id: string) => {
    const f = pack.fields.fields.find((candidate) => candidate.id === id);
    return f ? text(fieldLabelOn(f, day)) : id;
  };
  const poeField = pack.fields.fields.find((f) => f.kind === 'files')?.id ?? 'poe';
  const reasons =
    finding.predicts?.type === 'rejection' ? pack.reasons.rejection : pack.reasons.actionRequired;
  const reason = finding.predicts && reasons.find((r) => r.id === finding.predicts!.reason)?.label;
  // An empty required field's only evidence is "not found": the message says it already.
  const evidence = finding.evidence.filter((e) => e.found || e.file || e.note || !field);
  return {
    message: text(finding.message),
    concerns: field
      ? t('ui.check.concernsField', { field: label(field) })
      : t('ui.check.concernsPoe', { field: label(poeField) }),
    ...(field ? { field } : {}),
    ...(finding.predicts
      ? { predicts: t('ui.check.predicts', { reason: reason ? text(reason) : finding.predicts.reason }) }
      : {}),
    evidence: evidence.map((e) => evidenceText(e, t, text)),
    ...(finding.fix ? { fix: t('ui.check.fix', { fix: text(finding.fix) }) } : {}),
    source: t('ui.check.source', { doc: finding.source.doc, quote: finding.source.quote }),
  };
}

function evidenceText(
  e: Evidence,
  t: (key: string, params?: Record<string, string | number>) => string,
  text: (value: LocalizedText) => string,
): EvidenceText {
  const place = [
    e.file,
    e.page ? t('ui.check.page', { page: e.page }) : undefined,
    e.line ? t('ui.check.line', { line: e.line }) : undefined,
  ]
    .filter((p): p is string => !!p)
    .join(', ');
  // An evidence note: a sentence per language (or, from an older engine, one plain sentence).
  const note = e.note ? (typeof e.note === 'string' ? e.note : text(e.note)) : undefined;
  const line = [
    place ? `${place}: ` : '',
    e.found ? (e.quote ? `“${e.quote}”` : '') : t('ui.check.notFound'),
    note ? ` — ${note}` : '',
  ].join('');
  return {
    place,
    found: e.found,
    ...(e.found && e.quote ? { quote: e.quote } : {}),
    ...(note ? { note } : {}),
    line,
  };
}
