/**
 * How a backup's records merge into what this machine already keeps: nothing duplicated (every
 * record has its key: claimId, the check's id, the pack's content-derived id), and a record on
 * this machine that is newer than the backup's is never replaced by it. Pure: service.ts reads
 * the local records in its transaction, asks these functions, and writes what they say.
 *
 * A claim record is replaced whole, never spliced: its history is a chain of upper-bound estimates
 * and exact times that only makes sense together (claim-record.ts), so the record seen last on
 * the dashboard (the larger lastSeen) wins. Check results and pack entries never change once
 * written: one missing here is added, one present is left. Which pack is active and the settings
 * carry no time: the partner's own choice on this machine is kept, and the backup's applies only
 * where this machine has made none yet (a new machine).
 */
import { type ActivePackRecord, BUILTIN_PACK_ID } from '../packs/records';
import { ROLLBACK_LIMIT } from '../packs/repository';
import type { Settings } from '../settings/settings';
import type { ClaimRecord } from '../store/claim-record';
import { VALIDATION_LIMIT } from '../store/validations';

/** What became of one claim of the backup: new here, newer than the one here, older (or as new and different), or the same. */
export type ClaimOutcome = 'added' | 'updated' | 'kept' | 'unchanged';

/** The same record: readClaimRecord's copies list their fields in one order, so their JSON compares. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function mergeClaim(local: ClaimRecord | undefined, incoming: ClaimRecord): ClaimOutcome {
  if (!local) return 'added';
  if (incoming.lastSeen > local.lastSeen) return 'updated';
  return sameJson(local, incoming) ? 'unchanged' : 'kept';
}

/**
 * The check results to add: those missing here, as far as they are among the newest
 * VALIDATION_LIMIT of both together (the store keeps only those; ids sort by time), and the ones
 * here that they push out (`remove`). `tooOld`: results of the backup older than every one kept.
 */
export function mergeValidationIds(
  localIds: readonly string[],
  incomingIds: readonly string[],
): { add: Set<string>; remove: string[]; present: number; tooOld: number } {
  const local = new Set(localIds);
  const all = [...new Set([...localIds, ...incomingIds])].sort();
  const kept = new Set(all.slice(Math.max(0, all.length - VALIDATION_LIMIT)));
  const remove = localIds.filter((id) => !kept.has(id));
  const add = new Set<string>();
  let present = 0;
  let tooOld = 0;
  for (const id of new Set(incomingIds)) {
    if (local.has(id)) present++;
    else if (kept.has(id)) add.add(id);
    else tooOld++;
  }
  return { add, remove, present, tooOld };
}

/** Which pack is active after the restore: the backup's choice, this machine's own, or the same on both. */
export type ChoiceOutcome = 'restored' | 'kept' | 'unchanged';

const isDefaultChoice = (record: ActivePackRecord) =>
  record.active === BUILTIN_PACK_ID && record.previous.length === 0;

/**
 * The active-pack record after the restore. `idOf` maps an id of the backup to the id the pack
 * has here (ids derive from the content, so they agree unless the file was edited), or undefined
 * when that pack was not restored (it does not load with this version): such ids are dropped.
 * This machine's choice stays when it has one; the backup's applies on a machine that never
 * chose (the built-in pack, no history), when its pack is here.
 */
export function mergeActivePack(
  local: ActivePackRecord,
  incoming: ActivePackRecord,
  idOf: (backupId: string) => string | undefined,
): { outcome: ChoiceOutcome; record?: ActivePackRecord } {
  const mapped = (id: string) => (id === BUILTIN_PACK_ID ? id : idOf(id));
  const active = mapped(incoming.active);
  if (active === local.active) return { outcome: 'unchanged' };
  if (!isDefaultChoice(local) || active === undefined) return { outcome: 'kept' };
  const previous = incoming.previous
    .map(mapped)
    .filter((id): id is string => id !== undefined && id !== active)
    .slice(-ROLLBACK_LIMIT);
  return { outcome: 'restored', record: { active, previous } };
}

/** The settings after the restore: the backup's when none were ever chosen here (`local` undefined), else this machine's. */
export function mergeSettings(
  local: unknown,
  incoming: Settings | undefined,
): { outcome: ChoiceOutcome | 'absent'; settings?: Settings } {
  if (incoming === undefined) return { outcome: 'absent' };
  if (local === undefined || local === null) return { outcome: 'restored', settings: incoming };
  return { outcome: sameJson(local, incoming) ? 'unchanged' : 'kept' };
}
