/**
 * What the toolbar popup shows around its list, made by the background from the rules in use
 * (issue 14): the popup paints from it without loading and checking a rule pack of its own (its
 * start took about 240 ms, most of it the pack's code and validation). Pure: the background
 * answers 'cpor/popup' with it; the popup formats its messages (src/ui/popup/texts.ts).
 */
import { chosenValue, localize, type MessageValue } from '../i18n/format';
import { LIST_PAGE_ID } from '../rules/ids';
import type { RulePack } from '../rules/types';

export interface PopupShell {
  /** Each message the popup uses, in the language chosen for the asked locale (as formatMessage chooses it). */
  messages: Record<string, { locale: string; value: MessageValue }>;
  /** The rules in use, as the popup names them. */
  packName: string;
  packVersion: string;
  /** The claims list's address (claimsListUrl), when the pack has one. */
  dashboard?: string;
}

/** The messages the popup shows: its own, the check page's link, and the lines of a claim's deadlines. */
export function isPopupMessage(key: string): boolean {
  return (
    key.startsWith('ui.popup.') ||
    key === 'ui.check.open' ||
    key === 'ui.overlay.line' ||
    key === 'ui.overlay.lineWithDetail'
  );
}

/**
 * The claims list's address: the first address of the list page in the pack's locators.json
 * without a wildcard (the popup's link, and where a reminder's click opens).
 */
export function claimsListUrl(pack: RulePack): string | undefined {
  const page = pack.locators.pages.find((p) => p.id === LIST_PAGE_ID);
  return page?.urlPatterns.find((pattern) => !pattern.includes('*'));
}

export function popupShell(pack: RulePack, locale: string): PopupShell {
  const messages: PopupShell['messages'] = {};
  for (const key of Object.keys(pack.messages.messages)) {
    if (!isPopupMessage(key)) continue;
    const chosen = chosenValue(pack, key, locale);
    if (chosen) messages[key] = chosen;
  }
  const dashboard = claimsListUrl(pack);
  return {
    messages,
    packName: localize(pack.pack.name, locale, pack.pack.defaultLocale),
    packVersion: pack.pack.version,
    ...(dashboard === undefined ? {} : { dashboard }),
  };
}
