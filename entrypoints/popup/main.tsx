import { browser } from 'wxt/browser';
import { mountWithPack } from '../../src/ui/mount';
import { PopupApp } from '../../src/ui/popup/PopupApp';
import '../options/style.css';

mountWithPack(document.getElementById('app')!, (pack, locale) => (
  <PopupApp
    pack={pack}
    locale={locale}
    onOpenOptions={() => browser.runtime.openOptionsPage()}
    checkUrl={browser.runtime.getURL('/check.html')}
  />
));
