import { browser } from 'wxt/browser';
import { readManagedValues } from '../../src/browser/managed-storage';
import { ask } from '../../src/browser/messages';
import { browserSettingsStorage, chosenLanguage } from '../../src/browser/settings-storage';
import { activePackRevisionItem } from '../../src/browser/storage-items';
import { holidayRegionCatalog } from '../../src/deadlines/holiday-table';
import { openPackRepository } from '../../src/packs';
import { syncManagedPack } from '../../src/packs/managed';
import { smokeTestNow } from '../../src/packs/smoke';
import { retryingLazy } from '../../src/platform/retrying-lazy';
import { openClaimStore } from '../../src/store';
import { mountWithPack } from '../../src/ui/mount';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import './style.css';

// The extension's own IndexedDB (this page shares the background's origin). A pack is run (the
// smoke test) before it can be activated.
const repository = retryingLazy(() =>
  openPackRepository({ smokeTest: smokeTestNow, regions: holidayRegionCatalog() }),
);
const openRepository = repository.get;

const announce = () => activePackRevisionItem.setValue(Date.now());

async function claimRecords() {
  const store = await openClaimStore();
  try {
    return await store.all();
  } finally {
    store.close();
  }
}

void mountWithPack(
  document.getElementById('app')!,
  (pack, locale) => (
    <OptionsApp
      pack={pack}
      locale={locale}
      checkUrl={browser.runtime.getURL('/check.html')}
      settingsStorage={browserSettingsStorage}
      repository={openRepository}
      records={claimRecords}
      // The background and the dashboard pages listen for this key: they drop their cached pack.
      announce={announce}
      managed={() => syncManagedPack({ values: readManagedValues, repository: openRepository, announce })}
      ask={ask}
      // A new language for the page: drawn again from the start, in it.
      onLanguageChange={() => location.reload()}
    />
  ),
  chosenLanguage,
);
