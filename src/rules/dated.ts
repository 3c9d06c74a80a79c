/**
 * Rules that changed over time are lists of entries with a `from` date (OpenFisca's dated
 * values): the entry in force on a day is the one with the latest `from` on or before it.
 */
import { cachedDateTimeFormat } from '../i18n/format';

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function isoDateIn(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return cachedDateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/**
 * The entry in force on `day` (YYYY-MM-DD). An entry without `from` applies since always.
 * Undefined when every entry starts later.
 */
export function inForce<T extends { from?: string }>(entries: readonly T[], day: string): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    const from = entry.from ?? '0000-01-01';
    if (from <= day && (best === undefined || from >= (best.from ?? '0000-01-01'))) best = entry;
  }
  return best;
}
