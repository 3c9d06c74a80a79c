/**
 * "Check a claim before you submit": a form made from fields.json, the field checks on this
 * thread and the PoE check in a Worker (runPoe, given by the entrypoint), and the findings by
 * severity with the reviewer finding each would likely cause, the evidence and the fix.
 * Native controls with labels; after a check the focus moves to the result's summary.
 */

import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatMessage, localize } from '../../i18n/format';
import { errorMessage } from '../../platform/error-message';
import { isoDateIn } from '../../rules/dated';
import { fieldLabelOn } from '../../rules/lifecycle';
import type { Field, LocalizedText, RulePack } from '../../rules/types';
import { storeProblemOf } from '../../store/db';
import type { ValidationRecord } from '../../store/validations';
import { checkFields } from '../../validation/fields';
import type { Finding, Severity } from '../../validation/finding';
import { findingText } from '../../validation/finding-text';
import type { PoeOutcome, PoeRequest } from '../../validation/poe/messages';
import {
  bySeverity,
  claimValuesOf,
  draftStatusOf,
  type FormValues,
  fieldLabel,
  formFieldsOf,
  formValuesOf,
  groupFields,
  isoDateOf,
  optionDependencies,
  SEVERITIES,
  type SeenClaim,
  submissionMomentOf,
  visibleOptions,
} from './claim-form';

type T = (key: string, params?: Record<string, string | number>) => string;

interface Result {
  findings: Finding[];
  /** When the result is an earlier check opened again: when it was made and what it was of. */
  earlier?: string;
  /** Why the PoE was not checked, when the worker did not answer with findings. */
  poeFailure?: string;
  /** The PoE files sent to the check (when it failed, none of them was read). */
  poeFiles: string[];
  /** The day that decided dated rules (field labels). */
  day: string;
}

const inputId = (field: string) => `cg-field-${field.replace(/\W/g, '-')}`;

/** Where the page keeps its results (IndexedDB, src/store/validations.ts); absent: not kept. */
export interface CheckHistory {
  save(record: Omit<ValidationRecord, 'id'>): Promise<unknown>;
  recent(): Promise<ValidationRecord[]>;
}

export function CheckApp({
  pack,
  locale,
  runPoe,
  history,
  seenClaims,
  now = () => new Date(),
}: {
  pack: RulePack;
  locale: string;
  runPoe: (request: PoeRequest) => Promise<PoeOutcome>;
  history?: CheckHistory;
  /** The claims this computer has seen on Partner Center, with their fields first seen (the claim store). */
  seenClaims?: () => Promise<SeenClaim[]>;
  now?: () => Date;
}) {
  const t: T = (key, params = {}) => formatMessage(pack, key, locale, params);
  const text = (value: LocalizedText) => localize(value, locale, pack.pack.defaultLocale);
  const fields = useMemo(() => formFieldsOf(pack), [pack]);
  const groups = useMemo(() => groupFields(fields), [fields]);
  const [values, setValues] = useState<FormValues>({});
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [status, setStatus] = useState(() => draftStatusOf(pack));
  const [date, setDate] = useState(() => isoDateOf(now()));
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<Result | undefined>();
  const summary = useRef<HTMLParagraphElement>(null);
  const [recent, setRecent] = useState<ValidationRecord[]>([]);
  /** Why the recent checks could not be read or this check not kept; the check itself still shows. */
  const [historyProblem, setHistoryProblem] = useState('');
  const historyFailed = (key: string) => (error: unknown) => {
    console.warn(`[cpor-guard] ${key}`, error);
    const problem = storeProblemOf(error);
    setHistoryProblem(problem ? t(`ui.check.history.${problem}`) : t(key, { error: errorMessage(error) }));
  };
  const loadRecent = () =>
    history?.recent().then((records) => {
      setRecent(records);
      setHistoryProblem('');
    }, historyFailed('ui.check.history.unreadable'));
  useEffect(() => {
    void loadRecent();
  }, [history]);
  const [seen, setSeen] = useState<SeenClaim[]>([]);
  const [seenChoice, setSeenChoice] = useState('');
  const [filledFrom, setFilledFrom] = useState('');
  useEffect(() => {
    // Without the claim store (another tab blocks it) the form simply starts empty.
    seenClaims?.().then(
      (claims) => {
        setSeen(claims);
        setSeenChoice((c) => c || (claims[0]?.claimId ?? ''));
      },
      (error: unknown) => console.warn('[cpor-guard] check page: the claims seen could not be read', error),
    );
  }, [seenClaims]);
  const fillFromSeen = () => {
    const claim = seen.find((c) => c.claimId === seenChoice);
    if (!claim) return;
    setValues(formValuesOf(fields, claim.fields));
    setFiles({});
    if (pack.statuses.statuses.some((st) => st.id === claim.status)) setStatus(claim.status);
    setResult(undefined);
    setFilledFrom(claim.claimId);
  };
  const timeZone = pack.calendars.calendars.find((c) => c.id === 'microsoft')?.timeZone ?? 'UTC';
  const labelDay = isoDateIn(submissionMomentOf(date), timeZone);

  const setValue = (id: string, value: string | readonly string[]) =>
    setValues((v) => ({ ...v, [id]: value }));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (checking) return;
    setChecking(true);
    const at = submissionMomentOf(date);
    const fileNames = Object.fromEntries(
      Object.entries(files).map(([id, list]) => [id, list.map((f) => f.name)]),
    );
    const claim = claimValuesOf(fields, values, fileNames);
    const fieldFindings = checkFields(claim, pack, { status, at });
    const poeFiles = Object.values(files).flat();
    let outcome: PoeOutcome = { kind: 'done', findings: [] };
    if (poeFiles.length > 0) {
      outcome = await runPoe({
        files: poeFiles.map((f) => ({ name: f.name, bytes: f })),
        claim,
        submissionDate: at.toISOString(),
        // The page's pack (the active one) decides the PoE checks too, not the worker's built-in copy.
        pack,
      });
    }
    const poeFailure =
      outcome.kind === 'timeout'
        ? t('ui.check.poeTimeout', { seconds: Math.round(outcome.limitMs / 1000) })
        : outcome.kind === 'crashed'
          ? t('ui.check.poeCrashed', { error: outcome.error })
          : undefined;
    const findings = [...fieldFindings, ...(outcome.kind === 'done' ? outcome.findings : [])];
    const day = isoDateIn(at, timeZone);
    // For support: the check ids and what each saw (the page shows them only under "Details").
    if (findings.length > 0)
      console.info(
        '[cpor-guard] check findings',
        findings.map((f) => ({ id: f.id, severity: f.severity, evidence: f.evidence })),
      );
    setResult({
      findings,
      day,
      poeFiles: poeFiles.map((f) => f.name),
      ...(poeFailure ? { poeFailure } : {}),
    });
    setChecking(false);
    // Kept on this computer so the partner can see what an earlier check found; never blocks the result.
    if (history) {
      const named = (id: string) => {
        const value = values[id];
        return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
      };
      const claimNames = Object.fromEntries(
        (['claimName', 'customerName', 'customerDomain'] as const)
          .map((id) => [id, named(id)] as const)
          .filter(([, v]) => v !== undefined),
      );
      history
        .save({
          checkedAt: now().getTime(),
          pack: { id: pack.pack.id, version: pack.pack.version },
          claim: claimNames,
          status,
          day,
          findings,
          ...(poeFailure ? { poeFailure } : {}),
        })
        .then(loadRecent, historyFailed('ui.check.history.notKept'));
    }
    // After the render: the summary is where a keyboard or screen-reader user continues.
    setTimeout(() => summary.current?.focus(), 0);
  };

  return (
    <main class="cg-check">
      <h1>{t('ui.check.title')}</h1>
      <p>{t('ui.check.intro')}</p>
      {seen.length > 0 && (
        <section class="cg-group cg-seen" aria-labelledby="cg-seen-title" data-testid="check-seen">
          <h2 id="cg-seen-title">{t('ui.check.seen.title')}</h2>
          <div class="cg-field">
            <label for="cg-seen">{t('ui.check.seen.label')}</label>
            <select id="cg-seen" value={seenChoice} onChange={(e) => setSeenChoice(e.currentTarget.value)}>
              {seen.map((c) => {
                const name = c.fields.claimName;
                const statusText = pack.statuses.statuses.find((st) => st.id === c.status);
                return (
                  <option key={c.claimId} value={c.claimId}>
                    {t('ui.check.seen.option', {
                      claimId: c.claimId,
                      name: typeof name === 'string' && name !== '' ? name : t('ui.check.recentUnnamed'),
                      status: statusText ? text(statusText.label) : c.status,
                    })}
                  </option>
                );
              })}
            </select>
          </div>
          <p>
            <button type="button" onClick={fillFromSeen} data-testid="check-seen-fill">
              {t('ui.check.seen.fill')}
            </button>
          </p>
          <p role="status" class="cg-note" data-testid="check-seen-filled">
            {filledFrom ? t('ui.check.seen.filled', { claimId: filledFrom }) : ''}
          </p>
        </section>
      )}
      <form onSubmit={onSubmit} noValidate data-testid="check-form">
        {groups.map((group) => (
          <fieldset key={group.id} class="cg-group">
            <legend>{t(`ui.check.group.${group.id}`)}</legend>
            {group.fields.map((field) => (
              <FieldControl
                key={field.id}
                pack={pack}
                locale={locale}
                field={field}
                day={labelDay}
                values={values}
                text={text}
                t={t}
                onValue={(value) => setValue(field.id, value)}
                onFiles={(list) => setFiles((f) => ({ ...f, [field.id]: list }))}
              />
            ))}
          </fieldset>
        ))}
        <fieldset class="cg-group">
          <legend>{t('ui.check.group.when')}</legend>
          <div class="cg-field">
            <label for="cg-status">{t('ui.check.status')}</label>
            <select id="cg-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              {pack.statuses.statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {text(s.label)}
                </option>
              ))}
            </select>
          </div>
          <div class="cg-field">
            <label for="cg-date">{t('ui.check.submissionDate')}</label>
            <input
              id="cg-date"
              type="date"
              value={date}
              required
              onInput={(e) => setDate(e.currentTarget.value || isoDateOf(now()))}
            />
          </div>
        </fieldset>
        <p>
          <button type="submit" class="cg-submit" disabled={checking} data-testid="check-submit">
            {t('ui.check.submit')}
          </button>
        </p>
      </form>
      <section aria-live="polite" data-testid="check-result" class="cg-result">
        {checking && <p>{t('ui.check.checking')}</p>}
        {!checking && result && (
          <ResultView pack={pack} locale={locale} result={result} t={t} summary={summary} />
        )}
      </section>
      {historyProblem && (
        <p class="cg-note" role="status" data-testid="check-history-problem">
          {historyProblem}
        </p>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="cg-recent" data-testid="check-recent">
          <h2 id="cg-recent">{t('ui.check.recentTitle')}</h2>
          <ul>
            {recent.slice(0, 10).map((r) => {
              const groups = bySeverity(r.findings);
              const when = new Date(r.checkedAt).toLocaleString(locale, {
                dateStyle: 'medium',
                timeStyle: 'short',
              });
              const claim =
                [r.claim.claimName, r.claim.customerName, r.claim.customerDomain]
                  .filter(Boolean)
                  .join(', ') || t('ui.check.recentUnnamed');
              return (
                <li key={r.id}>
                  {t('ui.check.recentItem', {
                    when,
                    claim,
                    blocking: groups.blocking.length,
                    warnings: groups.warning.length,
                  })}{' '}
                  <button
                    type="button"
                    class="cg-link"
                    data-testid="check-recent-open"
                    onClick={() => {
                      // What that check found, as it was shown then (its findings carry their texts).
                      setResult({
                        findings: r.findings,
                        day: r.day,
                        poeFiles: [],
                        ...(r.poeFailure ? { poeFailure: r.poeFailure } : {}),
                        earlier: t('ui.check.showingEarlier', { when, claim }),
                      });
                      setTimeout(() => summary.current?.focus(), 0);
                    }}
                  >
                    {t('ui.check.recentOpen')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </main>
  );
}

function FieldControl({
  pack,
  locale,
  field,
  day,
  values,
  text,
  t,
  onValue,
  onFiles,
}: {
  pack: RulePack;
  locale: string;
  field: Field;
  day: string;
  values: FormValues;
  text: (value: LocalizedText) => string;
  t: T;
  onValue: (value: string | readonly string[]) => void;
  onFiles: (files: File[]) => void;
}) {
  const id = inputId(field.id);
  const label = text(fieldLabelOn(field, day));
  const helps = [
    field.help ? text(field.help) : undefined,
    // A dashboard field without help of its own says where its value comes from.
    field.origin === 'dashboard' && !field.help ? t('ui.check.fromDashboard') : undefined,
  ].filter((h): h is string => !!h);
  const filteredBy = optionDependencies(field).filter((other) => {
    const v = values[other];
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  if (filteredBy.length > 0)
    helps.push(
      t('ui.check.optionsFiltered', {
        field: filteredBy.map((other) => fieldLabel(pack, other, day, locale)).join(', '),
      }),
    );
  const helpId = helps.length > 0 ? `${id}-help` : undefined;
  const help = helpId && (
    <span id={helpId} class="cg-help">
      {helps.join(' ')}
    </span>
  );
  const value = values[field.id];
  const stringValue = typeof value === 'string' ? value : '';

  if (field.kind === 'choices') {
    const chosen = new Set(Array.isArray(value) ? value : []);
    const toggle = (option: string, on: boolean) =>
      onValue((field.options ?? []).map((o) => o.id).filter((o) => (o === option ? on : chosen.has(o))));
    return (
      // tabIndex -1: "Go to the field" of a finding focuses the group of checkboxes.
      <fieldset id={id} tabIndex={-1} class="cg-field cg-choices" aria-describedby={helpId}>
        <legend>{label}</legend>
        {help}
        <div class="cg-options">
          {visibleOptions(field, values).map((option) => (
            <label key={option.id} class="cg-check-option">
              <input
                type="checkbox"
                name={field.id}
                value={option.id}
                checked={chosen.has(option.id)}
                onChange={(e) => toggle(option.id, e.currentTarget.checked)}
              />{' '}
              {text(option.label)}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  let control: JSX.Element;
  switch (field.kind) {
    case 'choice':
      control = (
        <select
          id={id}
          name={field.id}
          value={stringValue}
          aria-describedby={helpId}
          onChange={(e) => onValue(e.currentTarget.value)}
        >
          <option value="">{t('ui.check.chooseOption')}</option>
          {visibleOptions(field, values).map((option) => (
            <option key={option.id} value={option.id}>
              {text(option.label)}
            </option>
          ))}
        </select>
      );
      break;
    case 'longtext':
      control = (
        <textarea
          id={id}
          name={field.id}
          rows={3}
          value={stringValue}
          aria-describedby={helpId}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      );
      break;
    case 'files': {
      const accept = (field.file?.types ?? [])
        .flatMap((type) => type.extensions.map((e) => `.${e}`))
        .join(',');
      control = (
        <input
          id={id}
          name={field.id}
          type="file"
          multiple
          accept={accept}
          aria-describedby={helpId}
          onChange={(e) => onFiles([...(e.currentTarget.files ?? [])])}
        />
      );
      break;
    }
    default:
      control = (
        <input
          id={id}
          name={field.id}
          type={field.kind === 'email' ? 'email' : field.kind === 'number' ? 'number' : 'text'}
          {...(field.kind === 'number' ? { min: 0, step: 1 } : {})}
          spellcheck={field.kind === 'text'}
          autocomplete="off"
          list={undefined}
          value={stringValue}
          aria-describedby={helpId}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      );
  }
  return (
    <div class="cg-field">
      <label for={id}>{label}</label>
      {control}
      {help}
    </div>
  );
}

function ResultView({
  pack,
  locale,
  result,
  t,
  summary,
}: {
  pack: RulePack;
  locale: string;
  result: Result;
  t: T;
  summary: { current: HTMLParagraphElement | null };
}) {
  const groups = bySeverity(result.findings);
  const blocking = groups.blocking.length;
  const others = groups.warning.length + groups.info.length + (result.poeFailure ? 1 : 0);
  // Never a pass for what was not read: a scan, a damaged file or a PoE check that stopped.
  const unread = result.poeFailure ? result.poeFiles : unreadFiles(pack, result.findings);
  const files = unread.join(', ');
  const headline =
    blocking > 0
      ? [
          t('ui.check.summaryBlocking', { count: blocking }),
          ...(unread.length ? [t('ui.check.summaryUncheckedToo', { count: unread.length, files })] : []),
        ]
      : unread.length
        ? [t('ui.check.summaryUnchecked', { count: unread.length, files })]
        : [t('ui.check.summaryClear')];
  const style = blocking > 0 ? 'blocking' : unread.length ? 'unchecked' : 'clear';
  return (
    <>
      {result.earlier && (
        <p class="cg-note" data-testid="check-earlier">
          {result.earlier}
        </p>
      )}
      <p ref={summary} tabIndex={-1} class={`cg-summary cg-summary-${style}`} data-testid="check-summary">
        {headline.join(' ')} {t('ui.check.summaryOthers', { count: others })}
      </p>
      {SEVERITIES.map((severity) => {
        const list = groups[severity];
        const failure = severity === 'warning' ? result.poeFailure : undefined;
        const count = list.length + (failure ? 1 : 0);
        if (count === 0) return null;
        return (
          <section key={severity} class={`cg-severity cg-severity-${severity}`} data-severity={severity}>
            <h2>{t('ui.check.severityCount', { severity: t(`severity.${severity}`), count })}</h2>
            <ul class="cg-findings">
              {failure && (
                <li class="cg-finding" data-finding="poe-not-checked">
                  <p class="cg-finding-message">
                    <strong>{t('ui.check.poeNotChecked')}</strong>
                  </p>
                  <p>{failure}</p>
                </li>
              )}
              {list.map((finding, i) => (
                <FindingView
                  key={`${finding.id}-${i}`}
                  pack={pack}
                  locale={locale}
                  day={result.day}
                  finding={finding}
                  severity={severity}
                  t={t}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/**
 * The PoE files whose content was not (completely) checked: the files named by a finding of a
 * 'file-…' check (no text layer, damaged, protected, too large, not an accepted type).
 */
export function unreadFiles(pack: RulePack, findings: readonly Finding[]): string[] {
  const fileChecks = new Set(
    pack.reasons.actionRequired.flatMap((r) =>
      r.poeChecks.filter((c) => c.kind.startsWith('file-')).map((c) => c.id),
    ),
  );
  const files = findings.flatMap((f) =>
    'poeCheck' in f.concerns && fileChecks.has(f.concerns.poeCheck)
      ? f.evidence.flatMap((e) => (e.file ? [e.file] : []))
      : [],
  );
  return [...new Set(files)];
}

function FindingView({
  pack,
  locale,
  day,
  finding,
  t,
}: {
  pack: RulePack;
  locale: string;
  day: string;
  finding: Finding;
  severity: Severity;
  t: T;
}) {
  // The same words as the check in Partner Center's page (src/validation/finding-text.ts).
  const words = findingText(pack, finding, locale, day);
  const focusField = words.field ? inputId(words.field) : undefined;
  return (
    <li class="cg-finding" data-finding={finding.id}>
      <p class="cg-finding-message">
        <strong>{words.message}</strong>
      </p>
      <p class="cg-concerns">
        {words.concerns}
        {focusField && (
          <>
            {' '}
            <a
              href={`#${focusField}`}
              onClick={(event) => {
                const target = document.getElementById(focusField);
                if (!target) return;
                event.preventDefault();
                target.focus();
              }}
            >
              {t('ui.check.goToField')}
            </a>
          </>
        )}
      </p>
      {words.predicts && (
        <p class="cg-predicts" data-testid="finding-predicts">
          {words.predicts}
        </p>
      )}
      {words.evidence.length > 0 && (
        <div class="cg-evidence">
          <span>{t('ui.check.evidence')}:</span>
          <ul>
            {words.evidence.map((e, i) => (
              <li key={i}>
                {e.place && <span class="cg-place">{e.place}: </span>}
                {!e.found && <em>{t('ui.check.notFound')}</em>}
                {e.quote && <q>{e.quote}</q>}
                {e.note && <span class="cg-note"> — {e.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {words.fix && <p class="cg-fix">{words.fix}</p>}
      <p class="cg-source">{words.source}</p>
      {/* The check's id is for support, not for the partner's reading (issue 12). */}
      <details class="cg-support">
        <summary>{t('ui.check.supportDetails')}</summary>
        <code>{t('ui.check.checkId', { id: finding.id })}</code>
      </details>
    </li>
  );
}
