import { describe, expect, it } from 'vitest';
import { checkFields } from '../../src/validation/fields';
import { testPack } from '../fixtures/packs';

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
