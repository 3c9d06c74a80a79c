/**
 * `npm run poe:corpus`: writes the labelled PoE corpus into test/fixtures/poe-corpus/ (committed;
 * the output is the same on every run). Unlike test/fixtures/poe/ (one good PoE and one copy per
 * defect, written by the code's own authors for the code), these are the genres partners really
 * upload, each written as a partner or a customer would: statements of work, customer letters,
 * e-mail threads (saved as .mht or .eml, or printed to PDF), e-signature envelopes, Dutch
 * opdrachtbevestigingen, project closure reports; with the defects reviewers see: a vague
 * "Services" line, an unsigned template, the partner's signature only, a product named only in
 * the partner's boilerplate, another company named, old or misread dates, scans.
 *
 * labels.json holds, per document, the claim it belongs to and the blocking findings a reviewer
 * would agree with, decided when the document was written (before running the check):
 * - expected: the ids of the blocking PoE checks that must fire;
 * - acceptable: blocking checks that may fire too without being wrong (an unsigned template is
 *   also an undated acknowledgment);
 * - handCheck: the file cannot be read (a scan): no blocking finding, and the result must say
 *   "check by hand".
 * scripts/poe-score.ts scores the check against these labels.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDocx, makeEml, makeHtml, makePdf, paginate } from './lib/poe-documents';

export const CORPUS_SUBMISSION = '2026-11-27T10:00:00Z';

export const CORPUS_CLAIMS = {
  contoso: {
    customerName: 'Contoso Pharma B.V.',
    customerDomain: 'contoso-pharma.nl',
    tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
    products: ['dynamics-365-sales', 'power-bi'],
  },
  fabrikam: {
    customerName: 'Fabrikam Logistics Ltd',
    customerDomain: 'fabrikam-logistics.co.uk',
    tenantId: '6d2e7f10-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
    products: ['microsoft-teams', 'sharepoint-online'],
  },
  vandijk: {
    customerName: 'Van Dijk Installatietechniek B.V.',
    customerDomain: 'vandijk-installatie.nl',
    tenantId: '0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b',
    products: ['dynamics-365-business-central', 'power-apps'],
  },
} as const;
export type ClaimId = keyof typeof CORPUS_CLAIMS;

export interface CorpusLabel {
  file: string;
  claim: ClaimId;
  genre: string;
  language: 'en' | 'nl';
  expected: string[];
  acceptable?: string[];
  handCheck?: boolean;
  /** Why the document is labelled so, in a sentence. */
  why: string;
}

type Format = 'pdf' | 'docx' | 'html' | 'mht' | 'eml';

interface Doc {
  name: string;
  claim: ClaimId;
  genre: string;
  language: 'en' | 'nl';
  /** Pages of lines (one page for formats without pages). */
  pages: string[][];
  formats: Format[];
  expected?: string[];
  acceptable?: string[];
  handCheck?: boolean;
  why: string;
  /** Mail headers for .mht/.eml. */
  mail?: Record<string, string>;
}

// ---- the genres ----

const CONTOSO_DESCRIPTION_EN = [
  'Northwind Consulting designed and deployed Dynamics 365 Sales Enterprise for the commercial team',
  'of Contoso Pharma. We migrated 12,000 accounts and contacts from the legacy CRM, configured the',
  'opportunity pipeline and the discount approval flows, trained forty sales representatives and',
  'delivered Power BI dashboards that report pipeline, forecast and win rates per region. The work',
  'ended with a go-live review with the customer in September.',
];

function sow(o: {
  date: string;
  signatureDate: string;
  description?: string[];
  products?: string;
  identity?: string[];
  acknowledgment?: string[];
  heading?: string;
}): string[][] {
  return [
    [
      'Statement of Work',
      `Document date: ${o.date}`,
      'Partner: Northwind Consulting B.V.',
      '',
      ...(o.identity ?? [
        'Customer: Contoso Pharma B.V.',
        'Customer domain: contoso-pharma.nl',
        'Tenant ID: 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      ]),
      'Project: sales and reporting modernisation',
      '',
      o.heading ?? 'Scope of work',
      ...(o.description ?? CONTOSO_DESCRIPTION_EN),
      '',
      o.products ?? 'Products: Dynamics 365 Sales, Power BI',
    ],
    o.acknowledgment ?? [
      'Customer acknowledgment',
      'Agreed and accepted on behalf of Contoso Pharma B.V.',
      'Signed by: Jan de Vries, IT Director',
      `Date: ${o.signatureDate}`,
    ],
  ];
}

const VAGUE_EN = ['Services', 'Northwind will support Contoso Pharma with Dynamics 365 Sales and Power BI.'];

function letter(o: { date: string; body?: string[]; closing?: string[] }): string[][] {
  return [
    [
      'Contoso Pharma B.V.',
      'Bioscience Park 12, 2333 CA Leiden, The Netherlands',
      '',
      o.date,
      '',
      'Northwind Consulting B.V.',
      'Attn. Pieter Bakker',
      '',
      'Subject: Confirmation of services delivered',
      '',
      'Dear Pieter,',
      '',
      ...(o.body ?? [
        'We hereby confirm that Northwind Consulting delivered the following services to Contoso',
        'Pharma B.V. (tenant 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17, contoso-pharma.nl) between June and',
        'September 2026: the design and roll-out of D365 Sales for our sales organisation, the migration',
        'of our accounts and contacts from the previous CRM, training for forty sales representatives',
        'and a set of PowerBI reports on pipeline and forecast that our management now uses weekly.',
        'We are satisfied with the result and accept the work as completed.',
      ]),
      '',
      ...(o.closing ?? ['Yours sincerely,', '', 'Jan de Vries', 'IT Director, Contoso Pharma B.V.']),
    ],
  ];
}

function mailThread(o: { sent: string; approval?: string[]; from?: string }): string[][] {
  return [
    [
      `From: ${o.from ?? 'Jan de Vries <jan.devries@contoso-pharma.nl>'}`,
      `Sent: ${o.sent}`,
      'To: Pieter Bakker <pieter.bakker@northwind.example>',
      'Subject: Re: Project closure - Dynamics 365 Sales and Power BI',
      '',
      ...(o.approval ?? [
        'Hi Pieter,',
        '',
        'Approved. We confirm the work below is completed and accepted by Contoso Pharma.',
        '',
        'Kind regards,',
        'Jan de Vries',
        'IT Director | Contoso Pharma B.V.',
      ]),
      '',
      'From: Pieter Bakker <pieter.bakker@northwind.example>',
      'Sent: Monday, October 12, 2026 16:40',
      'To: Jan de Vries <jan.devries@contoso-pharma.nl>',
      'Subject: Project closure - Dynamics 365 Sales and Power BI',
      '',
      'Hi Jan,',
      '',
      'As agreed, please confirm the completion of the implementation for Contoso Pharma',
      '(tenant ID 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17). We rolled out Dynamics 365 Sales to the',
      'sales teams in the Netherlands and Belgium, migrated the accounts, contacts and open',
      'opportunities from the old CRM, set up the quote approval process and trained the users in',
      'four sessions. The Power BI workspace with the pipeline and forecast reports is live and',
      'refreshed every night.',
      '',
      'Best regards,',
      'Pieter Bakker, Northwind Consulting',
    ],
  ];
}

function envelope(o: { signed: string; completed: string }): string[][] {
  return [
    ...sow({ date: '2026-02-20', signatureDate: o.signed }),
    [
      'Certificate Of Completion',
      'Envelope Id: 9A1B2C3D4E5F406182739', // no dashes: not a GUID
      'Subject: Please DocuSign: SOW Contoso Pharma - Dynamics 365 Sales',
      'Status: Completed',
      'Signer Events',
      'Jan de Vries',
      'jan.devries@contoso-pharma.nl',
      'IT Director, Contoso Pharma B.V.',
      `Signed by Jan de Vries on ${o.signed}`,
      'Signature Adoption: Pre-selected Style',
      'Envelope Summary Events',
      `Completed: ${o.completed}`,
    ],
  ];
}

const NL_DESCRIPTION = [
  'Northwind Consulting heeft voor Van Dijk Installatietechniek Business Central ingericht voor',
  'de financiele administratie, de projectadministratie en de inkoop. Wij hebben de openstaande',
  'posten en de artikelen uit het oude pakket overgezet, de koppeling met de bank gebouwd en een',
  'Power Apps-app gemaakt waarmee de monteurs hun uren en materialen op de bouwplaats vastleggen.',
  'Twaalf medewerkers zijn opgeleid en na de livegang hebben wij vier weken nazorg geleverd.',
];

function opdrachtbevestiging(o: {
  datum: string;
  ondertekend: string;
  omschrijving?: string[];
  identiteit?: string[];
  akkoord?: string[];
  producten?: string;
}): string[][] {
  return [
    [
      'Opdrachtbevestiging',
      `Datum: ${o.datum}`,
      'Opdrachtnemer: Northwind Consulting B.V.',
      '',
      ...(o.identiteit ?? [
        'Klant: Van Dijk Installatietechniek B.V.',
        'Domein: vandijk-installatie.nl',
        'Tenant-id: 0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b',
      ]),
      '',
      'Omschrijving van de werkzaamheden',
      ...(o.omschrijving ?? NL_DESCRIPTION),
      '',
      o.producten ?? 'Producten: Dynamics 365 Business Central, Power Apps',
      '',
      ...(o.akkoord ?? [
        'Voor akkoord namens de opdrachtgever',
        'Naam: Anja van Dijk',
        'Functie: directeur, Van Dijk Installatietechniek B.V.',
        'Handtekening: A. van Dijk',
        `Datum: ${o.ondertekend}`,
      ]),
    ],
  ];
}

function closureReport(o: { accepted: string; deliverables?: string[]; acceptance?: string[] }): string[][] {
  return [
    [
      'Project Closure Report',
      'Project: Collaboration platform for Fabrikam Logistics',
      'Customer: Fabrikam Logistics Ltd',
      'Tenant ID: 6d2e7f10-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
      'Prepared by: Northwind Consulting',
      '',
      'Project summary',
      'Fabrikam Logistics moved its 900 office and warehouse staff from file shares and e-mail',
      'attachments to Microsoft Teams and SharePoint Online between April and August 2026.',
      '',
      'Deliverables',
      ...(o.deliverables ?? [
        '- Teams rolled out to 900 users in 14 depots, with a team per depot and per department',
        '- SharePoint Online intranet with news, policies and the safety handbook for all drivers',
        '- 2.3 TB of documents migrated from the Leeds and Bristol file servers to SharePoint',
        '- Governance: naming policy, guest access rules and an owner for every team and site',
        '- Training for 60 champions and short video guides for the warehouse teams',
      ]),
      '',
      ...(o.acceptance ?? [
        'Acceptance',
        `Accepted by Sarah Clarke, Head of IT, Fabrikam Logistics Ltd, on ${o.accepted}.`,
        'Signature: S. Clarke',
      ]),
    ],
  ];
}

// ---- the corpus ----

const docs: Doc[] = [
  // Statements of work, good, with the date forms people write.
  {
    name: 'sow-good-ordinal',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({ date: '1st March 2026', signatureDate: '12th March 2026' }),
    formats: ['pdf', 'docx'],
    why: 'complete SOW, signed by the customer on 12th March 2026',
  },
  {
    name: 'sow-good-us-date',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: 'March 2, 2026',
      signatureDate: 'March 12, 2026',
      products: 'Products: D365 Sales, PowerBI',
    }),
    formats: ['pdf', 'docx', 'html'],
    why: 'complete SOW, products as people abbreviate them, signed March 12, 2026',
  },
  {
    name: 'sow-good-iso',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({ date: '2026-03-02', signatureDate: '2026-03-12' }),
    formats: ['pdf', 'html'],
    why: 'complete SOW, ISO dates',
  },
  {
    name: 'sow-good-month-year',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({ date: 'February 2026', signatureDate: 'March 2026' }),
    formats: ['pdf', 'docx'],
    why: 'complete SOW dated with month and year only (March 2026), recent',
  },
  {
    name: 'sow-good-tenant-in-description',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-04-01',
      signatureDate: '2026-04-20',
      description: [
        'Northwind Consulting set up Dynamics 365 Sales in the customer tenant and connected it to',
        'the existing Microsoft 365 environment. The signature of quotes now runs through an approval',
        'flow. We migrated 8,000 accounts, configured lead scoring and the opportunity stages, and',
        'built Power BI reports for the sales managers. Forty users were trained in three sessions',
        'and the project closed with a review of the adoption figures after four weeks.',
      ],
    }),
    formats: ['pdf', 'docx'],
    why: 'complete SOW whose description mentions the tenant and the word signature',
  },
  // Statements of work with a defect.
  {
    name: 'sow-vague-services',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      heading: VAGUE_EN[0],
      description: [VAGUE_EN[1]!],
    }),
    formats: ['pdf', 'docx', 'html'],
    expected: ['poe-describes-work'],
    why: 'the Services section is one vague sentence: nothing says what was done',
  },
  {
    name: 'sow-unsigned-template',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '',
      acknowledgment: [
        'Customer acknowledgment',
        'Customer signature: ______________________',
        'Name: ______________________',
        'Date: ______________________',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'a template with empty signature lines: the customer did not sign',
  },
  {
    name: 'sow-partner-signature-only',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '',
      acknowledgment: [
        'Signed for Northwind Consulting B.V.',
        'Pieter Bakker, Delivery Manager',
        'Date: 2026-03-12',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'only the partner signed; nothing from the customer',
  },
  {
    name: 'sow-product-in-boilerplate',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      description: [
        'Northwind Consulting designed and deployed Dynamics 365 Sales for the commercial team of',
        'Contoso Pharma. We migrated 12,000 accounts and contacts from the legacy CRM, configured the',
        'opportunity pipeline and the discount approval flows and trained forty sales representatives',
        'in four sessions. The work ended with a go-live review with the customer in September.',
        '',
        'About Northwind Consulting',
        'Northwind Consulting is a Microsoft Solutions Partner for Business Applications and Data & AI,',
        'with certified specialists in Dynamics 365, Power BI, Power Platform and Azure.',
      ],
      products: 'Product: Dynamics 365 Sales',
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-names-products'],
    why: 'Power BI is claimed but named only in the partner\'s "About" boilerplate',
  },
  {
    name: 'sow-product-missing',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      description: CONTOSO_DESCRIPTION_EN.map((l) => l.replace('Power BI dashboards', 'dashboards')),
      products: 'Product: Dynamics 365 Sales',
    }),
    formats: ['pdf', 'html'],
    expected: ['poe-names-products'],
    why: 'Power BI is claimed but not named anywhere',
  },
  {
    name: 'sow-other-company',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      identity: [
        'Customer: Litware Biotech GmbH',
        'Customer domain: contoso-pharma.nl',
        'Tenant ID: 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      ],
      description: CONTOSO_DESCRIPTION_EN.map((l) => l.replace('Contoso Pharma', 'Litware Biotech')),
      acknowledgment: [
        'Customer acknowledgment',
        'Agreed and accepted on behalf of Litware Biotech GmbH',
        'Signed by: Anna Schmidt, CIO',
        'Date: 2026-03-12',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-name-matches'],
    why: "another company is the customer, although the claim's domain and tenant ID are copied in",
  },
  {
    name: 'sow-another-customers-poe',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      identity: ['Customer: Litware Biotech GmbH', 'Customer domain: litware-biotech.de'],
      description: CONTOSO_DESCRIPTION_EN.map((l) => l.replace('Contoso Pharma', 'Litware Biotech')),
      acknowledgment: [
        'Customer acknowledgment',
        'Agreed and accepted on behalf of Litware Biotech GmbH',
        'Signed by: Anna Schmidt, CIO',
        'Date: 2026-03-12',
      ],
    }),
    formats: ['pdf'],
    expected: ['poe-names-customer'],
    acceptable: ['poe-customer-name-matches', 'poe-identity-matches'],
    why: "another customer's PoE: nothing of this claim's customer in it",
  },
  {
    name: 'sow-wrong-tenant',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-03-02',
      signatureDate: '2026-03-12',
      identity: [
        'Customer: Contoso Pharma B.V.',
        'Customer domain: contoso-pharma.nl',
        'Tenant ID: b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-identity-matches'],
    why: "the tenant ID is another tenant's",
  },
  {
    name: 'sow-old',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({ date: 'March 2, 2024', signatureDate: 'March 12, 2024' }),
    formats: ['pdf', 'docx'],
    expected: ['poe-dated-recently'],
    why: 'signed in March 2024, more than 12 months before the submission',
  },
  {
    name: 'sow-no-signature-block',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: [sow({ date: '2026-03-02', signatureDate: '' })[0]!],
    formats: ['pdf'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'no acknowledgment at all',
  },
  // Customer letters.
  {
    name: 'letter-good',
    claim: 'contoso',
    genre: 'customer letter',
    language: 'en',
    pages: letter({ date: '15 October 2026' }),
    formats: ['pdf', 'docx'],
    why: 'a dated letter on the customer\'s paper, "Yours sincerely" and signed by its IT director',
  },
  {
    name: 'letter-good-two-digit-year',
    claim: 'contoso',
    genre: 'customer letter',
    language: 'en',
    pages: letter({ date: 'Leiden, 10/15/26' }),
    formats: ['pdf'],
    why: 'a dated letter (10/15/26, a two-digit year)',
  },
  {
    name: 'letter-vague',
    claim: 'contoso',
    genre: 'customer letter',
    language: 'en',
    pages: letter({
      date: '15 October 2026',
      body: [
        'We confirm that Northwind Consulting provided services to Contoso Pharma B.V. for Dynamics',
        '365 Sales and Power BI. Thank you for the cooperation.',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-describes-work'],
    why: 'the letter confirms "services" without saying what was done',
  },
  {
    name: 'letter-old',
    claim: 'contoso',
    genre: 'customer letter',
    language: 'en',
    pages: letter({ date: '15 October 2024' }),
    formats: ['pdf'],
    expected: ['poe-dated-recently'],
    why: 'the letter is from October 2024',
  },
  {
    name: 'letter-unsigned-partner-draft',
    claim: 'contoso',
    genre: 'customer letter',
    language: 'en',
    pages: letter({
      date: '15 October 2026',
      closing: [
        'Yours sincerely,',
        '',
        '______________________',
        'Name and title:',
        '______________________',
      ],
    }),
    formats: ['docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'a draft the partner wrote for the customer to sign, with empty signature lines',
  },
  // E-mail threads.
  {
    name: 'mail-approved',
    claim: 'contoso',
    genre: 'e-mail thread',
    language: 'en',
    pages: mailThread({ sent: 'Thursday, October 15, 2026 09:12' }),
    formats: ['mht', 'pdf'],
    mail: {
      From: 'Jan de Vries <jan.devries@contoso-pharma.nl>',
      To: 'Pieter Bakker <pieter.bakker@northwind.example>',
      Date: 'Thu, 15 Oct 2026 09:12:00 +0200',
      Subject: 'Re: Project closure - Dynamics 365 Sales and Power BI',
    },
    why: 'the customer replied "Approved" to the partner\'s description of the work',
  },
  {
    name: 'mail-approved-eml',
    claim: 'contoso',
    genre: 'e-mail thread',
    language: 'en',
    pages: mailThread({ sent: 'Thursday, October 15, 2026 09:12' }),
    formats: ['eml'],
    mail: {
      From: 'Jan de Vries <jan.devries@contoso-pharma.nl>',
      To: 'Pieter Bakker <pieter.bakker@northwind.example>',
      Date: 'Thu, 15 Oct 2026 09:12:00 +0200',
      Subject: 'Re: Project closure - Dynamics 365 Sales and Power BI',
    },
    expected: ['poe-file-type'],
    why: 'a good thread, but .eml is not a type Partner Center accepts (fields.json): save it as .mht or PDF',
  },
  {
    name: 'mail-partner-only',
    claim: 'contoso',
    genre: 'e-mail thread',
    language: 'en',
    pages: [mailThread({ sent: 'Thursday, October 15, 2026 09:12' })[0]!.slice(12)],
    formats: ['mht', 'pdf'],
    mail: {
      From: 'Pieter Bakker <pieter.bakker@northwind.example>',
      To: 'Jan de Vries <jan.devries@contoso-pharma.nl>',
      Date: 'Mon, 12 Oct 2026 16:40:00 +0200',
      Subject: 'Project closure - Dynamics 365 Sales and Power BI',
    },
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: "only the partner's mail asking for confirmation; the customer never answered",
  },
  {
    name: 'mail-old',
    claim: 'contoso',
    genre: 'e-mail thread',
    language: 'en',
    pages: mailThread({ sent: 'Thursday, October 16, 2024 09:12' }).map((p) =>
      p.map((l) => l.replace('October 12, 2026', 'October 13, 2024')),
    ),
    formats: ['pdf'],
    expected: ['poe-dated-recently'],
    why: 'the approval is from October 2024',
  },
  // E-signature envelopes.
  {
    name: 'envelope-good',
    claim: 'contoso',
    genre: 'e-signature envelope',
    language: 'en',
    pages: envelope({ signed: '3/12/2026 | 09:14 AM PT', completed: '3/12/2026 | 09:15 AM PT' }),
    formats: ['pdf'],
    why: 'a signed SOW with its DocuSign certificate (US dates, 3/12/2026)',
  },
  {
    name: 'envelope-old',
    claim: 'contoso',
    genre: 'e-signature envelope',
    language: 'en',
    pages: envelope({ signed: '11/12/2025 | 09:14 AM PT', completed: '11/12/2025 | 09:15 AM PT' }).map((p) =>
      p.map((l) => l.replace('2026-02-20', '2025-11-01')),
    ),
    formats: ['pdf'],
    expected: ['poe-dated-recently'],
    why: 'signed November 12, 2025 (US order), more than 12 months before 2026-11-27',
  },
  // Dutch opdrachtbevestigingen.
  {
    name: 'opdracht-goed-numeriek',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '02-03-2026', ondertekend: '12-03-2026' }),
    formats: ['pdf', 'docx', 'html'],
    why: 'volledig en voor akkoord getekend op 12-03-2026 (12 maart)',
  },
  {
    name: 'opdracht-goed-maandnaam',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '2 maart 2026', ondertekend: '12 maart 2026' }),
    formats: ['pdf', 'docx'],
    why: 'volledig, getekend op 12 maart 2026',
  },
  {
    name: 'opdracht-goed-mht',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '2 maart 2026', ondertekend: '12 maart 2026' }),
    formats: ['mht'],
    mail: {
      From: 'Anja van Dijk <anja@vandijk-installatie.nl>',
      To: 'Northwind Consulting <projecten@northwind.example>',
      Date: 'Thu, 12 Mar 2026 11:02:00 +0100',
      Subject: 'Opdrachtbevestiging voor akkoord retour',
    },
    why: 'de getekende opdrachtbevestiging, als mail bewaard',
  },
  {
    name: 'opdracht-oud-dmy',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '01-11-2025', ondertekend: '12-11-2025' }),
    formats: ['pdf', 'docx'],
    expected: ['poe-dated-recently'],
    why: '12-11-2025 is 12 november 2025 in a Dutch document: more than 12 months before 2026-11-27 (read as 11 December it would pass)',
  },
  {
    name: 'opdracht-na-indiening',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '01-12-2026', ondertekend: '01-12-2026' }),
    formats: ['pdf'],
    expected: ['poe-dated-recently'],
    why: '01-12-2026 is 1 december 2026, after the submission (read as January 12 it would pass)',
  },
  {
    name: 'opdracht-vaag',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '12 maart 2026',
      omschrijving: ['Ondersteuning bij Business Central en Power Apps volgens offerte.'],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-describes-work'],
    why: 'de werkzaamheden zijn één vage zin',
  },
  {
    name: 'opdracht-niet-getekend',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '',
      akkoord: [
        'Voor akkoord namens de opdrachtgever',
        'Naam: ................................',
        'Handtekening: ................................',
        'Datum: ................................',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'een sjabloon met lege handtekeningregels',
  },
  {
    name: 'opdracht-alleen-partner',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '',
      akkoord: [
        'Ondertekend door Northwind Consulting B.V.',
        'Pieter Bakker, projectleider',
        'Datum: 12 maart 2026',
      ],
    }),
    formats: ['pdf'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'alleen de partner heeft getekend',
  },
  {
    name: 'opdracht-ander-bedrijf',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '12 maart 2026',
      identiteit: [
        'Klant: Bouwbedrijf Jansen B.V.',
        'Domein: vandijk-installatie.nl',
        'Tenant-id: 0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b',
      ],
      omschrijving: NL_DESCRIPTION.map((l) =>
        l.replace('Van Dijk Installatietechniek', 'Bouwbedrijf Jansen'),
      ),
      akkoord: [
        'Voor akkoord namens de opdrachtgever',
        'Naam: Kees Jansen',
        'Functie: directeur, Bouwbedrijf Jansen B.V.',
        'Handtekening: K. Jansen',
        'Datum: 12 maart 2026',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-name-matches'],
    why: 'een ander bedrijf is de klant, al staan domein en tenant-id van de claim erin',
  },
  {
    name: 'opdracht-product-ontbreekt',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '12 maart 2026',
      omschrijving: NL_DESCRIPTION.map((l) => l.replace('Power Apps-app', 'app')),
      producten: 'Product: Dynamics 365 Business Central',
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-names-products'],
    why: 'Power Apps is geclaimd maar nergens genoemd',
  },
  // Project closure reports.
  {
    name: 'closure-good',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({ accepted: '28 August 2026' }),
    formats: ['pdf', 'docx', 'html'],
    why: "a closure report with deliverables and the customer's acceptance on 28 August 2026",
  },
  {
    name: 'closure-good-ordinal',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({ accepted: '28th Aug 2026' }),
    formats: ['pdf'],
    why: 'as above, dated 28th Aug 2026',
  },
  {
    name: 'closure-unaccepted',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({
      accepted: '',
      acceptance: [
        'Acceptance',
        'Accepted by (customer): ____________________',
        'Date: ____________________',
      ],
    }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'the acceptance lines are empty',
  },
  {
    name: 'closure-product-missing',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({
      accepted: '28 August 2026',
      deliverables: [
        '- Teams rolled out to 900 users in 14 depots, with a team per depot and per department',
        '- Governance: naming policy, guest access rules and an owner for every team',
        '- Training for 60 champions and short video guides for the warehouse teams',
      ],
    }).map((p) => p.map((l) => l.replace(' and SharePoint Online', ''))),
    formats: ['pdf'],
    expected: ['poe-names-products'],
    why: 'SharePoint Online is claimed but not named',
  },
];

// ---- batch 2: written after the fixes of batch 1, labelled and committed before the check ran
// on them, to see whether those fixes hold on wordings they were not made for ----

function twoColumnSow(o: { customerSigned: boolean; date: string }): string[][] {
  return [
    [
      'STATEMENT OF WORK - CRM ROLL-OUT',
      'Between Northwind Consulting B.V. ("Partner") and Contoso Pharma B.V. ("Client")',
      'Client tenant: 3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      '',
      '1. Background',
      'Contoso Pharma asked Northwind to replace its spreadsheet-based account planning.',
      '',
      '2. Deliverables',
      '- Dynamics 365 Sales Professional configured for 35 key account managers',
      '- Account plans, contact roles and visit reports moved from Excel into the CRM',
      '- Outlook and Teams integration so that meetings are logged against accounts',
      '- A Power BI Pro workspace with the account coverage and visit frequency reports',
      '- Two training days and a recorded session for new starters in the team',
    ],
    [
      '3. Signatures',
      'For and on behalf of Northwind Consulting B.V.',
      'Name: Pieter Bakker',
      'Signature: P. Bakker',
      `Date: ${o.date}`,
      '',
      'For and on behalf of Contoso Pharma B.V.',
      ...(o.customerSigned
        ? ['Name: Jan de Vries', 'Signature: J. de Vries', `Date: ${o.date}`]
        : ['Name: ____________________', 'Signature: ____________________', 'Date: ____________________']),
    ],
  ];
}

const NL_MAIL = (o: { datum: string; antwoord: string[] }) => [
  [
    'Van: Anja van Dijk <anja@vandijk-installatie.nl>',
    `Verzonden: ${o.datum}`,
    'Aan: Pieter Bakker <pieter.bakker@northwind.example>',
    'Onderwerp: RE: Afronding project Business Central',
    '',
    ...o.antwoord,
    '',
    'Van: Pieter Bakker <pieter.bakker@northwind.example>',
    'Verzonden: maandag 2 maart 2026 16:05',
    'Aan: Anja van Dijk <anja@vandijk-installatie.nl>',
    'Onderwerp: Afronding project Business Central',
    '',
    'Beste Anja,',
    '',
    'Hierbij het overzicht van de werkzaamheden die wij voor Van Dijk Installatietechniek hebben',
    'uitgevoerd: de inrichting van Business Central voor financien, projecten en inkoop, de',
    'conversie van de openstaande posten en artikelen, de bankkoppeling en de Power Apps-app voor',
    'de urenregistratie van de monteurs. Wil je per mail bevestigen dat het project is afgerond?',
    '',
    'Met vriendelijke groet,',
    'Pieter Bakker, Northwind Consulting',
  ],
];

const batch2: Doc[] = [
  {
    name: 'b2-sow-two-columns-signed',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: twoColumnSow({ customerSigned: true, date: '3rd of March 2026' }),
    formats: ['pdf', 'docx'],
    why: 'signed by both parties "for and on behalf of", deliverables as bullets, Power BI Pro',
  },
  {
    name: 'b2-sow-two-columns-customer-blank',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: twoColumnSow({ customerSigned: false, date: 'Mar 3, 2026' }),
    formats: ['pdf', 'docx'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: "the partner signed; the customer's column is empty",
  },
  {
    name: 'b2-letter-nl',
    claim: 'vandijk',
    genre: 'customer letter',
    language: 'nl',
    pages: [
      [
        'Van Dijk Installatietechniek B.V.',
        'Industrieweg 4, 3771 MB Barneveld',
        '',
        'Barneveld, 20 maart 2026',
        '',
        'Betreft: bevestiging afronding project',
        '',
        'Geachte heer Bakker,',
        '',
        'Hierbij bevestigen wij dat Northwind Consulting de volgende werkzaamheden voor ons heeft',
        'uitgevoerd: de implementatie van Business Central voor de financiele administratie en de',
        'projecten, de overzetting van de gegevens uit ons oude pakket, een koppeling met de bank en',
        'een app in Power Apps waarmee onze monteurs uren en materiaal op de bouwplaats invoeren.',
        'Wij zijn tevreden over het resultaat en nemen het project hierbij af.',
        '',
        'Met vriendelijke groet,',
        '',
        'Anja van Dijk',
        'Directeur, Van Dijk Installatietechniek B.V.',
      ],
    ],
    formats: ['pdf', 'docx'],
    why: 'a Dutch customer letter, dated "Barneveld, 20 maart 2026", closed "Met vriendelijke groet" and signed by the director',
  },
  {
    name: 'b2-mail-nl-akkoord',
    claim: 'vandijk',
    genre: 'e-mail thread',
    language: 'nl',
    pages: NL_MAIL({
      datum: 'dinsdag 3 maart 2026 08:47',
      antwoord: [
        'Hoi Pieter,',
        '',
        'Akkoord, het project is wat ons betreft afgerond. Dank voor de prettige samenwerking.',
        '',
        'Groet,',
        'Anja van Dijk',
        'Directeur | Van Dijk Installatietechniek B.V.',
      ],
    }),
    formats: ['mht', 'pdf'],
    mail: {
      From: 'Anja van Dijk <anja@vandijk-installatie.nl>',
      To: 'Pieter Bakker <pieter.bakker@northwind.example>',
      Date: 'Tue, 3 Mar 2026 08:47:00 +0100',
      Subject: 'RE: Afronding project Business Central',
    },
    why: 'de klant antwoordt "Akkoord" op de beschrijving van de partner',
  },
  {
    name: 'b2-mail-nl-geen-antwoord',
    claim: 'vandijk',
    genre: 'e-mail thread',
    language: 'nl',
    pages: [NL_MAIL({ datum: '', antwoord: [] })[0]!.slice(6)],
    formats: ['pdf'],
    expected: ['poe-customer-signature'],
    acceptable: ['poe-dated-recently'],
    why: 'alleen de vraag van de partner, de klant heeft niet bevestigd',
  },
  {
    name: 'b2-envelope-nl',
    claim: 'vandijk',
    genre: 'e-signature envelope',
    language: 'nl',
    pages: [
      ...opdrachtbevestiging({
        datum: '02-03-2026',
        ondertekend: '03-03-2026',
        akkoord: [
          'Voor akkoord namens de opdrachtgever',
          'Naam: Anja van Dijk, directeur Van Dijk Installatietechniek B.V.',
          'Handtekening: (digitaal ondertekend)',
          'Datum: 03-03-2026',
        ],
      }),
      [
        'Voltooiingscertificaat',
        'Status: voltooid',
        'Ondertekenaar: Anja van Dijk, anja@vandijk-installatie.nl',
        'Digitaal ondertekend door Anja van Dijk op 03-03-2026 09:12',
      ],
    ],
    formats: ['pdf'],
    why: 'digitaal ondertekende opdrachtbevestiging met certificaat, 03-03-2026',
  },
  {
    name: 'b2-opdracht-dmy-recent',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '01.12.2025', ondertekend: '03.12.2025' }),
    formats: ['pdf'],
    why: '03.12.2025 is 3 december 2025, within 12 months of 2026-11-27',
  },
  {
    name: 'b2-opdracht-oud-mrt',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({ datum: '1 mrt 2025', ondertekend: '12 mrt 2025' }),
    formats: ['docx'],
    expected: ['poe-dated-recently'],
    why: '12 mrt 2025 is more than 12 months before 2026-11-27',
  },
  {
    name: 'b2-opdracht-vaag-offerte',
    claim: 'vandijk',
    genre: 'opdrachtbevestiging',
    language: 'nl',
    pages: opdrachtbevestiging({
      datum: '2 maart 2026',
      ondertekend: '12 maart 2026',
      omschrijving: [
        'Zie offerte NW-2026-014.',
        'Levering van diensten rond Business Central en Power Apps conform de afspraken.',
      ],
    }),
    formats: ['pdf'],
    expected: ['poe-describes-work'],
    why: 'verwijst naar een offerte in plaats van het werk te beschrijven',
  },
  {
    name: 'b2-closure-footer-boilerplate',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({
      accepted: '2 September 2026',
      deliverables: [
        '- Teams rolled out to 900 users in 14 depots, with a team per depot and per department',
        '- Governance: naming policy, guest access rules and an owner for every team',
        '- Training for 60 champions and short video guides for the warehouse teams',
        '- Teams Rooms in the two head offices, with booking from Outlook for every meeting room',
      ],
    }).map((p) => [
      ...p.map((l) => l.replace(' and SharePoint Online', '')),
      '',
      'Northwind Consulting - Microsoft Solutions Partner for Modern Work: Teams, SharePoint, OneDrive',
    ]),
    formats: ['pdf'],
    expected: ['poe-names-products'],
    why: 'SharePoint is claimed but appears only in the partner footer',
  },
  {
    name: 'b2-closure-ms-teams',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({ accepted: '02/09/2026' }).map((p) =>
      p.map((l) => l.replace('Microsoft Teams', 'MS Teams')),
    ),
    formats: ['docx'],
    why: 'a closure report accepted on 02/09/2026 (US order: February 9, 2026, also within 12 months)',
  },
  {
    name: 'b2-closure-client-label-other',
    claim: 'fabrikam',
    genre: 'project closure report',
    language: 'en',
    pages: closureReport({
      accepted: '28 August 2026',
      acceptance: [
        'Acceptance',
        'Accepted by Tom Hughes, IT Manager, Adventure Works Freight Ltd, on 28 August 2026.',
        'Signature: T. Hughes',
      ],
    }).map((p) =>
      p.map((l) => l.replace('Customer: Fabrikam Logistics Ltd', 'Client: Adventure Works Freight Ltd')),
    ),
    formats: ['pdf'],
    expected: ['poe-customer-name-matches'],
    acceptable: ['poe-customer-signature'],
    why: "another company is the client, with this claim's tenant ID in the header",
  },
  {
    name: 'b2-sow-approved-by',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-05-04',
      signatureDate: '',
      acknowledgment: [
        'Approval',
        'Approved by: Jan de Vries (IT Director, Contoso Pharma B.V.)',
        'Date: 5/6/2026',
      ],
    }),
    formats: ['pdf', 'html'],
    why: "approved by the customer's IT director on 5/6/2026 (May 6, 2026 in US order)",
  },
  {
    name: 'b2-sow-implementation-of',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({
      date: '2026-05-04',
      signatureDate: '2026-05-06',
      heading: 'Implementation',
      description: ['Implementation of Dynamics 365 Sales and Power BI as agreed in the proposal.'],
    }),
    formats: ['docx'],
    expected: ['poe-describes-work'],
    why: '"Implementation of … as agreed" does not say what was done',
  },
  {
    name: 'b2-sow-future',
    claim: 'contoso',
    genre: 'statement of work',
    language: 'en',
    pages: sow({ date: 'December 1, 2026', signatureDate: 'December 4, 2026' }),
    formats: ['pdf'],
    expected: ['poe-dated-recently'],
    why: 'signed December 4, 2026, after the submission on 2026-11-27',
  },
];

// ---- scans and files that cannot be read ----

const scanPage = '0.9 g 56 600 480 180 re f 0 g 2 w 60 620 m 200 700 l 320 640 l S';

// ---- writing ----

function render(doc: Doc, format: Format): Uint8Array {
  const lines = doc.pages.flatMap((p, i) => (i === 0 ? p : ['', ...p]));
  switch (format) {
    case 'pdf':
      return makePdf({ pages: doc.pages.flatMap((p) => paginate(p)) });
    case 'docx':
      return makeDocx(lines);
    case 'html':
      return makeHtml(lines[0] ?? '', lines);
    case 'mht':
    case 'eml':
      return makeEml(
        doc.mail ?? {
          From: 'Northwind Consulting <projects@northwind.example>',
          To: 'Archive <archive@northwind.example>',
          Date: 'Thu, 12 Mar 2026 11:02:00 +0100',
          Subject: lines[0] ?? 'PoE',
        },
        lines,
      );
  }
}

export function buildPoeCorpus(): { files: Map<string, Uint8Array>; labels: CorpusLabel[] } {
  const files = new Map<string, Uint8Array>();
  const labels: CorpusLabel[] = [];
  for (const doc of [...docs, ...batch2]) {
    for (const format of doc.formats) {
      const file = `${doc.name}.${format}`;
      files.set(file, render(doc, format));
      labels.push({
        file,
        claim: doc.claim,
        genre: doc.genre,
        language: doc.language,
        expected: doc.expected ?? [],
        ...(doc.acceptable ? { acceptable: doc.acceptable } : {}),
        ...(doc.handCheck ? { handCheck: true } : {}),
        why: doc.why,
      });
    }
  }
  // A scanned, signed SOW: no text layer on any page. Never a pass: check by hand.
  files.set('scan-signed-sow.pdf', makePdf({ pages: [[], []], rawContent: { 0: scanPage, 1: scanPage } }));
  labels.push({
    file: 'scan-signed-sow.pdf',
    claim: 'contoso',
    genre: 'scan',
    language: 'en',
    expected: [],
    handCheck: true,
    why: 'a scan without text layer: nothing can be read, the partner checks it by hand',
  });
  // The SOW typed, its signature page scanned: the signature may be on the scanned page.
  const typed = sow({ date: '2026-03-02', signatureDate: '' })[0]!;
  files.set('scan-signature-page.pdf', makePdf({ pages: [typed, []], rawContent: { 1: scanPage } }));
  labels.push({
    file: 'scan-signature-page.pdf',
    claim: 'contoso',
    genre: 'scan',
    language: 'en',
    expected: [],
    handCheck: true,
    why: 'the signature page is a scan: the signature cannot be read, so no block, check by hand',
  });
  return { files, labels };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../test/fixtures/poe-corpus/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const { files, labels } = buildPoeCorpus();
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  /** JSON as Biome formats it: short arrays on one line (the labels pass `npm run lint`). */
  const json = (value: unknown) =>
    `${JSON.stringify(value, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (whole, inner: string) => {
      const line = `[${inner.split(/,\s+/).join(', ')}]`;
      return line.length < 90 ? line : whole;
    })}\n`;
  writeFileSync(
    join(dir, 'labels.json'),
    json({ submissionDate: CORPUS_SUBMISSION, claims: CORPUS_CLAIMS, documents: labels }),
  );
  console.log(`wrote ${files.size} documents and labels.json to test/fixtures/poe-corpus/`);
}
