import { describe, expect, it } from 'vitest';
import {
  bySeverity,
  claimValuesOf,
  draftStatusOf,
  formFieldsOf,
  formValuesOf,
  groupFields,
  isoDateOf,
  reasonLabel,
  seenClaimsOf,
  submissionMomentOf,
  visibleOptions,
} from '../../../src/ui/check/claim-form';
import { checkFields } from '../../../src/validation/fields';
import type { Finding } from '../../../src/validation/finding';
import { testPack } from '../../fixtures/packs';

const pack = testPack();
const fields = formFieldsOf(pack);
const field = (id: string) => pack.fields.fields.find((f) => f.id === id)!;

describe('the check form', () => {
  it('asks the Partner Center fields and cpor-guard questions, and a dashboard field only when a PoE check reads it', () => {
    const ids = fields.map((f) => f.id);
    expect(ids).toContain('tenantId');
    expect(ids).toContain('dynamicsSubscriptionCount'); // origin cpor-guard
    expect(ids).toContain('customerName'); // origin dashboard, read by poe-names-customer
    const dashboardOnly = pack.fields.fields.filter(
      (f) => f.origin === 'dashboard' && f.id !== 'customerName',
    );
    for (const f of dashboardOnly) expect(ids).not.toContain(f.id);
  });

  it('puts every asked field in exactly one group, unknown ones under "other"', () => {
    const groups = groupFields(fields);
    const placed = groups.flatMap((g) => g.fields.map((f) => f.id));
    expect([...placed].sort()).toEqual(fields.map((f) => f.id).sort());
    expect(new Set(placed).size).toBe(placed.length);
    expect(groups.find((g) => g.id === 'contacts')?.fields.map((f) => f.id)).toContain(
      'partnerContact.email',
    );
    const extra = { ...field('comments'), id: 'somethingNew' };
    expect(groupFields([...fields, extra]).at(-1)).toMatchObject({ id: 'other', fields: [extra] });
  });

  it('lists only the products of the chosen solution area, but keeps a chosen one visible', () => {
    const products = field('products');
    const all = visibleOptions(products, {}).map((o) => o.id);
    expect(all).toContain('power-bi');
    expect(all).toContain('microsoft-teams');
    const m365 = visibleOptions(products, { solutionArea: 'microsoft-365' }).map((o) => o.id);
    expect(m365).toContain('microsoft-teams');
    expect(m365).not.toContain('power-bi');
    const kept = visibleOptions(products, { solutionArea: 'microsoft-365', products: ['power-bi'] }).map(
      (o) => o.id,
    );
    expect(kept).toContain('power-bi');
  });

  it('lists only the activities of the chosen solution area', () => {
    expect(visibleOptions(field('activity'), { solutionArea: 'microsoft-365' }).map((o) => o.id)).toEqual([
      'usage',
    ]);
  });

  it('turns form values into the claim the checks read', () => {
    const claim = claimValuesOf(
      fields,
      {
        customerName: '  Contoso Pharma B.V. ',
        tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
        claimName: '   ',
        products: ['dynamics-365-sales', 'power-bi'],
        dynamicsSubscriptionCount: '2',
        solutionArea: '',
      },
      { poe: ['sow.pdf'] },
    );
    expect(claim).toEqual({
      customerName: 'Contoso Pharma B.V.',
      tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17',
      products: ['dynamics-365-sales', 'power-bi'],
      dynamicsSubscriptionCount: 2,
      poe: ['sow.pdf'],
    });
  });

  it('makes a claim on which the field checks find what is missing', () => {
    const claim = claimValuesOf(fields, { tenantId: 'not-a-guid' });
    const ids = checkFields(claim, pack, {
      status: draftStatusOf(pack),
      at: submissionMomentOf('2026-11-27'),
    }).map((f) => f.id);
    expect(ids).toContain('tenant-id-format');
    expect(ids).toContain('poe-required');
  });

  it('starts in the draft status and reads a typed date as that calendar day', () => {
    expect(draftStatusOf(pack)).toBe('editing');
    expect(isoDateOf(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
    expect(submissionMomentOf('2026-11-27').toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('groups findings by severity and names the predicted reviewer reason', () => {
    const finding = (id: string, severity: Finding['severity']): Finding => ({
      id,
      severity,
      concerns: { poeCheck: id },
      message: { en: id },
      evidence: [],
      source: { doc: 'M', quote: 'q' },
    });
    const groups = bySeverity([finding('a', 'warning'), finding('b', 'blocking'), finding('c', 'warning')]);
    expect(groups.blocking.map((f) => f.id)).toEqual(['b']);
    expect(groups.warning.map((f) => f.id)).toEqual(['a', 'c']);
    expect(groups.info).toEqual([]);
    expect(
      reasonLabel(pack, { type: 'action-required', reason: 'missing-customer-acknowledgment' })?.en,
    ).toBe('Missing Customer Acknowledgment');
    expect(reasonLabel(pack, { type: 'rejection', reason: 'no-such-reason' })).toBeUndefined();
  });
});

describe('starting the form from a claim seen in Partner Center', () => {
  it('fills each field the page showed as the form holds it, and leaves out what it cannot hold', () => {
    expect(
      formValuesOf(fields, {
        claimName: 'Tailspin Toys – Microsoft Teams usage',
        tenantId: '8c4e2a71-3b9f-4d6e-b1a2-57f0c9d3e814',
        solutionArea: 'business-applications',
        products: ['dynamics-365-sales', 'no-longer-an-option'],
        activity: 'no-longer-an-option',
        dynamicsSubscriptionCount: 3,
        customerDomain: null,
        poe: ['sow.pdf'],
        notAField: 'x',
      }),
    ).toEqual({
      claimName: 'Tailspin Toys – Microsoft Teams usage',
      tenantId: '8c4e2a71-3b9f-4d6e-b1a2-57f0c9d3e814',
      solutionArea: 'business-applications',
      products: ['dynamics-365-sales'],
      dynamicsSubscriptionCount: '3',
    });
  });

  it('offers the claims whose fields were kept, the most recently seen first, with their last status', () => {
    const record = (claimId: string, lastSeen: number, firstFields?: Record<string, string>) => ({
      claimId,
      lastSeen,
      history: [{ status: 'submitted' }, { status: 'partner-action-required' }],
      ...(firstFields ? { firstFields } : {}),
    });
    expect(
      seenClaimsOf([
        record('30500101', 1000, { claimName: 'A' }),
        record('30500102', 3000, { claimName: 'B' }),
        record('30500103', 2000),
        record('30500104', 4000, {}),
      ]),
    ).toEqual([
      { claimId: '30500102', status: 'partner-action-required', lastSeen: 3000, fields: { claimName: 'B' } },
      { claimId: '30500101', status: 'partner-action-required', lastSeen: 1000, fields: { claimName: 'A' } },
    ]);
  });
});
