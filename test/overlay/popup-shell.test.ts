// @vitest-environment node
// The popup's shell (issue 14): what the background sends instead of a pack, and the texts the
// popup makes of it, the same as formatMessage makes from the pack.
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/i18n/format';
import { claimsListUrl, isPopupMessage, popupShell } from '../../src/overlay/popup-shell';
import { popupTexts } from '../../src/ui/popup/texts';
import { testPack } from '../fixtures/packs';

const pack = testPack();

describe('the popup’s shell', () => {
  it('says the popup’s texts in the asked language, plural forms included, as written in the pack', () => {
    const nl = popupTexts(popupShell(pack, 'nl-NL'));
    expect(nl.t('ui.popup.activePack', { name: 'x', version: '1' })).toBe('Regels: x 1');
    const en = popupTexts(popupShell(pack, 'en-GB'));
    expect(en.t('ui.popup.deadlines.stale', { count: 1 })).toBe(
      '1 claim not seen for 30 days is left out: its status may have changed.',
    );
    expect(en.t('ui.popup.deadlines.stale', { count: 3 })).toBe(
      '3 claims not seen for 30 days are left out: their status may have changed.',
    );
    // A key it does not carry shows itself, as formatMessage shows a missing key.
    expect(en.t('ui.options.title')).toBe('ui.options.title');
  });

  it('gives every message the popup uses the text formatMessage gives from the pack, in every language', () => {
    const keys = Object.keys(pack.messages.messages).filter(isPopupMessage);
    expect(keys.length).toBeGreaterThan(10);
    for (const locale of ['en', 'nl', 'nl-BE', 'fr-FR']) {
      const { t } = popupTexts(popupShell(pack, locale));
      for (const key of keys)
        for (const count of [0, 1, 2])
          expect(t(key, { count, claimId: '30448305', error: 'e', name: 'n', version: 'v' })).toBe(
            formatMessage(pack, key, locale, {
              count,
              claimId: '30448305',
              error: 'e',
              name: 'n',
              version: 'v',
            }),
          );
    }
  });

  it('names the rules in use and the dashboard’s address', () => {
    const shell = popupShell(pack, 'nl');
    expect(shell.packVersion).toBe(pack.pack.version);
    expect(shell.packName).toBe(pack.pack.name.nl ?? pack.pack.name[pack.pack.defaultLocale]);
    expect(shell.dashboard).toBe(pack.locators.pages[0]!.urlPatterns[0]);
  });

  it('links the claims list: its page’s first address without a wildcard, wherever the page is listed', () => {
    const moved = structuredClone(pack);
    const list = moved.locators.pages.find((p) => p.id === 'associations-list')!;
    moved.locators.pages = [
      ...moved.locators.pages.filter((p) => p !== list),
      list,
    ] as unknown as typeof moved.locators.pages;
    list.urlPatterns = [
      'https://partner.microsoft.com/*/dashboard/incentives/claims/associations',
      'https://partner.microsoft.com/dashboard/incentives/claims/associations',
    ];
    expect(claimsListUrl(moved)).toBe(
      'https://partner.microsoft.com/dashboard/incentives/claims/associations',
    );
    expect(popupShell(moved, 'en').dashboard).toBe(claimsListUrl(moved));
    list.urlPatterns = ['https://partner.microsoft.com/*/dashboard/incentives/claims/associations'];
    expect(popupShell(moved, 'en').dashboard).toBeUndefined();
  });
});
