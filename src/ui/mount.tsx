/**
 * Mounts a page of the extension with the built-in pack, or with the active pack (a policy
 * owner's imported one, src/packs). If the built-in pack cannot be loaded (a build defect), the
 * page says so in both languages rather than staying blank.
 */
import { type ComponentChild, render } from 'preact';
import { defaultPack } from '../rules/default-pack';
import type { RulePack } from '../rules/types';
import { showPackFailure } from './pack-failure';
import { pageLocale } from './page-locale';

// The page's language, also for the popup, which mounts without a pack (src/ui/page-locale.ts).
export { LANGUAGE_WAIT_MS, pageLocale } from './page-locale';

/** Mounts a page with the built-in pack, in the partner's chosen language (`chosen`) or the browser's. */
export function mountWithPack(
  root: HTMLElement,
  view: (pack: RulePack, locale: string) => ComponentChild,
  chosen?: () => Promise<string | undefined>,
): Promise<string> {
  return pageLocale(chosen).then((locale) => {
    renderWith(root, view, defaultPack, locale);
    return locale;
  });
}

function renderWith(
  root: HTMLElement,
  view: (pack: RulePack, locale: string) => ComponentChild,
  pack: () => RulePack,
  locale: string,
) {
  document.documentElement.lang = locale.split('-')[0] ?? 'en';
  try {
    render(view(pack(), locale), root);
  } catch (error) {
    showPackFailure(root, error);
  }
}

/**
 * Mounts a page with the active rule pack: the built-in one at once, then the active one when it
 * differs (an IndexedDB read). Any trouble reading it keeps the built-in pack (src/packs falls
 * back the same way and lists why on the options page).
 */
export function mountWithActivePack(
  root: HTMLElement,
  view: (pack: RulePack, locale: string) => ComponentChild,
  active: () => Promise<RulePack>,
  chosen?: () => Promise<string | undefined>,
) {
  const activePack = active();
  void mountWithPack(root, view, chosen).then((locale) =>
    activePack
      .then((pack) => {
        if (pack !== defaultPack()) renderWith(root, view, () => pack, locale);
      })
      .catch((error: unknown) =>
        console.warn('[cpor-guard] active rule pack; using the built-in one', error),
      ),
  );
}
