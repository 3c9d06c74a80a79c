/**
 * The storage.local key the options page bumps (any new value) after activate or rollback. The
 * background listens (storage.onChanged) and drops its cached pack and holiday table, and open
 * dashboard pages start their overlay again with the new pack; a service worker that was asleep
 * reads the active pack from the database when it wakes anyway. In its own module so that the
 * content script can import it without the repository (and idb).
 */
export const ACTIVE_PACK_CHANGED_KEY = 'packs.activeRevision';
