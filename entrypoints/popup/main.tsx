import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '../../src/browser/messages';
import { chosenLanguage } from '../../src/browser/settings-storage';
import type { OverlayRequest, ResponseOf } from '../../src/messaging/protocol';
import { popupShell } from '../../src/overlay/popup-shell';
import { showPackFailure } from '../../src/ui/pack-failure';
import { pageLocale } from '../../src/ui/page-locale';
import { DEADLINES_PAGE, type DeadlinesQuery, PopupApp } from '../../src/ui/popup/PopupApp';
import { type PopupTexts, popupTexts } from '../../src/ui/popup/texts';
import '../options/style.css';

type DeadlinesRequest = Extract<OverlayRequest, { type: 'cpor/deadlines' }>;

/** The moment the popup opened: every page of its list counts from it (the background keeps their order for it). */
const openedAt = Date.now();

/** A page of the pending deadlines of the claims kept on this computer, from the background (which has the engine and holiday table built). */
function loadDeadlines(query: DeadlinesQuery): Promise<ResponseOf<DeadlinesRequest>> {
  const request: DeadlinesRequest = { type: 'cpor/deadlines', now: openedAt, ...query };
  return browser.runtime.sendMessage(request);
}

/**
 * The texts from the background's rules in use (issue 14: the popup no longer loads and checks a
 * pack of its own before its first paint); the built-in pack only when the background cannot
 * answer. Throws when neither can be had (a build defect).
 */
async function textsFor(locale: string): Promise<PopupTexts> {
  const shell = await ask('cpor/popup', { locale });
  if (shell.ok) return popupTexts(shell);
  console.warn('[cpor-guard] popup: no texts from the background; using the built-in pack', shell.error);
  const { defaultPack } = await import('../../src/rules/default-pack');
  return popupTexts(popupShell(defaultPack(), locale));
}

// The background orders the claims kept while the popup reads its language (the order is the same
// in every language): limit 0, no claim, no text; it keeps the order for this moment.
void loadDeadlines({ locale: navigator.language, actor: 'all', offset: 0, limit: 0 }).catch(() => {});

async function start(root: HTMLElement): Promise<void> {
  const locale = await pageLocale(chosenLanguage);
  document.documentElement.lang = locale.split('-')[0] ?? 'en';
  // The list's first page is asked for with the texts, not after the first render: the background
  // orders the claims kept (about 300 ms for 10,000) while the popup paints its shell.
  const first: DeadlinesQuery = { locale, actor: 'all', offset: 0, limit: DEADLINES_PAGE };
  let firstPage: ReturnType<typeof loadDeadlines> | undefined = loadDeadlines(first);
  firstPage.catch(() => {});
  const load = (query: DeadlinesQuery) => {
    const same =
      query.locale === first.locale &&
      query.actor === first.actor &&
      query.offset === first.offset &&
      query.limit === first.limit;
    const answer = same && firstPage ? firstPage : loadDeadlines(query);
    firstPage = undefined;
    return answer;
  };
  let texts: PopupTexts;
  try {
    texts = await textsFor(locale);
  } catch (error) {
    showPackFailure(root, error);
    return;
  }
  render(
    <PopupApp
      texts={texts}
      locale={locale}
      onOpenOptions={() => browser.runtime.openOptionsPage()}
      checkUrl={browser.runtime.getURL('/check.html')}
      loadDeadlines={load}
    />,
    root,
  );
}

void start(document.getElementById('app')!);
