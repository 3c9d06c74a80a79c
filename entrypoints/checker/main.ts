// The checker frame: checks the claim shown in Partner Center's page, for the content script
// (src/features/claim-check.ts), in the extension's own context. Why a frame: src/checker/protocol.ts.
import { serveChecker } from '../../src/checker/frame';
import { retryingLazy } from '../../src/platform/retrying-lazy';
import { openValidationStore } from '../../src/store';
import { activeRulePack } from '../../src/ui/active-pack';
import { type PoeWorker, runPoeInWorker } from '../../src/ui/check/poe-client';

const createWorker = (): PoeWorker =>
  new Worker(new URL('../../src/validation/poe/worker.ts', import.meta.url), { type: 'module' });

const openStore = retryingLazy(() => openValidationStore()).get;

serveChecker(window, {
  pack: retryingLazy(activeRulePack).get,
  runPoe: (request) => runPoeInWorker(createWorker, request),
  store: {
    find: async (claimId, hash) => (await openStore()).findPoeCheck(claimId, hash),
    save: async (record) => {
      await (await openStore()).save(record);
    },
  },
  hash: async (files) => {
    const digests = await Promise.all(
      files.map(
        async (file) => new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())),
      ),
    );
    const all = new Uint8Array(digests.length * 32);
    digests.forEach((d, i) => all.set(d, i * 32));
    const total = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
    return [...total].map((b) => b.toString(16).padStart(2, '0')).join('');
  },
});
