import { afterEach, describe, expect, it, vi } from 'vitest';
import { holidayRegionCatalog } from '../../src/deadlines/holiday-table';
import type { RulePack } from '../../src/rules/types';
import {
  adjustableWarnings,
  calendarsWithSettings,
  defaultSettings,
  loadSettings,
  parseSettings,
  type Settings,
  type SettingsStorage,
  saveSettings,
  updateSettings,
  withWarningLevels,
} from '../../src/settings/settings';
import { testPack, testPackWithAdjustableWarnings } from '../fixtures/packs';

const pack = testPack();
const catalog = holidayRegionCatalog();

/** In-memory storage as browser.storage.local would hold it (a structured clone of the value). */
function fakeStorage(initial?: unknown): SettingsStorage & { stored: unknown; writes: number } {
  return {
    stored: initial,
    writes: 0,
    async read() {
      return this.stored === undefined ? undefined : structuredClone(this.stored);
    },
    async write(settings: Settings) {
      this.writes++;
      this.stored = structuredClone(settings);
    },
  };
}

function packWithPartnerEditable(editable: boolean): RulePack {
  const calendars = pack.calendars.calendars.map((c) =>
    c.id === 'partner' ? { ...c, userEditable: editable } : c,
  );
  return {
    ...pack,
    calendars: { ...pack.calendars, calendars: calendars as RulePack['calendars']['calendars'] },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings defaults', () => {
  it("take the partner calendar's region of the pack (the Netherlands)", () => {
    expect(defaultSettings(pack)).toEqual({ partnerRegion: { country: 'NL' } });
  });

  it('are used when nothing is stored, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await loadSettings(fakeStorage(), pack, catalog)).toEqual({ partnerRegion: { country: 'NL' } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('do not change the pack when a returned value is edited', () => {
    const settings = defaultSettings(pack);
    settings.partnerRegion!.country = 'BE';
    expect(pack.calendars.calendars.find((c) => c.id === 'partner')!.region.country).toBe('NL');
  });
});

describe('validating a region against date-holidays', () => {
  it.each([
    [{ partnerRegion: { country: 'BE' } }, { country: 'BE' }],
    [{ partnerRegion: { country: 'DE', state: 'BY' } }, { country: 'DE', state: 'BY' }],
    [{ partnerRegion: { country: 'US', state: 'WA' } }, { country: 'US', state: 'WA' }],
  ])('keeps a known region %j', (stored, region) => {
    expect(parseSettings(stored, pack, catalog)).toEqual({
      settings: { partnerRegion: region },
      problems: [],
    });
  });

  it.each([
    ['an unknown country', { partnerRegion: { country: 'XX' } }, /country "XX" is not a country/],
    ['a lower-case country', { partnerRegion: { country: 'be' } }, /country "be"/],
    ['a country that is not a string', { partnerRegion: { country: 42 } }, /country 42/],
    ['a missing country', { partnerRegion: {} }, /country undefined/],
    [
      'a state of another country',
      { partnerRegion: { country: 'NL', state: 'BY' } },
      /state "BY" is not a state of NL/,
    ],
    ['a state for a country without states', { partnerRegion: { country: 'BE', state: 'XX' } }, /state "XX"/],
    ['a state that is not a string', { partnerRegion: { country: 'DE', state: null } }, /state null/],
    ['an unknown key in the region', { partnerRegion: { country: 'BE', city: 'Gent' } }, /unknown keys city/],
    ['a region that is a string', { partnerRegion: 'BE' }, /is not an object/],
    ['a region that is an array', { partnerRegion: ['BE'] }, /is not an object/],
  ])("replaces %s by the pack's default", (_what, stored, problem) => {
    const { settings, problems } = parseSettings(stored, pack, catalog);
    expect(settings).toEqual({ partnerRegion: { country: 'NL' } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('ignores an unknown setting but keeps the valid ones', () => {
    const { settings, problems } = parseSettings(
      { partnerRegion: { country: 'BE' }, theme: 'dark' },
      pack,
      catalog,
    );
    expect(settings).toEqual({ partnerRegion: { country: 'BE' } });
    expect(problems).toEqual(['settings.theme: unknown setting, ignored']);
  });

  it('ignores a chosen region when the pack does not let the partner change it', () => {
    const { settings, problems } = parseSettings(
      { partnerRegion: { country: 'BE' } },
      packWithPartnerEditable(false),
      catalog,
    );
    expect(settings).toEqual({ partnerRegion: { country: 'NL' } });
    expect(problems[0]).toMatch(/not user-editable/);
  });
});

describe('loading corrupt stored settings', () => {
  it.each([
    ['a string', 'garbage'],
    ['a number', 7],
    ['an array', [1, 2]],
    ['a boolean', true],
    ['an unknown country', { partnerRegion: { country: 'ZZ' } }],
  ])('falls back to the default with a console warning for %s', async (_what, stored) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await loadSettings(fakeStorage(stored), pack, catalog)).toEqual({
      partnerRegion: { country: 'NL' },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[cpor-guard\] settings/);
  });

  it('falls back to the default with a warning when the storage itself fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: SettingsStorage = {
      read: () => Promise.reject(new Error('storage unavailable')),
      write: () => Promise.resolve(),
    };
    expect(await loadSettings(broken, pack, catalog)).toEqual({ partnerRegion: { country: 'NL' } });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('saving settings', () => {
  it('stores a valid region, which loads back', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, { partnerRegion: { country: 'DE', state: 'BY' } }, catalog);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'DE', state: 'BY' } });
    expect(await loadSettings(storage, pack, catalog)).toEqual({
      partnerRegion: { country: 'DE', state: 'BY' },
    });
  });

  it('stores nothing and throws for an unknown region', async () => {
    const storage = fakeStorage({ partnerRegion: { country: 'BE' } });
    await expect(saveSettings(storage, { partnerRegion: { country: 'XX' } }, catalog)).rejects.toThrow(
      /partnerRegion: country "XX"/,
    );
    expect(storage.writes).toBe(0);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'BE' } });
  });

  it('stores only known keys', async () => {
    const storage = fakeStorage();
    const extra = { partnerRegion: { country: 'BE', extra: 1 } } as unknown as Settings;
    await expect(saveSettings(storage, extra, catalog)).rejects.toThrow(/unknown keys extra/);
    await saveSettings(storage, { partnerRegion: { country: 'BE', state: undefined } }, catalog);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'BE' } });
  });
});

describe('the language and reminders settings', () => {
  it('keeps a chosen language and reminders off, and loads them back', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, { language: 'nl', reminders: false }, catalog);
    expect(await loadSettings(storage, pack, catalog)).toEqual({
      partnerRegion: { country: 'NL' },
      language: 'nl',
      reminders: false,
    });
  });

  it.each([
    [
      'a language that is no tag',
      { language: 'Dutch!' },
      /settings\.language: "Dutch!" is not a language tag/,
    ],
    ['a language that is a number', { language: 7 }, /settings\.language: 7 is not a language tag/],
    ['reminders that are a text', { reminders: 'no' }, /settings\.reminders: "no" is not true or false/],
  ])('replaces %s by the default, with a problem', (_what, stored, problem) => {
    const { settings, problems } = parseSettings(stored, pack, catalog);
    expect(settings).toEqual({ partnerRegion: { country: 'NL' } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('changes one setting and keeps the others (each part of the options page saves only its own)', async () => {
    const storage = fakeStorage({ partnerRegion: { country: 'BE' }, reminders: false });
    await updateSettings(storage, { language: 'en' }, catalog);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'BE' }, reminders: false, language: 'en' });
    await updateSettings(storage, { partnerRegion: { country: 'DE' } }, catalog);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'DE' }, reminders: false, language: 'en' });
    // Back to the browser's language: the key goes.
    await updateSettings(storage, { language: undefined }, catalog);
    expect(storage.stored).toEqual({ partnerRegion: { country: 'DE' }, reminders: false });
  });

  it('drops a damaged stored part when another is saved, and refuses a bad change', async () => {
    const storage = fakeStorage({ partnerRegion: { country: 'XX' }, language: 'nl' });
    await updateSettings(storage, { reminders: true }, catalog);
    expect(storage.stored).toEqual({ language: 'nl', reminders: true });
    await expect(updateSettings(storage, { language: '??' }, catalog)).rejects.toThrow(/language/);
    expect(storage.stored).toEqual({ language: 'nl', reminders: true });
  });
});

describe('warning levels the partner chose', () => {
  // The test pack with the built-in pack's shape of adjustable warnings (test/fixtures/packs).
  const pack = testPackWithAdjustableWarnings();
  const urgencyOf = (p: RulePack, statusId: string, clockId: string, from?: string) =>
    p.statuses.statuses
      .find((s) => s.id === statusId)!
      .clocks.find((c) => c.id === clockId && c.from === from)!.urgency;

  it('are offered for the clocks the pack allows, with their range and default', () => {
    expect(
      adjustableWarnings(pack).map(({ clockId, min, max, default: d, unit }) => [clockId, min, max, d, unit]),
    ).toEqual([
      ['respond-to-reviewer', 1, 10, 3, 'business-days'],
      ['dispute-window', 1, 20, 5, 'calendar-days'],
    ]);
  });

  it('move the warning (and a notice that would come after it), in every version the pack allows', () => {
    const moved = withWarningLevels(pack, {
      warningLevels: { 'respond-to-reviewer': 7, 'dispute-window': 2 },
    });
    expect(urgencyOf(moved, 'partner-action-required', 'respond-to-reviewer', '2023-10-10')).toEqual([
      { level: 'notice', remaining: 7 },
      { level: 'warning', remaining: 7 },
      { level: 'critical', remaining: 1 },
    ]);
    expect(urgencyOf(moved, 'rejected', 'dispute-window')).toEqual([
      { level: 'notice', remaining: 10 },
      { level: 'warning', remaining: 2 },
      { level: 'critical', remaining: 2 },
    ]);
    // The 2020 version has no warningAdjustable: left as it was. The pack itself is not changed.
    expect(urgencyOf(moved, 'partner-action-required', 'respond-to-reviewer')).toEqual(
      urgencyOf(pack, 'partner-action-required', 'respond-to-reviewer'),
    );
    expect(urgencyOf(pack, 'partner-action-required', 'respond-to-reviewer', '2023-10-10')![1]).toEqual({
      level: 'warning',
      remaining: 3,
    });
  });

  it('are ignored outside the range or for a clock the pack does not allow, giving the same pack', () => {
    expect(withWarningLevels(pack, { warningLevels: { 'respond-to-reviewer': 11, review: 4 } })).toBe(pack);
    expect(withWarningLevels(pack, {})).toBe(pack);
  });

  it('are read from storage as clock ids and numbers of days only', () => {
    const { settings, problems } = parseSettings(
      { warningLevels: { 'respond-to-reviewer': 6, 'dispute-window': 'soon' } },
      pack,
      catalog,
    );
    expect(settings.warningLevels).toEqual({ 'respond-to-reviewer': 6 });
    expect(problems).toEqual([
      'settings.warningLevels.dispute-window: "soon" is not a number of days; using the default',
    ]);
  });
});

describe('the calendars with the settings applied', () => {
  it("replace only the partner calendar's region", () => {
    const calendars = calendarsWithSettings(pack, { partnerRegion: { country: 'BE' } });
    expect(calendars.find((c) => c.id === 'partner')!.region).toEqual({ country: 'BE' });
    expect(calendars.find((c) => c.id === 'microsoft')!.region).toEqual({ country: 'US', state: 'WA' });
    expect(pack.calendars.calendars.find((c) => c.id === 'partner')!.region).toEqual({ country: 'NL' });
  });

  it('keep the pack region when the partner calendar is not user-editable', () => {
    const calendars = calendarsWithSettings(packWithPartnerEditable(false), {
      partnerRegion: { country: 'BE' },
    });
    expect(calendars.find((c) => c.id === 'partner')!.region).toEqual({ country: 'NL' });
  });
});
