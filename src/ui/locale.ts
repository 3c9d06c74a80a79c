/**
 * The language of cpor-guard's own pages: the browser's UI language when the pack has it, else
 * the pack's default (src/i18n/format.ts falls back the same way).
 */
export function browserLocale(): string {
  const language = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return language || 'en';
}
