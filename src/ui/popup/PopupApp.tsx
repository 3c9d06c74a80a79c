import { formatMessage, localize } from '../../i18n/format';
import type { RulePack } from '../../rules/types';

export function PopupApp({
  pack,
  locale,
  onOpenOptions,
  checkUrl,
}: {
  pack: RulePack;
  locale: string;
  onOpenOptions: () => void;
  /** The extension's check page (the entrypoint knows its URL). */
  checkUrl: string;
}) {
  const t = (key: string, params = {}) => formatMessage(pack, key, locale, params);
  const dashboard = pack.locators.pages[0]?.urlPatterns[0];
  return (
    <main class="cg-popup">
      <h1>{t('ui.popup.title')}</h1>
      <p>{t('ui.popup.intro')}</p>
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
