import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/rules/load';
import type { FieldsFile, RulePack } from '../../src/rules/types';
import { checkFields } from '../../src/validation/fields';
import { testPack, testPackFiles } from '../fixtures/packs';

const pack = testPack();
const at = new Date('2026-11-27T18:00:00Z');

describe('field checks', () => {
  it('says a missing tenant ID is required in English and Dutch, with the label of the day', () => {
    const [finding] = checkFields({}, pack, { status: 'editing', at }).filter(
      (f) => f.id === 'tenant-id-required',
    );
    expect(finding?.message).toEqual({
      en: 'Customer Directory ID / Tenant ID is required.',
      nl: 'Directory-id / tenant-id van de klant is verplicht.',
    });
    expect(finding?.evidence).toEqual([{ found: false }]);
    expect(finding?.source.doc).toBe('S');
  });

  it('calls the partner ID PartnerID from 2023 and MPN ID before', () => {
    const message = (when: string) =>
      checkFields({}, pack, { status: 'editing', at: new Date(when) }).find(
        (f) => f.id === 'partner-id-required',
      )?.message.en;
    expect(message('2021-05-01T12:00:00Z')).toBe('MPN ID is required.');
    expect(message('2026-05-01T12:00:00Z')).toBe('PartnerID is required.');
  });

  it('quotes the wrong value as evidence and predicts the reviewer finding', () => {
    const finding = checkFields({ partnerId: 'ABC' }, pack, { status: 'editing', at }).find(
      (f) => f.id === 'partner-id-pattern',
    );
    expect(finding?.evidence).toEqual([{ found: true, quote: 'ABC' }]);
    expect(finding?.predicts).toEqual({ type: 'rejection', reason: 'partner-request' });
  });

  it('names the fields that may change when a locked field was edited', () => {
    const original = { solutionArea: 'microsoft-365' };
    const finding = checkFields({ solutionArea: 'business-applications' }, pack, {
      status: 'partner-action-required',
      at,
      original,
    }).find((f) => f.id === 'field-not-editable');
    expect(finding?.message.nl).toBe(
      'Oplossingsgebied kan niet gewijzigd worden zolang de claim de status Partner actie vereist heeft.',
    );
    expect(finding?.fix?.en).toMatch(
      /^Undo the change\. Only these fields can be changed now: PartnerID, Products \/ workloads/,
    );
    expect(finding?.evidence[0]?.quote).toBe('microsoft-365 → business-applications');
  });
});

describe('patterns and formats in linear time (RE2)', () => {
  /** The test pack with the partner ID's pattern check replaced by `pattern`, loaded as an import would be. */
  function packWithPattern(pattern: string) {
    const files = testPackFiles();
    (files.fields as FieldsFile).fields[0]!.checks[1]!.pattern = pattern;
    const result = loadPack(files, { dir: 'import' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return result.pack;
  }
  const patternFinding = (p: RulePack, value: string) =>
    checkFields({ partnerId: value }, p, { status: 'editing', at }).some(
      (f) => f.id === 'partner-id-pattern',
    );

  it.each([
    ['(a+)+$', `${'a'.repeat(50_000)}!`, true],
    ['(a+)+$', 'a'.repeat(50_000), false],
    ['^(\\w+\\s?)*$', `${'ab '.repeat(17_000)}!`, true],
    ['^(\\w+\\s?)*$', 'ab '.repeat(17_000), false],
  ])('checks a 50 KB value against the catastrophic pattern %s and answers', (pattern, value, found) => {
    // With JavaScript's backtracking RegExp either check ran for more than 15 s (issue 11).
    expect(patternFinding(packWithPattern(pattern), value)).toBe(found);
  });

  it('keeps the pack pattern meaning JavaScript gives it: a match anywhere unless anchored', () => {
    const anchored = packWithPattern('^[0-9]{6,7}$');
    expect(patternFinding(anchored, '1234567')).toBe(false);
    expect(patternFinding(anchored, '12345678')).toBe(true);
    const loose = packWithPattern('[0-9]{3}');
    expect(patternFinding(loose, 'ab123cd')).toBe(false);
    expect(patternFinding(loose, 'ab12cd')).toBe(true);
  });

  const formatFinding = (field: string, id: string, value: string) =>
    checkFields({ [field]: value }, pack, { status: 'editing', at }).some((f) => f.id === id);

  it.each([
    ['a plain address', 'a@b.nl', false],
    ['an address with dots', 'first.last@contoso.onmicrosoft.com', false],
    ['no @', 'no-at-sign.nl', true],
    ['a space', 'two words@b.nl', true],
    ['no dot after @', 'a@nodot', true],
    ['50 KB without a dot after @', `a@${'b'.repeat(50_000)}`, true],
  ])('checks the e-mail format: %s', (_case, value, found) => {
    expect(formatFinding('customerContact.email', 'customer-contact-email-format', value)).toBe(found);
  });

  it.each([
    ['a plain domain', 'contoso.com', false],
    ['capitals and two levels', 'Contoso.co.uk', false],
    ['a leading hyphen', '-contoso.com', true],
    ['no dot', 'contoso', true],
    ['263 characters, over the 253 a domain may have', `${'a.'.repeat(130)}com`, true],
    ['243 characters', `${'a.'.repeat(120)}com`, false],
  ])('checks the domain format: %s', (_case, value, found) => {
    expect(formatFinding('customerDomain', 'customer-domain-format', value)).toBe(found);
  });

  it('checks the GUID format in either case', () => {
    expect(formatFinding('tenantId', 'tenant-id-format', '0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(false);
    expect(formatFinding('tenantId', 'tenant-id-format', '0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    expect(formatFinding('tenantId', 'tenant-id-format', '0f8fad5b-d9cb-469f-a165')).toBe(true);
  });
});
