/**
 * Which active-pack revision (the storage.local key the options page bumps after activate or
 * rollback, src/packs/keys.ts) the background's cached pack belongs to. Both the storage change
 * and a dashboard page's request may tell first that it changed (a page asks again right after
 * the activation, possibly before the background's storage listener ran): whichever does drops
 * the cached pack, once.
 */
export function createPackRevision(invalidatePack: () => void) {
  /** undefined: none seen yet (e.g. after a restart: the pack is then read afresh anyway). */
  let seen: unknown;
  return {
    /** The revision now (from a storage change or read): drops the cached pack when it differs from the one seen. */
    observe(revision: unknown): void {
      if (revision === seen) return;
      seen = revision;
      invalidatePack();
    },
  };
}
