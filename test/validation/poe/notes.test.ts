// @vitest-environment node
// Every evidence note of the PoE checks is a text of messages.json, in English and Dutch
// (src/validation/poe/notes.ts): the code names keys, the rule data holds the sentences.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../../src/rules/default-pack';
import { poeNote } from '../../../src/validation/poe/notes';
import { testPack } from '../../fixtures/packs';

// The PoE checks, the file readers they share with the pack archive (src/files) and the pack
// archive itself (src/packs/archive.ts: a duplicate entry, a file not UTF-8) write notes.
const folders = ['../../../src/validation/poe/', '../../../src/files/', '../../../src/packs/'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);
// The notes are formatted with the test pack; what the product says is checked on the built-in
// pack's messages.json (its keys, languages and placeholders, and that no library text shows).
const pack = testPack();
const builtIn = defaultPack();
const messages = builtIn.messages.messages as Record<string, Record<string, string | Record<string, string>>>;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments, per file. */
const code = folders.flatMap(sourceFiles).map((file) => ({
  file,
  text: readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/ .*$/gm, ''),
}));

/** Every 'poe.note.…' key written in the code of those folders. */
const keysUsed = [
  ...new Set(
    code.flatMap(({ text }) => [...text.matchAll(/['"`](poe\.note\.[A-Za-z0-9.]+)['"`]/g)].map((m) => m[1]!)),
  ),
].sort();

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
/** The texts of a message in one language: the string, or each plural form. */
const forms = (value: string | Record<string, string>) =>
  typeof value === 'string' ? [value] : Object.values(value);

describe('the notes of the PoE checks', () => {
  it('are found in the code (the keys are written out in full)', () => {
    expect(keysUsed.length).toBeGreaterThan(30);
    for (const { file, text } of code) {
      // A key built at run time could not be checked here (the key type itself is the exception).
      const dynamic = text.replace(/`poe\.note\.\$\{string\}`/, '');
      expect(dynamic, file).not.toMatch(/['"`]poe\.note\.['"`]|`poe\.note\.[^`]*\$\{/);
    }
  });

  it('uses only keys that messages.json has in English and Dutch', () => {
    const missing = keysUsed.filter((key) => !messages[key]?.en || !messages[key]?.nl);
    expect(missing).toEqual([]);
  });

  it('has no poe.note text in messages.json that the code does not use', () => {
    const defined = Object.keys(messages).filter((key) => key.startsWith('poe.note.'));
    expect(defined.sort()).toEqual(keysUsed);
  });

  it('fills in the same values in Dutch as in English', () => {
    for (const key of keysUsed) {
      const [en, nl] = [messages[key]!.en!, messages[key]!.nl!];
      const enNames = [...new Set(forms(en).flatMap(placeholders))].sort();
      const nlNames = [...new Set(forms(nl).flatMap(placeholders))].sort();
      expect(nlNames, key).toEqual(enNames);
    }
  });

  it('picks the Dutch plural form by the count', () => {
    expect(poeNote(pack, 'poe.note.pagesWithoutText', { count: 1, pages: '3' })).toEqual({
      en: 'page 3 has no text layer (a scan or pictures?)',
      nl: 'pagina 3 heeft geen tekstlaag (een scan of afbeeldingen?)',
    });
    expect(poeNote(pack, 'poe.note.pagesWithoutText', { count: 2, pages: '3, 5' }).nl).toBe(
      "pagina's 3, 5 hebben geen tekstlaag (een scan of afbeeldingen?)",
    );
  });

  it('says sizes as "32 MB", not as a count of bytes, in both languages', () => {
    expect(poeNote(pack, 'poe.note.tooLarge', { size: 33_554_432, max: 52_428_800 })).toEqual({
      en: 'the file is 32 MB; cpor-guard reads files up to 50 MB, so check this one by hand',
      nl: 'het bestand is 32 MB; cpor-guard leest bestanden tot 50 MB, dus controleer dit bestand zelf',
    });
    expect(poeNote(pack, 'poe.note.zipTooLarge', { max: 1_572_864 }).nl).toContain('1,5 MB');
    expect(poeNote(pack, 'poe.note.zipTooLarge', { max: 1_572_864 }).en).toContain('1.5 MB');
  });

  it('says a time limit in seconds', () => {
    expect(poeNote(pack, 'poe.note.timeLimit', { ms: 20_000 })).toEqual({
      en: 'not read within the time limit of 20 seconds',
      nl: 'niet gelezen binnen de tijdslimiet van 20 seconden',
    });
  });

  it("never shows a reader library's error text to the partner", () => {
    for (const key of [
      'poe.note.readingFailed',
      'poe.note.pdfNotOpened',
      'poe.note.zipEntryDamagedBecause',
    ] as const) {
      const note = poeNote(builtIn, key, { error: 'Invalid PDF structure', entry: 'word/document.xml' });
      expect(note.en, key).not.toContain('Invalid PDF structure');
      expect(note.nl, key).not.toContain('Invalid PDF structure');
      expect(note.en, key).not.toContain('pdf.js');
    }
  });
});
