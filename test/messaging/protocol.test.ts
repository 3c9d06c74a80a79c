// @vitest-environment node
// The runtime messages' checks and their dispatch to the background's handlers.
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers, isOverlayRequest, readRequest } from '../../src/messaging/protocol';

const sighting = { claimId: '30448305', status: 'submitted' };

describe('reading a received message', () => {
  it.each([
    [{ type: 'cpor/context' }],
    [{ type: 'cpor/context', have: 'r1' }],
    [{ type: 'cpor/sightings', sightings: [sighting], now: 1 }],
    [{ type: 'cpor/sightings', sightings: [], now: 1, have: 'epoch:3' }],
    [{ type: 'cpor/popup', locale: 'nl' }],
    [{ type: 'cpor/claim-history', sighting, history: [], now: 1 }],
    [{ type: 'cpor/claim-history', sighting, history: [], events: [], now: 1 }],
    [{ type: 'cpor/summary', summary: { pending: 2, attention: 1, level: 'warning' }, locale: 'nl' }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en' }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en', actor: 'partner', offset: 50, limit: 200 }],
    [{ type: 'cpor/calendar', now: 1, locale: 'nl' }],
    [{ type: 'cpor/backup', now: 1 }],
    [{ type: 'cpor/restore', text: '{}' }],
    [{ type: 'cpor/poe-check-latest', claimId: '30500101' }],
    [{ type: 'cpor/claim-fields', sighting, fields: { claimName: 'Tailspin' }, now: 1 }],
  ])('takes %j as a request', (message) => {
    expect(readRequest(message)).toEqual({ kind: 'request', request: message });
    expect(isOverlayRequest(message)).toBe(true);
  });

  it.each([
    [{ type: 'cpor/context', have: 3 }],
    [{ type: 'cpor/sightings', sightings: 'all', now: 1 }],
    [{ type: 'cpor/sightings', sightings: [], now: Number.NaN }],
    [{ type: 'cpor/sightings', sightings: [], now: 1, have: 3 }],
    [{ type: 'cpor/popup' }],
    [{ type: 'cpor/claim-history', sighting: null, history: [], now: 1 }],
    [{ type: 'cpor/claim-history', sighting, history: [], events: 'x', now: 1 }],
    [{ type: 'cpor/summary', summary: { pending: -1, attention: 0 }, locale: 'nl' }],
    [{ type: 'cpor/deadlines', now: '1', locale: 'en' }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en', actor: 'reviewer' }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en', offset: -1 }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en', limit: 201 }],
    [{ type: 'cpor/deadlines', now: 1, locale: 'en', limit: 1.5 }],
    [{ type: 'cpor/calendar', now: 1 }],
    [{ type: 'cpor/backup' }],
    [{ type: 'cpor/restore', text: { claims: [] } }],
    [{ type: 'cpor/poe-check-latest', claimId: 30500101 }],
    [{ type: 'cpor/claim-fields', sighting, fields: [], now: 1 }],
    [{ type: 'cpor/claim-fields', sighting: 'x', fields: {}, now: 1 }],
    [{ type: 'cpor/claim-fields', sighting, fields: {} }],
  ])('answers %j as malformed', (message) => {
    expect(readRequest(message)).toEqual({ kind: 'malformed', type: message.type });
    expect(isOverlayRequest(message)).toBe(false);
  });

  it.each([
    [null],
    ['cpor/context'],
    [{ type: 'toString' }],
    [{ type: 'other/ping' }],
    [[{ type: 'cpor/context' }]],
  ])('leaves %j to whoever sent it', (message) => {
    expect(readRequest(message)).toEqual({ kind: 'foreign' });
  });
});

it('hands each request to its own handler, with the sender’s tab', async () => {
  const seen: string[] = [];
  const handlers: Handlers = {
    'cpor/context': async (r) => {
      seen.push(`context ${r.have}`);
      return { ok: true, revision: 'r', unchanged: true };
    },
    'cpor/sightings': async (r) => {
      seen.push(`sightings ${r.now}`);
      return { ok: true, records: [], saved: true };
    },
    'cpor/claim-history': async () => ({ ok: false, error: 'no' }),
    'cpor/summary': async (_r, tabId) => {
      seen.push(`summary ${tabId}`);
      return { ok: true };
    },
    'cpor/deadlines': async () => ({ ok: false, error: 'no' }),
    'cpor/popup': async (r) => {
      seen.push(`popup ${r.locale}`);
      return { ok: true, messages: {}, packName: 'p', packVersion: '1' };
    },
    'cpor/calendar': async () => ({ ok: false, error: 'no' }),
    'cpor/backup': async (r) => {
      seen.push(`backup ${r.now}`);
      return { ok: true, text: '{}' };
    },
    'cpor/restore': async () => ({ ok: false, error: 'no' }),
    'cpor/poe-check-find': async (r) => {
      seen.push(`find ${r.claimId}`);
      return { ok: true, record: null };
    },
    'cpor/poe-check-save': async () => ({ ok: false, error: 'no' }),
    'cpor/poe-check-latest': async (r) => {
      seen.push(`latest ${r.claimId}`);
      return { ok: true, record: null };
    },
    'cpor/claim-fields': async (r) => {
      seen.push(`fields ${r.sighting.claimId}`);
      return { ok: true, fields: r.fields, saved: true };
    },
  };
  await dispatch(handlers, { type: 'cpor/context', have: 'r' }, undefined);
  await dispatch(handlers, { type: 'cpor/sightings', sightings: [], now: 5 }, 3);
  await dispatch(
    handlers,
    { type: 'cpor/summary', summary: { pending: 0, attention: 0, level: null }, locale: 'en' },
    9,
  );
  await dispatch(handlers, { type: 'cpor/backup', now: 7 }, undefined);
  await dispatch(handlers, { type: 'cpor/popup', locale: 'nl' }, undefined);
  await dispatch(handlers, { type: 'cpor/poe-check-find', claimId: '30512345', filesHash: 'ab' }, 9);
  await dispatch(handlers, { type: 'cpor/poe-check-latest', claimId: '30500101' }, 9);
  await dispatch(handlers, { type: 'cpor/claim-fields', sighting, fields: {}, now: 1 }, 9);
  expect(seen).toEqual([
    'context r',
    'sightings 5',
    'summary 9',
    'backup 7',
    'popup nl',
    'find 30512345',
    'latest 30500101',
    'fields 30448305',
  ]);
});
