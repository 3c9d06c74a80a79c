/**
 * What cpor-guard keeps in browser.storage.session, as WXT storage items: in memory for the
 * browser's session, emptied when the extension is reloaded or updated. For the background only:
 * a content script may not use storage.session (WXT's item touches it when defined: "Access to
 * storage is not allowed from this context" in the page), so this module is apart from
 * storage-items.ts, and .dependency-cruiser.cjs keeps it out of the content script.
 */
import { storage } from 'wxt/utils/storage';

/** The overlay's context kept for the next service worker (src/background/context-snapshot.ts); checked when read (asSnapshot). */
export const contextSnapshotItem = storage.defineItem<unknown>('session:overlay.context', { fallback: null });
