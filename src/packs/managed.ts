/**
 * Rule packs pushed by the partner's organisation: a company's IT sets, by browser policy
 * (Chrome/Edge `3rdparty.extensions.<id>`, Firefox `3rdparty.Extensions.<id>`), the values of
 * the extension's managed storage that public/managed-schema.json describes:
 *
 * - `name`: who set the rules (shown to partners, e.g. "Contoso IT"),
 * - `pack`: the rule pack, as the JSON text of an object with its files by kind
 *   (`{"pack": {…}, "statuses": {…}, …}`; managedPolicyValue writes one),
 * - `lockPacks`: true stops partners importing or activating other packs.
 *
 * A pushed pack goes through the same loadPack checks as an import (PackRepository.importPack)
 * and is then pinned: made active whenever the policy is applied (at the background's start and
 * when the policy changes). One that fails is not used: the last good pack stays active, and the
 * problems are kept for the options page, which says why to the partner and lists them for the
 * admin. Pure apart from the repository it is given: the browser's managed storage is read by
 * the caller.
 */
import { PACK_FILE_KINDS } from '../rules/kinds';
import type { RawPackFiles } from '../rules/load';
import { type Problem, problemFromJsonSyntax } from '../rules/problems';
import { isObject } from './records';
import type { PackRepository } from './repository';

/** How pushed files are named in problems: 'policy/statuses.json /statuses/3/…'. */
export const POLICY_DIR = 'policy';
/** The largest pack text a policy may hold (the built-in pack is about 150 KB of JSON). */
export const MANAGED_PACK_LIMIT = 4 * 1024 * 1024;

export interface ManagedPolicy {
  /** Whether any value is set: the rules are managed. */
  managed: boolean;
  /** Who set it (the policy's `name`), or null. */
  by: string | null;
  /** The pack's JSON text, or null when the policy sets none. */
  packText: string | null;
  /** Partners may not import or activate other packs. */
  locked: boolean;
}

export interface ManagedStatus extends Omit<ManagedPolicy, 'packText'> {
  /** The id of the pushed pack in the repository, when it passed the checks. */
  packEntryId: string | null;
  /** Why the pushed pack is not used (empty when it is, or when none is pushed). */
  problems: Problem[];
}

/** The managed storage's keys (public/managed-schema.json). */
export const MANAGED_KEYS = ['name', 'pack', 'lockPacks'] as const;

export const UNMANAGED: ManagedPolicy = { managed: false, by: null, packText: null, locked: false };

/** The policy from the managed storage's values (anything: they come from outside). */
export function readManagedPolicy(values: unknown): ManagedPolicy {
  if (!isObject(values)) return UNMANAGED;
  const by = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : null;
  const packText = typeof values.pack === 'string' && values.pack.trim() !== '' ? values.pack : null;
  const locked = values.lockPacks === true;
  return { managed: by !== null || packText !== null || locked, by, packText, locked };
}

/** The pushed text as pack files, or the problems that stop it being used. */
export function managedPackFiles(
  text: string,
): { ok: true; files: RawPackFiles } | { ok: false; problems: Problem[] } {
  const problem = (message: string): Problem => ({
    file: `${POLICY_DIR}/pack`,
    pointer: '',
    message,
    level: 'error',
  });
  if (text.length > MANAGED_PACK_LIMIT)
    return {
      ok: false,
      problems: [
        problem(`is ${text.length} characters long, more than ${MANAGED_PACK_LIMIT}; push a smaller pack`),
      ],
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [problemFromJsonSyntax(`${POLICY_DIR}/pack`, text, error)] };
  }
  if (!isObject(data))
    return {
      ok: false,
      problems: [
        problem(`must be a JSON object with the pack's files by kind (${PACK_FILE_KINDS.join(', ')})`),
      ],
    };
  const unknown = Object.keys(data).filter((key) => !(PACK_FILE_KINDS as readonly string[]).includes(key));
  if (unknown.length > 0)
    return {
      ok: false,
      problems: [
        problem(
          `names no pack file ${unknown.map((k) => `'${k}'`).join(', ')}; use only ${PACK_FILE_KINDS.join(', ')}`,
        ),
      ],
    };
  return { ok: true, files: data as RawPackFiles };
}

/**
 * Applies the policy: a pushed pack that passes the checks is imported (once: the same files
 * give the same entry) and made active; one that fails changes nothing. Returns the status and
 * whether the active pack changed (then the caller announces it, as after an activation).
 */
export async function applyManagedPolicy(
  repository: PackRepository,
  policy: ManagedPolicy,
  now: number,
): Promise<{ status: ManagedStatus; changed: boolean }> {
  const status = applyWithout(policy);
  const { packText } = policy;
  if (packText === null) return { status, changed: false };
  const files = managedPackFiles(packText);
  if (!files.ok) return { status: { ...status, problems: files.problems }, changed: false };
  const imported = await repository.importPack(files.files, now, { dir: POLICY_DIR });
  if (!imported.ok) return { status: { ...status, problems: imported.problems }, changed: false };
  const before = await repository.active();
  const id = imported.entry.id;
  if (before.id === id && before.problems.length === 0)
    return { status: { ...status, packEntryId: id }, changed: false };
  await repository.activate(id);
  return { status: { ...status, packEntryId: id }, changed: true };
}

/**
 * Reads the policy and applies it, then announces a changed active pack (as the options page
 * does after an activation). Where the background starts, the policy changes, and the options
 * page opens: applying again changes nothing.
 */
export async function syncManagedPack({
  values,
  repository,
  announce,
  now = Date.now,
}: {
  values: () => Promise<unknown>;
  repository: () => Promise<PackRepository>;
  announce: () => Promise<void>;
  now?: () => number;
}): Promise<ManagedStatus> {
  const policy = readManagedPolicy(await values());
  if (!policy.managed) return applyWithout(policy);
  const { status, changed } = await applyManagedPolicy(await repository(), policy, now());
  if (changed) await announce();
  return status;
}

function applyWithout({ packText: _, ...rest }: ManagedPolicy): ManagedStatus {
  return { ...rest, packEntryId: null, problems: [] };
}

/** The policy-file value that pushes `files` (for a policy file). */
export function managedPolicyValue(files: RawPackFiles, name: string, lockPacks = true) {
  return { name, pack: JSON.stringify(files), lockPacks };
}
