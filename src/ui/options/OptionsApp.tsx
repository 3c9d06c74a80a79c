/**
 * The options page, in two parts with a table of contents: "For you" (the partner's working days,
 * region and preview; the language and reminders; their data: backup, restore, deadlines to a calendar) and "Rules, for policy owners" (the active rule pack: what it holds, where
 * sources disagree, its sources; the organisation's policy if any; the rule packs a policy owner
 * imports, tests, compares and activates: RulePacks). The page's texts are the built-in pack's.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatMessage, localize } from '../../i18n/format';
import type { ManagedStatus } from '../../packs/managed';
import type { PackRepository } from '../../packs/repository';
import type { RulePack } from '../../rules/types';
import { partnerRegionEditable, type SettingsStorage } from '../../settings/settings';
import type { ClaimRecord } from '../../store';
import { ManagedRules } from './ManagedRules';
import { Preferences } from './Preferences';
import { RulePacks } from './RulePacks';
import { WorkingDays } from './WorkingDays';
import { type AskData, YourData } from './YourData';

export function OptionsApp({
  pack: builtin,
  locale,
  checkUrl,
  settingsStorage,
  repository,
  records,
  announce,
  managed,
  ask,
  onLanguageChange,
}: {
  pack: RulePack;
  locale: string;
  checkUrl: string;
  settingsStorage: SettingsStorage;
  repository: () => Promise<PackRepository>;
  records: () => Promise<ClaimRecord[]>;
  announce: () => Promise<void>;
  /** Applies the organisation's policy (src/packs/managed.ts) and says what it set. */
  managed: () => Promise<ManagedStatus>;
  /** The background's answers for "Your data" (backup, restore, calendar). */
  ask: AskData;
  /** Called when the partner chose another language for cpor-guard's pages. */
  onLanguageChange: () => void;
}) {
  const [pack, setPack] = useState(builtin);
  // The rule packs are shown once the policy is applied, so they show the pack it pinned.
  const [policy, setPolicy] = useState<ManagedStatus | null | undefined>();
  useEffect(() => {
    managed().then(setPolicy, (error: unknown) => {
      console.error('[cpor-guard] managed rule pack', error);
      setPolicy(null);
    });
  }, []);
  const t = (key: string, params = {}) => formatMessage(builtin, key, locale, params);
  const text = (value: Record<string, string>) => localize(value, locale, pack.pack.defaultLocale);
  const clocks = new Set(pack.statuses.statuses.flatMap((s) => s.clocks.map((c) => c.id)));
  const partnerPart = partnerRegionEditable(pack);
  return (
    <main class="cg-options">
      <header class="cg-options-header">
        <h1>{t('ui.options.title')}</h1>
        <p>{t('ui.options.intro')}</p>
        <p>
          <a href={checkUrl} data-testid="open-check">
            {t('ui.check.open')}
          </a>
        </p>
      </header>
      <nav class="cg-options-nav" aria-label={t('ui.options.nav')} data-testid="options-nav">
        <p class="cg-nav-part">{t('ui.options.part.you')}</p>
        <ul>
          {partnerPart && (
            <li>
              <a href="#working-days">{t('ui.options.workingDays.title')}</a>
            </li>
          )}
          <li>
            <a href="#preferences">{t('ui.options.preferences.title')}</a>
          </li>
          <li>
            <a href="#your-data">{t('ui.data.title')}</a>
          </li>
        </ul>
        <p class="cg-nav-part">{t('ui.options.part.rules')}</p>
        <ul>
          <li>
            <a href="#active-pack">{t('ui.options.activePack')}</a>
          </li>
          {policy?.managed && (
            <li>
              <a href="#managed-rules">{t('ui.managed.title')}</a>
            </li>
          )}
          <li>
            <a href="#rule-packs">{t('ui.packs.title')}</a>
          </li>
        </ul>
      </nav>
      <div class="cg-options-parts">
        <div class="cg-part" data-testid="part-you">
          <h2 id="part-you">{t('ui.options.part.you')}</h2>
          <p class="cg-part-intro">{t('ui.options.part.youIntro')}</p>
          {partnerPart && <WorkingDays pack={pack} locale={locale} storage={settingsStorage} t={t} />}
          <Preferences
            pack={pack}
            locale={locale}
            storage={settingsStorage}
            t={t}
            onLanguageChange={onLanguageChange}
          />
          <YourData ui={builtin} locale={locale} t={t} ask={ask} />
        </div>
        <div class="cg-part" data-testid="part-rules">
          <h2 id="part-rules">{t('ui.options.part.rules')}</h2>
          <p class="cg-part-intro">{t('ui.options.part.rulesIntro')}</p>
          <section aria-labelledby="active-pack">
            <h3 id="active-pack">{t('ui.options.activePack')}</h3>
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
            <h4>{t('ui.options.decisions')}</h4>
            <dl>
              {pack.pack.decisions.map((d) => (
                <div key={d.id}>
                  <dt>{text(d.topic)}</dt>
                  <dd>{text(d.decision)}</dd>
                </div>
              ))}
            </dl>
            <h4>{t('ui.options.sources')}</h4>
            <ul>
              {Object.entries(pack.pack.sources).map(([key, s]) => (
                <li key={key}>
                  [{key}] {s.title} ({s.date})
                </li>
              ))}
            </ul>
          </section>
          {policy?.managed && <ManagedRules status={policy} t={t} />}
          {policy !== undefined && (
            <RulePacks
              ui={builtin}
              locale={locale}
              t={t}
              repository={repository}
              records={records}
              announce={announce}
              onActive={setPack}
              locked={policy?.locked ?? false}
            />
          )}
        </div>
      </div>
    </main>
  );
}
