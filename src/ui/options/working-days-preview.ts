/**
 * The preview of the options page's "Your working days": the days off besides weekends in one
 * year, per calendar, as the deadline engine counts them (from the same holiday table), with the
 * holidays' names when date-holidays has them. Imports date-holidays through holiday-table.ts:
 * for the options page only, never the content script.
 */

import { dayFromIsoDate, isoWeekday } from '../../deadlines/civil';
import { buildHolidayTable, regionHolidayNames } from '../../deadlines/holiday-table';
import { cachedDateTimeFormat, localize } from '../../i18n/format';
import type { Calendar } from '../../rules/types';

export interface DayOff {
  /** 'YYYY-MM-DD' */
  date: string;
  /** The holiday's name, or the reason of an extra closure; empty when unknown. */
  name: string;
}

export interface CalendarDaysOff {
  calendar: Calendar;
  days: DayOff[];
}

/** The closed days that fall on a weekday of each calendar in `year`. */
export function daysOffPreview(
  calendars: readonly Calendar[],
  year: number,
  locale: string,
  fallbackLocale: string,
): CalendarDaysOff[] {
  const table = buildHolidayTable(calendars, { fromYear: year, toYear: year });
  const lang = locale.split('-')[0] ?? fallbackLocale;
  return calendars.map((calendar) => {
    const entry = table.calendars[calendar.id]!;
    const weekend = new Set(entry.weekend);
    const names = regionHolidayNames(calendar.region, calendar.holidayTypes, year, lang);
    for (const extra of calendar.extraClosures)
      if (!names.has(extra.date)) names.set(extra.date, localize(extra.label, locale, fallbackLocale));
    const days = entry.closed
      .filter((date) => !weekend.has(isoWeekday(dayFromIsoDate(date))))
      .map((date) => ({ date, name: names.get(date) ?? '' }));
    return { calendar, days };
  });
}

/** A day as the UI shows it, with its weekday, e.g. 'Thu 26 Nov 2026' (en-GB) or 'do 26 nov 2026' (nl). */
export function formatDayOff(date: string, locale: string): string {
  return cachedDateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
