import { describe, expect, it } from 'vitest';
import { parsePageDate } from '../../src/page/dates';

const EN = ['M/D/YYYY'];
const NL = ['D-M-YYYY'];

describe('dates as the dashboard writes them', () => {
  it.each([
    ['11/26/2026', EN, '2026-11-26'],
    ['11/9/2026', EN, '2026-11-09'],
    ['1/2/2026', EN, '2026-01-02'],
    ['26-11-2026', NL, '2026-11-26'],
    ['9-11-2026', NL, '2026-11-09'],
    ['02-01-2026', NL, '2026-01-02'],
    ['2/29/2028', EN, '2028-02-29'],
    ['29-2-2000', NL, '2000-02-29'],
    [' 11/26/2026\u00a0', EN, '2026-11-26'],
    ['\u200e11\u200e/\u200e26\u200e/\u200e2026', EN, '2026-11-26'],
    ['2026-11-26', ['YYYY-MM-DD'], '2026-11-26'],
    ['26.11.2026', ['DD.MM.YYYY'], '2026-11-26'],
    ['26/11/2026', ['M/D/YYYY', 'D/M/YYYY'], '2026-11-26'],
  ])('reads %j with %j as %s', (text, formats, expected) => {
    expect(parsePageDate(text, formats)).toBe(expected);
  });

  it.each([
    ['—', EN, 'a dash for no date'],
    ['', EN, 'an empty cell'],
    ['   ', EN, 'only spaces'],
    ['2/31/2026', EN, 'February 31st'],
    ['2/29/2027', EN, 'February 29th of a common year'],
    ['29-2-1900', NL, 'February 29th of 1900 (no leap year)'],
    ['31-4-2026', NL, 'April 31st'],
    ['13/1/2026', EN, 'month 13'],
    ['0/10/2026', EN, 'month 0'],
    ['10/0/2026', EN, 'day 0'],
    ['26-11-2026', EN, 'a Dutch date on an English page'],
    ['11/26/2026', NL, 'an English date on a Dutch page'],
    ['11/26/26', EN, 'a two-digit year'],
    ['11/26/2026, 2:14 PM', EN, 'a date with a time after it'],
    ['Nov 26, 2026', EN, 'a written month'],
    ['1/2/2026', ['MM/DD/YYYY'], 'one digit where the format wants two'],
    ['11/26/2026', [], 'no formats'],
    ['11/26/2026', ['D/D/YYYY'], 'a format that names the day twice and no month'],
    ['11/26/2026', ['M/D'], 'a format without a year'],
  ])('reads %j with %j as null: %s', (text, formats) => {
    expect(parsePageDate(text, formats)).toBeNull();
  });

  it('treats the format text other than the fields literally, not as a pattern', () => {
    expect(parsePageDate('11x26x2026', ['M.D.YYYY'])).toBeNull();
    expect(parsePageDate('11.26.2026', ['M.D.YYYY'])).toBe('2026-11-26');
  });
});
