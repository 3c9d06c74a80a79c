/**
 * "Your data" of the options page: a backup of everything cpor-guard keeps (a download), a restore
 * from one (a file input, then what was merged or why the file was refused), and the pending
 * deadlines as a calendar file (.ics) and as CSV. The database lives in the background, which
 * does the work (src/backup, src/calendar/deadlines.ts); this page writes the calendar and CSV
 * texts in the partner's language and hands the files over.
 */
import { useState } from 'preact/hooks';
import { MAX_BACKUP_BYTES, type Refusal, type RefusalReason } from '../../backup/format';
import type { RestoreSummary } from '../../backup/service';
import { deadlinesCsv } from '../../calendar/csv';
import type { CalendarDeadline } from '../../calendar/deadlines';
import { deadlinesIcs } from '../../calendar/ics';
import { csvColumns, icsTexts } from '../../calendar/texts';
import { localize } from '../../i18n/format';
import type { AnswerOf, ErrorResponse, RequestFields } from '../../messaging/protocol';
import { errorMessage } from '../../platform/error-message';
import type { RulePack } from '../../rules/types';
import { VALIDATION_LIMIT } from '../../store/validations';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The messages this section sends to the background. */
export type DataMessage = 'cpor/backup' | 'cpor/restore' | 'cpor/calendar';

/** Sends a message to the background: `ask` of src/browser/messages.ts (never rejects). */
export type AskData = <T extends DataMessage>(type: T, fields: RequestFields<T>) => Promise<AnswerOf<T>>;

export interface YourDataProps {
  /** The pack whose messages the page shows (the built-in one). */
  ui: RulePack;
  locale: string;
  t: Translate;
  ask: AskData;
  now?: () => number;
  /** Hands a file to the partner (a download); tests pass their own. */
  saveFile?: (name: string, text: string, type: string) => void;
}

/** A download of `text` named `name`, from the page itself (no downloads permission needed). */
function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const REFUSAL_KEYS: Record<RefusalReason, string> = {
  'too-big': 'ui.data.refusedTooBig',
  'not-json': 'ui.data.refusedNotJson',
  'too-deep': 'ui.data.refusedTooDeep',
  foreign: 'ui.data.refusedForeign',
  'future-version': 'ui.data.refusedFutureVersion',
  'bad-shape': 'ui.data.refusedBadShape',
};

/** 'YYYY-MM-DD' of an instant, for file names. */
const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

type RestoreView =
  | { kind: 'reading'; file: string }
  | { kind: 'restored'; file: string; summary: RestoreSummary }
  | { kind: 'refused'; file: string; refusal: Refusal }
  | { kind: 'failed'; text: string };

export function YourData({ ui, locale, t, ask, now = Date.now, saveFile = downloadText }: YourDataProps) {
  const [busy, setBusy] = useState(false);
  const [backupMessage, setBackupMessage] = useState('');
  const [restore, setRestore] = useState<RestoreView | undefined>();
  const [calendarMessage, setCalendarMessage] = useState<string[]>([]);
  const name = (text: Record<string, string>) => localize(text, locale, ui.pack.defaultLocale);

  /** What went wrong, in the partner's words: what to do when the database is held by another tab. */
  const failure = (answer: ErrorResponse, key: string) =>
    answer.problem ? t(`ui.packs.failed.${answer.problem}`) : t(key, { error: answer.error });

  async function working(task: () => Promise<void>) {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  }

  const backUp = () =>
    working(async () => {
      const at = now();
      const answer = await ask('cpor/backup', { now: at });
      if (!answer.ok) {
        setBackupMessage(failure(answer, 'ui.data.backupFailed'));
        return;
      }
      const file = `cpor-guard-backup-${day(at)}.json`;
      saveFile(file, answer.text, 'application/json');
      setBackupMessage(t('ui.data.backupDone', { file }));
    });

  const restoreFrom = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    return working(async () => {
      try {
        // Bounded before reading: a wrong file (a video) is never read into memory.
        if (file.size > MAX_BACKUP_BYTES) {
          setRestore({
            kind: 'refused',
            file: file.name,
            refusal: { reason: 'too-big', detail: `${file.size} bytes` },
          });
          return;
        }
        setRestore({ kind: 'reading', file: file.name });
        const answer = await ask('cpor/restore', { text: await file.text() });
        if (!answer.ok) setRestore({ kind: 'failed', text: failure(answer, 'ui.data.restoreFailed') });
        else if (answer.outcome.restored)
          setRestore({ kind: 'restored', file: file.name, summary: answer.outcome.summary });
        else setRestore({ kind: 'refused', file: file.name, refusal: answer.outcome.refusal });
      } catch (error) {
        setRestore({ kind: 'failed', text: t('ui.data.restoreFailed', { error: errorMessage(error) }) });
      } finally {
        // The same file can be chosen again (after closing the other tab, say).
        input.value = '';
      }
    });
  };

  const exportDeadlines = (format: 'ics' | 'csv') =>
    working(async () => {
      const at = now();
      const answer = await ask('cpor/calendar', { now: at, locale });
      if (!answer.ok) {
        setCalendarMessage([failure(answer, 'ui.data.exportFailed')]);
        return;
      }
      const deadlines: CalendarDeadline[] = answer.deadlines;
      const paused = answer.paused > 0 ? [t('ui.data.exportedPaused', { count: answer.paused })] : [];
      if (deadlines.length === 0) {
        setCalendarMessage([t('ui.data.exportNone'), ...paused]);
        return;
      }
      const file = `cpor-guard-deadlines-${day(at)}.${format}`;
      if (format === 'ics')
        saveFile(file, deadlinesIcs(deadlines, icsTexts(ui, locale), at), 'text/calendar');
      else saveFile(file, deadlinesCsv(deadlines, csvColumns(ui, locale)), 'text/csv');
      setCalendarMessage([t('ui.data.exported', { count: deadlines.length, file }), ...paused]);
    });

  return (
    <section aria-labelledby="your-data" data-testid="your-data">
      <h3 id="your-data">{t('ui.data.title')}</h3>
      <p>{t('ui.data.help')}</p>
      <p>
        <button type="button" onClick={backUp} disabled={busy} data-testid="data-backup">
          {t('ui.data.backup')}
        </button>
      </p>
      <div role="status" aria-live="polite" data-testid="data-backup-message">
        {backupMessage && <p>{backupMessage}</p>}
      </div>

      <h4 id="data-restore">{t('ui.data.restore')}</h4>
      <p>{t('ui.data.restoreHelp')}</p>
      <label>
        {t('ui.data.restore')}{' '}
        <input
          type="file"
          accept=".json,application/json"
          onChange={restoreFrom}
          disabled={busy}
          data-testid="data-restore-file"
        />
      </label>
      <div role="status" aria-live="polite" data-testid="data-restore-result">
        {restore && restoreView(restore)}
      </div>

      <h4 id="data-calendar">{t('ui.data.calendarTitle')}</h4>
      <p>{t('ui.data.calendarHelp')}</p>
      <p>
        <button type="button" onClick={() => exportDeadlines('ics')} disabled={busy} data-testid="data-ics">
          {t('ui.data.exportIcs')}
        </button>{' '}
        <button type="button" onClick={() => exportDeadlines('csv')} disabled={busy} data-testid="data-csv">
          {t('ui.data.exportCsv')}
        </button>
      </p>
      <div role="status" aria-live="polite" data-testid="data-calendar-message">
        {calendarMessage.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </section>
  );

  function restoreView(view: RestoreView) {
    if (view.kind === 'reading') return <p>{t('ui.data.restoring', { file: view.file })}</p>;
    if (view.kind === 'failed') return <p>{view.text}</p>;
    if (view.kind === 'refused') {
      const { reason, detail } = view.refusal;
      return (
        <>
          <p data-testid="data-refused">
            {t('ui.data.refused', {
              file: view.file,
              reason: t(REFUSAL_KEYS[reason], { limit: MAX_BACKUP_BYTES / 1024 / 1024 }),
            })}
          </p>
          <p class="cg-muted">{t('ui.data.refusedDetail', { detail })}</p>
        </>
      );
    }
    const { claims, validations, packs, activePack, settings } = view.summary;
    return (
      <>
        <p>{t('ui.data.restored', { file: view.file })}</p>
        <ul data-testid="data-restored">
          <li data-testid="data-restored-claims">{t('ui.data.restoredClaims', { ...claims })}</li>
          <li>{t('ui.data.restoredChecks', { added: validations.added, present: validations.present })}</li>
          {validations.tooOld > 0 && (
            <li>
              {t('ui.data.restoredChecksTooOld', { count: validations.tooOld, limit: VALIDATION_LIMIT })}
            </li>
          )}
          {packs.locked ? (
            <li>{t('ui.data.packsManaged')}</li>
          ) : (
            <li>{t('ui.data.restoredPacks', { added: packs.added, present: packs.present })}</li>
          )}
          {packs.notRestored.map((p) => (
            <li key={p.id} data-testid="data-pack-not-restored">
              {t('ui.data.packNotRestored', { name: name(p.name), version: p.version })}
              <ul class="cg-problems">
                {p.problems.map((problem) => (
                  <li key={problem}>
                    <code>{problem}</code>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {activePack === 'restored' && <li>{t('ui.data.activePackRestored')}</li>}
          {activePack === 'kept' && <li>{t('ui.data.activePackKept')}</li>}
          {settings === 'restored' && <li>{t('ui.data.settingsRestored')}</li>}
          {settings === 'kept' && <li>{t('ui.data.settingsKept')}</li>}
        </ul>
      </>
    );
  }
}
