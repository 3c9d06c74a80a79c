/**
 * Texts from rule data, never concatenated in code: a message of messages.json (or any text per
 * language of a rule) in the user's language, with `{name}` placeholders filled in and plural
 * forms picked by Intl.PluralRules from `{count}`.
 */
import type { LocalizedText, RulePack } from '../rules/types';

export type MessageParams = Readonly<Record<string, string | number>>;
type Forms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
type MessageValue = string | Forms;

/** The language to show: the asked one, its base language ('nl' for 'nl-BE'), else the pack's default. */
export function pickLocale(available: readonly string[], wanted: string, fallback: string): string {
  if (available.includes(wanted)) return wanted;
  const base = wanted.split('-')[0]!;
  if (available.includes(base)) return base;
  return fallback;
}

export function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralRuleOf(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function pickForm(value: MessageValue, locale: string, params: MessageParams): string {
  if (typeof value === 'string') return value;
  const count = Number(params.count ?? 0);
  const rule = pluralRuleOf(locale, count);
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

/** A message of messages.json; a missing key shows the key itself, so the gap is visible. */
export function formatMessage(
  pack: RulePack,
  key: string,
  locale: string,
  params: MessageParams = {},
): string {
  const message = pack.messages.messages[key] as Record<string, MessageValue> | undefined;
  if (!message) return key;
  const chosen = pickLocale(Object.keys(message), locale, pack.pack.defaultLocale);
  const value = message[chosen];
  if (value === undefined) return key;
  return fillPlaceholders(pickForm(value, chosen, params), params);
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
