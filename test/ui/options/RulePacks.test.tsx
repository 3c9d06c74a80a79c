// The options page's rule packs in happy-dom with stand-in repositories: what a policy owner reads
// when the database cannot be used, and a download's zip (the edit loop in the built extension:
// test/e2e/packs.e2e.test.ts).
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { formatMessage } from '../../../src/i18n/format';
import type { PackRepository } from '../../../src/packs';
import { defaultPack } from '../../../src/rules/default-pack';
import type { RulePack } from '../../../src/rules/types';
import { StoreBlockedError } from '../../../src/store';
import { RulePacks } from '../../../src/ui/options/RulePacks';
import { testPack } from '../../fixtures/packs';
import { mount } from '../../support/mount';

const pack = testPack();
let root: HTMLElement;

function show(
  repository: () => Promise<PackRepository>,
  locale = 'en',
  saveFile = vi.fn(),
  ui: RulePack = pack,
) {
  root = mount(
    <RulePacks
      ui={ui}
      locale={locale}
      t={(key, params = {}) => formatMessage(ui, key, locale, params)}
      repository={repository}
      records={async () => []}
      announce={async () => {}}
      onActive={() => {}}
      saveFile={saveFile}
    />,
  );
  return saveFile;
}

const message = () => root.querySelector('[data-testid="pack-message"]')?.textContent ?? '';

describe('the rule packs on the options page', () => {
  it('says what to do, in the page’s language, when another tab holds the database during an upgrade', async () => {
    show(async () => {
      throw new StoreBlockedError(2, 3, 5000);
    }, 'nl');
    await vi.waitFor(() =>
      expect(message()).toMatch(/^Dat lukte niet: de database van cpor-guard wordt bijgewerkt/),
    );
    expect(message()).toContain('Sluit de andere Partner Center-tabbladen');
    expect(message()).not.toContain('version 2 to 3');
  });

  it('hands over the built-in pack with its cases as one zip named after the pack', async () => {
    // The built-in pack itself: its name, version and files are what the zip must hold.
    const pack = defaultPack();
    const repository = {
      active: async () => ({ id: 'builtin', pack, problems: [] }),
      list: async () => [
        {
          id: 'builtin',
          packId: pack.pack.id,
          version: pack.pack.version,
          name: pack.pack.name,
          importedAt: null,
          active: true,
        },
      ],
    } as unknown as PackRepository;
    const saveFile = show(async () => repository, 'en', vi.fn(), pack);
    await vi.waitFor(() => expect(root.querySelector('[data-testid="pack-download"]')).not.toBeNull());
    const button = root.querySelector<HTMLButtonElement>('[data-testid="pack-download"]')!;
    expect(button.getAttribute('aria-label')).toBe(
      `Download files of CPOR customer associations ${pack.pack.version} (zip)`,
    );
    button.click();
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalledOnce());
    const [name, data] = saveFile.mock.calls[0]!;
    expect(name).toBe(`${pack.pack.id}-${pack.pack.version}.zip`);
    const names = Object.keys(unzipSync(data)).map((entry) => entry.split('/').pop());
    expect(names).toContain('statuses.json');
    expect(names).toContain('statuses.clocks.cases.json');
  });
});
