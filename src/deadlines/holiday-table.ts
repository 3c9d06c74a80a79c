/**
 * Builds the holiday table from the calendars of a rule pack with the full date-holidays library.
 *
 * date-holidays adds about 1.4 MB (234 KB gzip) to a bundle, with all its countries, so only the
 * background, the options page, scripts and tests import this module. The content script and the
 * engine receive the result as plain data (HolidayTable) and never import date-holidays.
 * It also answers the options page's questions to the library: which countries and states exist
 * (named in the UI language) and the holidays' names for the preview, which the table never
 * carries.
 */
import Holidays from 'date-holidays';
import type { Calendar } from '../rules/types';
import type { RegionCatalog } from '../settings/settings';
import { DAY_MS, dayFromCivil, dayFromIsoDate, isoDate, isoWeekday } from './civil';
import type { HolidayTable, HolidayTableCalendar } from './types';
import { zoneOffsets } from './zone';

export interface HolidayTableRange {
  /** First year covered (inclusive). */
  fromYear: number;
  /** Last year covered (inclusive). */
  toYear: number;
}

/** The years a table should cover by default: the CPOR rules' first year (2020) up to two years after `now`. */
export function defaultHolidayRange(now: Date = new Date()): HolidayTableRange {
  return { fromYear: 2019, toYear: now.getUTCFullYear() + 2 };
}

/**
 * The 'YYYY-MM-DD' days in a year on which a region's holidays of the given types fall. Uses
 * each holiday's `date` string (its civil date in the region), never its start/end instants,
 * which date-holidays gives in the country's default zone; observances never count.
 */
export function regionHolidayDates(
  region: Calendar['region'],
  holidayTypes: readonly string[],
  year: number,
): string[] {
  const hd = region.state ? new Holidays(region.country, region.state) : new Holidays(region.country);
  const types = new Set(holidayTypes.filter((t) => t !== 'observance'));
  const dates = new Set<string>();
  for (const h of hd.getHolidays(year)) {
    if (types.has(h.type)) dates.add(h.date.slice(0, 10));
  }
  return [...dates].sort();
}

/** One calendar of the table: weekend days come from `weekend`, `closed` lists the other closed days and weekend holidays. */
export function buildHolidayTableCalendar(
  calendar: Calendar,
  range: HolidayTableRange,
): HolidayTableCalendar {
  const from = dayFromCivil(range.fromYear, 1, 1);
  const to = dayFromCivil(range.toYear, 12, 31);
  const inRange = (date: string) => {
    const d = dayFromIsoDate(date);
    return d >= from && d <= to;
  };
  const closed = new Set<string>();
  // One year either side, so a holiday whose `date` spills over a year end is not lost.
  for (let year = range.fromYear - 1; year <= range.toYear + 1; year++) {
    for (const date of regionHolidayDates(calendar.region, calendar.holidayTypes, year)) {
      if (inRange(date)) closed.add(date);
    }
  }
  for (const extra of calendar.extraClosures) if (inRange(extra.date)) closed.add(extra.date);
  const open = calendar.extraWorkingDays.map((d) => d.date).filter(inRange);
  for (const date of open) closed.delete(date);
  const region: HolidayTableCalendar['region'] = { country: calendar.region.country };
  if (calendar.region.state) region.state = calendar.region.state;
  return {
    timeZone: calendar.timeZone,
    region,
    weekend: [...calendar.weekend].sort(),
    closed: [...closed].sort(),
    open: [...open].sort(),
    // A day of margin either side: a day's local midnight can be a day away from UTC midnight.
    offsets: zoneOffsets(calendar.timeZone, (from - 2) * DAY_MS, (to + 2) * DAY_MS),
  };
}

/** The holiday table of a set of calendars (e.g. pack.calendars.calendars, with the partner's region applied). */
export function buildHolidayTable(
  calendars: readonly Calendar[],
  range: HolidayTableRange = defaultHolidayRange(),
): HolidayTable {
  const table: HolidayTable = {
    format: 1,
    from: isoDate(dayFromCivil(range.fromYear, 1, 1)),
    to: isoDate(dayFromCivil(range.toYear, 12, 31)),
    calendars: {},
  };
  for (const calendar of calendars) table.calendars[calendar.id] = buildHolidayTableCalendar(calendar, range);
  return table;
}

/** True when a day of the table is a business day, without compiling it (used by tests as a check). */
export function isBusinessDayInTable(calendar: HolidayTableCalendar, date: string): boolean {
  if (calendar.open.includes(date)) return true;
  if (calendar.weekend.includes(isoWeekday(dayFromIsoDate(date)))) return false;
  return !calendar.closed.includes(date);
}

/** A country or state, named in a language (holidayCountries, holidayStates). */
export interface NamedRegion {
  code: string;
  name: string;
}

// The codes calendars.schema.json accepts for a region; date-holidays also has a few states with
// long names (the Cook Islands' 'Aitutaki'), which a calendar could not carry.
const COUNTRY_CODE = /^[A-Z]{2}$/;
const STATE_CODE = /^[A-Z0-9]{1,3}$/;

function named(record: Record<string, string> | undefined, code: RegExp, lang: string): NamedRegion[] {
  return Object.entries(record ?? {})
    .filter(([c]) => code.test(c))
    .map(([c, name]) => ({ code: c, name }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

let regionSource: Holidays | undefined;
function holidaysWithoutRegion(): Holidays {
  regionSource ??= new Holidays();
  return regionSource;
}

/**
 * The countries date-holidays knows, named in `lang` by the browser (Intl.DisplayNames: "Griekenland",
 * "Lesotho", "Verenigde Staten" in Dutch) rather than by date-holidays, whose names are mostly in
 * the country's own language and script ("Ελλάδα"); date-holidays' English name where the browser
 * has none. Sorted by name in `lang`.
 */
export function holidayCountries(lang: string): NamedRegion[] {
  const english = holidaysWithoutRegion().getCountries('en') ?? {};
  const display = regionDisplayNames(lang);
  const names: Record<string, string> = {};
  for (const [code, name] of Object.entries(english)) names[code] = display?.of(code) ?? name;
  return named(names, COUNTRY_CODE, lang);
}

function regionDisplayNames(lang: string): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  } catch {
    return undefined; // a language tag the browser does not know: the English names
  }
}

/**
 * The states or regions of a country date-holidays knows (none for most countries), sorted by
 * name: in `lang` where date-holidays has that name or `lang` is one of the country's own
 * languages (Belgium's Dutch names on a Dutch page), else in English rather than in
 * the country's own script ("Republic of Adygea", not "Республика Адыгея"). Intl.DisplayNames has
 * no names for subdivisions.
 */
export function holidayStates(country: string, lang: string): NamedRegion[] {
  const source = holidaysWithoutRegion();
  const inLang = source.getStates(country, lang) ?? {};
  const own = source.getStates(country) ?? {};
  const english = source.getStates(country, 'en') ?? {};
  const spoken = new Set(new Holidays(country).getLanguages());
  const names: Record<string, string> = {};
  for (const [code, name] of Object.entries(inLang))
    names[code] = name !== own[code] || spoken.has(lang) ? name : (english[code] ?? name);
  return named(names, STATE_CODE, lang);
}

/** The region catalog for src/settings: which countries and states a calendar may name. */
export function holidayRegionCatalog(): RegionCatalog {
  const countries = new Set(holidayCountries('en').map((c) => c.code));
  const states = new Map<string, Set<string>>();
  const statesOf = (country: string) => {
    let set = states.get(country);
    if (!set) {
      set = new Set(holidayStates(country, 'en').map((s) => s.code));
      states.set(country, set);
    }
    return set;
  };
  return {
    hasCountry: (country) => countries.has(country),
    hasState: (country, state) => countries.has(country) && statesOf(country).has(state),
  };
}

/**
 * The names of a region's holidays of the given types in a year, by 'YYYY-MM-DD', in `lang` (or English).
 * For the options page's preview only: the holiday table stays names-free, so the content script
 * never carries them.
 */
export function regionHolidayNames(
  region: Calendar['region'],
  holidayTypes: readonly string[],
  year: number,
  lang: string,
): Map<string, string> {
  // In `lang` where date-holidays has the name, else in English (a Dutch page shows "Ash Sunday"
  // for Greece, not "Καθαρά Δευτέρα"); date-holidays takes the first language it has a name in.
  const options = { languages: [lang, 'en'] };
  const hd = region.state
    ? new Holidays(region.country, region.state, options)
    : new Holidays(region.country, options);
  const types = new Set(holidayTypes.filter((t) => t !== 'observance'));
  const names = new Map<string, string>();
  for (const h of hd.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (!types.has(h.type)) continue;
    names.set(date, names.has(date) ? `${names.get(date)}, ${h.name}` : h.name);
  }
  return names;
}
