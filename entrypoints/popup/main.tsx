import { browser } from 'wxt/browser';
import { chosenLanguage } from '../../src/browser/settings-storage';
import type { OverlayRequest, ResponseOf } from '../../src/messaging/protocol';
import { activeRulePack } from '../../src/ui/active-pack';
import { mountWithActivePack } from '../../src/ui/mount';
import { PopupApp } from '../../src/ui/popup/PopupApp';
import '../options/style.css';

type DeadlinesRequest = Extract<OverlayRequest, { type: 'cpor/deadlines' }>;

/** The pending deadlines of the claims kept on this computer, from the background (which has the engine and holiday table built). */
function loadDeadlines(locale: string): Promise<ResponseOf<DeadlinesRequest>> {
  const request: DeadlinesRequest = { type: 'cpor/deadlines', now: Date.now(), locale };
  return browser.runtime.sendMessage(request);
}

mountWithActivePack(
  document.getElementById('app')!,
  (pack, locale) => (
    <PopupApp
      pack={pack}
      locale={locale}
      onOpenOptions={() => browser.runtime.openOptionsPage()}
      checkUrl={browser.runtime.getURL('/check.html')}
      loadDeadlines={loadDeadlines}
    />
  ),
  activeRulePack,
  chosenLanguage,
);
