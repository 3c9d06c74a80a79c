/**
 * The settings' storage in the extension: browser.storage.local under one key. The only place
 * that touches the browser for settings; src/settings stays pure. src/browser is the one folder
 * of src/ that may use the browser's API (.dependency-cruiser.cjs says so).
 */
import { browser } from 'wxt/browser';
import { SETTINGS_STORAGE_KEY, type Settings, type SettingsStorage } from '../settings/settings';

export const browserSettingsStorage: SettingsStorage = {
  async read() {
    const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
    return stored[SETTINGS_STORAGE_KEY];
  },
  async write(settings: Settings) {
    await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: settings });
  },
};
