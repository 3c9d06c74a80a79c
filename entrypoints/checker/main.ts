// The checker frame: checks the claim shown in Partner Center's page, for the content script
// (src/features/claim-check.ts), in the extension's own context. Why a frame: src/checker/protocol.ts.
import { ask } from '../../src/browser/messages';
import { serveChecker } from '../../src/checker/frame';
import { retryingLazy } from '../../src/platform/retrying-lazy';
import { createPoeRunner, type PoeWorker } from '../../src/validation/poe/client';

const createWorker = (): PoeWorker =>
  new Worker(new URL('../../src/validation/poe/worker.ts', import.meta.url), { type: 'module' });
// One PoE worker kept for the frame's next check (pdf.js loaded once), ended at its time limit.
const poe = createPoeRunner(createWorker);

// Inside Partner Center's tab this page gets no IndexedDB (a third-party context): the pack and
// the kept results come from the background, which owns the database.
const pack = retryingLazy(async () => {
  const context = await ask('cpor/context', {});
  if (!context.ok || !('pack' in context)) throw new Error(context.ok ? 'no pack' : context.error);
  return context.pack;
}).get;

serveChecker(window, {
  pack,
  runPoe: (request) => poe.run(request),
  store: {
    find: async (claimId, filesHash) => {
      const answer = await ask('cpor/poe-check-find', { claimId, filesHash });
      return answer.ok ? (answer.record ?? undefined) : undefined;
    },
    save: async (record) => {
      const answer = await ask('cpor/poe-check-save', { record });
      if (!answer.ok) throw new Error(answer.error);
    },
    latest: async (claimId) => {
      const answer = await ask('cpor/poe-check-latest', { claimId });
      return answer.ok ? (answer.record ?? undefined) : undefined;
    },
    keepFirstFields: async (claimId, status, fields, now) => {
      const answer = await ask('cpor/claim-fields', { sighting: { claimId, status }, fields, now });
      if (!answer.ok || !answer.saved)
        throw new Error(answer.ok ? (answer.error ?? 'not saved') : answer.error);
      return answer.fields;
    },
  },
  hash: async (files, context) => {
    const parts = [
      ...(await Promise.all(files.map((file) => file.arrayBuffer()))),
      new TextEncoder().encode(context).buffer as ArrayBuffer,
    ];
    const digests = await Promise.all(
      parts.map(async (part) => new Uint8Array(await crypto.subtle.digest('SHA-256', part))),
    );
    const all = new Uint8Array(digests.length * 32);
    digests.forEach((d, i) => all.set(d, i * 32));
    const total = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
    return [...total].map((b) => b.toString(16).padStart(2, '0')).join('');
  },
});
