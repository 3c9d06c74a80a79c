// The organisation's rules on the options page (src/packs/managed.ts) in happy-dom: who set them,
// why a pushed pack is not used (in the partner's language, the problems for the admin), and a
// lock that leaves no way to import or activate another pack. In the built extension through a
// real policy file: test/e2e/managed.e2e.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { formatMessage } from '../../../src/i18n/format';
import type { PackRepository } from '../../../src/packs';
import { ManagedRules } from '../../../src/ui/options/ManagedRules';
import { RulePacks } from '../../../src/ui/options/RulePacks';
import { testPack } from '../../fixtures/packs';
import { mount } from '../../support/mount';

const pack = testPack();
const t =
  (locale: string) =>
  (key: string, params = {}) =>
    formatMessage(pack, key, locale, params);
const problem = {
  file: 'policy/pack',
  pointer: '',
  message: 'is not valid JSON at line 1, column 9',
  level: 'error',
} as const;

describe('the organisation’s rules on the options page', () => {
  it('says in Dutch that the pushed pack is not used, and lists its problems for the admin', () => {
    const root = mount(
      <ManagedRules
        status={{ managed: true, by: 'Contoso IT', locked: true, packEntryId: null, problems: [problem] }}
        t={t('nl')}
      />,
    );
    expect(root.querySelector('[data-testid="managed-by"]')?.textContent).toBe(
      'Contoso IT beheert de regels van cpor-guard voor uw organisatie; deze pagina kan ze niet wijzigen.',
    );
    const failed = root.querySelector('[data-testid="managed-failed"]')!;
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain('de laatste regelset die werkte blijft actief. Voor Contoso IT');
    expect(failed.querySelector('code')?.textContent).toBe(
      'policy/pack /: is not valid JSON at line 1, column 9',
    );
    expect(root.querySelector('[data-testid="managed-in-use"]')).toBeNull();
  });

  it('names the IT administrator when the policy names no one', () => {
    const root = mount(
      <ManagedRules
        status={{ managed: true, by: null, locked: false, packEntryId: 'p@1#abc', problems: [] }}
        t={t('en')}
      />,
    );
    expect(root.querySelector('[data-testid="managed-by"]')?.textContent).toMatch(
      /^Your IT administrator manages/,
    );
    expect(root.querySelector('[data-testid="managed-in-use"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="managed-locked"]')).toBeNull();
  });

  it.each([true, false])(
    'offers importing, activating and rolling back only without a lock (locked: %s)',
    async (locked) => {
      const summary = (id: string, active: boolean, importedAt: number | null) => ({
        id,
        packId: pack.pack.id,
        version: pack.pack.version,
        name: pack.pack.name,
        importedAt,
        active,
      });
      const repository = {
        active: async () => ({ id: 'org', pack, problems: [] }),
        list: async () => [
          summary('builtin', false, null),
          summary('org', true, 1),
          summary('old', false, 0),
        ],
      } as unknown as PackRepository;
      const root = mount(
        <RulePacks
          ui={pack}
          locale="en"
          t={t('en')}
          repository={async () => repository}
          records={async () => []}
          announce={async () => {}}
          onActive={() => {}}
          locked={locked}
        />,
      );
      await vi.waitFor(() => expect(root.querySelectorAll('[data-pack-id]')).toHaveLength(3));
      const buttons = [...root.querySelectorAll('button')].map((b) => b.textContent);
      expect(buttons.includes('Activate')).toBe(!locked);
      expect(root.querySelector('[data-testid="pack-rollback"]') === null).toBe(locked);
      expect(root.querySelector('[data-testid="pack-files"]') === null).toBe(locked);
      // Downloading a pack's files stays possible either way.
      expect(root.querySelectorAll('[data-testid="pack-download"]')).toHaveLength(3);
    },
  );
});
