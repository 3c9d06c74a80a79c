/**
 * The options page's "Language and reminders": the language of cpor-guard's own pages and
 * reminders (the browser's by default; the badges on Partner Center speak the page's language),
 * reminders as notifications on or off, and, where the rules allow it (statuses.json
 * `warningAdjustable`), how early a deadline turns into a warning. Each change is saved at once (src/settings
 * updateSettings keeps the other settings), and a new language redraws the page in it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { holidayRegionCatalog } from '../../deadlines/holiday-table';
import { localize } from '../../i18n/format';
import type { RulePack } from '../../rules/types';
import {
  adjustableWarnings,
  readSettingsValue,
  type Settings,
  type SettingsStorage,
  updateSettings,
} from '../../settings/settings';
import { browserLocale } from '../locale';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A language's name in that language ("Nederlands"), or its tag when the browser has none. */
function autonym(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The value of the language choice that means "the browser's language". */
const BROWSER = '';

export function Preferences({
  pack,
  locale,
  storage,
  t,
  onLanguageChange,
}: {
  /** The active pack: its languages, and the clocks whose warning the partner may move. */
  pack: RulePack;
  locale: string;
  storage: SettingsStorage;
  t: Translate;
  /** Called after a new language is saved (the page is drawn again in it). */
  onLanguageChange: () => void;
}) {
  const catalog = useMemo(() => holidayRegionCatalog(), []);
  const [settings, setSettings] = useState<Settings | undefined>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    let live = true;
    storage
      .read()
      .then(
        (stored) => readSettingsValue(stored, catalog).settings,
        () => ({}),
      )
      .then((read) => {
        if (live) setSettings(read);
      });
    return () => {
      live = false;
    };
  }, [storage, catalog]);
  const adjustable = useMemo(() => adjustableWarnings(pack), [pack]);
  if (!settings) return null;

  const save = async (change: Settings) => {
    try {
      setSettings(await updateSettings(storage, change, catalog));
      setStatus(t('ui.options.preferences.saved'));
      if ('language' in change) onLanguageChange();
    } catch (error) {
      console.warn('[cpor-guard] settings not saved', error);
      setStatus(t('ui.options.preferences.saveFailed', { error: String((error as Error).message ?? error) }));
    }
  };

  return (
    <section aria-labelledby="preferences" data-testid="preferences">
      <h3 id="preferences">{t('ui.options.preferences.title')}</h3>
      <p class="cg-field">
        <label for="cg-language">{t('ui.options.preferences.language')}</label>
        <select
          id="cg-language"
          data-testid="preferences-language"
          value={settings.language ?? BROWSER}
          onChange={(event) => {
            const value = (event.target as HTMLSelectElement).value;
            void save({ language: value === BROWSER ? undefined : value });
          }}
        >
          <option value={BROWSER}>
            {t('ui.options.preferences.browserLanguage', { name: autonym(browserLocale()) })}
          </option>
          {pack.pack.locales.map((tag) => (
            <option key={tag} value={tag} lang={tag}>
              {autonym(tag)}
            </option>
          ))}
        </select>
        <span class="cg-help">{t('ui.options.preferences.languageHelp')}</span>
      </p>
      <p class="cg-field">
        <label>
          <input
            type="checkbox"
            data-testid="preferences-reminders"
            checked={settings.reminders !== false}
            onChange={(event) => void save({ reminders: (event.target as HTMLInputElement).checked })}
          />{' '}
          {t('ui.options.preferences.reminders')}
        </label>
        <span class="cg-help">{t('ui.options.preferences.remindersHelp')}</span>
      </p>
      {adjustable.length > 0 && (
        <fieldset class="cg-warnings" data-testid="preferences-warnings">
          <legend>{t('ui.options.preferences.warnings')}</legend>
          <p class="cg-help">{t('ui.options.preferences.warningsHelp')}</p>
          {adjustable.map((clock) => {
            const id = `cg-warning-${clock.clockId}`;
            const value = settings.warningLevels?.[clock.clockId] ?? clock.default;
            return (
              <p class="cg-field" key={clock.clockId}>
                <label for={id}>{localize(clock.label, locale, pack.pack.defaultLocale)}</label>
                <span>
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={clock.min}
                    max={clock.max}
                    step={1}
                    value={value}
                    data-testid={`preferences-warning-${clock.clockId}`}
                    onChange={(event) => {
                      const days = Number((event.target as HTMLInputElement).value);
                      if (!Number.isFinite(days) || days < clock.min || days > clock.max) {
                        setStatus(
                          t('ui.options.preferences.warningOutOfRange', { min: clock.min, max: clock.max }),
                        );
                        return;
                      }
                      const levels = { ...settings.warningLevels };
                      if (days === clock.default) delete levels[clock.clockId];
                      else levels[clock.clockId] = days;
                      void save({ warningLevels: Object.keys(levels).length > 0 ? levels : undefined });
                    }}
                  />{' '}
                  {t(
                    clock.unit === 'business-days'
                      ? 'ui.options.preferences.businessDaysLeft'
                      : 'ui.options.preferences.daysLeft',
                    {
                      default: clock.default,
                    },
                  )}
                </span>
              </p>
            );
          })}
        </fieldset>
      )}
      <div role="status" aria-live="polite" data-testid="preferences-status">
        {status && <p>{status}</p>}
      </div>
    </section>
  );
}
