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
  /**
   * The language of cpor-guard's own pages and reminders, a language tag such as 'nl'; absent
   * means the browser's. (The badges on Partner Center speak the page's language.)
   */
  language?: string;
  /** false: no reminders as notifications; absent or true: reminders on. */
  reminders?: boolean;
  /**
   * Clock id → how many days before the due moment (in the clock's unit) its 'warning' level
   * starts, where the pack lets the partner choose (statuses.json `warningAdjustable`).
   */
  warningLevels?: Record<string, number>;
}

/** The most clocks a warningLevels setting may name. */
const WARNING_LEVELS_LIMIT = 64;

/** A language tag as settings keep it: 'nl', 'en', 'pt-BR'. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;

/** Why `value` cannot be the language setting, or undefined when it can. */
export function languageProblem(value: unknown): string | undefined {
  return typeof value === 'string' && LANGUAGE_TAG.test(value)
    ? undefined
    : `${JSON.stringify(value)} is not a language tag such as 'nl'`;
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
 * The settings a stored value holds, whatever the pack: every valid part kept (copied), every
 * other part left out and reported. Never throws. (The backup checks settings with it too.)
 */
export function readSettingsValue(stored: unknown, catalog: RegionCatalog): ParsedSettings {
  const settings: Settings = {};
  const problems: string[] = [];
  if (stored === undefined || stored === null) return { settings, problems };
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    problems.push(`settings: ${JSON.stringify(stored)} is not an object`);
    return { settings, problems };
  }
  const { partnerRegion, language, reminders, warningLevels, ...rest } = stored as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`settings.${key}: unknown setting, ignored`);
  if (partnerRegion !== undefined) {
    const problem = regionProblem(partnerRegion, catalog);
    if (problem) problems.push(`settings.partnerRegion: ${problem}`);
    else settings.partnerRegion = copyRegion(partnerRegion as Region);
  }
  if (language !== undefined) {
    const problem = languageProblem(language);
    if (problem) problems.push(`settings.language: ${problem}`);
    else settings.language = language as string;
  }
  if (reminders !== undefined) {
    if (typeof reminders === 'boolean') settings.reminders = reminders;
    else problems.push(`settings.reminders: ${JSON.stringify(reminders)} is not true or false`);
  }
  if (warningLevels !== undefined) {
    const entries =
      typeof warningLevels === 'object' && warningLevels !== null && !Array.isArray(warningLevels)
        ? Object.entries(warningLevels)
        : null;
    if (!entries || entries.length > WARNING_LEVELS_LIMIT)
      problems.push(
        `settings.warningLevels: is not an object of at most ${WARNING_LEVELS_LIMIT} clocks and days`,
      );
    else {
      const levels: Record<string, number> = {};
      for (const [clockId, days] of entries) {
        if (typeof days === 'number' && Number.isFinite(days) && days >= 0) levels[clockId] = days;
        else
          problems.push(`settings.warningLevels.${clockId}: ${JSON.stringify(days)} is not a number of days`);
      }
      if (Object.keys(levels).length > 0) settings.warningLevels = levels;
    }
  }
  return { settings, problems };
}

/** A clock whose warning the partner may move, with its range and default (the newest version's). */
export interface AdjustableWarning {
  clockId: string;
  label: Record<string, string>;
  unit: string | undefined;
  min: number;
  max: number;
  /** The pack's own warning level (days left). */
  default: number;
}

/** The clocks of `pack` whose warning the partner may move (statuses.json `warningAdjustable`), one per id. */
export function adjustableWarnings(pack: RulePack): AdjustableWarning[] {
  const byId = new Map<string, AdjustableWarning & { from: string }>();
  for (const status of pack.statuses.statuses) {
    for (const clock of status.clocks) {
      const range = clock.warningAdjustable;
      const warning = clock.urgency?.find((u) => u.level === 'warning');
      if (!range || !warning) continue;
      const from = clock.from ?? '';
      const known = byId.get(clock.id);
      if (known && known.from >= from) continue;
      byId.set(clock.id, {
        clockId: clock.id,
        label: clock.label,
        unit: clock.unit,
        min: range.min,
        max: range.max,
        default: warning.remaining,
        from,
      });
    }
  }
  return [...byId.values()].map(({ from: _, ...warning }) => warning);
}

/**
 * The pack as this partner's deadlines count it: each clock's 'warning' level moved where the
 * partner chose and the pack allows it (within its range; a 'notice' level that would come after
 * it moves along). The pack is not changed; without a choice that applies, the same pack.
 */
export function withWarningLevels(pack: RulePack, settings: Settings): RulePack {
  const chosen = settings.warningLevels;
  if (!chosen || Object.keys(chosen).length === 0) return pack;
  let changed = false;
  const statuses = pack.statuses.statuses.map((status) => ({
    ...status,
    clocks: status.clocks.map((clock) => {
      const days = Object.hasOwn(chosen, clock.id) ? chosen[clock.id] : undefined;
      const range = clock.warningAdjustable;
      if (days === undefined || !range || days < range.min || days > range.max || !clock.urgency)
        return clock;
      if (!clock.urgency.some((u) => u.level === 'warning')) return clock;
      changed = true;
      const urgency = clock.urgency.map((u) =>
        u.level === 'warning'
          ? { ...u, remaining: days }
          : u.level === 'notice' && u.remaining < days
            ? { ...u, remaining: days }
            : u,
      );
      return { ...clock, urgency };
    }),
  }));
  return changed
    ? { ...pack, statuses: { ...pack.statuses, statuses: statuses as typeof pack.statuses.statuses } }
    : pack;
}

/**
 * The settings from a stored value: every valid part kept, every invalid part replaced by the
 * pack's default and reported. Never throws, whatever was stored.
 */
export function parseSettings(stored: unknown, pack: RulePack, catalog: RegionCatalog): ParsedSettings {
  const { settings: read, problems } = readSettingsValue(stored, catalog);
  const settings = { ...defaultSettings(pack), ...read };
  if (read.partnerRegion && !partnerRegionEditable(pack)) {
    problems.push("settings.partnerRegion: the pack's partner calendar is not user-editable; ignored");
    const fallback = defaultSettings(pack).partnerRegion;
    if (fallback) settings.partnerRegion = fallback;
    else delete settings.partnerRegion;
  }
  return { settings, problems: problems.map((p) => (p.endsWith('ignored') ? p : `${p}; using the default`)) };
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
  const { settings: clean, problems } = readSettingsValue(settings, catalog);
  if (problems.length > 0) throw new Error(problems[0]!.replace(/^settings\./, ''));
  await storage.write(clean);
}

/**
 * Changes some settings and keeps the others as stored (an unreadable stored part is dropped):
 * each part of the options page saves only its own.
 */
export async function updateSettings(
  storage: SettingsStorage,
  change: Settings,
  catalog: RegionCatalog,
): Promise<Settings> {
  const { settings: stored } = readSettingsValue(await storage.read(), catalog);
  const next: Settings = { ...stored, ...change };
  for (const key of Object.keys(change) as (keyof Settings)[])
    if (change[key] === undefined) delete next[key];
  await saveSettings(storage, next, catalog);
  return next;
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
