import { browser } from 'wxt/browser';
import { browserSettingsStorage } from '../../src/ui/browser-settings-storage';
import { mountWithPack } from '../../src/ui/mount';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import './style.css';

mountWithPack(document.getElementById('app')!, (pack, locale) => (
  <OptionsApp
    pack={pack}
    locale={locale}
    checkUrl={browser.runtime.getURL('/check.html')}
    settingsStorage={browserSettingsStorage}
  />
));
