import { describe, expect, it } from 'vitest';
import { fillPlaceholders, formatMessage, pickLocale } from '../src/i18n/format';
import { testPack } from './fixtures/packs';

describe('messages from rule data', () => {
  const pack = testPack();

  it('picks the plural form by count in each language', () => {
    expect(formatMessage(pack, 'ui.options.checkProblems', 'en', { count: 1 })).toBe('1 problem found:');
    expect(formatMessage(pack, 'ui.options.checkProblems', 'nl', { count: 3 })).toBe('3 problemen gevonden:');
  });

  it('falls back from a regional language to its base, then to the default', () => {
    expect(pickLocale(['en', 'nl'], 'nl-BE', 'en')).toBe('nl');
    expect(pickLocale(['en', 'nl'], 'de-DE', 'en')).toBe('en');
  });

  it('shows a missing key as the key, so the gap is visible', () => {
    expect(formatMessage(pack, 'no.such.key', 'en')).toBe('no.such.key');
  });

  it('leaves an unknown placeholder as written', () => {
    expect(fillPlaceholders('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
