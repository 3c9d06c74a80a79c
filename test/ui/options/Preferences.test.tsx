// "Language and reminders" on the options page in happy-dom, over an in-memory settings storage:
// each change saved at once with the other settings kept, a new language redraws the page.
import { describe, expect, it, vi } from 'vitest';
import { formatMessage } from '../../../src/i18n/format';
import type { Settings, SettingsStorage } from '../../../src/settings/settings';
import { Preferences } from '../../../src/ui/options/Preferences';
import { testPackWithAdjustableWarnings } from '../../fixtures/packs';
import { mount } from '../../support/mount';

// With the built-in pack's shape of adjustable warnings, which the page offers (test/fixtures/packs).
const pack = testPackWithAdjustableWarnings();

function storageWith(initial: unknown): SettingsStorage & { stored: unknown } {
  return {
    stored: initial,
    async read() {
      return structuredClone(this.stored);
    },
    async write(settings: Settings) {
      this.stored = structuredClone(settings);
    },
  };
}

async function shown(storage: SettingsStorage, locale = 'en') {
  const onLanguageChange = vi.fn();
  const root = mount(
    <Preferences
      pack={pack}
      locale={locale}
      storage={storage}
      t={(key, params = {}) => formatMessage(pack, key, locale, params)}
      onLanguageChange={onLanguageChange}
    />,
  );
  for (let i = 0; i < 50 && !root.querySelector('[data-testid="preferences"]'); i++)
    await new Promise((r) => setTimeout(r, 0));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { root, onLanguageChange, settle };
}

describe('language and reminders on the options page', () => {
  it('offers the browser’s language and the pack’s languages, each named in itself', async () => {
    const { root } = await shown(storageWith({ partnerRegion: { country: 'BE' } }));
    const select = root.querySelector<HTMLSelectElement>('[data-testid="preferences-language"]')!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', expect.stringMatching(/^The browser's language \(.+\)$/)],
      ['en', 'English'],
      ['nl', 'Nederlands'],
    ]);
    expect(select.value).toBe('');
    expect(root.querySelector<HTMLInputElement>('[data-testid="preferences-reminders"]')!.checked).toBe(true);
  });

  it('saves a new language at once, keeps the region, and redraws the page', async () => {
    const storage = storageWith({ partnerRegion: { country: 'BE' } });
    const { root, onLanguageChange, settle } = await shown(storage);
    const select = root.querySelector<HTMLSelectElement>('[data-testid="preferences-language"]')!;
    select.value = 'nl';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(onLanguageChange).toHaveBeenCalledTimes(1));
    await settle();
    expect(storage.stored).toEqual({ partnerRegion: { country: 'BE' }, language: 'nl' });
    expect(root.querySelector('[data-testid="preferences-status"]')!.textContent).toBe('Saved.');
  });

  it('turns reminders off and on without touching the language', async () => {
    const storage = storageWith({ language: 'nl' });
    const { root, onLanguageChange } = await shown(storage, 'nl');
    const box = root.querySelector<HTMLInputElement>('[data-testid="preferences-reminders"]')!;
    expect(root.textContent).toContain('Herinner mij aan mijn termijnen (meldingen)');
    box.click();
    await vi.waitFor(() => expect(storage.stored).toEqual({ language: 'nl', reminders: false }));
    box.click();
    await vi.waitFor(() => expect(storage.stored).toEqual({ language: 'nl', reminders: true }));
    expect(onLanguageChange).not.toHaveBeenCalled();
  });

  it('says so when a setting cannot be saved', async () => {
    const storage = storageWith({});
    storage.write = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const { root } = await shown(storage);
    root.querySelector<HTMLInputElement>('[data-testid="preferences-reminders"]')!.click();
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="preferences-status"]')!.textContent).toBe(
        'Not saved: QUOTA_BYTES quota exceeded',
      ),
    );
  });

  it('offers the warnings the rules let the partner move, and saves a choice, back to none at the default', async () => {
    const storage = storageWith({ language: 'nl' });
    const { root } = await shown(storage);
    const input = root.querySelector<HTMLInputElement>(
      '[data-testid="preferences-warning-respond-to-reviewer"]',
    )!;
    expect([input.min, input.max, input.value]).toEqual(['1', '10', '3']);
    expect(root.querySelector('[data-testid="preferences-warning-dispute-window"]')).not.toBeNull();
    input.value = '6';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() =>
      expect(storage.stored).toEqual({ language: 'nl', warningLevels: { 'respond-to-reviewer': 6 } }),
    );
    input.value = '3';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(storage.stored).toEqual({ language: 'nl' }));
  });
});
