/**
 * Loading a rule pack. At run time the extension loads a pack only through the standalone
 * validators generated from rules/schema (MV3 forbids compiling them at run time), then through
 * the checks a schema cannot express (src/rules/semantic.ts).
 */
import type { ValidateFunction } from 'ajv';
import * as validators from '../generated/validators.js';
import { errorMessage } from '../platform/error-message';
import { ProblemList, valueBoundsProblem } from './bounds';
import { contractProblems } from './contract';
import { PACK_FILE_KINDS, type PackFileKind, packFileOf, validatorNameOf } from './kinds';
import { type Problem, problemsFromAjv } from './problems';
import { type HolidayRegions, semanticProblems } from './semantic';
import type { RulePack } from './types';
import { type PlacedFile, placeProblems } from './where';

/** The parsed JSON of each file of a pack, as read from disk, an import or an upload. */
export type RawPackFiles = Partial<Record<PackFileKind, unknown>>;

export type LoadResult =
  | { ok: true; pack: RulePack; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Validates one file; `validate` defaults to the generated standalone validator of its kind. */
export function validateFile(
  kind: PackFileKind | 'cases',
  data: unknown,
  fileName: string,
  validate: ValidateFunction = (validators as Record<string, ValidateFunction>)[validatorNameOf(kind)]!,
): Problem[] {
  if (validate(data)) return [];
  return problemsFromAjv(fileName, validate.errors);
}

export interface LoadOptions {
  /** How files are named in messages, e.g. 'rules/cpor' → 'rules/cpor/statuses.json'. */
  dir: string;
  /** Validators by kind; the generated standalone ones by default. */
  validatorFor?: (kind: PackFileKind) => ValidateFunction;
  /** Files that exist but could not be parsed (already reported); not reported again as missing. */
  unreadable?: ReadonlySet<PackFileKind>;
  /**
   * The holiday regions date-holidays knows (holidayRegionCatalog() of src/deadlines/holiday-table.ts),
   * where the caller may carry that library; without them a calendar's region is not judged.
   */
  regions?: HolidayRegions;
  /**
   * Require the interface texts (`ui.*` messages) of contract.ts too: rules:check does, for the
   * packs under rules/ that ship them; a loaded pack gets the built-in ones where it lacks them.
   */
  uiTexts?: boolean;
  /** The text of each file as read, so that problems say their line and column (rules:check has it). */
  texts?: Partial<Record<PackFileKind, string>>;
}

/** Most characters of one problem's message (a value quoted in it is already cut; this is the backstop). */
const MAX_MESSAGE_LENGTH = 600;
const MAX_POINTER_LENGTH = 200;

/**
 * Checks a pack's files and gives the pack or every problem (at most 50 per file, then how many
 * more). Never throws and never recurses into a file before its depth and size are known to be
 * within RULE_FILE_LIMITS: a file beyond them gives one problem and is not looked at further.
 */
export function loadPack(files: RawPackFiles, options: LoadOptions): LoadResult {
  try {
    return checkPack(files, options);
  } catch (error) {
    // A check that throws is a bug of cpor-guard, but the pack is from outside: the person in
    // front of it gets a sentence and the pack stays unused (the fuzzer fails on this message).
    return {
      ok: false,
      problems: [
        {
          file: options.dir,
          pointer: '',
          message: `${UNCHECKABLE} (${errorMessage(error).slice(0, 200)}); please report it, with the pack, to the cpor-guard team`,
          level: 'error',
        },
      ],
      warnings: [],
    };
  }
}

/** The start of the problem of a pack whose check threw. */
export const UNCHECKABLE = 'could not be checked: a check failed inside cpor-guard';

function checkPack(files: RawPackFiles, options: LoadOptions): LoadResult {
  const problems = new ProblemList();
  const checkable: RawPackFiles = {};
  for (const kind of PACK_FILE_KINDS) {
    const fileName = `${options.dir}/${packFileOf(kind)}`;
    const data = files[kind];
    if (data === undefined) {
      if (options.unreadable?.has(kind)) continue;
      problems.add({
        file: fileName,
        pointer: '',
        message: `the file is missing; every pack has ${PACK_FILE_KINDS.map(packFileOf).join(', ')}`,
        level: 'error',
      });
      continue;
    }
    const tooBig = valueBoundsProblem(fileName, data);
    if (tooBig) {
      problems.add(tooBig);
      continue;
    }
    checkable[kind] = data;
    problems.addAll(validateFile(kind, data, fileName, options.validatorFor?.(kind)));
  }
  // Cross-file checks run even after schema problems, so every problem is reported at once.
  semanticProblems(
    checkable as Partial<RulePack>,
    options.dir,
    options.regions ? { regions: options.regions } : {},
    problems,
  );
  // Every id the code reads by name (contract.ts): a pack without one would show raw keys or nothing.
  contractProblems(checkable as Partial<RulePack>, options.dir, problems, {
    uiTexts: options.uiTexts ?? false,
  });
  // Each problem's place in words and, with the file's text, by line and column (src/rules/where.ts).
  const placedFiles = new Map<string, PlacedFile>();
  for (const kind of PACK_FILE_KINDS) {
    if (checkable[kind] === undefined) continue;
    const text = options.texts?.[kind];
    placedFiles.set(`${options.dir}/${packFileOf(kind)}`, {
      data: checkable[kind],
      ...(text !== undefined ? { text } : {}),
    });
  }
  const warnings = placeProblems(problems.list('warning'), placedFiles).map(shortened);
  const errors = placeProblems(problems.list('error'), placedFiles).map(shortened);
  if (errors.length > 0) return { ok: false, problems: errors, warnings };
  return { ok: true, pack: files as unknown as RulePack, warnings };
}

/** A problem with its message and pointer cut to a readable length (values quoted in it are already cut). */
function shortened(p: Problem): Problem {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
  const pathTooLong = p.path !== undefined && p.path.length > MAX_POINTER_LENGTH;
  if (p.message.length <= MAX_MESSAGE_LENGTH && p.pointer.length <= MAX_POINTER_LENGTH && !pathTooLong)
    return p;
  return {
    ...p,
    pointer: cut(p.pointer, MAX_POINTER_LENGTH),
    message: cut(p.message, MAX_MESSAGE_LENGTH),
    ...(p.path !== undefined ? { path: cut(p.path, MAX_POINTER_LENGTH) } : {}),
  };
}
