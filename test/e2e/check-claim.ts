// The complete claim the check page's browser tests fill in (Chromium and Firefox), around the
// customer of the PoE fixtures (test/fixtures/poe, claim.json), and the labels the page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../demo/harness.mjs';
import { defaultPack } from '../../src/rules/default-pack';
import { fieldLabelOn } from '../../src/rules/lifecycle';

export const POE_DIR = join(ROOT, 'test/fixtures/poe');
export const fixture = JSON.parse(readFileSync(join(POE_DIR, 'claim.json'), 'utf8')) as {
  submissionDate: string;
  claim: { customerName: string; customerDomain: string; tenantId: string; products: string[] };
};
export const SUBMISSION_DAY = fixture.submissionDate.slice(0, 10);
const pack = defaultPack();

/** A field's label as the page shows it on the submission day, in a language. */
export function labelOf(id: string, locale = 'en'): string {
  const field = pack.fields.fields.find((f) => f.id === id);
  if (!field) throw new Error(`no field ${id} in fields.json`);
  return fieldLabelOn(field, SUBMISSION_DAY)[locale]!;
}
export function optionLabelOf(fieldId: string, optionId: string): string {
  const option = pack.fields.fields.find((f) => f.id === fieldId)?.options?.find((o) => o.id === optionId);
  if (!option) throw new Error(`no option ${optionId} of ${fieldId}`);
  return option.label.en!;
}

/** A complete claim around the fixtures' customer: no field check should block it. */
export const TEXT_VALUES: Record<string, string> = {
  customerName: fixture.claim.customerName,
  customerDomain: fixture.claim.customerDomain,
  tenantId: fixture.claim.tenantId,
  partnerId: '1234567',
  claimName: 'Contoso Pharma – Dynamics 365 Sales roll-out',
  dynamicsSubscriptionCount: '1',
  'customerContact.name': 'Eva de Vries',
  'customerContact.title': 'IT manager',
  'customerContact.email': 'eva.devries@contoso-pharma.nl',
  'technicalContact.name': 'Sam Jansen',
  'technicalContact.title': 'Solution architect',
  'technicalContact.email': 'sam.jansen@contoso-pharma.nl',
  'partnerContact.name': 'Noor Bakker',
  'partnerContact.email': 'noor@fabrikam-partners.nl',
};

/** The choices of the complete claim: select fields and their option ids. */
export const SELECT_VALUES: Record<string, string> = {
  solutionArea: 'business-applications',
  activity: 'pre-sales',
};
