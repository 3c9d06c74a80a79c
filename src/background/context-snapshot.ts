/**
 * The overlay's context (the pack a dashboard page counts with and its holiday table) kept for the
 * next service worker. Chrome stops an idle worker after 30 s; the next page that opens wakes a new
 * one, which would read the active pack from IndexedDB, check it and build the holiday table with
 * date-holidays again (about 100 ms) before the page could show a badge, and under a new revision,
 * so that every open tab received the whole context again. With the snapshot the new worker
 * answers from what the last one built, under the same revision.
 *
 * Kept in browser.storage.session (src/browser/storage-items.ts): in memory, for the browser's
 * session only, emptied when the extension is reloaded or updated, and not readable by content
 * scripts. A snapshot serves only while its stamp is the stamp of now: the stamp names everything
 * the context is built from (the active-pack revision the options page and the managed policy bump,
 * the partner's settings as stored, the built-in pack's version, and the day, which sets the
 * table's years and the pack's smoke test), so a pack activated while no worker ran, or new
 * settings, make the snapshot stale and the context is built again.
 */
import type { HolidayTable } from '../deadlines/types';
import type { RulePack } from '../rules/types';

export interface ContextSnapshot {
  /** What the context was built from (see contextStamp); it serves only while the stamp is the same. */
  stamp: string;
  /** The holiday table's key in the overlay service (pack, years, regions). */
  key: string;
  revision: string;
  /** The pack as the pages get it (with the partner's warning levels). */
  pack: RulePack;
  table: HolidayTable;
  fallbackFrom?: string;
}

export interface SnapshotStore {
  read(): Promise<unknown>;
  write(snapshot: ContextSnapshot): Promise<void>;
}

/** The stamp of what a context is built from: equal stamps, equal contexts. */
export function contextStamp(parts: {
  activePackRevision: unknown;
  settings: unknown;
  builtinVersion: string;
  now: Date;
}): string {
  return JSON.stringify([
    parts.activePackRevision ?? null,
    parts.settings ?? null,
    parts.builtinVersion,
    parts.now.toISOString().slice(0, 10),
  ]);
}

/** A stored value as a snapshot, or undefined when it is none (an older cpor-guard's, or damaged). */
export function asSnapshot(value: unknown): ContextSnapshot | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const isObject = (x: unknown) => typeof x === 'object' && x !== null;
  if (typeof v.stamp !== 'string' || typeof v.key !== 'string' || typeof v.revision !== 'string')
    return undefined;
  if (!isObject(v.pack) || !isObject(v.table)) return undefined;
  if (v.fallbackFrom !== undefined && typeof v.fallbackFrom !== 'string') return undefined;
  return v as unknown as ContextSnapshot;
}
