import { browser } from 'wxt/browser';
import * as claimDeadlines from '../src/features/claim-deadlines';
import * as deadlineBadges from '../src/features/deadline-badges';
import type { OverlayRequest, ResponseOf } from '../src/messaging/protocol';
import { ACTIVE_PACK_CHANGED_KEY } from '../src/packs/keys';
import { errorMessage } from '../src/platform/error-message';
import { SETTINGS_STORAGE_KEY } from '../src/settings/settings';

/** A request to the background; its answer, or the error as an answer (never throws). */
async function ask<R extends OverlayRequest>(request: R): Promise<ResponseOf<R>> {
  try {
    return (await browser.runtime.sendMessage(request)) as ResponseOf<R>;
  } catch (error) {
    return { ok: false, error: errorMessage(error) } as ResponseOf<R>;
  }
}

/** The features' ports for one navigation: both ask for the context, the background answers once. */
function portsFor() {
  let context: ReturnType<deadlineBadges.OverlayPort['context']> | undefined;
  const sharedContext = () => {
    context ??= ask({ type: 'cpor/context' });
    return context;
  };
  const listPort: deadlineBadges.OverlayPort = {
    context: sharedContext,
    sightings: (sightings, now) => ask({ type: 'cpor/sightings', sightings, now }),
    summary: (summary, locale) => ask({ type: 'cpor/summary', summary, locale }),
    now: () => Date.now(),
  };
  const claimPort: claimDeadlines.ClaimPagePort = {
    context: sharedContext,
    history: (sighting, history, events, now) =>
      ask({ type: 'cpor/claim-history', sighting, history, events, now }),
    now: () => Date.now(),
  };
  return { listPort, claimPort };
}

/** The overlay's features (one per file in src/features): each returns false where it does not apply. */
const FEATURES = [
  {
    id: deadlineBadges.FEATURE_ID,
    init: (signal: AbortSignal, ports: ReturnType<typeof portsFor>) =>
      deadlineBadges.init(signal, ports.listPort),
  },
  {
    id: claimDeadlines.FEATURE_ID,
    init: (signal: AbortSignal, ports: ReturnType<typeof portsFor>) =>
      claimDeadlines.init(signal, ports.claimPort),
  },
];

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
      const ports = portsFor();
      for (const feature of FEATURES) {
        feature.init(navigation.signal, ports).catch((error: unknown) => {
          console.error(`[cpor-guard] ${feature.id}:`, error);
        });
      }
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
