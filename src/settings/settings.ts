/**
 * The partner's own settings: a typed shape, its defaults from the rule pack, validation of what
 * was stored, and a storage port. Pure: no browser API here; the extension pages hand in a
 * SettingsStorage backed by browser.storage.local (src/browser/settings-storage.ts), tests a
 * fake.
 *
 * Which countries and states exist is date-holidays' knowledge, and only
 * src/deadlines/holiday-table.ts may import that library (1.4 MB), so the caller passes a
 * RegionCatalog in (`holidayRegionCatalog()` there).
 */
import type { Calendar, RulePack } from '../rules/types';

/** A holiday region in date-holidays' codes, as in calendars.json: country 'BE', state 'VLG'. */
export interface Region {
  country: string;
  state?: string;
}

export interface Settings {
  /** The region of the partner's own working days; absent means the pack's default. */
  partnerRegion?: Region;
}

/** The key under which the settings are stored (browser.storage.local). */
export const SETTINGS_STORAGE_KEY = 'settings';

/** Where settings live. `read` gives whatever was stored (undefined when nothing), unchecked. */
export interface SettingsStorage {
  read(): Promise<unknown>;
  write(settings: Settings): Promise<void>;
}

/** Which regions exist (from date-holidays; see holidayRegionCatalog in src/deadlines/holiday-table.ts). */
export interface RegionCatalog {
  hasCountry(country: string): boolean;
  hasState(country: string, state: string): boolean;
}

/** The id of the partner's calendar; rules/schema/calendars.schema.json and semantic.ts require it. */
export const PARTNER_CALENDAR_ID = 'partner';

export function partnerCalendarOf(pack: RulePack): Calendar | undefined {
  return pack.calendars.calendars.find((c) => c.id === PARTNER_CALENDAR_ID);
}

/** True when the pack lets the partner choose the region of their own working days. */
export function partnerRegionEditable(pack: RulePack): boolean {
  return partnerCalendarOf(pack)?.userEditable === true;
}

function copyRegion(region: Region): Region {
  return region.state ? { country: region.country, state: region.state } : { country: region.country };
}

/** The settings when the partner has chosen nothing: the partner calendar's region of the pack. */
export function defaultSettings(pack: RulePack): Settings {
  const partner = partnerCalendarOf(pack);
  return partner ? { partnerRegion: copyRegion(partner.region) } : {};
}

/** Why a region cannot be used, or undefined when it can. */
export function regionProblem(value: unknown, catalog: RegionCatalog): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const { country, state, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return `has unknown keys ${extra.join(', ')}`;
  if (typeof country !== 'string' || !catalog.hasCountry(country))
    return `country ${JSON.stringify(country)} is not a country date-holidays knows`;
  if (state === undefined) return undefined;
  if (typeof state !== 'string' || !catalog.hasState(country, state))
    return `state ${JSON.stringify(state)} is not a state of ${country} that date-holidays knows`;
  return undefined;
}

export interface ParsedSettings {
  settings: Settings;
  /** What was wrong with the stored value, each replaced by its default. */
  problems: string[];
}

/**
 * The settings from a stored value: every valid part kept, every invalid part replaced by the
 * pack's default and reported. Never throws, whatever was stored.
 */
export function parseSettings(stored: unknown, pack: RulePack, catalog: RegionCatalog): ParsedSettings {
  const settings = defaultSettings(pack);
  const problems: string[] = [];
  if (stored === undefined || stored === null) return { settings, problems };
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    problems.push(`settings: ${JSON.stringify(stored)} is not an object; using the defaults`);
    return { settings, problems };
  }
  const { partnerRegion, ...rest } = stored as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`settings.${key}: unknown setting, ignored`);
  if (partnerRegion !== undefined) {
    const problem = regionProblem(partnerRegion, catalog);
    if (problem) problems.push(`settings.partnerRegion: ${problem}; using the pack's default`);
    else if (partnerRegionEditable(pack)) settings.partnerRegion = copyRegion(partnerRegion as Region);
    else problems.push("settings.partnerRegion: the pack's partner calendar is not user-editable; ignored");
  }
  return { settings, problems };
}

/** Reads the settings; a corrupt or unreadable value falls back to the defaults with a console warning. */
export async function loadSettings(
  storage: SettingsStorage,
  pack: RulePack,
  catalog: RegionCatalog,
): Promise<Settings> {
  let stored: unknown;
  try {
    stored = await storage.read();
  } catch (error) {
    console.warn('[cpor-guard] settings could not be read; using the defaults', error);
    return defaultSettings(pack);
  }
  const { settings, problems } = parseSettings(stored, pack, catalog);
  for (const problem of problems) console.warn(`[cpor-guard] ${problem}`);
  return settings;
}

/** Stores settings after checking them; throws (nothing stored) when a value is invalid. */
export async function saveSettings(
  storage: SettingsStorage,
  settings: Settings,
  catalog: RegionCatalog,
): Promise<void> {
  if (settings.partnerRegion) {
    const problem = regionProblem(settings.partnerRegion, catalog);
    if (problem) throw new Error(`partnerRegion: ${problem}`);
  }
  const clean: Settings = {};
  if (settings.partnerRegion) clean.partnerRegion = copyRegion(settings.partnerRegion);
  await storage.write(clean);
}

/**
 * The pack's calendars as the deadline engine should count them for this partner: the partner
 * calendar's region replaced by the chosen one when the pack allows it. The pack is not changed.
 */
export function calendarsWithSettings(pack: RulePack, settings: Settings): Calendar[] {
  return pack.calendars.calendars.map((calendar) =>
    calendar.id === PARTNER_CALENDAR_ID && calendar.userEditable === true && settings.partnerRegion
      ? { ...calendar, region: copyRegion(settings.partnerRegion) }
      : calendar,
  );
}
