import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatMessage, localize } from '../../i18n/format';
import type { DeadlinesResponse, ErrorResponse } from '../../messaging/protocol';
import { BADGE_COLOURS } from '../../overlay/badges';
import { type ActorFilter, groupByActor, type PendingClaim } from '../../overlay/pending';
import { errorMessage } from '../../platform/error-message';
import type { RulePack } from '../../rules/types';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export function PopupApp({
  pack,
  locale,
  onOpenOptions,
  checkUrl,
  loadDeadlines,
}: {
  pack: RulePack;
  locale: string;
  onOpenOptions: () => void;
  /** The extension's check page (the entrypoint knows its URL). */
  checkUrl: string;
  /** Asks the background for the pending deadlines of the claims kept on this computer. */
  loadDeadlines: (locale: string) => Promise<DeadlinesResponse | ErrorResponse>;
}) {
  const t: Translate = (key, params = {}) => formatMessage(pack, key, locale, params);
  const dashboard = pack.locators.pages[0]?.urlPatterns[0];
  return (
    <main class="cg-popup">
      <h1>{t('ui.popup.title')}</h1>
      <p>{t('ui.popup.intro')}</p>
      <Deadlines t={t} locale={locale} load={loadDeadlines} />
      <p data-testid="popup-pack">
        {t('ui.popup.activePack', {
          name: localize(pack.pack.name, locale, pack.pack.defaultLocale),
          version: pack.pack.version,
        })}
      </p>
      <ul>
        {dashboard && (
          <li>
            <a href={dashboard} target="_blank" rel="noreferrer">
              {t('ui.popup.openDashboard')}
            </a>
          </li>
        )}
        <li>
          <a href={checkUrl} target="_blank" rel="noreferrer" data-testid="open-check">
            {t('ui.check.open')}
          </a>
        </li>
        <li>
          <button type="button" onClick={onOpenOptions}>
            {t('ui.popup.openOptions')}
          </button>
        </li>
      </ul>
    </main>
  );
}

/** The pending deadlines of every claim seen on this computer, most pressing first. */
function Deadlines({
  t,
  locale,
  load,
}: {
  t: Translate;
  locale: string;
  load: (locale: string) => Promise<DeadlinesResponse | ErrorResponse>;
}) {
  const [result, setResult] = useState<DeadlinesResponse | ErrorResponse | null>(null);
  const [filter, setFilter] = useState<ActorFilter>('all');
  useEffect(() => {
    let live = true;
    load(locale)
      .then(
        (response) => response,
        (error: unknown): ErrorResponse => ({
          ok: false,
          error: errorMessage(error),
        }),
      )
      .then((response) => {
        if (live) setResult(response);
      });
    return () => {
      live = false;
    };
  }, [load, locale]);

  let body: ComponentChildren;
  if (result === null) body = <p>{t('ui.popup.deadlines.loading')}</p>;
  else if (!result.ok) {
    // The message ends the sentence itself ("…: {error}. …"): no second full stop.
    const error = result.error.replace(/[.\s]+$/, '');
    body = (
      <p role="alert">
        {result.problem
          ? t(`ui.popup.deadlines.${result.problem}`)
          : t('ui.popup.deadlines.error', { error })}
      </p>
    );
  } else {
    const left = [
      result.stale > 0 ? t('ui.popup.deadlines.stale', { count: result.stale }) : '',
      result.failed > 0 ? t('ui.popup.deadlines.failed', { count: result.failed }) : '',
    ].filter(Boolean);
    const groups = groupByActor(result.claims, filter);
    const list = (claims: PendingClaim[], key: 'yours' | 'others') =>
      claims.length > 0 && (
        <>
          <h3 id={`cg-deadlines-${key}`}>{t(`ui.popup.deadlines.${key}`)}</h3>
          <ul class="cg-deadlines" aria-labelledby={`cg-deadlines-${key}`} data-testid={`popup-${key}`}>
            {claims.map((claim) => (
              <PendingClaimItem key={claim.claimId} claim={claim} t={t} />
            ))}
          </ul>
        </>
      );
    body = (
      <>
        {result.claims.length === 0 ? (
          <p>{t('ui.popup.deadlines.none')}</p>
        ) : (
          <>
            <ActorChoice value={filter} onChange={setFilter} t={t} />
            {groups.yours.length + groups.others.length === 0 && (
              <p data-testid="popup-none-for">{t('ui.popup.deadlines.noneFor')}</p>
            )}
            {list(groups.yours, 'yours')}
            {list(groups.others, 'others')}
          </>
        )}
        <p class="cg-note">{[t('ui.popup.deadlines.source'), ...left].join(' ')}</p>
      </>
    );
  }
  return (
    <section aria-labelledby="cg-deadlines-title" aria-busy={result === null} data-testid="popup-deadlines">
      <h2 id="cg-deadlines-title">{t('ui.popup.deadlines.title')}</h2>
      {body}
    </section>
  );
}

const ACTOR_CHOICES: readonly ActorFilter[] = ['all', 'partner', 'microsoft', 'customer'];

/** Whose deadlines to show: radio buttons, so arrow keys move between them. */
function ActorChoice({
  value,
  onChange,
  t,
}: {
  value: ActorFilter;
  onChange: (value: ActorFilter) => void;
  t: Translate;
}) {
  return (
    <fieldset class="cg-actor-choice" data-testid="popup-actor">
      <legend>{t('ui.popup.deadlines.whose')}</legend>
      {ACTOR_CHOICES.map((actor) => (
        <label key={actor}>
          <input
            type="radio"
            name="cg-actor"
            value={actor}
            checked={value === actor}
            onChange={() => onChange(actor)}
          />{' '}
          {t(`ui.popup.deadlines.actor.${actor}`)}
        </label>
      ))}
    </fieldset>
  );
}

function PendingClaimItem({ claim, t }: { claim: PendingClaim; t: Translate }) {
  const first = claim.badge.lines[0]!;
  const colours = BADGE_COLOURS[first.level];
  const name = t('ui.popup.deadlines.claim', { claimId: claim.claimId });
  return (
    <li data-claim-id={claim.claimId} data-level={first.level}>
      <span
        class="cg-badge"
        style={{ color: colours.fg, background: colours.bg, borderColor: colours.border }}
        aria-hidden="true"
      >
        {first.short}
      </span>{' '}
      <strong>
        {claim.url ? (
          <a href={claim.url} target="_blank" rel="noreferrer" data-testid="popup-claim-link">
            {name}
          </a>
        ) : (
          name
        )}
      </strong>
      <span class="cg-status"> · {claim.status}</span>
      <ul>
        {claim.badge.lines.map((line) => (
          <li key={`${line.clockId}|${line.start}`}>
            {t(line.detail ? 'ui.overlay.lineWithDetail' : 'ui.overlay.line', {
              label: line.label,
              relative: line.relative,
              detail: line.detail,
            })}
          </li>
        ))}
      </ul>
    </li>
  );
}
