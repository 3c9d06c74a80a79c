import { compileHolidayTable } from '../../src/deadlines/business-days';
import { buildHolidayTable } from '../../src/deadlines/holiday-table';
import { testPack } from '../fixtures/packs';

/** The code's tests run on their own pack (test/fixtures/packs), not on the built-in one. */
export const pack = testPack();
/** One table for all deadline tests: 2019–2031, both calendars of the CPOR pack. */
export const table = buildHolidayTable(pack.calendars.calendars, { fromYear: 2019, toYear: 2031 });
export const compiled = compileHolidayTable(table);
export const microsoft = compiled.calendar('microsoft');
export const partner = compiled.calendar('partner');
export const calendarRule = (id: string) => pack.calendars.calendars.find((c) => c.id === id)!;
