// @vitest-environment node
// The tunable numbers of the PoE content checks are rule data (issue 12): a check's own value
// changes what it finds, the defaults apply without one, and the schema documents the same
// defaults as the code (src/validation/poe/parameters.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PoECheck, RulePack } from '../../../src/rules/types';
import type { ClaimValues } from '../../../src/validation/claim';
import { checkPoeText } from '../../../src/validation/poe/content';
import { DEFAULT_PARAMETERS, DEFAULT_WINDOW_CHARS } from '../../../src/validation/poe/parameters';
import type { PoeDocument } from '../../../src/validation/poe/text';
import { testPack } from '../../fixtures/packs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const submissionDate = new Date('2026-11-27T10:00:00Z');

/** The test pack with check `id` changed by `edit` (a copy: the cached pack stays as it is). */
function packWith(id: string, edit: (check: PoECheck) => void): RulePack {
  const pack = structuredClone(testPack());
  const check = pack.reasons.actionRequired.flatMap((r) => r.poeChecks).find((c) => c.id === id);
  if (!check) throw new Error(`the test pack has no PoE check ${id}`);
  edit(check);
  return pack;
}

const doc = (text: string): PoeDocument => ({ name: 'poe.txt', pages: [text], paged: false });

/** The ids of the findings of the content checks on one document. */
function findingIds(pack: RulePack, text: string, claim: ClaimValues): string[] {
  return checkPoeText([doc(text)], claim, pack, { submissionDate }).map((f) => f.id);
}

const unchanged = () => {};

describe("a PoE check's parameters change what it finds", () => {
  it("windowChars of 'acknowledgment': a smaller window misses the customer named after the signature", () => {
    const text = `Signed by: Jan de Vries${' for the project team of the engagement'.repeat(3)}, customer Contoso`;
    const claim = { customerName: 'Contoso' };
    expect(findingIds(packWith('poe-customer-signature', unchanged), text, claim)).not.toContain(
      'poe-customer-signature',
    );
    const small = packWith('poe-customer-signature', (c) => {
      c.windowChars = 40;
    });
    expect(findingIds(small, text, claim)).toContain('poe-customer-signature');
  });

  it("maxHeadingWords of 'acknowledgment': a longer heading above the signature names the customer", () => {
    // No party word after the marker: only the six-word heading above it says whose signature it is.
    const text =
      'Introduction of the project.\n\nAcknowledgment by the customer project board\nSigned by: Jan de Vries';
    const claim = { customerName: 'Contoso' };
    expect(findingIds(packWith('poe-customer-signature', unchanged), text, claim)).toContain(
      'poe-customer-signature',
    );
    const six = packWith('poe-customer-signature', (c) => {
      c.maxHeadingWords = 6;
    });
    expect(findingIds(six, text, claim)).not.toContain('poe-customer-signature');
  });

  const fourWordLines = Array.from({ length: 12 }, () => 'Sellers reviewed their pipelines.').join('\n');
  it("minWordsPerLine of 'description': lines of four words are description only when it allows four", () => {
    const text = `Scope of work\n${fourWordLines}`;
    expect(findingIds(packWith('poe-describes-work', unchanged), text, {})).toContain('poe-describes-work');
    const four = packWith('poe-describes-work', (c) => {
      c.minWordsPerLine = 4;
    });
    expect(findingIds(four, text, {})).not.toContain('poe-describes-work');
  });

  it("maxLines of 'description': fewer lines read miss a description below a short table", () => {
    const table = Array.from({ length: 6 }, (_, i) => `Phase ${i}: week ${i}`).join('\n');
    const prose =
      'We configured the sales pipeline, trained twenty sellers and moved the accounts over. '.repeat(4);
    const text = `Scope of work\n${table}\n${prose}`;
    expect(findingIds(packWith('poe-describes-work', unchanged), text, {})).not.toContain(
      'poe-describes-work',
    );
    const five = packWith('poe-describes-work', (c) => {
      c.maxLines = 5;
    });
    expect(findingIds(five, text, {})).toContain('poe-describes-work');
  });

  it("minWords of 'description': more words asked than the section has is a finding", () => {
    const text = `Scope of work\n${'We configured the sales pipeline and trained the sellers. '.repeat(5)}`;
    expect(findingIds(packWith('poe-describes-work', unchanged), text, {})).not.toContain(
      'poe-describes-work',
    );
    const more = packWith('poe-describes-work', (c) => {
      c.minWords = 60;
    });
    expect(findingIds(more, text, {})).toContain('poe-describes-work');
  });

  it("maxAgeMonths of 'dates': an acknowledgment of 18 months ago is recent enough at 24", () => {
    const text = 'Signed by the customer: Jan de Vries, Contoso\nDate: 2025-05-20';
    const claim = { customerName: 'Contoso' };
    expect(findingIds(packWith('poe-dated-recently', unchanged), text, claim)).toContain(
      'poe-dated-recently',
    );
    const longer = packWith('poe-dated-recently', (c) => {
      c.maxAgeMonths = 24;
    });
    expect(findingIds(longer, text, claim)).not.toContain('poe-dated-recently');
  });

  it("windowChars of 'dates': a smaller window misses the date of the signature", () => {
    const text = `Signed by the customer: Jan de Vries, Contoso${' of the sales project'.repeat(4)}\nDate: 2026-11-02`;
    const claim = { customerName: 'Contoso' };
    expect(findingIds(packWith('poe-dated-recently', unchanged), text, claim)).not.toContain(
      'poe-dated-recently',
    );
    const small = packWith('poe-dated-recently', (c) => {
      c.windowChars = 30;
    });
    expect(findingIds(small, text, claim)).toContain('poe-dated-recently');
  });

  it("windowChars of 'identity-match': a smaller window misses the tenant ID after its label", () => {
    const other = '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17';
    const claim = { tenantId: '8f2c6e0a-4b1d-4c3e-9a7f-2d5b6c8e9f01', customerName: 'Contoso' };
    const text = `Tenant ID (Contoso): ${other}`;
    expect(findingIds(packWith('poe-identity-matches', unchanged), text, claim)).toContain(
      'poe-identity-matches',
    );
    const small = packWith('poe-identity-matches', (c) => {
      c.windowChars = 20;
    });
    expect(findingIds(small, text, claim)).not.toContain('poe-identity-matches');
  });

  it("minNameLetters of 'identity-match': short words of the claimed name count when it allows them", () => {
    // A check of the customer's name, as the built-in pack has (poe-customer-name-matches).
    const nameCheck = (minNameLetters?: number) =>
      packWith('poe-identity-matches', (c) => {
        c.fields = ['customerName'];
        c.keywords = { en: ['customer:'] };
        c.windowChars = 80;
        if (minNameLetters !== undefined) c.minNameLetters = minNameLetters;
      });
    const claim = { customerName: 'Contoso AB', customerDomain: 'contoso.com' };
    const text = 'Customer: Fabrikam AB\nDomain: contoso.com';
    expect(findingIds(nameCheck(), text, claim)).toContain('poe-identity-matches');
    expect(findingIds(nameCheck(2), text, claim)).not.toContain('poe-identity-matches');
  });

  it("minMatches of 'mentions-claim': two of the claim's values asked, one found, is a finding", () => {
    const claim = {
      customerName: 'Contoso',
      customerDomain: 'contoso.com',
      tenantId: '8f2c6e0a-4b1d-4c3e-9a7f-2d5b6c8e9f01',
    };
    const text = 'Contoso signed the statement of work.';
    expect(findingIds(packWith('poe-names-customer', unchanged), text, claim)).not.toContain(
      'poe-names-customer',
    );
    const two = packWith('poe-names-customer', (c) => {
      c.minMatches = 2;
    });
    expect(findingIds(two, text, claim)).toContain('poe-names-customer');
  });
});

describe('the defaults of the parameters', () => {
  const schema = JSON.parse(readFileSync(join(root, 'rules/schema/reasons.schema.json'), 'utf8'));
  const properties = schema.$defs.poeCheck.properties as Record<
    string,
    { description: string; minimum?: number; maximum?: number; default?: number }
  >;

  it.each(Object.entries(DEFAULT_PARAMETERS))(
    '%s: the schema documents %i, within its bounds',
    (name, value) => {
      const p = properties[name]!;
      expect(p.default).toBe(value);
      expect(p.description).toContain(`Defaults to ${value}.`);
      expect(p.minimum).toBeLessThanOrEqual(value);
      expect(p.maximum).toBeGreaterThanOrEqual(value);
    },
  );

  it('windowChars: the schema documents the default of each kind, within its bounds', () => {
    const p = properties.windowChars!;
    for (const [kind, value] of Object.entries(DEFAULT_WINDOW_CHARS)) {
      expect(p.description).toContain(`${value} for '${kind}'`);
      expect(p.minimum).toBeLessThanOrEqual(value);
      expect(p.maximum).toBeGreaterThanOrEqual(value);
    }
  });
});
