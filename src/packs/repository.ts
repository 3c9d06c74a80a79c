/**
 * Rule packs a policy owner imported, which one is active, and going back to the one active
 * before: the 'packs' and 'meta' stores of cpor-guard's database (src/store/db.ts). A pack is
 * stored as the parsed JSON of its files, as imported, and validated again each time it is
 * loaded: an extension update may change a schema, and a stored pack that no longer loads is
 * replaced by the built-in pack (with the problems said), never an error for the partner.
 *
 * The options page imports, activates and rolls back, then bumps ACTIVE_PACK_CHANGED_KEY in
 * storage.local; the background (src/background/pack-revision.ts) then forgets the pack it cached.
 * Everything stays on the partner's machine.
 */
import { errorMessage } from '../platform/error-message';
import { retryingLazy } from '../platform/retrying-lazy';
import { defaultPack } from '../rules/default-pack';
import { PACK_FILE_KINDS } from '../rules/kinds';
import { loadPack, type RawPackFiles } from '../rules/load';
import { formatProblem, type Problem } from '../rules/problems';
import type { HolidayRegions } from '../rules/semantic';
import type { LocalizedText, RulePack } from '../rules/types';
import { connectionOptions, DatabaseConnection, META_KEYS, type OpenStoreOptions } from '../store/db';
import {
  type ActivePackRecord,
  BUILTIN_PACK_ID,
  isObject,
  readActivePackRecord,
  readStoredPackEntry,
  type StoredPackEntry,
} from './records';

export { ACTIVE_PACK_CHANGED_KEY } from './keys';
export {
  type ActivePackRecord,
  BUILTIN_PACK_ID,
  readActivePackRecord,
  readStoredPackEntry,
  type StoredPackEntry,
} from './records';

/** How files of an imported pack are named in problems by default ('import/statuses.json'), as the options page's check names them. */
export const IMPORT_DIR = 'import';

/** How many previously active packs rollback remembers; older ones are forgotten. */
export const ROLLBACK_LIMIT = 20;

export interface PackSummary {
  id: string;
  packId: string;
  version: string;
  name: LocalizedText;
  /** Null for the built-in pack. */
  importedAt: number | null;
  /**
   * Whether this is the chosen pack (the built-in one when the chosen entry is gone). A chosen
   * entry that no longer loads is still marked: active() says it falls back, and why.
   */
  active: boolean;
}

export type ImportResult =
  | {
      ok: true;
      entry: StoredPackEntry;
      warnings: Problem[];
      /** True when these files were imported before: the earlier entry is returned, unchanged. */
      alreadyImported: boolean;
    }
  | {
      ok: false;
      /** Every problem of the files, errors first, then warnings. */
      problems: Problem[];
    };

export interface ActivePack {
  /** The id of the pack in use: the chosen one, or when it cannot be used the last good one before it, else BUILTIN_PACK_ID. */
  id: string;
  pack: RulePack;
  /** Why the chosen pack is not in use; empty when it is. */
  problems: Problem[];
  /** The id of the chosen pack when another one stands in for it. */
  fallbackFrom?: string;
  /**
   * True when the database could not be read (e.g. an upgrade blocked by another tab): which
   * pack is chosen is unknown, the built-in one stands in, and asking later may answer otherwise.
   * A caller that caches the pack should not keep this answer.
   */
  databaseUnavailable?: true;
}

export interface PackRepository {
  /** The built-in pack first, then the imported ones, newest first. Corrupt entries are left out. */
  list(): Promise<PackSummary[]>;
  /**
   * Validates the files with loadPack and stores them as a new entry; invalid files store
   * nothing. `dir` names the files in problems (IMPORT_DIR by default). Files imported before
   * give their existing entry back (`alreadyImported`). Rejects with a TypeError when `now` is
   * not a time.
   */
  importPack(files: RawPackFiles, now: number, options?: { dir?: string }): Promise<ImportResult>;
  /** The stored entry (e.g. to export its files); undefined for the built-in pack, an unknown id or a corrupt entry. */
  get(id: string): Promise<StoredPackEntry | undefined>;
  /**
   * Makes a pack active: BUILTIN_PACK_ID or a stored entry's id. The pack active before is
   * remembered for rollback. Activating the active pack changes nothing. Rejects with an Error
   * when the id is unknown, and with PackNotLoadableError (its problems listed) when the entry
   * does not load with this version of cpor-guard; nothing changes then.
   */
  activate(id: string): Promise<void>;
  /**
   * Re-activates the pack active before the current one and returns its id; repeated, goes
   * further back. Packs removed since are skipped; with no history left, the built-in pack.
   */
  rollback(): Promise<string>;
  /**
   * Deletes a stored entry (and forgets it in the rollback history); an unknown id changes
   * nothing. Rejects with an Error for the built-in pack and for the active pack.
   */
  remove(id: string): Promise<void>;
  /**
   * The pack to use now. Never rejects for a stored pack's or the database's trouble: a chosen
   * entry that is gone, corrupt or no longer valid, or a database that cannot be read, gives the
   * built-in pack with the problems listed. (A broken built-in pack is a build defect and throws,
   * as defaultPack does.)
   */
  active(): Promise<ActivePack>;
  /** Closes the connection; calls after it reject (active() answers with the built-in pack). */
  close(): void;
}

export interface OpenPackRepositoryOptions extends OpenStoreOptions {
  /** The built-in pack; defaultPack by default. */
  builtin?: () => RulePack;
  /** Told about each stored value that is not a valid entry or record. Default: a console warning, for developers. */
  onCorrupt?(key: IDBValidKey, problem: string): void;
  /**
   * Runs a pack that loads (smokeTestPack in smoke.ts, with a holiday table): with it, activate()
   * refuses a pack that fails, and active() passes over one for the last good pack. Left out by
   * pages that only read the active pack (the popup, the check page): the background and the
   * options page, which activate and count, pass it.
   */
  smokeTest?(pack: RulePack): Problem[];
  /**
   * The holiday regions date-holidays knows (holidayRegionCatalog()), so that a pack naming an
   * unknown one is refused at import and not used; given by the contexts that carry date-holidays.
   */
  regions?: HolidayRegions;
}

/** activate() of a stored pack that does not load with this version of cpor-guard (e.g. a schema changed since it was imported). */
export class PackNotLoadableError extends Error {
  override readonly name = 'PackNotLoadableError';

  constructor(
    readonly id: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      `rule pack '${id}' does not load with this version of cpor-guard; import a corrected pack:\n${problems.map(formatProblem).join('\n')}`,
    );
  }
}

/** JSON with the keys of every object sorted: the same content gives the same text, however its keys were ordered. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** 12 hex digits of the SHA-256 of the files' canonical JSON: part of an entry's id. */
export async function packContentHash(files: RawPackFiles): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(files)));
  return [...new Uint8Array(digest).slice(0, 6)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Only the pack's files, copied: later changes by the caller do not reach the stored entry. */
function packFilesOf(files: RawPackFiles): RawPackFiles {
  const picked: RawPackFiles = {};
  for (const kind of PACK_FILE_KINDS) {
    if (files[kind] !== undefined) picked[kind] = structuredClone(files[kind]);
  }
  return picked;
}

/**
 * The entry that importing `files` at `importedAt` stores, after the checks of every import
 * (loadPack); its id is derived from the content. What importPack stores, and what restoring a
 * backup (src/backup) stores: a pack enters the database only through here. Rejects with a
 * TypeError when `importedAt` is not a time.
 */
export async function packEntryOf(
  files: RawPackFiles,
  importedAt: number,
  /** builtin: the built-in pack, to warn of the interface texts the pack lacks (missingUiTexts). */
  options: { dir?: string; builtin?: RulePack; regions?: HolidayRegions } = {},
): Promise<{ ok: true; entry: StoredPackEntry; warnings: Problem[] } | { ok: false; problems: Problem[] }> {
  if (!Number.isFinite(importedAt)) throw new TypeError(`pack repository: not a time: ${String(importedAt)}`);
  const picked = packFilesOf(files);
  const loaded = loadPack(picked, {
    dir: options.dir ?? IMPORT_DIR,
    ...(options.regions ? { regions: options.regions } : {}),
  });
  if (!loaded.ok) return { ok: false, problems: [...loaded.problems, ...loaded.warnings] };
  const missing = options.builtin ? missingUiTexts(loaded.pack, options.builtin) : [];
  if (missing.length > 0)
    loaded.warnings.push({
      file: `${options.dir ?? IMPORT_DIR}/messages.json`,
      pointer: '/messages',
      message: `has no ${missing.length} of cpor-guard's interface texts (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); the built-in pack's are used for them`,
      level: 'warning',
    });
  const manifest = loaded.pack.pack;
  const entry: StoredPackEntry = {
    id: `${manifest.id}@${manifest.version}#${await packContentHash(picked)}`,
    packId: manifest.id,
    version: manifest.version,
    name: structuredClone(manifest.name),
    files: picked,
    importedAt,
  };
  return { ok: true, entry, warnings: loaded.warnings };
}

const messageOf = (error: unknown) => errorMessage(error);

class IdbPackRepository implements PackRepository {
  readonly #db: DatabaseConnection;
  readonly #builtin: () => RulePack;
  readonly #onCorrupt: (key: IDBValidKey, problem: string) => void;
  readonly #smokeTest: ((pack: RulePack) => Problem[]) | undefined;
  readonly #regions: HolidayRegions | undefined;
  /** The smoke test's problems per stored entry (an entry's files never change), run once each. */
  readonly #smoked = new Map<string, Problem[]>();

  constructor(
    db: DatabaseConnection,
    builtin: () => RulePack,
    onCorrupt: OpenPackRepositoryOptions['onCorrupt'],
    smokeTest?: (pack: RulePack) => Problem[],
    regions?: HolidayRegions,
  ) {
    this.#db = db;
    this.#builtin = builtin;
    this.#smokeTest = smokeTest;
    this.#regions = regions;
    this.#onCorrupt =
      onCorrupt ??
      ((key, problem) =>
        console.warn(
          `[cpor-guard] pack repository: skipped the corrupt value ${JSON.stringify(key)}: ${problem}`,
        ));
  }

  connect(): Promise<unknown> {
    return this.#db.get();
  }

  #entry(value: unknown, key: IDBValidKey): StoredPackEntry | undefined {
    if (value === undefined) return undefined;
    const read = readStoredPackEntry(value);
    if (read.ok) return read.value;
    this.#onCorrupt(key, read.problem);
    return undefined;
  }

  #record(value: unknown): ActivePackRecord {
    const read = readActivePackRecord(value);
    if (read.ok) return read.value;
    this.#onCorrupt(META_KEYS.activePack, read.problem);
    return { active: BUILTIN_PACK_ID, previous: [] };
  }

  /**
   * A read-write transaction over 'packs' and 'meta' with the active-pack record read in it: how
   * activate, rollback and remove begin. `done` is marked handled (a failing request reports its
   * own error); callers await it with their writes.
   */
  async #changeActive() {
    const db = await this.#db.get();
    const transaction = db.transaction(['packs', 'meta'], 'readwrite');
    const done = transaction.done;
    done.catch(() => {});
    const meta = transaction.objectStore('meta');
    const packs = transaction.objectStore('packs');
    const record = this.#record(await meta.get(META_KEYS.activePack));
    return { transaction, done, meta, packs, record };
  }

  async list(): Promise<PackSummary[]> {
    const db = await this.#db.get();
    const transaction = db.transaction(['packs', 'meta'], 'readonly');
    const packs = transaction.objectStore('packs');
    const [keys, values, record] = await Promise.all([
      packs.getAllKeys(),
      packs.getAll(),
      transaction.objectStore('meta').get(META_KEYS.activePack),
      transaction.done,
    ]);
    const entries = values
      .map((value, index) => this.#entry(value, keys[index]!))
      .filter((entry) => entry !== undefined)
      .sort((a, b) => b.importedAt - a.importedAt || a.id.localeCompare(b.id));
    const chosen = this.#record(record).active;
    const activeId = entries.some((entry) => entry.id === chosen) ? chosen : BUILTIN_PACK_ID;
    const builtin = this.#builtin().pack;
    return [
      {
        id: BUILTIN_PACK_ID,
        packId: builtin.id,
        version: builtin.version,
        name: builtin.name,
        importedAt: null,
        active: activeId === BUILTIN_PACK_ID,
      },
      ...entries.map(({ id, packId, version, name, importedAt }) => ({
        id,
        packId,
        version,
        name,
        importedAt,
        active: id === activeId,
      })),
    ];
  }

  async importPack(files: RawPackFiles, now: number, options: { dir?: string } = {}): Promise<ImportResult> {
    // Checked and hashed before the transaction: a transaction commits when it waits for anything but its own requests.
    const prepared = await packEntryOf(files, now, {
      ...options,
      builtin: this.#builtin(),
      ...(this.#regions ? { regions: this.#regions } : {}),
    });
    if (!prepared.ok) return prepared;
    const { entry, warnings } = prepared;
    const db = await this.#db.get();
    const transaction = db.transaction('packs', 'readwrite');
    const done = transaction.done;
    // Marked handled: a failing request reports its own error, not an unhandled `done`.
    done.catch(() => {});
    const existing = this.#entry(await transaction.store.get(entry.id), entry.id);
    if (existing) {
      await done;
      return { ok: true, entry: existing, warnings, alreadyImported: true };
    }
    await Promise.all([transaction.store.put(entry), done]);
    return { ok: true, entry, warnings, alreadyImported: false };
  }

  async get(id: string): Promise<StoredPackEntry | undefined> {
    if (id === BUILTIN_PACK_ID) return undefined;
    const db = await this.#db.get();
    return this.#entry(await db.get('packs', id), id);
  }

  async activate(id: string): Promise<void> {
    const { transaction, done, meta, packs, record } = await this.#changeActive();
    if (id !== BUILTIN_PACK_ID) {
      const entry = this.#entry(await packs.get(id), id);
      if (!entry) {
        transaction.abort();
        throw new Error(`rule pack '${id}' is not imported (or its stored copy is damaged); import it again`);
      }
      const usable = this.#usable(entry);
      if (!usable.ok) {
        transaction.abort();
        throw new PackNotLoadableError(id, usable.problems);
      }
    }
    if (record.active === id) {
      await done;
      return;
    }
    const previous = [...record.previous, record.active].slice(-ROLLBACK_LIMIT);
    await Promise.all([meta.put({ active: id, previous }, META_KEYS.activePack), done]);
  }

  async rollback(): Promise<string> {
    const { done, meta, packs, record } = await this.#changeActive();
    const previous = [...record.previous];
    let target = BUILTIN_PACK_ID;
    while (previous.length > 0) {
      const candidate = previous.pop()!;
      if (candidate === record.active) continue;
      if (candidate === BUILTIN_PACK_ID || this.#entry(await packs.get(candidate), candidate)) {
        target = candidate;
        break;
      }
    }
    await Promise.all([meta.put({ active: target, previous }, META_KEYS.activePack), done]);
    return target;
  }

  async remove(id: string): Promise<void> {
    if (id === BUILTIN_PACK_ID) throw new Error('the built-in rule pack cannot be removed');
    const { transaction, done, meta, packs, record } = await this.#changeActive();
    if (record.active === id) {
      transaction.abort();
      throw new Error(
        `rule pack '${id}' is active and cannot be removed; activate another pack (or roll back) first`,
      );
    }
    const writes: Promise<unknown>[] = [packs.delete(id), done];
    if (record.previous.includes(id)) {
      const previous = record.previous.filter((earlier) => earlier !== id);
      writes.push(meta.put({ active: record.active, previous }, META_KEYS.activePack));
    }
    await Promise.all(writes);
  }

  async active(): Promise<ActivePack> {
    let chosen: string;
    let previous: readonly string[];
    let stored: unknown;
    try {
      const db = await this.#db.get();
      const transaction = db.transaction(['packs', 'meta'], 'readonly');
      const done = transaction.done;
      done.catch(() => {});
      const read = readActivePackRecord(await transaction.objectStore('meta').get(META_KEYS.activePack));
      if (!read.ok) {
        this.#onCorrupt(META_KEYS.activePack, read.problem);
        await done;
        return this.#fallback(undefined, [
          {
            file: 'database',
            pointer: '',
            message: `which rule pack is active could not be read (${read.problem}); using the built-in pack. Activate a pack again`,
            level: 'error',
          },
        ]);
      }
      chosen = read.value.active;
      previous = read.value.previous;
      if (chosen !== BUILTIN_PACK_ID) stored = await transaction.objectStore('packs').get(chosen);
      await done;
    } catch (error) {
      return {
        ...this.#fallback(undefined, [
          {
            file: 'database',
            pointer: '',
            message: `the stored rule packs could not be read (${messageOf(error)}); using the built-in pack for now`,
            level: 'error',
          },
        ]),
        databaseUnavailable: true,
      };
    }
    if (chosen === BUILTIN_PACK_ID) return { id: BUILTIN_PACK_ID, pack: this.#builtin(), problems: [] };
    const read = stored === undefined ? undefined : readStoredPackEntry(stored);
    if (!read?.ok) {
      if (read) this.#onCorrupt(chosen, read.problem);
      const why = read ? `its stored copy is damaged: ${read.problem}` : 'it is no longer stored';
      return this.#lastGood(chosen, previous, [
        {
          file: chosen,
          pointer: '',
          message: `the active rule pack cannot be used (${why}). Import the pack again and activate it`,
          level: 'error',
        },
      ]);
    }
    const usable = this.#usable(read.value);
    if (!usable.ok) return this.#lastGood(chosen, previous, usable.problems);
    return { id: chosen, pack: usable.pack, problems: [] };
  }

  /** A stored entry's pack, or why it cannot be used: its files do not load, or (with a smoke test) it fails when run. */
  #usable(entry: StoredPackEntry): { ok: true; pack: RulePack } | { ok: false; problems: Problem[] } {
    const loaded = loadPack(entry.files, {
      dir: entry.id,
      ...(this.#regions ? { regions: this.#regions } : {}),
    });
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const pack = withBuiltInUiTexts(loaded.pack, this.#builtin());
    if (this.#smokeTest) {
      let problems = this.#smoked.get(entry.id);
      if (!problems) {
        problems = this.#smokeTest(pack);
        this.#smoked.set(entry.id, problems);
      }
      if (problems.length > 0) return { ok: false, problems };
    }
    return { ok: true, pack };
  }

  /**
   * The chosen pack cannot be used: the pack active before it that still can (newest first), else
   * the built-in one, with the chosen pack's problems and its id as `fallbackFrom`.
   */
  async #lastGood(chosen: string, previous: readonly string[], problems: Problem[]): Promise<ActivePack> {
    for (let i = previous.length - 1; i >= 0; i--) {
      const id = previous[i]!;
      if (id === chosen) continue;
      if (id === BUILTIN_PACK_ID) break;
      let entry: StoredPackEntry | undefined;
      try {
        entry = await this.get(id);
      } catch {
        break;
      }
      const usable = entry && this.#usable(entry);
      if (usable?.ok) return { id, pack: usable.pack, problems, fallbackFrom: chosen };
    }
    return this.#fallback(chosen, problems);
  }

  #fallback(from: string | undefined, problems: Problem[]): ActivePack {
    const result: ActivePack = { id: BUILTIN_PACK_ID, pack: this.#builtin(), problems };
    if (from !== undefined) result.fallbackFrom = from;
    return result;
  }

  close(): void {
    this.#db.close();
  }
}

/**
 * Opens the pack repository; the connection is opened now, so a blocked upgrade
 * (StoreBlockedError) or a database newer than this code (StoreVersionError) shows here. Later
 * calls reopen by themselves after another connection made ours close.
 */
export async function openPackRepository(options: OpenPackRepositoryOptions = {}): Promise<PackRepository> {
  const connection = new DatabaseConnection(connectionOptions('pack repository', options));
  const repository = new IdbPackRepository(
    connection,
    options.builtin ?? defaultPack,
    options.onCorrupt,
    options.smokeTest,
    options.regions,
  );
  await repository.connect();
  return repository;
}

/**
 * For a long-lived context (the background): reads the active pack through a repository opened
 * when first needed and kept; a failed open is not kept, the next read tries again (the tab that
 * blocked an upgrade may be closed by then). Rejects when the database cannot be read now (the
 * open failed, or active() answered `databaseUnavailable`), so a caller that caches keeps nothing.
 */
export function createActivePackReader(
  open: () => Promise<PackRepository> = () => openPackRepository(),
): () => Promise<ActivePack> {
  const repository = retryingLazy(open);
  return async () => {
    const active = await (await repository.get()).active();
    if (active.databaseUnavailable) throw new Error(active.problems.map(formatProblem).join('; '));
    return active;
  };
}

/** The interface texts (`ui.*` messages) of the built-in pack that `pack` lacks. */
export function missingUiTexts(pack: RulePack, builtin: RulePack): string[] {
  const own = pack.messages.messages;
  return Object.keys(builtin.messages.messages).filter((key) => key.startsWith('ui.') && !(key in own));
}

/**
 * `pack` with the built-in pack's interface texts where it has none: a pack made for an older
 * cpor-guard still gets words, not message keys, on a page that gained a text since.
 */
export function withBuiltInUiTexts(pack: RulePack, builtin: RulePack): RulePack {
  const missing = missingUiTexts(pack, builtin);
  if (missing.length === 0) return pack;
  const messages = { ...pack.messages.messages };
  for (const key of missing) messages[key] = builtin.messages.messages[key]!;
  return { ...pack, messages: { ...pack.messages, messages } };
}
