import { browser } from 'wxt/browser';
import { contextStamp } from '../src/background/context-snapshot';
import { createOverlayService } from '../src/background/overlay-service';
import { createPackRevision } from '../src/background/pack-revision';
import {
  ensureReminderAlarm,
  isReminderNotification,
  REMINDER_ALARM,
  reminderNotificationId,
  sendReminders,
} from '../src/background/reminders';
import { showStoredSummary, showTabSummary, type ToolbarApi } from '../src/background/toolbar';
import { createBackupService } from '../src/backup/service';
import { readManagedValues, watchManagedValues } from '../src/browser/managed-storage';
import { contextSnapshotItem } from '../src/browser/session-items';
import { browserSettingsStorage } from '../src/browser/settings-storage';
import { activePackRevisionItem, remindersSentItem, settingsItem } from '../src/browser/storage-items';
import { holidayRegionCatalog } from '../src/deadlines/holiday-table';
import { dispatch, type Handlers, readRequest } from '../src/messaging/protocol';
import { claimsListUrl } from '../src/overlay/popup-shell';
import {
  type ActivePack,
  createActivePackReader,
  openPackRepository,
  type PackRepository,
} from '../src/packs';
import { readManagedPolicy, syncManagedPack } from '../src/packs/managed';
import { smokeTestNow } from '../src/packs/smoke';
import { errorMessage } from '../src/platform/error-message';
import { retryingLazy } from '../src/platform/retrying-lazy';
import { defaultPack, defaultPackFiles } from '../src/rules/default-pack';
import { formatProblem } from '../src/rules/problems';
import { loadSettings, readSettingsValue } from '../src/settings';
import { openClaimStore, openValidationStore } from '../src/store';

/** The built-in pack's version, read without checking the pack (it is part of the context's stamp). */
const BUILTIN_VERSION = String((defaultPackFiles.pack as { version?: unknown }).version);

// MV3 has `action`; the Firefox build is MV2, which has the same calls as `browserAction`.
const action = () => browser.action ?? browser.browserAction;
const toolbar: ToolbarApi = {
  setBadgeText: (details) => action().setBadgeText(details),
  setBadgeBackgroundColor: (details) => action().setBadgeBackgroundColor(details),
  setTitle: (details) => action().setTitle(details),
  tabExists: (tabId) =>
    browser.tabs.get(tabId).then(
      () => true,
      () => false,
    ),
};

export default defineBackground(() => {
  // Packs are validated by the generated standalone validators (no eval under MV3). A broken
  // built-in pack is logged for developers; Partner Center itself is never affected. Checked a
  // moment after the start, not before the first answer: a new worker often answers from the last
  // one's context (src/background/context-snapshot.ts) without the pack.
  setTimeout(() => {
    try {
      const pack = defaultPack();
      console.info(`[cpor-guard] built-in rule pack ${pack.pack.id} ${pack.pack.version} loaded`);
    } catch (error) {
      console.error('[cpor-guard] rule pack', error);
    }
  }, 2_000);

  // The pack repository is opened when the active pack is first needed and kept while the worker lives.
  // With the smoke test, an active pack that loads but fails when run gives way to the last good one.
  const readActive = createActivePackReader(() =>
    openPackRepository({ builtin: defaultPack, smokeTest: smokeTestNow, regions: holidayRegionCatalog() }),
  );
  const service = createOverlayService({
    activePack: () => readActivePack(readActive),
    builtinPack: defaultPack,
    settings: (pack) => loadSettings(browserSettingsStorage, pack, holidayRegionCatalog()),
    openStore: () => openClaimStore(),
    snapshot: {
      store: {
        read: () => contextSnapshotItem.getValue(),
        write: (kept) => contextSnapshotItem.setValue(kept),
      },
      stamp: async () => {
        const [activePackRevision, settings] = await Promise.all([
          activePackRevisionItem.getValue(),
          settingsItem.getValue(),
        ]);
        return contextStamp({
          activePackRevision,
          settings,
          builtinVersion: BUILTIN_VERSION,
          now: new Date(),
        });
      },
    },
  });
  const packRevision = createPackRevision(() => service.invalidatePack());
  // "Your data" on the options page: the backup's own connection, opened when first asked.
  const backups = createBackupService({
    settings: browserSettingsStorage,
    catalog: holidayRegionCatalog(),
    // What the organisation's policy locks, a restore leaves alone (src/packs/managed.ts).
    packsLocked: async () => readManagedPolicy(await readManagedValues()).locked,
    // The background and the dashboard pages drop their cached pack on this key.
    onActivePackChanged: () => activePackRevisionItem.setValue(Date.now()),
  });
  const logged = (what: string) => (error: unknown) => console.error(`[cpor-guard] ${what}`, error);
  const updateStoredCount = () =>
    showStoredSummary(service, toolbar, navigator.language, Date.now()).catch(logged('toolbar count'));

  // Registered at once (MV3: listeners added later miss the event that woke the worker). A worker
  // that was stopped when a pack was activated reads the active pack afresh when it starts.
  activePackRevisionItem.watch((revision) => packRevision.observe(revision));
  settingsItem.watch(() => service.invalidate());
  // The organisation's pack (src/packs/managed.ts): pinned at each start and policy change.
  const syncManaged = () => {
    let opened: PackRepository | undefined;
    return syncManagedPack({
      values: readManagedValues,
      repository: async () =>
        (opened = await openPackRepository({
          builtin: defaultPack,
          smokeTest: smokeTestNow,
          regions: holidayRegionCatalog(),
        })),
      announce: () => activePackRevisionItem.setValue(Date.now()),
    })
      .catch(logged('managed rule pack'))
      .finally(() => opened?.close());
  };
  watchManagedValues(() => void syncManaged());
  void syncManaged();

  ensureReminderAlarm(browser.alarms).catch(logged('reminder alarm'));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REMINDER_ALARM) return;
    sendReminders({
      service,
      sent: { read: () => remindersSentItem.getValue(), write: (keys) => remindersSentItem.setValue(keys) },
      notify: (reminder) =>
        browser.notifications.create(reminderNotificationId(reminder), {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: reminder.title,
          message: reminder.message,
          // Firefox takes only type, title, message and iconUrl (MDN), and refuses some others.
          ...(import.meta.env.FIREFOX ? {} : { priority: reminder.level === 'warning' ? 0 : 2 }),
        }),
      language: navigator.language,
      settings: async () =>
        readSettingsValue(await browserSettingsStorage.read(), holidayRegionCatalog()).settings,
      now: Date.now,
    }).catch(logged('reminders'));
    void updateStoredCount();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!isReminderNotification(id)) return;
    void browser.notifications.clear(id);
    service
      .pack()
      .then(claimsListUrl)
      .then((url) => (url ? browser.tabs.create({ url }) : undefined))
      .catch(logged('reminder click'));
  });

  const validations = retryingLazy(() => openValidationStore()).get;
  const handlers: Handlers = {
    async 'cpor/context'(request) {
      // A dashboard page asks again right after a pack was activated, possibly before the storage
      // watch above ran: compare the revision instead of trusting the order.
      packRevision.observe(await activePackRevisionItem.getValue());
      return service.contextUnless(request.have);
    },
    async 'cpor/sightings'(request) {
      const response = await service.sightings(request.sightings, request.now, request.have);
      // The claims kept changed: the count on the other tabs' icons follows (nothing written, nothing to follow).
      if (response.ok && response.saved && response.written !== 0) void updateStoredCount();
      return response;
    },
    'cpor/claim-history': (request) =>
      service.history(request.sighting, request.history, request.now, request.events ?? []),
    async 'cpor/summary'(request, tabId) {
      if (tabId !== undefined) await showTabSummary(service, toolbar, tabId, request.summary, request.locale);
      return { ok: true };
    },
    'cpor/deadlines': (request) => service.deadlinesPage(request.now, request.locale, request),
    'cpor/popup': (request) => service.popup(request.locale),
    'cpor/calendar': (request) => service.calendar(request.now, request.locale),
    'cpor/backup': async (request) => ({ ok: true, text: await backups.exportBackup(request.now) }),
    async 'cpor/restore'(request) {
      const outcome = await backups.restoreBackup(request.text);
      // The dashboard tabs' copies of the claims' records are then out of date (cpor/sightings `current`).
      if (outcome.restored) service.claimsChanged();
      // The claims kept may have changed: the count on the icons follows.
      if (outcome.restored) void updateStoredCount();
      return { ok: true, outcome };
    },
    'cpor/poe-check-find': async (request) => ({
      ok: true,
      record: (await (await validations()).findPoeCheck(request.claimId, request.filesHash)) ?? null,
    }),
    async 'cpor/poe-check-save'(request) {
      await (await validations()).save(request.record);
      return { ok: true };
    },
    'cpor/poe-check-latest': async (request) => ({
      ok: true,
      record: (await (await validations()).latestPoeCheck(request.claimId)) ?? null,
    }),
    'cpor/claim-fields': (request) => service.firstFields(request.sighting, request.fields, request.now),
  };

  // sendResponse + `return true` rather than a returned promise: Chrome's runtime.onMessage
  // answers returned promises only in recent versions.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const received = readRequest(message);
    if (received.kind === 'foreign') return false;
    // Only our own content scripts and pages talk to us (runtime messages never come from web pages).
    if (sender.id !== browser.runtime.id) return false;
    if (received.kind === 'malformed') {
      console.warn('[cpor-guard] background: malformed request', received.type);
      sendResponse({ ok: false, error: `malformed ${received.type} request` });
      return false;
    }
    dispatch(handlers, received.request, sender.tab?.id).then(sendResponse, (error: unknown) => {
      console.error('[cpor-guard] background', received.request.type, error);
      sendResponse({ ok: false, error: errorMessage(error) });
    });
    return true;
  });
});

/** The active pack for the overlay service, with its problems logged; rejects when the database cannot be read now (the service then uses the built-in pack). */
async function readActivePack(read: () => Promise<ActivePack>): Promise<ActivePack> {
  const active = await read();
  if (active.problems.length > 0)
    console.warn(
      `[cpor-guard] rule pack ${active.fallbackFrom ?? active.id} cannot be used; using ${active.id}:\n${active.problems.map(formatProblem).join('\n')}`,
    );
  console.info(
    `[cpor-guard] rule pack ${active.id} (${active.pack.pack.id} ${active.pack.pack.version}) active`,
  );
  return active;
}
