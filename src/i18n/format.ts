/**
 * Texts from rule data, never concatenated in code: a message of messages.json (or any text per
 * language of a rule) in the user's language, with `{name}` placeholders filled in and plural
 * forms picked by Intl.PluralRules from `{count}`.
 */
import type { LocalizedText, RulePack } from '../rules/types';

export type MessageParams = Readonly<Record<string, string | number>>;
type Forms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type MessageValue = string | Forms;

/** The language to show: the asked one, its base language ('nl' for 'nl-BE'), else the pack's default. */
export function pickLocale(available: readonly string[], wanted: string, fallback: string): string {
  if (available.includes(wanted)) return wanted;
  const base = wanted.split('-')[0]!;
  if (available.includes(base)) return base;
  return fallback;
}

export function fillPlaceholders(template: string, params: MessageParams): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/**
 * Intl formatters, created once per locale and options and kept for the page's life: creating one
 * costs far more than using it (a 1,000-row list formats thousands of dates and plurals). The one
 * cache of them for src/ (countdowns, plurals): same locale and same options (as JSON), same
 * formatter.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
/** The default options: no JSON of them in the cache's key (plurals are asked for thousands of times). */
const NO_OPTIONS = {};
export function cachedDateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}
export function cachedNumberFormat(
  locale: string,
  options: Intl.NumberFormatOptions = NO_OPTIONS,
): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}
export function cachedPluralRules(
  locale: string,
  options: Intl.PluralRulesOptions = NO_OPTIONS,
): Intl.PluralRules {
  return cached('plural', locale, options, () => new Intl.PluralRules(locale, options));
}
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object,
  create: () => T,
): T {
  const key = `${kind}|${locale}|${options === NO_OPTIONS ? '' : JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

function pickForm(value: MessageValue, locale: string, params: MessageParams): string {
  if (typeof value === 'string') return value;
  const count = Number(params.count ?? 0);
  const rule = cachedPluralRules(locale).select(count);
  return (count === 0 ? value.zero : undefined) ?? value[rule] ?? value.other;
}

/** A text of a rule (e.g. a status label) in the user's language. */
export function localize(
  text: LocalizedText,
  locale: string,
  fallback: string,
  params: MessageParams = {},
): string {
  const chosen = pickLocale(Object.keys(text), locale, fallback);
  return fillPlaceholders(text[chosen] ?? Object.values(text)[0] ?? '', params);
}

/**
 * The chosen form of each message per pack and locale: picking the language of a message is the
 * same every time, and a long list asks for the same few messages thousands of times.
 */
const chosenValues = new WeakMap<RulePack, Map<string, { locale: string; value: MessageValue } | null>>();

/** The value of message `key` in the language chosen for `locale` (pickLocale), or null when it has none. */
export function chosenValue(
  pack: RulePack,
  key: string,
  locale: string,
): { locale: string; value: MessageValue } | null {
  let values = chosenValues.get(pack);
  if (!values) {
    values = new Map();
    chosenValues.set(pack, values);
  }
  const cacheKey = `${locale}\u0000${key}`;
  let chosen = values.get(cacheKey);
  if (chosen === undefined) {
    const message = pack.messages.messages[key] as Record<string, MessageValue> | undefined;
    const picked = message ? pickLocale(Object.keys(message), locale, pack.pack.defaultLocale) : '';
    const value = message?.[picked];
    chosen = value === undefined ? null : { locale: picked, value };
    values.set(cacheKey, chosen);
  }
  return chosen;
}

/** A message of messages.json; a missing key shows the key itself, so the gap is visible. */
export function formatMessage(
  pack: RulePack,
  key: string,
  locale: string,
  params: MessageParams = {},
): string {
  const chosen = chosenValue(pack, key, locale);
  if (!chosen) return key;
  return formatValue(chosen.value, chosen.locale, params);
}

/** A message's value in one language (as chosen for `locale`), its plural form picked and placeholders filled in. */
export function formatValue(value: MessageValue, locale: string, params: MessageParams = {}): string {
  return fillPlaceholders(pickForm(value, locale, params), params);
}

/** The same message in every language of the pack, e.g. for a finding shown later in any language. */
export function formatMessageAll(
  pack: RulePack,
  key: string,
  params: (locale: string) => MessageParams,
): LocalizedText {
  const out: LocalizedText = {};
  for (const locale of pack.pack.locales) out[locale] = formatMessage(pack, key, locale, params(locale));
  return out;
}
