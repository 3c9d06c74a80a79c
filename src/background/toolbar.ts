/**
 * The toolbar icon's count, without browser API (entrypoints/background.ts passes the action
 * calls): on a dashboard tab, how many of its claims need attention (or have a running deadline),
 * as that tab's content script summed them; on every other tab, the same over all the claims kept
 * on this computer. A tab's own count is shown there instead of the general one.
 */
import { formatMessage, pickLocale } from '../i18n/format';
import { BADGE_COLOURS, levelRank, type PageSummary, summarizeBadges } from '../overlay/badges';
import type { RulePack } from '../rules/types';
import type { OverlayService } from './overlay-service';

export interface ToolbarIcon {
  /** The count, or '' for none. */
  text: string;
  colour: string;
  /** The icon's tooltip, in the page's (or browser's) language. */
  title: string;
}

/** What the icon shows for a summary: the attention count if any, else the pending one, coloured by the most pressing level. */
export function toolbarIcon(pack: RulePack, summary: PageSummary, locale: string): ToolbarIcon {
  const lang = pickLocale(pack.pack.locales, locale, pack.pack.defaultLocale);
  const count = summary.attention > 0 ? summary.attention : summary.pending;
  const title =
    count === 0
      ? formatMessage(pack, 'ui.popup.title', lang)
      : formatMessage(pack, summary.attention > 0 ? 'ui.toolbar.attention' : 'ui.toolbar.pending', lang, {
          count,
        });
  // A summary comes from a content script: a level this code does not know gets the running colour.
  const level = summary.level && levelRank(summary.level) >= 0 ? summary.level : 'running';
  return { text: count > 0 ? String(count) : '', colour: BADGE_COLOURS[level].accent, title };
}

/** The browser's action calls (MV3 `action`, MV2 `browserAction`), and whether a tab still exists. */
export interface ToolbarApi {
  setBadgeText(details: { tabId?: number; text: string }): Promise<unknown>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<unknown>;
  setTitle(details: { tabId?: number; title: string }): Promise<unknown>;
  tabExists(tabId: number): Promise<boolean>;
}

/** Shows `icon` on the tab (or, without one, as every tab's default). */
export async function showToolbarIcon(
  api: ToolbarApi,
  icon: ToolbarIcon,
  tabId: number | undefined,
): Promise<void> {
  const where = tabId === undefined ? {} : { tabId };
  try {
    await api.setBadgeText({ ...where, text: icon.text });
    await api.setBadgeBackgroundColor({ ...where, color: icon.colour });
    await api.setTitle({ ...where, title: icon.title });
  } catch (error) {
    if (tabId === undefined) throw error;
    // The tab may have closed while its summary was on the way (reading the active pack is
    // asynchronous): there is no icon to update then. Anything else is reported.
    if (await api.tabExists(tabId)) throw error;
  }
}

/** A dashboard tab's own count. */
export async function showTabSummary(
  service: Pick<OverlayService, 'pack'>,
  api: ToolbarApi,
  tabId: number,
  summary: PageSummary,
  locale: string,
): Promise<void> {
  await showToolbarIcon(api, toolbarIcon(await service.pack(), summary, locale), tabId);
}

/** Every other tab's count: over the claims kept on this computer, in the browser's language. */
export async function showStoredSummary(
  service: Pick<OverlayService, 'pack' | 'deadlines'>,
  api: ToolbarApi,
  language: string,
  now: number,
): Promise<void> {
  const pack = await service.pack();
  const locale = pickLocale(pack.pack.locales, language, pack.pack.defaultLocale);
  const deadlines = await service.deadlines(now, locale);
  if (!deadlines.ok) {
    console.warn('[cpor-guard] toolbar count:', deadlines.error);
    return;
  }
  const summary = summarizeBadges(deadlines.claims.map((c) => c.badge));
  await showToolbarIcon(api, toolbarIcon(pack, summary, locale), undefined);
}
