/**
 * The settings' storage in the extension: browser.storage.local under one key (settingsItem). The
 * only place that touches the browser for settings; src/settings stays pure. src/browser is the
 * one folder of src/ that may use the browser's API (.dependency-cruiser.cjs says so).
 */
import type { Settings, SettingsStorage } from '../settings/settings';
import { settingsItem } from './storage-items';

export const browserSettingsStorage: SettingsStorage = {
  // WXT gives null for a missing key; SettingsStorage says undefined.
  read: async () => (await settingsItem.getValue()) ?? undefined,
  write: (settings: Settings) => settingsItem.setValue(settings),
};
