/**
 * `npm run rules:check` in Node: reads every pack under rules/, reports every problem of every
 * file (invalid JSON with line and column, schema problems, cross-file problems, case files).
 * The schemas are compiled here from rules/schema, so an edited schema counts at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { holidayRegionCatalog } from '../../deadlines/holiday-table';
import { capProblemsPerFile } from '../bounds';
import type { RuleCase } from '../cases/types';
import { createAjv, readSchemas } from '../codegen/generate';
import { PACK_FILE_KINDS, type PackFileKind, packFileOf, schemaFileOf } from '../kinds';
import { loadPack, type RawPackFiles } from '../load';
import { parseRuleFile } from '../parse';
import { type Problem, problemsFromAjv } from '../problems';
import { caseLocaleProblems } from '../semantic';
import type { RulePack } from '../types';
import { placeProblems } from '../where';

export interface PackOnDisk {
  dir: string;
  files: RawPackFiles;
  cases: { file: string; cases: RuleCase[] }[];
  problems: Problem[];
  warnings: Problem[];
  pack?: RulePack;
}

/** The packs: every folder of rules/ with a pack.json. */
export function packDirs(root: string): string[] {
  const rules = join(root, 'rules');
  return readdirSync(rules, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(rules, d.name, 'pack.json')))
    .map((d) => join(rules, d.name));
}

/** A rule file's JSON, read as bytes so that invalid UTF-8 is a problem, not a silent '�'. */
function readJson(path: string, shownAs: string): { data?: unknown; text?: string; problem?: Problem } {
  const bytes = readFileSync(path);
  const parsed = parseRuleFile(shownAs, bytes);
  // Valid UTF-8 once parsed; the decoder drops a byte-order mark as parseRuleFile does, so offsets agree.
  return parsed.ok
    ? { data: parsed.data, text: new TextDecoder('utf-8').decode(bytes) }
    : { problem: parsed.problem };
}

/** Rule files that should have cases beside them (a rule without a case is a finding). */
const KINDS_WITH_CASES: PackFileKind[] = ['statuses', 'calendars', 'fields', 'reasons'];

export function checkPackDir(root: string, dir: string): PackOnDisk {
  const schemas = readSchemas(root);
  const ajv = createAjv(schemas, false);
  const shown = relative(root, dir);
  const files: RawPackFiles = {};
  const problems: Problem[] = [];
  const unreadable = new Set<PackFileKind>();
  const texts: Partial<Record<PackFileKind, string>> = {};
  for (const kind of PACK_FILE_KINDS) {
    const path = join(dir, packFileOf(kind));
    if (!existsSync(path)) continue;
    const { data, text, problem } = readJson(path, `${shown}/${packFileOf(kind)}`);
    if (problem) {
      problems.push(problem);
      unreadable.add(kind);
    } else {
      files[kind] = data;
      if (text !== undefined) texts[kind] = text;
    }
  }
  const result = loadPack(files, {
    dir: shown,
    validatorFor: (kind) => ajv.getSchema(schemaFileOf(kind))!,
    unreadable,
    regions: holidayRegionCatalog(),
    uiTexts: true,
    texts,
  });
  if (!result.ok) problems.push(...result.problems);
  const warnings = [...result.warnings];

  const cases: PackOnDisk['cases'] = [];
  const validateCases = ajv.getSchema(schemaFileOf('cases'))!;
  const caseFiles = readdirSync(dir)
    .filter((n) => n.endsWith('.cases.json'))
    .sort();
  for (const name of caseFiles) {
    const shownName = `${shown}/${name}`;
    const { data, text, problem } = readJson(join(dir, name), shownName);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const placed = new Map([[shownName, { data, ...(text !== undefined ? { text } : {}) }]]);
    if (!validateCases(data)) {
      problems.push(
        ...placeProblems(capProblemsPerFile(problemsFromAjv(shownName, validateCases.errors)), placed),
      );
      continue;
    }
    const fileCases = (data as { cases: RuleCase[] }).cases;
    const locales = (files.pack as { locales?: unknown } | undefined)?.locales;
    if (Array.isArray(locales) && locales.every((l) => typeof l === 'string'))
      problems.push(
        ...placeProblems(capProblemsPerFile(caseLocaleProblems(shown, name, fileCases, locales)), placed),
      );
    cases.push({ file: shownName, cases: fileCases });
  }
  for (const kind of KINDS_WITH_CASES) {
    if (!caseFiles.some((n) => n.startsWith(`${kind}.`))) {
      warnings.push({
        file: `${shown}/${packFileOf(kind)}`,
        pointer: '',
        message: `has no cases; add ${kind}.cases.json beside it with examples of what the rules should give`,
        level: 'warning',
      });
    }
  }
  return { dir: shown, files, cases, problems, warnings, ...(result.ok ? { pack: result.pack } : {}) };
}
