import { ask } from '../src/browser/messages';
import { activePackRevisionItem, settingsItem } from '../src/browser/storage-items';
import * as claimCheck from '../src/features/claim-check';
import * as claimDeadlines from '../src/features/claim-deadlines';
import * as claimNextSteps from '../src/features/claim-next-steps';
import * as deadlineBadges from '../src/features/deadline-badges';
import { createContextCache } from '../src/messaging/context-cache';
import { createSightingsCache } from '../src/overlay/sightings-cache';

/** The background's pack and holiday table, kept across navigations and sent again only when they change. */
const context = createContextCache((have) => ask('cpor/context', { have }));

/** The records the background answered for the list's rows, kept across navigations: only changed rows are sent again. */
const sightings = createSightingsCache((rows, now, have) =>
  ask('cpor/sightings', have === undefined ? { sightings: rows, now } : { sightings: rows, now, have }),
);

/** The features' ports for one navigation: both ask for the context, the background answers once. */
function portsFor() {
  let navigationContext: ReturnType<typeof context> | undefined;
  const sharedContext = () => {
    navigationContext ??= context();
    return navigationContext;
  };
  const listPort: deadlineBadges.OverlayPort = {
    context: sharedContext,
    sightings: (rows, now, options) => sightings.records(rows, now, options),
    summary: (summary, locale) => ask('cpor/summary', { summary, locale }),
    now: () => Date.now(),
  };
  const claimPort: claimDeadlines.ClaimPagePort = {
    context: sharedContext,
    history: (sighting, history, events, now) =>
      ask('cpor/claim-history', { sighting, history, events, now }),
    now: () => Date.now(),
  };
  const checkPort: claimCheck.ClaimCheckPort = {
    context: sharedContext,
    frameUrl: browser.runtime.getURL('/checker.html'),
    now: () => Date.now(),
    // Undefined once the extension was reloaded, updated or removed: the gate then lets every click through.
    alive: () => {
      try {
        return browser.runtime?.id !== undefined;
      } catch {
        return false;
      }
    },
  };
  return { listPort, claimPort, checkPort };
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
  {
    id: claimNextSteps.FEATURE_ID,
    init: (signal: AbortSignal, ports: ReturnType<typeof portsFor>) =>
      claimNextSteps.init(signal, ports.claimPort),
  },
  {
    id: claimCheck.FEATURE_ID,
    init: (signal: AbortSignal, ports: ReturnType<typeof portsFor>) =>
      claimCheck.init(signal, ports.checkPort),
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
    // No mark of our own on the page until a feature shows something: a page must not learn that
    // the extension is installed from an attribute on <html>.
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
    const unwatch = [activePackRevisionItem.watch(start), settingsItem.watch(start)];
    ctx.onInvalidated(() => {
      for (const stop of unwatch) stop();
    });
    start();
  },
});
