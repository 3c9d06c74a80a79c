/**
 * Mounts a page of the extension with the built-in pack. If the pack cannot be loaded (a build
 * defect), the page says so in both languages rather than staying blank.
 */
import { type ComponentChild, render } from 'preact';
import { defaultPack } from '../rules/default-pack';
import type { RulePack } from '../rules/types';
import { browserLocale } from './locale';

export function mountWithPack(root: HTMLElement, view: (pack: RulePack, locale: string) => ComponentChild) {
  const locale = browserLocale();
  document.documentElement.lang = locale.split('-')[0] ?? 'en';
  try {
    render(view(defaultPack(), locale), root);
  } catch (error) {
    console.error('[cpor-guard] rule pack', error);
    render(
      <p role="alert">
        cpor-guard: the built-in rules could not be loaded ({String((error as Error).message).split('\n')[0]}
        ). / De ingebouwde regels konden niet worden geladen.
      </p>,
      root,
    );
  }
}
