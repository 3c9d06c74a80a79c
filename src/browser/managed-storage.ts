/**
 * The organisation's policy values for cpor-guard: the browser's managed storage (read-only,
 * set by Chrome/Edge or Firefox enterprise policy; the keys are those of
 * public/managed-schema.json, read by src/packs/managed.ts).
 */
import { storage } from 'wxt/utils/storage';
import { MANAGED_KEYS } from '../packs/managed';

/** The values the policy sets; none when there is no policy (Firefox then rejects the read). */
export function readManagedValues(): Promise<Record<string, unknown>> {
  return storage.snapshot('managed').catch(() => ({}));
}

/** Calls `changed` whenever the policy changes one of its values. */
export function watchManagedValues(changed: () => void): void {
  for (const key of MANAGED_KEYS) storage.watch(`managed:${key}`, changed);
}
