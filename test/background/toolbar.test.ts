// @vitest-environment node
// The toolbar icon's count and colour, and its calls to the browser, with a fake action API.
import { describe, expect, it, vi } from 'vitest';
import {
  showStoredSummary,
  showToolbarIcon,
  type ToolbarApi,
  toolbarIcon,
} from '../../src/background/toolbar';
import type { PageSummary } from '../../src/overlay/badges';
import { testPack } from '../fixtures/packs';

const pack = testPack();
const summary = (attention: number, pending: number, level: PageSummary['level']): PageSummary => ({
  attention,
  pending,
  level,
});

function fakeApi(fail?: Error, tabOpen = true) {
  const calls: string[] = [];
  const api: ToolbarApi = {
    setBadgeText: async (d) => {
      if (fail) throw fail;
      calls.push(`text ${d.tabId ?? '*'} ${d.text}`);
    },
    setBadgeBackgroundColor: async (d) => void calls.push(`colour ${d.tabId ?? '*'} ${d.color}`),
    setTitle: async (d) => void calls.push(`title ${d.tabId ?? '*'} ${d.title}`),
    tabExists: async () => tabOpen,
  };
  return { api, calls };
}

describe('what the toolbar icon shows', () => {
  it('counts the claims that need attention, in red when one is overdue', () => {
    expect(toolbarIcon(pack, summary(2, 5, 'overdue'), 'en-US')).toEqual({
      text: '2',
      colour: '#c50f1f',
      title: '2 claims need your attention',
    });
  });

  it('counts the pending claims when none needs attention, in blue, in Dutch on a Dutch page', () => {
    const icon = toolbarIcon(pack, summary(0, 1, 'running'), 'nl-NL');
    expect(icon.text).toBe('1');
    expect(icon.colour).toBe('#0f6cbd');
    expect(icon.title).not.toBe(toolbarIcon(pack, summary(0, 1, 'running'), 'en-US').title);
  });

  it('shows no count and the plain title when nothing is pending', () => {
    expect(toolbarIcon(pack, summary(0, 0, null), 'en')).toEqual({
      text: '',
      colour: '#0f6cbd',
      title: 'cpor-guard',
    });
  });

  it('gives a level it does not know (from a content script) the running colour', () => {
    const icon = toolbarIcon(pack, { attention: 0, pending: 1, level: 'alarming' as never }, 'en');
    expect(icon.colour).toBe('#0f6cbd');
  });

  it('colours a warning orange and a paused clock grey', () => {
    expect(toolbarIcon(pack, summary(1, 1, 'warning'), 'en').colour).toBe('#bc4b09');
    expect(toolbarIcon(pack, summary(0, 1, 'paused'), 'en').colour).toBe('#616161');
  });
});

describe('showing it', () => {
  const icon = { text: '3', colour: '#bc4b09', title: 'three' };

  it('sets text, colour and title on the tab', async () => {
    const { api, calls } = fakeApi();
    await showToolbarIcon(api, icon, 7);
    expect(calls).toEqual(['text 7 3', 'colour 7 #bc4b09', 'title 7 three']);
  });

  it('passes over a tab that closed meanwhile, and reports a failure on an open one', async () => {
    const closed = fakeApi(new Error('No tab with id: 7'), false);
    await expect(showToolbarIcon(closed.api, icon, 7)).resolves.toBeUndefined();
    const open = fakeApi(new Error('quota'), true);
    await expect(showToolbarIcon(open.api, icon, 7)).rejects.toThrow('quota');
    const everyTab = fakeApi(new Error('quota'), false);
    await expect(showToolbarIcon(everyTab.api, icon, undefined)).rejects.toThrow('quota');
  });

  it('shows the stored claims’ count on every tab, and nothing when the store cannot be read', async () => {
    const badge = (level: 'overdue' | 'running') =>
      ({ level, lines: [{ actor: 'partner', level }] }) as never;
    const { api, calls } = fakeApi();
    const service = {
      pack: async () => pack,
      deadlines: vi.fn(async () => ({
        ok: true as const,
        claims: [{ badge: badge('overdue') }, { badge: badge('running') }] as never,
        stale: 0,
        failed: 0,
      })),
    };
    await showStoredSummary(service as never, api, 'nl-BE', 1_000);
    expect(service.deadlines).toHaveBeenCalledWith(1_000, 'nl');
    expect(calls.slice(0, 2)).toEqual(['text * 1', 'colour * #c50f1f']);

    const failing = fakeApi();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await showStoredSummary(
      { pack: async () => pack, deadlines: async () => ({ ok: false, error: 'blocked' }) },
      failing.api,
      'en',
      1_000,
    );
    expect(failing.calls).toEqual([]);
    warn.mockRestore();
  });
});
