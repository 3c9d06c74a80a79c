/**
 * The settings' storage in the extension: browser.storage.local under one key (settingsItem). The
 * only place that touches the browser for settings; src/settings stays pure. src/browser is the
 * one folder of src/ that may use the browser's API (.dependency-cruiser.cjs says so).
 */
import { languageProblem, type Settings, type SettingsStorage } from '../settings/settings';
import { settingsItem } from './storage-items';

export const browserSettingsStorage: SettingsStorage = {
  // WXT gives null for a missing key; SettingsStorage says undefined.
  read: async () => (await settingsItem.getValue()) ?? undefined,
  write: (settings: Settings) => settingsItem.setValue(settings),
};

/** The language the partner chose for cpor-guard's pages, or undefined (the browser's then). */
export async function chosenLanguage(): Promise<string | undefined> {
  const stored: unknown = await settingsItem.getValue();
  const language = typeof stored === 'object' && stored !== null ? (stored as Settings).language : undefined;
  return language !== undefined && languageProblem(language) === undefined ? language : undefined;
}
