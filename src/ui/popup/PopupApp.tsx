import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeadlinesPageResponse, ErrorResponse } from '../../messaging/protocol';
import { BADGE_COLOURS } from '../../overlay/badges';
import type { ActorFilter, PendingClaim } from '../../overlay/pending';
import { errorMessage } from '../../platform/error-message';
import type { PopupTexts, Translate } from './texts';

export function PopupApp({
  texts,
  locale,
  onOpenOptions,
  checkUrl,
  loadDeadlines,
  observeEnd = observeEndInView,
}: {
  /** The texts and the rules' name, from the background (src/overlay/popup-shell.ts, src/ui/popup/texts.ts). */
  texts: PopupTexts;
  locale: string;
  onOpenOptions: () => void;
  /** The extension's check page (the entrypoint knows its URL). */
  checkUrl: string;
  /** Asks the background for a page of the pending deadlines of the claims kept on this computer. */
  loadDeadlines: LoadDeadlines;
  /** When the end of the list is in view (tests pass their own; default an IntersectionObserver). */
  observeEnd?: ObserveEnd;
}) {
  const { t, dashboard } = texts;
  return (
    <main class="cg-popup">
      <h1>{t('ui.popup.title')}</h1>
      <p>{t('ui.popup.intro')}</p>
      <Deadlines t={t} locale={locale} load={loadDeadlines} observeEnd={observeEnd} />
      <p data-testid="popup-pack">
        {t('ui.popup.activePack', { name: texts.packName, version: texts.packVersion })}
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

/** What the popup asks the background for: one page of the list (protocol 'cpor/deadlines'). */
export interface DeadlinesQuery {
  locale: string;
  actor: ActorFilter;
  offset: number;
  limit: number;
}

export type LoadDeadlines = (query: DeadlinesQuery) => Promise<DeadlinesPageResponse | ErrorResponse>;

/**
 * Calls `onEnd` when `element` (the end of the list) comes into view; returns the stop. The popup
 * is a small scrolling page: the next claims are asked for when the partner scrolls to its end.
 */
export type ObserveEnd = (element: Element, onEnd: () => void) => () => void;

const observeEndInView: ObserveEnd = (element, onEnd) => {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) onEnd();
  });
  observer.observe(element);
  return () => observer.disconnect();
};

/** Claims per page: the first paint of 10,000 claims kept shows this many (issue 14: about 40 KB). */
export const DEADLINES_PAGE = 50;

type Loaded = Omit<DeadlinesPageResponse, 'offset'>;

/** Asks for a page; a failure to send is an answer too (the background may be restarting). */
function ask(load: LoadDeadlines, query: DeadlinesQuery): Promise<DeadlinesPageResponse | ErrorResponse> {
  return load(query).then(
    (response) => response,
    (error: unknown): ErrorResponse => ({ ok: false, error: errorMessage(error) }),
  );
}

/** The pending deadlines of every claim seen on this computer, most pressing first, a page at a time. */
function Deadlines({
  t,
  locale,
  load,
  observeEnd,
}: {
  t: Translate;
  locale: string;
  load: LoadDeadlines;
  observeEnd: ObserveEnd;
}) {
  const [result, setResult] = useState<Loaded | ErrorResponse | null>(null);
  const [moreFailed, setMoreFailed] = useState<ErrorResponse | null>(null);
  const [filter, setFilter] = useState<ActorFilter>('all');
  /** The list being asked for: an answer for an older filter or locale is dropped. */
  const current = useRef(0);
  const loadingMore = useRef(false);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const id = ++current.current;
    loadingMore.current = false;
    setMoreFailed(null);
    ask(load, { locale, actor: filter, offset: 0, limit: DEADLINES_PAGE }).then((response) => {
      if (current.current === id) setResult(response);
    });
    return () => {
      current.current++;
    };
  }, [load, locale, filter]);

  const loaded = result?.ok ? result.claims.length : 0;
  const hasMore = result?.ok === true && loaded < result.total && moreFailed === null;
  useEffect(() => {
    const element = end.current;
    if (!hasMore || !element || !result?.ok) return;
    const id = current.current;
    return observeEnd(element, () => {
      if (loadingMore.current) return;
      loadingMore.current = true;
      ask(load, { locale, actor: filter, offset: loaded, limit: DEADLINES_PAGE }).then((response) => {
        if (current.current !== id) return;
        loadingMore.current = false;
        if (!response.ok) setMoreFailed(response);
        else
          setResult((shown) =>
            shown?.ok && shown.claims.length === response.offset
              ? { ...response, claims: shown.claims.concat(response.claims) }
              : shown,
          );
      });
    });
  }, [hasMore, loaded, result, load, locale, filter, observeEnd]);

  const failure = (error: ErrorResponse) => (
    // The message ends the sentence itself ("…: {error}. …"): no second full stop.
    <p role="alert">
      {error.problem
        ? t(`ui.popup.deadlines.${error.problem}`)
        : t('ui.popup.deadlines.error', { error: error.error.replace(/[.\s]+$/, '') })}
    </p>
  );

  let body: ComponentChildren;
  if (result === null) body = <p>{t('ui.popup.deadlines.loading')}</p>;
  else if (!result.ok) body = failure(result);
  else {
    const left = [
      result.stale > 0 ? t('ui.popup.deadlines.stale', { count: result.stale }) : '',
      result.failed > 0 ? t('ui.popup.deadlines.failed', { count: result.failed }) : '',
    ].filter(Boolean);
    // The background's order: the partner's claims (the first `yours`), then the others'.
    const yours = result.claims.slice(0, result.yours);
    const others = result.claims.slice(result.yours);
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
        {result.pending === 0 ? (
          <p>{t('ui.popup.deadlines.none')}</p>
        ) : (
          <>
            <ActorChoice value={filter} onChange={setFilter} t={t} />
            {result.total === 0 && <p data-testid="popup-none-for">{t('ui.popup.deadlines.noneFor')}</p>}
            {list(yours, 'yours')}
            {list(others, 'others')}
            {hasMore && (
              <div ref={end} class="cg-deadlines-end" data-testid="popup-more" aria-hidden="true" />
            )}
            {moreFailed && failure(moreFailed)}
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
