import { browser } from 'wxt/browser';
import * as deadlineBadges from '../src/features/deadline-badges';
import type { OverlayRequest, ResponseOf } from '../src/messaging/protocol';
import { ACTIVE_PACK_CHANGED_KEY } from '../src/packs/keys';
import { SETTINGS_STORAGE_KEY } from '../src/settings/settings';

/** A request to the background; its answer, or the error as an answer (never throws). */
async function ask<R extends OverlayRequest>(request: R): Promise<ResponseOf<R>> {
  try {
    return (await browser.runtime.sendMessage(request)) as ResponseOf<R>;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) } as ResponseOf<R>;
  }
}

const port: deadlineBadges.OverlayPort = {
  context: () => ask({ type: 'cpor/context' }),
  sightings: (sightings, now) => ask({ type: 'cpor/sightings', sightings, now }),
  summary: (summary, locale) => ask({ type: 'cpor/summary', summary, locale }),
  now: () => Date.now(),
};

export default defineContentScript({
  // Partner Center is a single-page app: the script runs on every incentives page and starts the
  // feature again on each in-page navigation (wxt:locationchange), with a fresh AbortSignal.
  matches: [
    'https://partner.microsoft.com/*/dashboard/incentives/*',
    'https://partner.microsoft.com/dashboard/incentives/*',
  ],
  main(ctx) {
    document.documentElement.dataset.cporGuard = 'ready';
    let navigation: AbortController | undefined;
    ctx.signal.addEventListener('abort', () => navigation?.abort(), { once: true });
    const start = () => {
      navigation?.abort();
      navigation = new AbortController();
      deadlineBadges.init(navigation.signal, port).catch((error: unknown) => {
        console.error(`[cpor-guard] ${deadlineBadges.FEATURE_ID}:`, error);
      });
    };
    ctx.addEventListener(window, 'wxt:locationchange', start);
    // A policy owner activated another pack, or the partner changed their working days: the
    // overlay starts again with the background's new pack and holiday table.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (ACTIVE_PACK_CHANGED_KEY in changes || SETTINGS_STORAGE_KEY in changes))
        start();
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
    start();
  },
});
