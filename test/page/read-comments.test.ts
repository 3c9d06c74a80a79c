// The Comments section and rejection reason of a claim page (src/page/read-comments.ts) and the
// matching of a reviewer's words to a reason of reasons.json: on markup written here, read with
// the test pack (test/fixtures/packs/cpor-2020), in English and Dutch; then the built-in pack on
// the replica's 2023 claim pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../demo/harness.mjs';
import { readClaimDetail } from '../../src/page';
import { matchReason, readClaimNotes } from '../../src/page/read-comments';
import { defaultPack } from '../../src/rules/default-pack';
import { testPack } from '../fixtures/packs';

const pack = testPack();

function page(lang: string, body: string): Document {
  return new DOMParser().parseFromString(`<html lang="${lang}"><body>${body}</body></html>`, 'text/html');
}

const comment = (author: string, at: string, text: string) =>
  `<li><div><span>${author}</span><span>${at}</span></div><p>${text}</p></li>`;

describe('readClaimNotes (test pack)', () => {
  it('reads each comment’s author, moment and text, and tells the reviewer’s from the partner’s (en)', () => {
    const doc = page(
      'en-US',
      `<h1>Contoso – Teams</h1>
       <section aria-labelledby="c"><h2 id="c">Comments</h2><ul>
         ${comment('Megan Bowen', '11/16/2026, 4:40 PM', 'Statement of work attached.')}
         ${comment('Microsoft reviewer', '11/23/2026, 2:14 PM', 'Customer signature missing on page 2. Please upload a signed copy.')}
       </ul><label for="t">Add a comment</label><textarea id="t"></textarea></section>`,
    );
    const notes = readClaimNotes(doc, pack, 'en');
    expect(notes.commentsSection?.localName).toBe('section');
    expect(notes.comments).toEqual([
      {
        author: 'Megan Bowen',
        byReviewer: false,
        at: '2026-11-16T16:40',
        text: 'Statement of work attached.',
      },
      {
        author: 'Microsoft reviewer',
        byReviewer: true,
        at: '2026-11-23T14:14',
        text: 'Customer signature missing on page 2. Please upload a signed copy.',
      },
    ]);
    expect(notes.rejectionReason).toBeNull();
  });

  it('reads a Dutch section, an author on the line of the moment, and the rejection reason after its label (nl)', () => {
    const doc = page(
      'nl-NL',
      `<div role="alert"><p>Deze claim is afgewezen.</p><p>Reden van afwijzing: Ontbrekende toestemming van de klant op de PoE</p></div>
       <section aria-label="Opmerkingen"><ul>
         <li><div>Microsoft-revisor · 16-10-2026 16:00</div><div>Uit het document blijkt geen toestemming.</div></li>
       </ul></section>`,
    );
    const notes = readClaimNotes(doc, pack, 'nl');
    expect(notes.comments).toEqual([
      {
        author: 'Microsoft-revisor',
        byReviewer: true,
        at: '2026-10-16T16:00',
        text: 'Uit het document blijkt geen toestemming.',
      },
    ]);
    expect(notes.rejectionReason).toBe('Ontbrekende toestemming van de klant op de PoE');
  });

  it('reads a rejection reason shown as a value beside its label, and finds none on a page without one', () => {
    const doc = page('en-US', '<dl><dt>Rejection reason</dt><dd>PoE unavailable</dd></dl>');
    expect(readClaimNotes(doc, pack, 'en').rejectionReason).toBe('PoE unavailable');
    const none = readClaimNotes(page('en-US', '<p>Rejected.</p>'), pack, 'en');
    expect(none).toEqual({ commentsSection: null, comments: [], rejectionReason: null });
  });

  it('takes the labels of the page’s language only: a Dutch label on an English page is not the rejection reason', () => {
    const doc = page('en-US', '<p>Reden van afwijzing: PoE is niet beschikbaar</p>');
    expect(readClaimNotes(doc, pack, 'en').rejectionReason).toBeNull();
    expect(readClaimNotes(doc, pack, 'nl').rejectionReason).toBe('PoE is niet beschikbaar');
  });
});

describe('matchReason (test pack)', () => {
  const actionRequired = pack.reasons.actionRequired;
  const rejection = pack.reasons.rejection;
  const id = (match: { reason: { id: string } } | null) => match?.reason.id ?? null;

  it.each([
    [
      'en, the label',
      'Missing Customer Acknowledgment: the PoE is not signed.',
      'missing-customer-acknowledgment',
    ],
    ['en, an alias', 'Customer signature missing on page 2.', 'missing-customer-acknowledgment'],
    ['nl, the label', 'Ontbrekende klantbevestiging: zie de PoE.', 'missing-customer-acknowledgment'],
    [
      'nl, an alias',
      'Ontbrekende bevestiging van de klant: het bewijs is niet ondertekend.',
      'missing-customer-acknowledgment',
    ],
    ['case and accents ignored', 'MISSING OR OLD DATES on the PoE', 'missing-or-old-dates'],
    ['the reason named first wins', 'Missing Products. Also Missing or Old Dates.', 'missing-products'],
    [
      'nl, another language’s label (an English comment on a Dutch page)',
      'Missing All PoE',
      'missing-all-poe',
    ],
  ])('tells the action-required reason (%s)', (_, text, expected) => {
    expect(id(matchReason(text, actionRequired))).toBe(expected);
  });

  it('at one place, the longer label wins ("Missing All PoE" is not "Missing …" of another)', () => {
    expect(matchReason('Missing All PoE: wrong file', actionRequired)?.words).toBe('missing all poe');
  });

  it('needs whole words, and tells nothing from a comment that names no reason', () => {
    expect(matchReason('Missing Productsheet attached', actionRequired)).toBeNull();
    expect(matchReason('Please call us about this claim.', actionRequired)).toBeNull();
  });

  it.each([
    ['en', 'Missing customer consent on PoE', 'missing-customer-consent'],
    ['nl, an alias', 'Ontbrekende toestemming van de klant op de PoE', 'missing-customer-consent'],
    ['nl, the label', 'PoE is niet beschikbaar', 'poe-unavailable'],
    ['unknown', 'Invalid PoE date', null],
  ])('tells the rejection reason (%s)', (_, text, expected) => {
    expect(id(matchReason(text, rejection))).toBe(expected);
  });
});

// The built-in pack, not the test pack: what is tested is that the shipped rules (rules/cpor:
// locators.json's Comments and rejection reason, reasons.json's labels and aliases) read the
// replica's 2023 claim pages, whose addresses, statuses (Rejected final) and Dutch wording the
// test pack of 2020 does not have.
describe('the built-in pack on the replica’s claim pages (demo/claim-status.*.html)', () => {
  const builtin = defaultPack();
  const windows: Window[] = [];
  afterAll(async () => {
    for (const window of windows.splice(0)) await window.happyDOM.close();
  });

  async function open(lang: 'en' | 'nl', claimId: string) {
    const url = `https://partner.microsoft.com/${lang === 'en' ? 'en-us' : 'nl-nl'}/dashboard/incentives/engagements/ux/workshops/claims/${claimId}`;
    const window = new Window({
      url,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    windows.push(window);
    window.document.write(readFileSync(join(DEMO_DIR, `claim-status.${lang}.html`), 'utf8'));
    await window.happyDOM.waitUntilComplete();
    const doc = window.document as unknown as Document;
    const reading = readClaimDetail(doc, builtin, url);
    if (reading?.kind !== 'detail')
      throw new Error(`claim ${claimId} (${lang}) not read: ${JSON.stringify(reading)}`);
    return { reading, notes: readClaimNotes(doc, builtin, reading.locale) };
  }

  it.each([
    ['en', 'Microsoft reviewer'],
    ['nl', 'Microsoft-revisor'],
  ] as const)(
    '30500101 (%s): the reviewer’s comment gives Missing Customer Acknowledgment',
    async (lang, author) => {
      const { reading, notes } = await open(lang, '30500101');
      expect(reading.status).toBe('partner-action-required');
      expect(notes.comments).toHaveLength(1);
      expect(notes.comments[0]).toMatchObject({ author, byReviewer: true, at: '2026-11-19T10:30' });
      expect(matchReason(notes.comments[0]!.text, builtin.reasons.actionRequired)?.reason.id).toBe(
        'missing-customer-acknowledgment',
      );
    },
  );

  it.each([
    ['en', 'Invalid PoE date'],
    ['nl', 'Ongeldige PoE-datum'],
  ] as const)(
    '30500102 (%s): the rejection reason is read, and is none of reasons.json',
    async (lang, reason) => {
      const { reading, notes } = await open(lang, '30500102');
      expect(reading.status).toBe('rejected');
      expect(notes.rejectionReason).toBe(reason);
      expect(matchReason(reason, builtin.reasons.rejection)).toBeNull();
    },
  );

  it.each(['en', 'nl'] as const)(
    '30500103 (%s): the rejection reason is Missing customer consent on PoE, three comments, two the reviewer’s',
    async (lang) => {
      const { reading, notes } = await open(lang, '30500103');
      expect(reading.status).toBe('rejected-final');
      expect(notes.comments.map((c) => c.byReviewer)).toEqual([true, false, true]);
      expect(notes.comments[1]!.author).toBe('Megan Bowen');
      expect(matchReason(notes.rejectionReason!, builtin.reasons.rejection)?.reason.id).toBe(
        'missing-customer-consent',
      );
    },
  );
});
