import { describe, expect, it } from 'vitest';
import { calendarsWithSettings } from '../../src/settings/settings';
import { daysOffPreview, formatDayOff } from '../../src/ui/options/working-days-preview';
import { testPack } from '../fixtures/packs';

const pack = testPack();

describe('the working days preview', () => {
  const [microsoft, partner] = daysOffPreview(
    calendarsWithSettings(pack, { partnerRegion: { country: 'BE' } }),
    2026,
    'en',
    'en',
  );

  it("lists Thanksgiving and the pack's day after it for Microsoft in 2026", () => {
    expect(microsoft!.calendar.id).toBe('microsoft');
    const dates = microsoft!.days.map((d) => d.date);
    expect(dates).toContain('2026-11-26');
    expect(dates).toContain('2026-11-27');
    expect(microsoft!.days.find((d) => d.date === '2026-11-27')!.name).toMatch(/Day after Thanksgiving/);
  });

  it('lists Belgian National Day for a partner in Belgium, and only weekdays', () => {
    expect(partner!.calendar.id).toBe('partner');
    const dates = partner!.days.map((d) => d.date);
    expect(dates).toContain('2026-07-21');
    expect(dates).not.toContain('2026-11-01'); // All Saints' Day is a Sunday in 2026
    expect(dates).not.toContain('2026-04-27'); // the Dutch King's Day is not Belgian
    expect(dates.every((d) => d.startsWith('2026-'))).toBe(true);
  });

  it('writes a day with its weekday in the UI locale', () => {
    // ICU versions differ in the comma after the weekday.
    expect(formatDayOff('2026-11-26', 'en-GB')).toMatch(/^Thu,? 26 Nov 2026$/);
    expect(formatDayOff('2026-07-21', 'nl')).toMatch(/^di,? 21 jul\.? 2026$/);
  });
});
