/**
 * "Your working days" of the options page: the partner picks the holiday region of their own
 * working days (when the pack's partner calendar is userEditable), saves it, and sees the days
 * off besides weekends of one year for Microsoft's calendar and for the chosen region.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  defaultHolidayRange,
  holidayCountries,
  holidayRegionCatalog,
  holidayStates,
} from '../../deadlines/holiday-table';
import { localize, pickLocale } from '../../i18n/format';
import type { RulePack } from '../../rules/types';
import {
  calendarsWithSettings,
  loadSettings,
  type Region,
  type Settings,
  type SettingsStorage,
  updateSettings,
} from '../../settings/settings';
import { daysOffPreview, formatDayOff } from './working-days-preview';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export function WorkingDays({
  pack,
  locale,
  storage,
  t,
  now = new Date(),
}: {
  pack: RulePack;
  locale: string;
  storage: SettingsStorage;
  t: Translate;
  now?: Date;
}) {
  const lang = pickLocale(pack.pack.locales, locale, pack.pack.defaultLocale);
  const catalog = useMemo(() => holidayRegionCatalog(), []);
  const countries = useMemo(() => holidayCountries(lang), [lang]);
  const [region, setRegion] = useState<Region | undefined>();
  const [status, setStatus] = useState('');
  const range = defaultHolidayRange(now);
  const [year, setYear] = useState(now.getUTCFullYear());

  useEffect(() => {
    let live = true;
    void loadSettings(storage, pack, catalog).then((settings) => {
      if (live) setRegion(settings.partnerRegion);
    });
    return () => {
      live = false;
    };
  }, [storage, pack, catalog]);

  const states = useMemo(() => (region ? holidayStates(region.country, lang) : []), [region?.country, lang]);
  const regionName = (r: Region) => {
    const country = countries.find((c) => c.code === r.country)?.name ?? r.country;
    const state = r.state ? holidayStates(r.country, lang).find((s) => s.code === r.state)?.name : undefined;
    return state ? `${country}, ${state}` : country;
  };
  const preview = useMemo(() => {
    const settings: Settings = region ? { partnerRegion: region } : {};
    return daysOffPreview(calendarsWithSettings(pack, settings), year, locale, pack.pack.defaultLocale);
  }, [pack, region?.country, region?.state, year, locale]);

  if (!region) return null;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    try {
      await updateSettings(storage, { partnerRegion: region }, catalog);
      setStatus(t('ui.options.workingDays.saved', { region: regionName(region) }));
    } catch (error) {
      console.warn('[cpor-guard] settings not saved', error);
      setStatus(t('ui.options.workingDays.saveFailed', { error: String((error as Error).message ?? error) }));
    }
  };
  const years: number[] = [];
  for (let y = range.fromYear; y <= range.toYear; y++) years.push(y);

  return (
    <section aria-labelledby="working-days" data-testid="working-days">
      <h3 id="working-days">{t('ui.options.workingDays.title')}</h3>
      <p>{t('ui.options.workingDays.help')}</p>
      <form class="cg-working-days" onSubmit={onSubmit}>
        <label>
          {t('ui.options.workingDays.country')}{' '}
          <select
            data-testid="partner-country"
            value={region.country}
            onChange={(e) => {
              setRegion({ country: (e.currentTarget as HTMLSelectElement).value });
              setStatus('');
            }}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {states.length > 0 && (
          <label>
            {t('ui.options.workingDays.state')}{' '}
            <select
              data-testid="partner-state"
              value={region.state ?? ''}
              onChange={(e) => {
                const state = (e.currentTarget as HTMLSelectElement).value;
                setRegion(state ? { country: region.country, state } : { country: region.country });
                setStatus('');
              }}
            >
              <option value="">{t('ui.options.workingDays.wholeCountry')}</option>
              {states.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" data-testid="save-working-days">
          {t('ui.options.workingDays.save')}
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="working-days-status">
        {status}
      </p>
      <h4>{t('ui.options.workingDays.previewTitle')}</h4>
      <label>
        {t('ui.options.workingDays.year')}{' '}
        <select
          data-testid="preview-year"
          value={String(year)}
          onChange={(e) => setYear(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <div class="cg-days-off">
        {preview.map(({ calendar, days }) => (
          <div key={calendar.id} data-testid={`days-off-${calendar.id}`}>
            <h5>
              {t('ui.options.workingDays.previewCalendar', {
                calendar: localize(calendar.label, locale, pack.pack.defaultLocale),
                region: regionName(calendar.region),
              })}
            </h5>
            {days.length === 0 ? (
              <p>{t('ui.options.workingDays.noDaysOff')}</p>
            ) : (
              <ul>
                {days.map((d) => (
                  <li key={d.date} data-date={d.date}>
                    <time dateTime={d.date}>{formatDayOff(d.date, locale)}</time>
                    {d.name && ` — ${d.name}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
