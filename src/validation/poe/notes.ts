/**
 * The evidence notes of the PoE checks: texts of the pack's messages.json under 'poe.note.*', in
 * every language of the pack. Code picks the key and fills in what it saw (a date, a file
 * name, the first bytes, a count); it never writes the sentence. test/validation/poe/notes.test.ts
 * checks that every key used here exists in English and Dutch.
 */
import { formatMessageAll, type MessageParams } from '../../i18n/format';
import type { LocalizedText, RulePack } from '../../rules/types';

/** A key of messages.json under 'poe.note.'; written out in full where it is used, so it can be found. */
export type PoeNoteKey = `poe.note.${string}`;

/** A note not yet put into words: made where the pack is not at hand (in an extractor). */
export interface NoteRef {
  noteKey: PoeNoteKey;
  /** The values filled in, as they are: technical details that are not translated. */
  noteParams?: MessageParams;
}

/** The note in every language of the pack; `params` per language when a value is itself a text (a label). */
export function poeNote(
  pack: RulePack,
  key: PoeNoteKey,
  params: MessageParams | ((locale: string) => MessageParams) = {},
): LocalizedText {
  return formatMessageAll(pack, key, typeof params === 'function' ? params : () => params);
}
