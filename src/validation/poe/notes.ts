/**
 * The evidence notes of the PoE checks: texts of the pack's messages.json under 'poe.note.*', in
 * every language of the pack. Code picks the key and fills in what it saw (a date, a file
 * name, a size, a count); it never writes the sentence. test/validation/poe/notes.test.ts
 * checks that every key used here exists in English and Dutch.
 *
 * Readers report sizes in bytes and times in milliseconds, as they measure them; a partner reads
 * "32 MB" and "20 seconds" (issue 12: no raw byte counts), so those values are put in words here,
 * per language, before they are filled in.
 */

import type { PoeNoteKey } from '../../files/problems';
import { cachedNumberFormat, formatMessageAll, type MessageParams } from '../../i18n/format';
import type { LocalizedText, RulePack } from '../../rules/types';

export type { NoteRef, PoeNoteKey } from '../../files/problems';

/** Per note, the values that are a number of bytes (src/validation/poe/index.ts, src/files/zip.ts). */
const BYTE_PARAMS: Partial<Record<PoeNoteKey, readonly string[]>> = {
  'poe.note.tooLarge': ['size', 'max'],
  'poe.note.zipDeclaredTooLarge': ['size', 'max'],
  'poe.note.zipTooLarge': ['max'],
};
/** Per note, the values that are milliseconds, said in seconds. */
const MS_PARAMS: Partial<Record<PoeNoteKey, readonly string[]>> = {
  'poe.note.timeLimit': ['ms'],
};

/** A size as people say it: "32 MB", "1,5 MB" in Dutch, "800 KB" (binary units, as Windows shows them). */
export function readableSize(bytes: number, locale: string): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = cachedNumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}

/** The values of a note as the partner reads them: sizes in KB/MB, milliseconds in seconds. */
export function readableNoteParams(key: string, params: MessageParams, locale: string): MessageParams {
  const bytes = BYTE_PARAMS[key as PoeNoteKey] ?? [];
  const ms = MS_PARAMS[key as PoeNoteKey] ?? [];
  if (bytes.length === 0 && ms.length === 0) return params;
  const out: Record<string, string | number> = { ...params };
  for (const name of bytes) {
    const v = params[name];
    if (typeof v === 'number') out[name] = readableSize(v, locale);
  }
  for (const name of ms) {
    const v = params[name];
    if (typeof v === 'number') {
      out.seconds = cachedNumberFormat(locale, { maximumFractionDigits: v < 1000 ? 3 : 1 }).format(v / 1000);
      out.count = v / 1000;
    }
  }
  return out;
}

/** The note in every language of the pack; `params` per language when a value is itself a text (a label). */
export function poeNote(
  pack: RulePack,
  key: PoeNoteKey,
  params: MessageParams | ((locale: string) => MessageParams) = {},
): LocalizedText {
  return formatMessageAll(pack, key, (locale) =>
    readableNoteParams(key, typeof params === 'function' ? params(locale) : params, locale),
  );
}
