import { browser } from 'wxt/browser';
import { chosenLanguage } from '../../src/browser/settings-storage';
import type { OverlayRequest, ResponseOf } from '../../src/messaging/protocol';
import { activeRulePack } from '../../src/ui/active-pack';
import { mountWithActivePack } from '../../src/ui/mount';
import { type DeadlinesQuery, PopupApp } from '../../src/ui/popup/PopupApp';
import '../options/style.css';

type DeadlinesRequest = Extract<OverlayRequest, { type: 'cpor/deadlines' }>;

/** The moment the popup opened: every page of its list counts from it (the background keeps their order for it). */
const openedAt = Date.now();

/** A page of the pending deadlines of the claims kept on this computer, from the background (which has the engine and holiday table built). */
function loadDeadlines(query: DeadlinesQuery): Promise<ResponseOf<DeadlinesRequest>> {
  const request: DeadlinesRequest = { type: 'cpor/deadlines', now: openedAt, ...query };
  return browser.runtime.sendMessage(request);
}

// The background orders the claims kept while the popup starts (its own start took about 240 ms
// in `npm run bench popup`, the order of 10,000 claims about 300 ms): the first page then makes
// only its own texts. Limit 0: no claim, no text; the background keeps the order for this moment.
void loadDeadlines({ locale: navigator.language, actor: 'all', offset: 0, limit: 0 }).catch(() => {});

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
