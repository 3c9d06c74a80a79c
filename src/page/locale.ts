/**
 * Languages and status texts as the page readers (read-list.ts, read-detail.ts) choose them: the
 * page's `lang` tag mapped to a locale of the pack, the formats of that locale (a region's own
 * first, e.g. 'en-GB'), and every status text of the pack with the page's language first.
 */
import type { RulePack } from '../rules/types';
import { foldText } from '../text/fold';

/** 'nl-nl' → 'nl-NL', 'EN_us' → 'en-US', 'nl' → 'nl'; null for no tag. */
export function canonicalTag(tag: string | null | undefined): string | null {
  const [language, region] = (tag ?? '').trim().split(/[-_]/);
  if (!language) return null;
  return region && /^[a-z]{2}$/i.test(region)
    ? `${language.toLowerCase()}-${region.toUpperCase()}`
    : language.toLowerCase();
}

/** The `lang` that applies to a document (its root element's) or an element (its nearest), canonical. */
export function langOf(root: Document | Element): string | null {
  return canonicalTag(
    root.nodeType === 9
      ? (root as Document).documentElement?.getAttribute('lang')
      : (root as Element).closest('[lang]')?.getAttribute('lang'),
  );
}

export const languageOf = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The pack locale the `lang` tag names: the exact tag ('nl-BE'), else its language ('nl'). */
export function packLocaleOf(lang: string | null, locales: readonly string[]): string | null {
  if (!lang) return null;
  if (locales.includes(lang)) return lang;
  const language = languageOf(lang);
  return locales.find((l) => l === language) ?? locales.find((l) => languageOf(l) === language) ?? null;
}

/** The formats of `locale`, those of the page's region first when the rules list it ('en-GB'). */
export function formatsFor(
  formats: Record<string, readonly string[]> | undefined,
  locale: string,
  lang: string | null,
): readonly string[] {
  if (lang && lang !== locale && languageOf(lang) === languageOf(locale) && formats?.[lang])
    return formats[lang];
  return formats?.[locale] ?? [];
}

const statusTextCache = new WeakMap<RulePack, Map<string, Map<string, string>>>();

/**
 * Status texts of every locale of the pack (folded, see foldText) → status id, those of `locale`
 * first: labels, then aliases, so a label of the page's language beats anything else.
 */
export function statusTexts(pack: RulePack, locale: string): Map<string, string> {
  let byLocale = statusTextCache.get(pack);
  if (!byLocale) {
    byLocale = new Map();
    statusTextCache.set(pack, byLocale);
  }
  const known = byLocale.get(locale);
  if (known) return known;
  const map = new Map<string, string>();
  const add = (text: string, id: string) => {
    const folded = foldText(text);
    if (folded !== '' && !map.has(folded)) map.set(folded, id);
  };
  for (const inLocale of [true, false]) {
    const matches = (key: string) => (languageOf(key) === languageOf(locale)) === inLocale;
    for (const status of pack.statuses.statuses)
      for (const [key, text] of Object.entries(status.label)) if (matches(key)) add(text, status.id);
    for (const status of pack.statuses.statuses)
      for (const [key, texts] of Object.entries(status.aliases ?? {}))
        if (matches(key)) for (const text of texts) add(text, status.id);
  }
  byLocale.set(locale, map);
  return map;
}
