/**
 * What the pre-submission check reports: one finding per problem, with the reviewer finding it
 * would likely cause and the evidence. Shared by the field checks and the PoE checks.
 */
import type { LocalizedText } from '../rules/types';

export type Severity = 'blocking' | 'warning' | 'info';

export interface Prediction {
  type: 'action-required' | 'rejection';
  /** The reason id in reasons.json. */
  reason: string;
}

export interface Evidence {
  /** false when the evidence is that something was not found. */
  found: boolean;
  /** The PoE file name, when the evidence is in a file. */
  file?: string;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based line in the extracted text. */
  line?: number;
  /** The quoted text, or the field value. */
  quote?: string;
  /**
   * What the evidence shows, in a sentence per language of the pack (e.g. en "2024-03-01 is more
   * than 12 months before the submission date 2026-11-27", nl "2024-03-01 ligt meer dan 12
   * maanden vóór de indieningsdatum 2026-11-27"). Made from a messages.json text (the PoE checks'
   * 'poe.note.*' keys), never concatenated in code; only quoted values (dates, file names, bytes,
   * counts) are filled in as they are.
   */
  note?: LocalizedText;
}

export interface Finding {
  /** The id of the check (fields.json check or reasons.json poeCheck) that found it. */
  id: string;
  severity: Severity;
  /** What it concerns: a field, or a PoE check. */
  concerns: { field: string } | { poeCheck: string };
  message: LocalizedText;
  fix?: LocalizedText;
  predicts?: Prediction;
  evidence: Evidence[];
  /** The rule's provenance, so the partner can see why cpor-guard says this. */
  source: { doc: string; quote: string; note?: string };
}
