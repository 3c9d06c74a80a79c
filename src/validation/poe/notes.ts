/**
 * The evidence notes of the PoE checks: texts of the pack's messages.json under 'poe.note.*', in
 * every language of the pack. Code picks the key and fills in what it saw (a date, a file
 * name, the first bytes, a count); it never writes the sentence. test/validation/poe/notes.test.ts
 * checks that every key used here exists in English and Dutch.
 */

import type { PoeNoteKey } from '../../files/problems';
import { formatMessageAll, type MessageParams } from '../../i18n/format';
import type { LocalizedText, RulePack } from '../../rules/types';

export type { NoteRef, PoeNoteKey } from '../../files/problems';

/** The note in every language of the pack; `params` per language when a value is itself a text (a label). */
export function poeNote(
  pack: RulePack,
  key: PoeNoteKey,
  params: MessageParams | ((locale: string) => MessageParams) = {},
): LocalizedText {
  return formatMessageAll(pack, key, typeof params === 'function' ? params : () => params);
}
