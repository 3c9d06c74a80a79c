// @vitest-environment node
// A rule pack as one zip: written for a download, read back from an import, and bounded like any
// input from outside.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileProblemError } from '../../src/files/problems';
import {
  ARCHIVE_LIMITS,
  archiveName,
  decodeArchiveText,
  packArchive,
  readArchive,
} from '../../src/packs/archive';
import { checkRuleFiles, testRuleFiles } from '../../src/packs/check-files';
import { defaultCaseFiles } from '../../src/rules/default-cases';
import { DEFAULT_PACK_DIR, defaultPackFiles } from '../../src/rules/default-pack';
import { testPackFiles } from '../fixtures/packs';

const root = join(import.meta.dirname, '..', '..');

describe('a rule pack as a zip', () => {
  it('names the zip after the pack and its version, in characters every system takes', () => {
    expect(archiveName('cpor', '2026.11.0')).toBe('cpor-2026.11.0.zip');
    expect(archiveName('our pack/β', '1:2')).toBe('our_pack_-1_2.zip');
  });

  // The built-in pack's own download (its files, its cases passing): a test of rules/cpor.
  it('carries the built-in pack and its cases through a download and an import unchanged, and the cases pass', () => {
    const zip = packArchive('cpor', '2026.11.0', defaultPackFiles, defaultCaseFiles);
    const files = readArchive(zip);
    // Exactly the files of rules/cpor: the pack's and its cases.
    expect(files.map((f) => f.name).sort()).toEqual(readdirSync(join(root, DEFAULT_PACK_DIR)).sort());
    const check = checkRuleFiles(files);
    expect(check.problems).toEqual([]);
    expect(check.raw).toEqual(defaultPackFiles);
    const results = testRuleFiles(check);
    expect(results.length).toBeGreaterThan(100);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  });

  // The built-in pack's own download: every case file beside rules/cpor.
  it('has every *.cases.json of the built-in pack in its download', () => {
    expect(Object.keys(defaultCaseFiles).sort()).toEqual(
      readdirSync(join(root, DEFAULT_PACK_DIR))
        .filter((n) => n.endsWith('.cases.json'))
        .sort(),
    );
  });

  it('writes the same zip for the same files', () => {
    const a = packArchive('cpor', '1', testPackFiles());
    const b = packArchive('cpor', '1', testPackFiles());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('reads the .json files of a zip made by hand: folders dropped, other files and __MACOSX passed over', () => {
    const zip = zipSync({
      'my pack/statuses.json': strToU8('{"a":1}'),
      'my pack/README.txt': strToU8('notes'),
      '__MACOSX/my pack/._statuses.json': strToU8('junk'),
      'pack.json': [strToU8('{"b":2}'), { level: 0 }],
    });
    expect(readArchive(zip)).toEqual([
      { name: 'statuses.json', text: '{"a":1}' },
      { name: 'pack.json', text: '{"b":2}' },
    ]);
  });

  it('refuses what is no zip, and a zip that expands too far, with a message key to show', () => {
    const noZip = () => readArchive(strToU8('not a zip at all'));
    expect(noZip).toThrow(FileProblemError);
    try {
      noZip();
    } catch (error) {
      expect((error as FileProblemError).noteKey).toBe('poe.note.zipNoDirectory');
    }
    const bomb = zipSync({ 'statuses.json': new Uint8Array(ARCHIVE_LIMITS.maxUncompressedBytes + 1) });
    expect(() => readArchive(bomb)).toThrow(/zipDeclaredTooLarge|zipTooLarge/);
  });
  /** What readArchive (or decodeArchiveText) throws: its note key and values. */
  function refusal(read: () => unknown) {
    try {
      read();
    } catch (error) {
      if (error instanceof FileProblemError) return { key: error.noteKey, params: error.noteParams };
      throw error;
    }
    return undefined;
  }

  it('refuses two entries with the same file name, naming both, instead of letting the last one win', () => {
    const zip = zipSync({
      'cpor/statuses.json': strToU8('{"a":1}'),
      'copy/statuses.json': strToU8('{"a":2}'),
    });
    expect(refusal(() => readArchive(zip))).toEqual({
      key: 'poe.note.zipDuplicateEntry',
      params: { entry: 'copy/statuses.json', other: 'cpor/statuses.json', name: 'statuses.json' },
    });
  });

  it('refuses an entry that is not UTF-8 instead of reading it with �, naming the offset', () => {
    const zip = zipSync({ 'pack.json': new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    expect(refusal(() => readArchive(zip))).toEqual({
      key: 'poe.note.fileNotUtf8',
      params: { entry: 'pack.json', offset: 2 },
    });
    // A file chosen by itself goes the same way; UTF-8 with a byte-order mark reads as its text.
    expect(refusal(() => decodeArchiveText('pack.json', new Uint8Array([0xff])))?.params).toEqual({
      entry: 'pack.json',
      offset: 0,
    });
    expect(decodeArchiveText('pack.json', new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({
      name: 'pack.json',
      text: '{}',
    });
  });
  it('refuses an imported pack whose calendar names a region date-holidays does not know, as the options page checks it', () => {
    const files = testPackFiles() as { calendars: { calendars: { region: unknown }[] } };
    files.calendars.calendars[0]!.region = { country: 'ZZ' };
    const check = checkRuleFiles(readArchive(packArchive('cpor', '1', files as never)));
    expect(check.pack).toBeNull();
    expect(check.problems.map((p) => `${p.file} ${p.pointer}`)).toEqual([
      'import/calendars.json /calendars/0/region/country',
    ]);
  });
});
