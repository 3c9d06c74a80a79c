/**
 * The three keys cpor-guard keeps in browser.storage.local, as WXT storage items (one definition
 * each: key, fallback, watch). What is read is still checked by its reader (src/settings'
 * loadSettings, sentKeysOf in src/background/reminders.ts): another version of cpor-guard may have
 * written it. No item has a `version` yet: none of the stored shapes has changed since it was
 * first written; the first change adds `version` and its `migrations` here (WXT then keeps the
 * version beside the value).
 */
import { storage } from 'wxt/utils/storage';
import { ACTIVE_PACK_CHANGED_KEY } from '../packs/keys';
import { SETTINGS_STORAGE_KEY } from '../settings/settings';

/** The partner's settings (src/settings), unchecked as stored. */
export const settingsItem = storage.defineItem<unknown>(`local:${SETTINGS_STORAGE_KEY}`);

/** Bumped (any new value) by the options page after activate or rollback: see src/packs/keys.ts. */
export const activePackRevisionItem = storage.defineItem<unknown>(`local:${ACTIVE_PACK_CHANGED_KEY}`);

/** The keys of the reminders already shown, newest last (src/background/reminders.ts). */
export const remindersSentItem = storage.defineItem<unknown>('local:reminders.sent', { fallback: [] });
