import { browser } from 'wxt/browser';
import { browserSettingsStorage } from '../../src/browser/settings-storage';
import { ACTIVE_PACK_CHANGED_KEY, openPackRepository, type PackRepository } from '../../src/packs';
import { openClaimStore } from '../../src/store';
import { mountWithPack } from '../../src/ui/mount';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import './style.css';

// The extension's own IndexedDB (this page shares the background's origin).
let repository: Promise<PackRepository> | undefined;
const openRepository = () => {
  repository ??= openPackRepository();
  repository.catch(() => {
    repository = undefined;
  });
  return repository;
};

async function claimRecords() {
  const store = await openClaimStore();
  try {
    return await store.all();
  } finally {
    store.close();
  }
}

mountWithPack(document.getElementById('app')!, (pack, locale) => (
  <OptionsApp
    pack={pack}
    locale={locale}
    checkUrl={browser.runtime.getURL('/check.html')}
    settingsStorage={browserSettingsStorage}
    repository={openRepository}
    records={claimRecords}
    // The background and the dashboard pages listen for this key: they drop their cached pack.
    announce={() => browser.storage.local.set({ [ACTIVE_PACK_CHANGED_KEY]: Date.now() })}
  />
));
