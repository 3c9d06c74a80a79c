/**
 * The options page's rule packs: which pack is active, the imported ones, and importing a new one
 * in steps a policy owner can follow: choose its files (checked at once, every problem listed),
 * its own cases run against it, what it would change compared with the active pack (rules, and
 * the deadlines of the claims cpor-guard knows), then save and activate. Rolling back is one
 * button. The page's own texts stay those of the built-in pack, so that a policy owner's pack can
 * never make the page that rolls it back unreadable.
 */

import { useEffect, useState } from 'preact/hooks';
import { formatDueMoment } from '../../deadlines/countdown';
import { createDeadlineEngine } from '../../deadlines/engine';
import { buildHolidayTable, defaultHolidayRange } from '../../deadlines/holiday-table';
import { FileProblemError } from '../../files/problems';
import { localize } from '../../i18n/format';
import {
  type ArchiveFile,
  archiveName,
  decodeArchiveText,
  packArchive,
  readArchive,
} from '../../packs/archive';
import { checkRuleFiles, type FileCheck, testRuleFiles } from '../../packs/check-files';
import type { PackChange } from '../../packs/diff';
import { diffPacks } from '../../packs/diff';
import { type ClockSnapshot, type DeadlineImpacts, deadlineImpact } from '../../packs/impact';
import type { ActivePack, PackRepository, PackSummary } from '../../packs/repository';
import { errorMessage } from '../../platform/error-message';
import type { CaseResult } from '../../rules/cases/run';
import { defaultCaseFiles } from '../../rules/default-cases';
import { defaultPackFiles } from '../../rules/default-pack';
import { PACK_FILE_KINDS, packFileOf } from '../../rules/kinds';
import { formatProblem } from '../../rules/problems';
import type { RulePack } from '../../rules/types';
import { type ClaimRecord, storeProblemOf } from '../../store';

type T = (key: string, params?: Record<string, string | number>) => string;

export interface RulePacksProps {
  /** The built-in pack: the page's texts. */
  ui: RulePack;
  locale: string;
  t: T;
  repository: () => Promise<PackRepository>;
  /** The claims cpor-guard knows, to show how their deadlines would change. */
  records: () => Promise<ClaimRecord[]>;
  /** Tells the background (and so the dashboard pages) that the active pack changed. */
  announce: () => Promise<void>;
  /** The active pack changed: the page shows its summary. */
  onActive: (pack: RulePack) => void;
  now?: () => number;
  /** The organisation stops importing and activating other packs (src/packs/managed.ts). */
  locked?: boolean;
  /** Hands a file to the partner (a download); tests pass their own. */
  saveFile?: (name: string, data: Uint8Array) => void;
}

/** A download of `data` named `name`, from the page itself (no downloads permission needed). */
function downloadFile(name: string, data: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface Preview {
  check: FileCheck;
  cases: CaseResult[];
  changes: PackChange[] | null;
  impact: DeadlineImpacts | null;
}

const short = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

export function RulePacks({
  ui,
  locale,
  t,
  repository,
  records,
  announce,
  onActive,
  now = Date.now,
  locked = false,
  saveFile = downloadFile,
}: RulePacksProps) {
  const [packs, setPacks] = useState<PackSummary[]>([]);
  const [active, setActive] = useState<ActivePack | null>(null);
  const [preview, setPreview] = useState<Preview | undefined>();
  const [message, setMessage] = useState('');
  /** A chosen zip that could not be read: what to tell. */
  const [unreadable, setUnreadable] = useState('');
  /** Asked once "Save and activate" was pressed on a pack whose own cases fail: activating needs a second, explicit yes. */
  const [confirmFailing, setConfirmFailing] = useState(false);
  const name = (pack: { name: Record<string, string> }) => localize(pack.name, locale, ui.pack.defaultLocale);
  /** What went wrong, in the partner's words: what to do when the database is held by another tab. */
  const failure = (error: unknown) => {
    const problem = storeProblemOf(error);
    if (problem) return t(`ui.packs.failed.${problem}`);
    return t('ui.packs.failed', { error: errorMessage(error) });
  };

  async function refresh() {
    const repo = await repository();
    const current = await repo.active();
    setActive(current);
    setPacks(await repo.list());
    onActive(current.pack);
    return current;
  }

  useEffect(() => {
    refresh().catch((error: unknown) => setMessage(failure(error)));
  }, []);

  async function act(action: (repo: PackRepository) => Promise<unknown>) {
    try {
      const repo = await repository();
      await action(repo);
      await announce();
      const current = await refresh();
      setMessage(
        t('ui.packs.activated', { name: name(current.pack.pack), version: current.pack.pack.version }),
      );
    } catch (error) {
      setMessage(failure(error));
    }
  }

  /** The files of a pack (stored, or the built-in one with its cases) as a zip download. */
  async function download(p: PackSummary) {
    try {
      const builtin = p.importedAt === null;
      const files = builtin ? defaultPackFiles : (await (await repository()).get(p.id))?.files;
      if (!files) throw new Error(`${p.id} is no longer stored`);
      saveFile(
        archiveName(p.packId, p.version),
        packArchive(p.packId, p.version, files, builtin ? defaultCaseFiles : {}),
      );
    } catch (error) {
      setMessage(failure(error));
    }
  }

  /** The chosen files, a zip's .json files in its place; undefined (and the reason shown) when a zip cannot be read. */
  async function readChosen(files: readonly File[]): Promise<ArchiveFile[] | undefined> {
    const out: ArchiveFile[] = [];
    for (const file of files) {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        // A JSON file that is not UTF-8 is refused with the offset, not read with U+FFFD in it.
        if (file.name.toLowerCase().endsWith('.zip')) out.push(...readArchive(bytes));
        else out.push(decodeArchiveText(file.name, bytes));
      } catch (error) {
        const problem =
          error instanceof FileProblemError
            ? t(error.noteKey, error.noteParams)
            : error instanceof Error
              ? error.message
              : String(error);
        setUnreadable(t('ui.options.zipUnreadable', { file: file.name, problem }));
        return undefined;
      }
    }
    return out;
  }

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    setUnreadable('');
    const texts = await readChosen([...(input.files ?? [])]);
    if (!texts) {
      setPreview(undefined);
      return;
    }
    setConfirmFailing(false);
    const check = checkRuleFiles(texts);
    const next: Preview = { check, cases: testRuleFiles(check), changes: null, impact: null };
    setPreview(next);
    setMessage('');
    if (!check.pack || !active) return;
    const changes = diffPacks(active.pack, check.pack);
    setPreview({ ...next, changes });
    // The deadlines under both packs: holiday tables are built here (the options page may load
    // date-holidays; the dashboard's content script never does).
    const range = defaultHolidayRange(new Date(now()));
    const from = createDeadlineEngine(active.pack, buildHolidayTable(active.pack.calendars.calendars, range));
    const to = createDeadlineEngine(check.pack, buildHolidayTable(check.pack.calendars.calendars, range));
    const impact = deadlineImpact(await records(), from, to, now());
    setPreview({ ...next, changes, impact });
  }

  async function save(activate: boolean, failingConfirmed = false) {
    if (!preview?.check.pack) return;
    if (activate && !failingConfirmed && preview.cases.some((c) => !c.pass)) {
      setConfirmFailing(true);
      return;
    }
    setConfirmFailing(false);
    try {
      const repo = await repository();
      const imported = await repo.importPack(preview.check.raw, now());
      if (!imported.ok) {
        setPreview({ ...preview, check: { ...preview.check, problems: imported.problems, pack: null } });
        return;
      }
      if (activate) {
        await act((r) => r.activate(imported.entry.id));
      } else {
        await refresh();
        setMessage(t('ui.packs.saved', { name: name(imported.entry), version: imported.entry.version }));
      }
      setPreview(undefined);
    } catch (error) {
      setMessage(failure(error));
    }
  }

  const check = preview?.check;
  const problems = check ? check.problems.length + check.unknown.length : 0;
  const failedCases = preview?.cases.filter((c) => !c.pass) ?? [];
  const canRollBack = active !== null && packs.some((p) => p.active && p.importedAt !== null);

  return (
    <section aria-labelledby="rule-packs">
      <h3 id="rule-packs">{t('ui.packs.title')}</h3>
      <p>{t('ui.packs.help')}</p>
      {active && active.problems.length > 0 && (
        <div role="alert" data-testid="pack-fallback">
          <p>
            {t('ui.packs.fallback', {
              id: active.fallbackFrom ?? active.id,
              used: `${name(active.pack.pack)} ${active.pack.pack.version}`,
            })}
          </p>
          <ul class="cg-problems">
            {active.problems.map((p) => (
              <li key={formatProblem(p)}>
                <code>{formatProblem(p)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul class="cg-packs" data-testid="pack-list">
        {packs.map((p) => (
          <li key={p.id} data-pack-id={p.id}>
            <strong>{name(p)}</strong> {p.version}{' '}
            <span class="cg-muted">
              {p.importedAt === null
                ? t('ui.packs.builtin')
                : t('ui.packs.importedAt', { date: new Date(p.importedAt).toLocaleString(locale) })}
            </span>{' '}
            <button
              type="button"
              onClick={() => download(p)}
              aria-label={t('ui.packs.downloadLabel', { name: name(p), version: p.version })}
              data-testid="pack-download"
            >
              {t('ui.packs.download')}
            </button>{' '}
            {p.active ? (
              <strong class="cg-active">{t('ui.packs.active')}</strong>
            ) : locked ? null : (
              <>
                <button type="button" onClick={() => act((r) => r.activate(p.id))}>
                  {t('ui.packs.activate')}
                </button>
                {p.importedAt !== null && (
                  <button type="button" onClick={() => act((r) => r.remove(p.id))}>
                    {t('ui.packs.remove')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {canRollBack && !locked && (
        <p>
          <button type="button" onClick={() => act((r) => r.rollback())} data-testid="pack-rollback">
            {t('ui.packs.rollback')}
          </button>
        </p>
      )}
      <div role="status" aria-live="polite" data-testid="pack-message">
        {message && <p>{message}</p>}
      </div>

      {!locked && packImport()}
    </section>
  );

  /** Choosing files, their check, cases, changes and impact, and saving: what a lock hides. */
  function packImport() {
    return (
      <>
        <h4 id="check-pack">{t('ui.options.checkTitle')}</h4>
        <p>{t('ui.options.checkHelp')}</p>
        <label>
          {t('ui.options.chooseFiles')}{' '}
          <input
            type="file"
            accept=".json,.zip,application/json,application/zip"
            multiple
            onChange={choose}
            data-testid="pack-files"
          />
        </label>
        <div role="status" aria-live="polite" data-testid="check-result">
          {unreadable && <p>{unreadable}</p>}
          {check && problems === 0 && <p>{t('ui.options.checkValid', { count: check.checked })}</p>}
          {check && problems > 0 && (
            <>
              <p>{t('ui.options.checkProblems', { count: problems })}</p>
              <ul class="cg-problems">
                {check.unknown.map((file) => (
                  <li key={file}>
                    <code>{file}</code>{' '}
                    {t('ui.options.unknownFile', { files: PACK_FILE_KINDS.map(packFileOf).join(', ') })}
                  </li>
                ))}
                {check.problems.map((p) => (
                  <li key={formatProblem(p)}>
                    <code>{formatProblem(p)}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        {check?.pack && preview && (
          <div data-testid="pack-preview">
            <p data-testid="pack-cases">
              {preview.cases.length === 0
                ? t('ui.packs.noCases')
                : t('ui.packs.cases', { count: preview.cases.length, failed: failedCases.length })}
            </p>
            {failedCases.length > 0 && (
              <ul class="cg-problems">
                {failedCases.map((c) => (
                  <li key={`${c.file}#${c.index}`}>
                    <code>
                      {c.file} #{c.index + 1} {c.name}: {c.failure}
                    </code>
                  </li>
                ))}
              </ul>
            )}
            <h5>{t('ui.packs.changesTitle')}</h5>
            {preview.changes && preview.changes.length === 0 && <p>{t('ui.packs.noChanges')}</p>}
            {preview.changes && preview.changes.length > 0 && (
              <ul data-testid="pack-changes">
                {preview.changes.map((c) => (
                  <li key={`${c.file}${c.pointer}`}>
                    <code>{packFileOf(c.file)}</code> {c.path.join(' › ')}:{' '}
                    {c.change === 'added'
                      ? t('ui.packs.changeAdded', { after: short(c.after) })
                      : c.change === 'removed'
                        ? t('ui.packs.changeRemoved', { before: short(c.before) })
                        : t('ui.packs.changeChanged', { before: short(c.before), after: short(c.after) })}
                  </li>
                ))}
              </ul>
            )}
            <h5>{t('ui.packs.impactTitle')}</h5>
            {preview.impact && preview.impact.impacts.length === 0 && <p>{t('ui.packs.noImpact')}</p>}
            {preview.impact && preview.impact.impacts.length > 0 && (
              <ul data-testid="pack-impact">
                {preview.impact.impacts.map((row) => (
                  <li key={`${row.claimId}|${row.clockId}|${row.status}`}>
                    {t('ui.packs.impactRow', {
                      claimId: row.claimId,
                      clock: clockLabel(check.pack!, row.clockId, locale) ?? row.clockId,
                      before: dueText(check.pack!, row.before, locale, t),
                      after: dueText(check.pack!, row.after, locale, t),
                    })}
                  </li>
                ))}
              </ul>
            )}
            {preview.impact && preview.impact.skipped.length > 0 && (
              <p>
                {t('ui.packs.skipped', {
                  count: preview.impact.skipped.length,
                  claims: preview.impact.skipped.map((s) => `${s.claimId}: ${s.message}`).join('; '),
                })}
              </p>
            )}
            {confirmFailing ? (
              <div role="alert" data-testid="pack-confirm-failing">
                <p>
                  {t('ui.packs.confirmFailing', {
                    count: failedCases.length,
                    cases: failedCases.map((c) => `${c.file} #${c.index + 1} ${c.name}`).join('; '),
                  })}
                </p>
                <p>
                  <button type="button" onClick={() => save(true, true)} data-testid="pack-activate-anyway">
                    {t('ui.packs.activateAnyway')}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirmFailing(false)}>
                    {t('ui.packs.dontActivate')}
                  </button>
                </p>
              </div>
            ) : (
              <p>
                <button type="button" onClick={() => save(true)} data-testid="pack-activate">
                  {t('ui.packs.saveAndActivate')}
                </button>{' '}
                <button type="button" onClick={() => save(false)}>
                  {t('ui.packs.save')}
                </button>
              </p>
            )}
          </div>
        )}
      </>
    );
  }
}

/** A clock's name in the locale, from the pack that defines it. */
function clockLabel(pack: RulePack, clockId: string, locale: string): string | undefined {
  for (const status of pack.statuses.statuses) {
    const clock = status.clocks.find((c) => c.id === clockId);
    if (clock) return localize(clock.label as Record<string, string>, locale, pack.pack.defaultLocale);
  }
  return undefined;
}

/** A due instant in the impact list, as the badges say it ("due Mon 30 Nov, 16:00 (Redmond)"). */
function dueText(pack: RulePack, clock: ClockSnapshot | null, locale: string, t: T): string {
  return clock?.due == null
    ? t('ui.packs.noDeadline')
    : formatDueMoment(pack, { due: clock.due, calendar: clock.calendar, timeZone: clock.timeZone }, locale);
}
