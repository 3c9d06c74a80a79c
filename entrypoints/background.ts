import { browser } from 'wxt/browser';
import { createOverlayService, type OverlayService } from '../src/background/overlay-service';
import { browserSettingsStorage } from '../src/browser/settings-storage';
import { holidayRegionCatalog } from '../src/deadlines/holiday-table';
import { formatMessage, pickLocale } from '../src/i18n/format';
import { isOverlayRequest, type OverlayRequest } from '../src/messaging/protocol';
import { levelRank, type PageSummary, summarizeBadges } from '../src/overlay/badges';
import {
  ACTIVE_PACK_CHANGED_KEY,
  type ActivePack,
  createActivePackReader,
  openPackRepository,
} from '../src/packs';
import { LIST_PAGE_ID } from '../src/page';
import { errorMessage } from '../src/platform/error-message';
import { defaultPack } from '../src/rules/default-pack';
import { formatProblem } from '../src/rules/problems';
import type { RulePack } from '../src/rules/types';
import { loadSettings, SETTINGS_STORAGE_KEY } from '../src/settings';
import { openClaimStore } from '../src/store';

/** Badge colours by the most pressing level on the page (Fluent UI's status colours). */
const BADGE_COLOURS: Record<string, string> = {
  overdue: '#c50f1f',
  critical: '#c50f1f',
  warning: '#bc4b09',
  notice: '#0f6cbd',
  running: '#0f6cbd',
  paused: '#616161',
};

export default defineBackground(() => {
  // Packs are validated by the generated standalone validators (no eval under MV3). A broken
  // built-in pack is logged for developers; Partner Center itself is never affected.
  try {
    const pack = defaultPack();
    console.info(`[cpor-guard] built-in rule pack ${pack.pack.id} ${pack.pack.version} loaded`);
  } catch (error) {
    console.error('[cpor-guard] rule pack', error);
  }

  // The pack repository is opened when the active pack is first needed and kept while the worker lives.
  const readActive = createActivePackReader(() => openPackRepository({ builtin: defaultPack }));
  const service = createOverlayService({
    activePack: () => readActivePack(readActive),
    builtinPack: defaultPack,
    settings: (pack) => loadSettings(browserSettingsStorage, pack, holidayRegionCatalog()),
    openStore: () => openClaimStore(),
  });

  // Registered at once (MV3: listeners added later miss the event that woke the worker). A worker
  // that was stopped when a pack was activated reads the active pack afresh when it starts.
  /** The active-pack revision the cached pack belongs to (undefined: none seen yet, e.g. after a restart). */
  let packRevision: unknown;

  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (ACTIVE_PACK_CHANGED_KEY in changes) {
      packRevision = changes[ACTIVE_PACK_CHANGED_KEY]?.newValue;
      service.invalidatePack();
    } else if (SETTINGS_STORAGE_KEY in changes) service.invalidate();
  });

  // Reminders: every half hour (and a minute after the browser starts), the partner's deadlines
  // that reached a new level become notifications. Created only when missing, so that waking the
  // service worker does not push the schedule back.
  void browser.alarms.get(REMINDER_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: 30 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REMINDER_ALARM) return;
    sendReminders(service).catch((error: unknown) => console.error('[cpor-guard] reminders', error));
    showStoredSummary(service).catch((error: unknown) => console.error('[cpor-guard] toolbar count', error));
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(REMINDER_PREFIX)) return;
    void browser.notifications.clear(id);
    claimsListUrl(service)
      .then((url) => (url ? browser.tabs.create({ url }) : undefined))
      .catch((error: unknown) => console.error('[cpor-guard] reminder click', error));
  });

  async function handle(request: OverlayRequest, tabId: number | undefined): Promise<unknown> {
    switch (request.type) {
      case 'cpor/context': {
        // A dashboard page asks again right after a pack was activated, possibly before our own
        // storage.onChanged listener ran: compare the revision instead of trusting the order.
        const revision = (await browser.storage.local.get(ACTIVE_PACK_CHANGED_KEY))[ACTIVE_PACK_CHANGED_KEY];
        if (revision !== packRevision) {
          packRevision = revision;
          service.invalidatePack();
        }
        return service.context();
      }
      case 'cpor/sightings': {
        const response = await service.sightings(request.sightings, request.now);
        // The claims kept changed: the count on the other tabs' icons follows.
        if (response.ok && response.saved) {
          showStoredSummary(service).catch((error: unknown) =>
            console.error('[cpor-guard] toolbar count', error),
          );
        }
        return response;
      }
      case 'cpor/claim-history':
        return service.history(request.sighting, request.history, request.now, request.events ?? []);
      case 'cpor/summary':
        if (tabId !== undefined) await showSummary(service, tabId, request.summary, request.locale);
        return { ok: true };
      case 'cpor/deadlines':
        return service.deadlines(request.now, request.locale);
    }
  }

  // sendResponse + `return true` rather than a returned promise: Chrome's runtime.onMessage
  // answers returned promises only in recent versions.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isOverlayRequest(message)) return false;
    // Only our own content scripts and pages talk to us (runtime messages never come from web pages).
    if (sender.id !== browser.runtime.id) return false;
    handle(message, sender.tab?.id).then(sendResponse, (error: unknown) => {
      console.error('[cpor-guard] background', message.type, error);
      sendResponse({ ok: false, error: errorMessage(error) });
    });
    return true;
  });
});

/** The active pack for the overlay service, with its problems logged; rejects when the database cannot be read now (the service then uses the built-in pack). */
async function readActivePack(read: () => Promise<ActivePack>): Promise<RulePack> {
  const active = await read();
  if (active.problems.length > 0)
    console.warn(
      `[cpor-guard] rule pack ${active.fallbackFrom ?? active.id} does not load; using the built-in pack:\n${active.problems.map(formatProblem).join('\n')}`,
    );
  console.info(
    `[cpor-guard] rule pack ${active.id} (${active.pack.pack.id} ${active.pack.pack.version}) active`,
  );
  return active.pack;
}

const REMINDER_ALARM = 'cpor/reminders';
const REMINDER_PREFIX = 'cpor-reminder:';
/** The keys of the reminders already shown (storage.local), newest last; the oldest are forgotten. */
const SENT_KEY = 'reminders.sent';
const SENT_LIMIT = 1000;

async function sendReminders(service: OverlayService): Promise<void> {
  const pack = await service.pack();
  const locale = pickLocale(pack.pack.locales, navigator.language, pack.pack.defaultLocale);
  const stored = (await browser.storage.local.get(SENT_KEY))[SENT_KEY];
  const sent = Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  const reminders = await service.reminders(Date.now(), locale, new Set(sent));
  for (const reminder of reminders) {
    await browser.notifications.create(`${REMINDER_PREFIX}${reminder.key}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: reminder.title,
      message: reminder.message,
      // Firefox takes only type, title, message and iconUrl (MDN), and refuses some others.
      ...(import.meta.env.FIREFOX ? {} : { priority: reminder.level === 'warning' ? 0 : 2 }),
    });
    sent.push(reminder.key);
  }
  if (reminders.length > 0) await browser.storage.local.set({ [SENT_KEY]: sent.slice(-SENT_LIMIT) });
}

/** The claims list's address: the first address of the list page in the active pack's locators.json without a wildcard. */
async function claimsListUrl(service: OverlayService): Promise<string | undefined> {
  const page = (await service.pack()).locators.pages.find((p) => p.id === LIST_PAGE_ID);
  return page?.urlPatterns.find((pattern) => !pattern.includes('*'));
}

/**
 * The toolbar icon on every tab that shows no claims list: how many of the claims kept on this
 * computer need attention (or have a running deadline). A dashboard tab sets its own (showSummary
 * with its tab id), which the browser shows there instead.
 */
async function showStoredSummary(service: OverlayService): Promise<void> {
  const pack = await service.pack();
  const locale = pickLocale(pack.pack.locales, navigator.language, pack.pack.defaultLocale);
  const deadlines = await service.deadlines(Date.now(), locale);
  if (!deadlines.ok) {
    console.warn('[cpor-guard] toolbar count:', deadlines.error);
    return;
  }
  await showSummary(service, undefined, summarizeBadges(deadlines.claims.map((c) => c.badge)), locale);
}

/** The toolbar icon of a tab (or, without one, of every tab): how many claims need attention (or have a running deadline). */
async function showSummary(
  service: OverlayService,
  tabId: number | undefined,
  summary: PageSummary,
  locale: string,
): Promise<void> {
  const pack = await service.pack();
  const lang = pickLocale(pack.pack.locales, locale, pack.pack.defaultLocale);
  const count = summary.attention > 0 ? summary.attention : summary.pending;
  const text = count > 0 ? String(count) : '';
  const title =
    count === 0
      ? formatMessage(pack, 'ui.popup.title', lang)
      : formatMessage(pack, summary.attention > 0 ? 'ui.toolbar.attention' : 'ui.toolbar.pending', lang, {
          count,
        });
  const colour =
    summary.level && levelRank(summary.level) >= 0 ? BADGE_COLOURS[summary.level] : BADGE_COLOURS.running;
  const where = tabId === undefined ? {} : { tabId };
  // MV3 has `action`; the Firefox build is MV2, which has the same calls as `browserAction`.
  const action = browser.action ?? browser.browserAction;
  try {
    await action.setBadgeText({ ...where, text });
    await action.setBadgeBackgroundColor({ ...where, color: colour! });
    await action.setTitle({ ...where, title });
  } catch (error) {
    if (tabId === undefined) throw error;
    // The tab may have closed while its summary was on the way (reading the active pack is
    // asynchronous): there is no icon to update then. Anything else is reported.
    const tabExists = await browser.tabs.get(tabId).then(
      () => true,
      () => false,
    );
    if (tabExists) throw error;
  }
}
