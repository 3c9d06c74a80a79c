/**
 * The text of the PoE fixtures: one good PoE per language and, per action-required reason of
 * rules/cpor/reasons.json, a copy with exactly that defect. The claim they belong to is
 * `FIXTURE_CLAIM`, submitted on `FIXTURE_SUBMISSION`.
 */
export const FIXTURE_SUBMISSION = '2026-11-27T10:00:00Z';

export const FIXTURE_CLAIM = {
  customerName: 'Contoso Pharma B.V.',
  customerDomain: 'contoso-pharma.nl',
  tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
  products: ['dynamics-365-sales', 'power-bi'],
};

export type Language = 'en' | 'nl';

/** The parts of a PoE; a defect replaces or drops one part. */
interface Parts {
  title: string[];
  identity: string[];
  description: string[];
  products: string[];
  acknowledgment: string[];
}

const WRONG_TENANT = 'b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40';

const good: Record<Language, Parts> = {
  en: {
    title: ['Statement of Work', 'Document date: 2026-10-01', 'Partner: Northwind Consulting B.V.'],
    identity: [
      'Customer: Contoso Pharma B.V.',
      'Customer domain: contoso-pharma.nl',
      'Tenant ID: 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      'Project: sales and reporting modernisation',
    ],
    description: [
      'Scope of work',
      'Northwind Consulting designed and deployed Dynamics 365 Sales for the commercial team of',
      'Contoso Pharma. We migrated 12,000 accounts and contacts from the legacy CRM, configured the',
      'opportunity pipeline, built approval flows for discounts, trained forty sales representatives',
      'and delivered Power BI dashboards that report pipeline, forecast and win rates per region.',
      'The work ran from June to September 2026 and ended with a go-live review with the customer.',
    ],
    products: ['Products: Dynamics 365 Sales, Power BI'],
    acknowledgment: [
      'Customer acknowledgment',
      'Signed by the customer: Jan de Vries, IT Director, Contoso Pharma B.V.',
      'Date: October 15, 2026',
      'DocuSign Envelope ID: 9A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9',
    ],
  },
  nl: {
    title: ['Opdrachtbevestiging', 'Documentdatum: 01-10-2026', 'Partner: Northwind Consulting B.V.'],
    identity: [
      'Klant: Contoso Pharma B.V.',
      'Domein: contoso-pharma.nl',
      'Tenant-id: 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      'Project: modernisering van verkoop en rapportage',
    ],
    description: [
      'Projectomschrijving',
      'Northwind Consulting heeft Dynamics 365 Sales ontworpen en uitgerold voor het commerciële team',
      'van Contoso Pharma. Wij hebben 12.000 accounts en contactpersonen uit het oude CRM gemigreerd,',
      'de verkoopkansen ingericht, goedkeuringsstromen voor kortingen gebouwd, veertig verkopers',
      'opgeleid en Power BI-dashboards opgeleverd voor pijplijn, prognose en scoringskans per regio.',
      'Het werk liep van juni tot september 2026 en eindigde met een livegang-review met de klant.',
    ],
    products: ['Producten: Dynamics 365 Sales, Power BI'],
    acknowledgment: [
      'Voor akkoord namens de klant',
      'Ondertekend door: Jan de Vries, IT-directeur, Contoso Pharma B.V.',
      'Datum: 15 oktober 2026',
    ],
  },
};

/** Per action-required reason (and one for the identity check), how the good PoE is changed. */
const defects: Record<string, Record<Language, (p: Parts) => Parts>> = {
  // Another customer's PoE: no name, domain or tenant of this claim.
  'missing-all-poe': {
    en: (p) => ({
      ...p,
      identity: ['Customer: Fabrikam Retail Ltd.', 'Project: sales and reporting modernisation'],
      description: p.description.map((l) => l.replace('Contoso Pharma', 'Fabrikam Retail')),
      acknowledgment: p.acknowledgment.map((l) => l.replace('Contoso Pharma B.V.', 'Fabrikam Retail Ltd.')),
    }),
    nl: (p) => ({
      ...p,
      identity: ['Klant: Fabrikam Retail Ltd.', 'Project: modernisering van verkoop en rapportage'],
      description: p.description.map((l) => l.replace('Contoso Pharma', 'Fabrikam Retail')),
      acknowledgment: p.acknowledgment.map((l) => l.replace('Contoso Pharma B.V.', 'Fabrikam Retail Ltd.')),
    }),
  },
  // The customer's name is right but the tenant ID is another tenant's (check 'poe-identity-matches').
  'wrong-tenant': {
    en: (p) => ({ ...p, identity: p.identity.map((l) => l.replace(FIXTURE_CLAIM.tenantId, WRONG_TENANT)) }),
    nl: (p) => ({ ...p, identity: p.identity.map((l) => l.replace(FIXTURE_CLAIM.tenantId, WRONG_TENANT)) }),
  },
  // No signature block; the document date stays.
  'missing-customer-acknowledgment': {
    en: (p) => ({ ...p, acknowledgment: [] }),
    nl: (p) => ({ ...p, acknowledgment: [] }),
  },
  // Signed, but more than 12 months before submission.
  'missing-or-old-dates': {
    en: (p) => ({
      ...p,
      title: p.title.map((l) => l.replace('2026-10-01', '2024-10-01')),
      description: p.description.map((l) => l.replace('2026', '2024')),
      acknowledgment: p.acknowledgment.map((l) => l.replace('October 15, 2026', 'October 15, 2024')),
    }),
    nl: (p) => ({
      ...p,
      title: p.title.map((l) => l.replace('01-10-2026', '01-10-2024')),
      description: p.description.map((l) => l.replace('2026', '2024')),
      acknowledgment: p.acknowledgment.map((l) => l.replace('15 oktober 2026', '15 oktober 2024')),
    }),
  },
  // No description of the work: another title, no scope section.
  'missing-partner-solution': {
    en: (p) => ({ ...p, title: ['Project confirmation', ...p.title.slice(1)], description: [] }),
    nl: (p) => ({ ...p, title: ['Projectbevestiging', ...p.title.slice(1)], description: [] }),
  },
  // Power BI is claimed but not named.
  'missing-products': {
    en: (p) => ({
      ...p,
      description: p.description.map((l) => l.replace('Power BI dashboards', 'dashboards')),
      products: ['Products: Dynamics 365 Sales'],
    }),
    nl: (p) => ({
      ...p,
      description: p.description.map((l) => l.replace('Power BI-dashboards', 'dashboards')),
      products: ['Producten: Dynamics 365 Sales'],
    }),
  },
};

export const DEFECTS = Object.keys(defects);

const join = (p: Parts) => [
  ...p.title,
  '',
  ...p.identity,
  '',
  ...p.description,
  '',
  ...p.products,
  '',
  ...p.acknowledgment,
];

/** The lines of the good PoE, or of the PoE with one defect. */
export function fixtureLines(language: Language, defect?: string): string[] {
  const parts = good[language];
  if (!defect) return join(parts);
  const change = defects[defect]?.[language];
  if (!change) throw new Error(`unknown defect '${defect}'; use ${DEFECTS.join(', ')}`);
  return join(change(parts));
}

/** A long PoE for the bench: the good PoE's parts, with the description repeated to fill `pages` pages. */
export function longFixtureLines(language: Language, pages: number, linesPerPage = 52): string[] {
  const p = good[language];
  const filler: string[] = [];
  const target = pages * linesPerPage - join(p).length;
  for (let i = 0; filler.length < target; i++) {
    const line = p.description[1 + (i % (p.description.length - 1))]!;
    filler.push(`${line} (${i + 1})`);
  }
  return [
    ...p.title,
    '',
    ...p.identity,
    '',
    ...p.description,
    ...filler,
    '',
    ...p.products,
    '',
    ...p.acknowledgment,
  ];
}
