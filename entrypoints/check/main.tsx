import { chosenLanguage } from '../../src/browser/settings-storage';
import { retryingLazy } from '../../src/platform/retrying-lazy';
import { openClaimStore, openValidationStore } from '../../src/store';
import { activeRulePack } from '../../src/ui/active-pack';
import { CheckApp, type CheckHistory } from '../../src/ui/check/CheckApp';
import { seenClaimsOf } from '../../src/ui/check/claim-form';
import { mountWithActivePack } from '../../src/ui/mount';
import { createPoeRunner, type PoeWorker } from '../../src/validation/poe/client';
import type { PoeRequest } from '../../src/validation/poe/messages';
import '../options/style.css';
import './style.css';

// The PoE check runs in a dedicated module Worker bundled by Vite from our own sources (no remote
// code, no eval), kept for the page's next check while it answers in time; a stuck parse is ended
// with terminate() at the time limit (src/validation/poe/client.ts).
const createWorker = (): PoeWorker =>
  new Worker(new URL('../../src/validation/poe/worker.ts', import.meta.url), { type: 'module' });
const poe = createPoeRunner(createWorker);

// The results stay in the extension's IndexedDB on this computer; a database that cannot be
// opened only means no list of recent checks (the check itself never depends on it).
const openStore = retryingLazy(() => openValidationStore()).get;
const history: CheckHistory = {
  save: async (record) => (await openStore()).save(record),
  recent: async () => (await openStore()).recent(),
};

// The claims seen on Partner Center, with their fields as first seen there, to start the form from.
const claimStore = retryingLazy(() => openClaimStore()).get;
const seenClaims = async () => seenClaimsOf(await (await claimStore()).all());

mountWithActivePack(
  document.getElementById('app')!,
  (pack, locale) => (
    <CheckApp
      pack={pack}
      locale={locale}
      runPoe={(request: PoeRequest) => poe.run(request)}
      history={history}
      seenClaims={seenClaims}
    />
  ),
  activeRulePack,
  chosenLanguage,
);
