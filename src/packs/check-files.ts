/**
 * A policy owner's rule files, chosen in the options page: read, checked with the same validators
 * and cross-file checks as the built-in pack, and tested with the *.cases.json files chosen with
 * them. Nothing is stored or activated here (repository.ts does that).
 */

import { holidayRegionCatalog } from '../deadlines/holiday-table';
import { runCases } from '../rules/cases/run';
import type { RuleCase } from '../rules/cases/types';
import { PACK_FILE_KINDS, type PackFileKind, packFileOf } from '../rules/kinds';
import { loadPack, type RawPackFiles, validateFile } from '../rules/load';
import { type Problem, problemFromJsonSyntax } from '../rules/problems';
import type { RulePack } from '../rules/types';
import type { ArchiveFile } from './archive';

/** A chosen file's name and text (the shape src/packs/archive.ts reads zips into). */
export type NamedText = ArchiveFile;

export interface FileCheck {
  /** Files that are not part of a pack (by name). */
  unknown: string[];
  problems: Problem[];
  /** How many pack and case files were read. */
  checked: number;
  /** The parsed pack files, as they would be stored. */
  raw: RawPackFiles;
  /** The valid case files, by name. */
  cases: { file: string; cases: RuleCase[] }[];
  /** The pack, when every file is valid. */
  pack: RulePack | null;
}

const kindByFileName = new Map<string, PackFileKind>(PACK_FILE_KINDS.map((k) => [packFileOf(k), k]));

export function checkRuleFiles(files: readonly NamedText[], dir = 'import'): FileCheck {
  const raw: RawPackFiles = {};
  const problems: Problem[] = [];
  const unknown: string[] = [];
  const cases: FileCheck['cases'] = [];
  const unreadable = new Set<PackFileKind>();
  // The files' texts, so that each problem gets the line and column of its value.
  const texts: Partial<Record<PackFileKind, string>> = {};
  for (const { name, text } of files) {
    const kind = kindByFileName.get(name);
    const isCases = name.endsWith('.cases.json');
    if (!kind && !isCases) {
      unknown.push(name);
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      problems.push(problemFromJsonSyntax(`${dir}/${name}`, text, error));
      if (kind) unreadable.add(kind);
      continue;
    }
    if (kind) {
      raw[kind] = data;
      texts[kind] = text;
    } else {
      const caseProblems = validateFile('cases', data, `${dir}/${name}`);
      if (caseProblems.length > 0) problems.push(...caseProblems);
      else cases.push({ file: name, cases: (data as { cases: RuleCase[] }).cases });
    }
  }
  // The options page carries date-holidays already (its working-days preview), so regions are judged here.
  const result = loadPack(raw, { dir, unreadable, texts, regions: holidayRegionCatalog() });
  if (!result.ok) problems.push(...result.problems);
  return {
    unknown,
    problems: [...problems, ...result.warnings],
    checked: files.length - unknown.length,
    raw,
    cases,
    pack: result.ok && problems.length === 0 ? result.pack : null,
  };
}

/** Runs every case chosen with the pack against it: the policy owner's own tests. */
export function testRuleFiles(check: FileCheck) {
  if (!check.pack) return [];
  const pack = check.pack;
  return check.cases.flatMap(({ file, cases }) => runCases(file, cases, pack));
}
