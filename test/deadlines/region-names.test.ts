// The names of countries, states and holidays that the options page shows (src/deadlines/
// holiday-table.ts): in the page's language, else English, never in a script the partner did not
// ask for.
import { describe, expect, it } from 'vitest';
import { holidayCountries, holidayStates, regionHolidayNames } from '../../src/deadlines/holiday-table';

const nameOf = (list: { code: string; name: string }[], code: string) =>
  list.find((r) => r.code === code)?.name;

describe('names in the UI language', () => {
  it('names countries in Dutch on a Dutch page and in English on an English one', () => {
    const nl = holidayCountries('nl');
    expect(nameOf(nl, 'GR')).toBe('Griekenland');
    expect(nameOf(nl, 'BG')).toBe('Bulgarije');
    expect(nameOf(nl, 'LS')).toBe('Lesotho');
    expect(nameOf(nl, 'US')).toBe('Verenigde Staten');
    expect(nameOf(nl, 'NL')).toBe('Nederland');
    const en = holidayCountries('en');
    expect(nameOf(en, 'US')).toBe('United States');
    expect(nameOf(en, 'GR')).toBe('Greece');
  });

  it('has no country name in Greek or Cyrillic script, nor a stray backslash, in Dutch or English', () => {
    for (const lang of ['nl', 'en']) {
      const odd = holidayCountries(lang).filter((c) => /[\u0370-\u03ff\u0400-\u04ff\\]/.test(c.name));
      expect(odd, lang).toEqual([]);
    }
  });

  it('sorts the countries by their name in the language', () => {
    const names = holidayCountries('nl').map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
  });

  it("names a country's states in the language, or in English instead of another script", () => {
    expect(nameOf(holidayStates('US', 'nl'), 'WA')).toBe('Washington');
    expect(nameOf(holidayStates('RU', 'nl'), 'AD')).toBe('Republic of Adygea');
    // Dutch is one of Belgium's own languages: its Dutch names stay.
    expect(nameOf(holidayStates('BE', 'nl'), 'VLG')).toBe('Vlaamse Gemeenschap');
  });

  it('names holidays in Dutch where date-holidays has the name, else in English', () => {
    const greece = regionHolidayNames({ country: 'GR' }, ['public'], 2026, 'nl');
    expect(greece.get('2026-12-25')).toBe('Kerstmis');
    expect(greece.get('2026-02-23')).toBe('Ash Sunday');
    const washington = regionHolidayNames({ country: 'US', state: 'WA' }, ['public'], 2026, 'nl');
    expect(washington.get('2026-01-01')).toBe('Nieuwjaar');
    expect(washington.get('2026-11-26')).toBe('Thanksgiving Day');
    expect(regionHolidayNames({ country: 'NL' }, ['public'], 2026, 'en').get('2026-04-27')).toBe(
      "King's Day",
    );
  });
});
