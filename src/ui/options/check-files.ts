/**
 * A policy owner's rule files, chosen in the options page, checked with the same validators and
 * cross-file checks as the built-in pack. Nothing is activated here.
 */
import { PACK_FILE_KINDS, type PackFileKind, packFileOf } from '../../rules/kinds';
import { loadPack, type RawPackFiles } from '../../rules/load';
import { type Problem, problemFromJsonSyntax } from '../../rules/problems';

export interface NamedText {
  name: string;
  text: string;
}

export interface FileCheck {
  /** Files that are not part of a pack (by name). */
  unknown: string[];
  problems: Problem[];
  checked: number;
}

const kindByFileName = new Map<string, PackFileKind>(PACK_FILE_KINDS.map((k) => [packFileOf(k), k]));

export function checkRuleFiles(files: readonly NamedText[], dir = 'import'): FileCheck {
  const raw: RawPackFiles = {};
  const problems: Problem[] = [];
  const unknown: string[] = [];
  const unreadable = new Set<PackFileKind>();
  for (const { name, text } of files) {
    const kind = kindByFileName.get(name);
    if (!kind) {
      unknown.push(name);
      continue;
    }
    try {
      raw[kind] = JSON.parse(text);
    } catch (error) {
      problems.push(problemFromJsonSyntax(`${dir}/${name}`, text, error));
      unreadable.add(kind);
    }
  }
  const result = loadPack(raw, { dir, unreadable });
  if (!result.ok) problems.push(...result.problems);
  return { unknown, problems: [...problems, ...result.warnings], checked: files.length - unknown.length };
}
