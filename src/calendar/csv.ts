/**
 * CSV (RFC 4180): a header row, CRLF between records, a field in double quotes when it holds a
 * comma, a double quote, CR or LF (its quotes doubled). A spreadsheet runs a cell that starts with
 * = + - or @ as a formula (CSV injection, OWASP), and claim data comes from Partner Center, so such
 * a cell gets a leading apostrophe, which spreadsheets show as text; so do a leading tab or CR.
 */
import type { CalendarDeadline } from './deadlines';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field of a CSV record: neutralised against formulas, then quoted as RFC 4180 asks. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of rows of fields, each record ended by CRLF. */
export function csvOf(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export interface CsvColumn {
  header: string;
  value(deadline: CalendarDeadline): string;
}

/**
 * The deadlines as CSV: the header row, then one row per deadline. Starts with a UTF-8 byte-order
 * mark, without which Excel reads the file as the system's code page (and garbles 'é').
 */
export function deadlinesCsv(deadlines: readonly CalendarDeadline[], columns: readonly CsvColumn[]): string {
  const rows = [columns.map((c) => c.header), ...deadlines.map((d) => columns.map((c) => c.value(d)))];
  return `\uFEFF${csvOf(rows)}`;
}

/** An instant as a spreadsheet reads a date and time: 'YYYY-MM-DD HH:MM' in UTC. */
export function utcMinute(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}
