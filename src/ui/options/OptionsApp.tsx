/**
 * The options page: the partner's working days (region and preview), the active rule pack (what
 * it holds, where sources disagree, its sources) and a check of a policy owner's own rule files.
 */
import { useState } from 'preact/hooks';
import { formatMessage, localize } from '../../i18n/format';
import { PACK_FILE_KINDS, packFileOf } from '../../rules/kinds';
import { formatProblem } from '../../rules/problems';
import type { RulePack } from '../../rules/types';
import { partnerRegionEditable, type SettingsStorage } from '../../settings/settings';
import { checkRuleFiles, type FileCheck } from './check-files';
import { WorkingDays } from './WorkingDays';

export function OptionsApp({
  pack,
  locale,
  checkUrl,
  settingsStorage,
}: {
  pack: RulePack;
  locale: string;
  checkUrl: string;
  settingsStorage: SettingsStorage;
}) {
  const t = (key: string, params = {}) => formatMessage(pack, key, locale, params);
  const text = (value: Record<string, string>) => localize(value, locale, pack.pack.defaultLocale);
  const clocks = new Set(pack.statuses.statuses.flatMap((s) => s.clocks.map((c) => c.id)));
  return (
    <main class="cg-options">
      <h1>{t('ui.options.title')}</h1>
      <p>
        <a href={checkUrl} data-testid="open-check">
          {t('ui.check.open')}
        </a>
      </p>
      {partnerRegionEditable(pack) && (
        <WorkingDays pack={pack} locale={locale} storage={settingsStorage} t={t} />
      )}
      <section aria-labelledby="active-pack">
        <h2 id="active-pack">{t('ui.options.activePack')}</h2>
        <p data-testid="pack-summary">
          {t('ui.options.packSummary', {
            name: text(pack.pack.name),
            version: pack.pack.version,
            statuses: pack.statuses.statuses.length,
            clocks: clocks.size,
            fields: pack.fields.fields.length,
            reasons: pack.reasons.actionRequired.length + pack.reasons.rejection.length,
            locales: pack.pack.locales.join(', '),
          })}
        </p>
        <p data-testid="pack-valid">{t('ui.options.packValid')}</p>
        <h3>{t('ui.options.decisions')}</h3>
        <dl>
          {pack.pack.decisions.map((d) => (
            <div key={d.id}>
              <dt>{text(d.topic)}</dt>
              <dd>{text(d.decision)}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('ui.options.sources')}</h3>
        <ul>
          {Object.entries(pack.pack.sources).map(([key, s]) => (
            <li key={key}>
              [{key}] {s.title} ({s.date})
            </li>
          ))}
        </ul>
      </section>
      <CheckFiles pack={pack} t={t} />
    </main>
  );
}

function CheckFiles({
  t,
}: {
  pack: RulePack;
  t: (key: string, params?: Record<string, string | number>) => string;
}) {
  const [result, setResult] = useState<FileCheck | undefined>();
  const onChange = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    setResult(checkRuleFiles(texts));
  };
  const problems = result ? result.problems.length + result.unknown.length : 0;
  return (
    <section aria-labelledby="check-pack">
      <h2 id="check-pack">{t('ui.options.checkTitle')}</h2>
      <p>{t('ui.options.checkHelp')}</p>
      <label>
        {t('ui.options.chooseFiles')}{' '}
        <input
          type="file"
          accept=".json,application/json"
          multiple
          onChange={onChange}
          data-testid="pack-files"
        />
      </label>
      <div role="status" aria-live="polite" data-testid="check-result">
        {result && problems === 0 && <p>{t('ui.options.checkValid', { count: result.checked })}</p>}
        {result && problems > 0 && (
          <>
            <p>{t('ui.options.checkProblems', { count: problems })}</p>
            <ul class="cg-problems">
              {result.unknown.map((name) => (
                <li key={name}>
                  <code>{name}</code>{' '}
                  {t('ui.options.unknownFile', { files: PACK_FILE_KINDS.map(packFileOf).join(', ') })}
                </li>
              ))}
              {result.problems.map((p) => (
                <li key={formatProblem(p)}>
                  <code>{formatProblem(p)}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
