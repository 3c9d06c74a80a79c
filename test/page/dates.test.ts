import { describe, expect, it } from 'vitest';
import { findPageDateTime, parsePageDate, parsePageDateTime } from '../../src/page/dates';

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

const EN_TIME = ['M/D/YYYY, h:mm A'];
const NL_TIME = ['D-M-YYYY HH:mm'];

describe('moments as the History panel writes them', () => {
  it.each([
    ['11/23/2026, 2:14 PM', EN_TIME, '2026-11-23T14:14'],
    ['11/18/2026, 9:02 AM', EN_TIME, '2026-11-18T09:02'],
    ['23-11-2026 14:14', NL_TIME, '2026-11-23T14:14'],
    ['18-11-2026 09:02', NL_TIME, '2026-11-18T09:02'],
    ['1-1-2027 0:00', ['D-M-YYYY H:mm'], '2027-01-01T00:00'],
    ['12/31/2026, 11:59 PM', EN_TIME, '2026-12-31T23:59'],
    ['11/23/2026, 2:14\u202fPM', EN_TIME, '2026-11-23T14:14'],
    ['11/23/2026, 2:14 pm', EN_TIME, '2026-11-23T14:14'],
    ['11/23/2026, 2:14 p.m.', EN_TIME, '2026-11-23T14:14'],
    ['\u200e11/23/2026\u200e, 2:14 PM', EN_TIME, '2026-11-23T14:14'],
    ['2026-11-23 14:14:59', ['YYYY-MM-DD HH:mm:ss'], '2026-11-23T14:14'],
    ['23-11-2026 14:14', [...EN_TIME, ...NL_TIME], '2026-11-23T14:14'],
    ['2/29/2028, 1:00 AM', EN_TIME, '2028-02-29T01:00'],
  ])('reads %j with %j as %s', (text, formats, expected) => {
    expect(parsePageDateTime(text, formats)).toBe(expected);
  });

  it.each([
    ['12:05 AM', '00:05', 'five past midnight'],
    ['12:30 PM', '12:30', 'half past noon'],
    ['12:00 AM', '00:00', 'midnight'],
    ['12:00 PM', '12:00', 'noon'],
    ['1:00 AM', '01:00', 'one at night'],
    ['11:59 AM', '11:59', 'a minute before noon'],
    ['1:00 PM', '13:00', 'one in the afternoon'],
  ])('reads the 12-hour %s as %s (%s)', (time, expected) => {
    expect(parsePageDateTime(`11/23/2026, ${time}`, EN_TIME)).toBe(`2026-11-23T${expected}`);
  });

  it.each([
    ['', EN_TIME, 'nothing'],
    ['—', EN_TIME, 'a dash'],
    ['11/23/2026', EN_TIME, 'a date without a time'],
    ['11/23/2026, 2:14', EN_TIME, 'a 12-hour time without AM or PM'],
    ['11/23/2026, 14:14 PM', EN_TIME, 'hour 14 on a 12-hour clock'],
    ['11/23/2026, 0:14 AM', EN_TIME, 'hour 0 on a 12-hour clock'],
    ['11/23/2026, 2:60 PM', EN_TIME, 'minute 60'],
    ['11/23/2026, 2:5 PM', EN_TIME, 'a one-digit minute'],
    ['2/30/2026, 1:00 PM', EN_TIME, 'February 30th'],
    ['2/29/2027, 1:00 PM', EN_TIME, 'February 29th of a common year'],
    ['13/1/2026, 1:00 PM', EN_TIME, 'month 13'],
    ['23-11-2026 24:00', NL_TIME, 'hour 24'],
    ['23-11-2026 9:02', NL_TIME, 'one digit where HH wants two'],
    ['23-11-2026 14:14', EN_TIME, 'a Dutch moment on an English page'],
    ['11/23/2026, 2:14 PM', NL_TIME, 'an English moment on a Dutch page'],
    ['11/23/2026, 2:14 PM by Megan', EN_TIME, 'more text after it'],
    ['2026-11-23 14:14:60', ['YYYY-MM-DD HH:mm:ss'], 'second 60'],
    ['11/23/2026, 2:14 PM', ['M/D/YYYY'], 'a date format without a time'],
    ['11/23/2026, 2:14 PM', ['M/D/YYYY, H:mm A'], 'a format with a 0–23 hour and AM/PM'],
    ['11/23/2026, 2:14', ['M/D/YYYY, h:mm'], 'a format with a 1–12 hour and no AM/PM'],
    ['11/23/2026, 2:14 PM, 2', ['M/D/YYYY, h:mm A, h'], 'a format that names the hour twice'],
    ['11/23/2026, 2:14 PM', [], 'no formats'],
  ])('reads %j with %j as null: %s', (text, formats) => {
    expect(parsePageDateTime(text, formats)).toBeNull();
  });

  it('gives parsePageDate the day of a date-and-time format; a date format still reads no time', () => {
    expect(parsePageDate('11/23/2026, 2:14 PM', EN_TIME)).toBe('2026-11-23');
    expect(parsePageDate('11/23/2026, 2:14 PM', ['M/D/YYYY'])).toBeNull();
  });
});

describe('a moment inside a longer text', () => {
  it.each([
    ['Microsoft reviewer · 11/23/2026, 2:14 PM', EN_TIME, '2026-11-23T14:14'],
    ['Microsoft-revisor · 23-11-2026 14:14', NL_TIME, '2026-11-23T14:14'],
    ['Claim submitted by Megan Bowen on 11/16/2026, 4:41 PM.', EN_TIME, '2026-11-16T16:41'],
    ['Agent 7 · 2/30/2026, 1:00 PM · 11/16/2026, 4:41 PM', EN_TIME, '2026-11-16T16:41'],
    ['11/23/2026, 2:14 PM', EN_TIME, '2026-11-23T14:14'],
  ])('finds the moment in %j with %j: %s', (text, formats, expected) => {
    expect(findPageDateTime(text, formats)).toBe(expected);
  });

  it.each([
    ['Megan Bowen · 111/16/2026, 4:41 PM', EN_TIME, 'a date glued to a digit'],
    ['Megan Bowen · 11/16/2026, 4:41 PMX', EN_TIME, 'a time glued to a letter'],
    ['Megan Bowen · 11/16/2026', EN_TIME, 'a date without a time'],
    ['Megan Bowen · 2/30/2026, 4:41 PM', EN_TIME, 'no real moment'],
    ['Megan Bowen', EN_TIME, 'no moment at all'],
  ])('finds none in %j with %j: %s', (text, formats) => {
    expect(findPageDateTime(text, formats)).toBeNull();
  });
});
