import { describe, expect, it, vi } from 'vitest';
import { type CheckerDeps, serveOn } from '../../src/checker/frame';
import type { CheckerRequest, CheckerResponse } from '../../src/checker/protocol';
import type { ValidationRecord } from '../../src/store/validations';
import type { PoeRequest } from '../../src/validation/poe/messages';
import { testPack } from '../fixtures/packs';

const pack = testPack();
const draft = pack.statuses.statuses.find((s) => s.draft)!.id;
const submitted = pack.statuses.statuses.find((s) => !s.draft)!.id;

/** A channel end as the frame sees it, with what it answered. */
function port() {
  const answers: CheckerResponse[] = [];
  const end = {
    onmessage: null as ((event: MessageEvent<CheckerRequest>) => void) | null,
    postMessage: (message: CheckerResponse) => answers.push(message),
  };
  const send = async (request: CheckerRequest) => {
    const before = answers.length;
    end.onmessage!({ data: request } as MessageEvent<CheckerRequest>);
    await vi.waitFor(() => expect(answers.length).toBeGreaterThan(before));
    return answers.at(-1)!;
  };
  return { end, answers, send };
}

function deps(overrides: Partial<CheckerDeps> = {}): CheckerDeps {
  return {
    pack: async () => pack,
    runPoe: async () => ({ kind: 'done', findings: [] }),
    store: {
      find: async () => undefined,
      save: async () => {},
      latest: async () => undefined,
      keepFirstFields: async (_claimId, _status, fields) => fields,
    },
    hash: async (files, context) => `${files.map((f) => f.name).join('+')}|${context}`,
    ...overrides,
  };
}

const at = Date.parse('2026-12-03T12:00:00Z');

describe('the checker frame', () => {
  it('says it is ready, then answers a field check with the findings and the locked fields', async () => {
    const { end, answers, send } = port();
    serveOn(end, deps());
    expect(answers).toEqual([{ type: 'ready' }]);
    const answer = await send({
      type: 'fields',
      seq: 1,
      shown: [{ field: 'tenantId', locator: 0, raw: 'not-a-guid' }],
      seen: ['tenantId'],
      status: submitted,
      at,
    });
    expect(answer).toMatchObject({ type: 'fields', seq: 1, claim: { tenantId: 'not-a-guid' } });
    if (answer.type !== 'fields') throw new Error('no field answer');
    expect(answer.findings.some((f) => 'field' in f.concerns && f.concerns.field === 'tenantId')).toBe(true);
    expect(answer.locked).toContain('tenantId');
  });

  it('locks nothing in a draft', async () => {
    const { end, send } = port();
    serveOn(end, deps());
    const answer = await send({ type: 'fields', seq: 2, shown: [], seen: [], status: draft, at });
    expect(answer).toMatchObject({ type: 'fields', locked: [] });
  });

  it('finds a changed locked field against the values first shown', async () => {
    const { end, send } = port();
    serveOn(end, deps());
    const answer = await send({
      type: 'fields',
      seq: 3,
      shown: [{ field: 'tenantId', locator: 0, raw: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' }],
      seen: ['tenantId'],
      status: submitted,
      at,
      originalShown: [{ field: 'tenantId', locator: 0, raw: 'b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40' }],
    });
    if (answer.type !== 'fields') throw new Error('no field answer');
    expect(answer.findings.map((f) => f.id)).toContain('field-not-editable');
  });

  it('checks the PoE against the shown claim, keeps the result, and answers the same files from what it kept', async () => {
    const kept: Omit<ValidationRecord, 'id'>[] = [];
    const runPoe = vi.fn(async (_request: PoeRequest) => ({ kind: 'done' as const, findings: [] }));
    const { end, send } = port();
    serveOn(
      end,
      deps({
        runPoe,
        store: {
          find: async (claimId, hash) =>
            kept.find((r) => r.claimId === claimId && r.filesHash === hash) as ValidationRecord | undefined,
          save: async (record) => {
            kept.push(record);
          },
          latest: async () => undefined,
          keepFirstFields: async (_claimId, _status, fields) => fields,
        },
      }),
    );
    const request: CheckerRequest = {
      type: 'poe',
      seq: 4,
      files: [new File(['x'], 'sow.pdf')],
      shown: [{ field: 'tenantId', locator: 0, raw: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' }],
      at,
      claimId: '30512345',
    };
    expect(await send(request)).toMatchObject({
      type: 'poe',
      seq: 4,
      fileNames: ['sow.pdf'],
      outcome: { kind: 'done' },
    });
    expect(runPoe).toHaveBeenCalledTimes(1);
    expect(runPoe.mock.calls[0]![0]).toMatchObject({
      claim: { tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' },
    });
    expect(kept).toEqual([expect.objectContaining({ claimId: '30512345', files: ['sow.pdf'] })]);
    // The same files again: answered from what was kept, marked so, without waiting for the read
    // that started meanwhile (here one that never ends), and nothing kept twice.
    runPoe.mockImplementationOnce(() => new Promise(() => {}));
    expect(await send({ ...request, seq: 5 })).toMatchObject({ kept: true, checkedAt: at });
    expect(kept).toHaveLength(1);
    // Other claim values: checked again, and kept.
    expect(await send({ ...request, seq: 6, shown: [] })).toMatchObject({ outcome: { kind: 'done' } });
    expect(runPoe).toHaveBeenCalledTimes(3);
    expect(kept).toHaveLength(2);
  });

  it('judges a locked field against the values kept in the claim’s record, not those this tab saw first (a reload)', async () => {
    // The record holds the tenant first seen on an earlier visit; this tab first saw the changed one.
    const record: Record<string, Record<string, unknown>> = {
      '30500101': { tenantId: 'b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40' },
    };
    const keepFirstFields = vi.fn(
      async (claimId: string, _status: string, fields: Record<string, unknown>) => {
        record[claimId] = { ...fields, ...record[claimId] };
        return record[claimId] as never;
      },
    );
    const { end, send } = port();
    serveOn(end, deps({ store: { ...deps().store, keepFirstFields } }));
    const changed = [{ field: 'tenantId', locator: 0, raw: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' }];
    const request: CheckerRequest = {
      type: 'fields',
      seq: 7,
      shown: changed,
      seen: ['tenantId'],
      status: submitted,
      at,
      originalShown: changed,
      claimId: '30500101',
    };
    const answer = await send(request);
    if (answer.type !== 'fields') throw new Error('no field answer');
    expect(answer.findings.map((f) => f.id)).toContain('field-not-editable');
    expect(keepFirstFields).toHaveBeenCalledWith(
      '30500101',
      submitted,
      { tenantId: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' },
      at,
    );
    // Without the claim's id (or with nothing kept) the same request finds nothing: this tab's first sight.
    const untied = await send({ ...request, seq: 8, claimId: undefined });
    if (untied.type !== 'fields') throw new Error('no field answer');
    expect(untied.findings.map((f) => f.id)).not.toContain('field-not-editable');
    // Asked once per claim while the channel lives.
    await send({ ...request, seq: 9 });
    expect(keepFirstFields).toHaveBeenCalledTimes(1);
  });

  it('asks again when the tab has first seen more fields (an edit mode’s boxes), keeping the values kept', async () => {
    const record: Record<string, unknown> = {};
    const keepFirstFields = vi.fn(async (_c: string, _s: string, fields: Record<string, unknown>) => {
      for (const [id, v] of Object.entries(fields)) if (!(id in record)) record[id] = v;
      return { ...record } as never;
    });
    const { end, send } = port();
    serveOn(end, deps({ store: { ...deps().store, keepFirstFields } }));
    const tenant = { field: 'tenantId', locator: 0, raw: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' };
    const base = { type: 'fields' as const, seen: ['tenantId'], status: submitted, at, claimId: '30500101' };
    await send({ ...base, seq: 20, shown: [tenant], originalShown: [tenant] });
    const name = { field: 'claimName', locator: 0, raw: 'Tailspin' };
    await send({ ...base, seq: 21, shown: [tenant, name], originalShown: [tenant, name] });
    expect(keepFirstFields).toHaveBeenCalledTimes(2);
    expect(keepFirstFields.mock.calls[1]![2]).toEqual({ tenantId: tenant.raw, claimName: 'Tailspin' });
    await send({ ...base, seq: 22, shown: [tenant, name], originalShown: [tenant, name] });
    expect(keepFirstFields).toHaveBeenCalledTimes(2);
  });

  it('judges against this tab’s first sight when the record cannot be written, and asks again next time', async () => {
    const keepFirstFields = vi.fn(async () => {
      throw new Error('blocked');
    });
    const { end, send } = port();
    serveOn(end, deps({ store: { ...deps().store, keepFirstFields } }));
    const request: CheckerRequest = {
      type: 'fields',
      seq: 10,
      shown: [{ field: 'tenantId', locator: 0, raw: '3f6c2a91-8b4e-4d2a-9c71-5e0b8d4f2a17' }],
      seen: ['tenantId'],
      status: submitted,
      at,
      originalShown: [{ field: 'tenantId', locator: 0, raw: 'b7d41e22-0c9f-4a6b-8e13-6f2a9c5d7e40' }],
      claimId: '30500101',
    };
    const answer = await send(request);
    if (answer.type !== 'fields') throw new Error('no field answer');
    expect(answer.findings.map((f) => f.id)).toContain('field-not-editable');
    await send({ ...request, seq: 11 });
    expect(keepFirstFields).toHaveBeenCalledTimes(2);
  });

  it('keeps a field shown empty as seen (null), so a value typed later is a change', async () => {
    const keepFirstFields = vi.fn(
      async (_c: string, _s: string, fields: Record<string, unknown>) => fields as never,
    );
    const { end, send } = port();
    serveOn(end, deps({ store: { ...deps().store, keepFirstFields } }));
    await send({
      type: 'fields',
      seq: 12,
      shown: [{ field: 'tenantId', locator: 0, raw: '  ' }],
      seen: ['tenantId'],
      status: submitted,
      at,
      originalShown: [{ field: 'tenantId', locator: 0, raw: '  ' }],
      claimId: '30500102',
    });
    expect(keepFirstFields.mock.calls[0]![2]).toEqual({ tenantId: null });
  });

  it('answers the newest kept PoE result of a claim with its files and moment, or nothing', async () => {
    const record = {
      id: 'v1',
      checkedAt: at - 86_400_000,
      pack: { id: pack.pack.id, version: pack.pack.version },
      claim: {},
      status: '',
      day: '2026-12-02',
      findings: [],
      claimId: '30500101',
      filesHash: 'ab',
      files: ['sow.pdf', 'products.pdf'],
    } satisfies ValidationRecord;
    const latest = vi.fn(async (claimId: string) => (claimId === '30500101' ? record : undefined));
    const { end, send } = port();
    serveOn(end, deps({ store: { ...deps().store, latest } }));
    expect(await send({ type: 'kept-poe', seq: 13, claimId: '30500101' })).toEqual({
      type: 'kept-poe',
      seq: 13,
      kept: { files: ['sow.pdf', 'products.pdf'], checkedAt: at - 86_400_000, findings: [] },
    });
    expect(await send({ type: 'kept-poe', seq: 14, claimId: '30599999' })).toEqual({
      type: 'kept-poe',
      seq: 14,
      kept: null,
    });
  });

  it('answers a failure instead of nothing', async () => {
    const { end, send } = port();
    serveOn(end, deps({ pack: async () => Promise.reject(new Error('no pack here')) }));
    expect(await send({ type: 'fields', seq: 7, shown: [], seen: [], status: draft, at })).toEqual({
      type: 'failed',
      seq: 7,
      error: 'no pack here',
    });
  });
});
