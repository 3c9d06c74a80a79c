import { browser } from 'wxt/browser';
import { activeRulePack } from '../../src/ui/active-pack';
import { mountWithActivePack } from '../../src/ui/mount';
import { PopupApp } from '../../src/ui/popup/PopupApp';
import '../options/style.css';

mountWithActivePack(
  document.getElementById('app')!,
  (pack, locale) => (
    <PopupApp
      pack={pack}
      locale={locale}
      onOpenOptions={() => browser.runtime.openOptionsPage()}
      checkUrl={browser.runtime.getURL('/check.html')}
    />
  ),
  activeRulePack,
);
