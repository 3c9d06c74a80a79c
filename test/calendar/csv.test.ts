// @vitest-environment node
// The deadlines as CSV: RFC 4180 quoting and spreadsheet formula injection, checked on texts
// written out by hand.
import { describe, expect, it } from 'vitest';
import { csvField, csvOf, deadlinesCsv } from '../../src/calendar/csv';
import type { CalendarDeadline } from '../../src/calendar/deadlines';
import { csvColumns } from '../../src/calendar/texts';
import { testPack } from '../fixtures/packs';

const deadline: CalendarDeadline = {
  claimId: '=HYPERLINK("http://evil.example","click")',
  clockId: 'respond-to-reviewer',
  label: 'Respond to the reviewer',
  status: 'Partner action required',
  actor: 'partner',
  level: 'warning',
  due: Date.parse('2026-12-01T18:00:00Z'),
  estimated: false,
  alarm: { at: Date.parse('2026-11-25T18:00:00Z'), level: 'warning', remaining: 2 },
  source: {
    doc: 'M',
    title: 'Manage incentives customer associations',
    url: 'https://learn.microsoft.com/partner-center/incentives-manage-customer-associations',
    quote: 'you have five business days to respond',
  },
};

describe('CSV of the deadlines', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+2', "'=1+2"],
    ['+31 20 123', "'+31 20 123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('ends every record with CRLF', () => {
    expect(
      csvOf([
        ['a', 'b'],
        ['c', 'd,e'],
      ]),
    ).toBe('a,b\r\nc,"d,e"\r\n');
  });

  it('has a header row and one row per deadline, in the partner’s language', () => {
    const text = deadlinesCsv(
      [deadline, { ...deadline, claimId: '30448305', alarm: null, estimated: true }],
      csvColumns(testPack(), 'nl'),
    );
    expect(text).toBe(
      '\uFEFFClaim,Termijn,Status,Wie moet iets doen,Uiterlijk (UTC),Herinnering (UTC),Geschat,Bron\r\n' +
        `"'=HYPERLINK(""http://evil.example"",""click"")",Respond to the reviewer,Partner action required,U,2026-12-01 18:00,2026-11-25 18:00,nee,https://learn.microsoft.com/partner-center/incentives-manage-customer-associations\r\n` +
        '30448305,Respond to the reviewer,Partner action required,U,2026-12-01 18:00,,ja,https://learn.microsoft.com/partner-center/incentives-manage-customer-associations\r\n',
    );
  });
});
