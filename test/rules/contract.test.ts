// @vitest-environment node
// The contract between the code and a pack (issue 10): every id the code reads by name is declared
// in src/rules/contract.ts, and a pack without one is refused, by loadPack and by rules:check.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import builtInMessages from '../../rules/cpor/messages.json';
import builtInPack from '../../rules/cpor/pack.json';
import type { ClockState } from '../../src/deadlines/types';
import {
  DETAIL_PAGE_ID,
  LIST_COLUMNS,
  LIST_PAGE_ID,
  MESSAGE_FAMILIES,
  MESSAGE_KEYS,
  OPTIONAL_MESSAGE_PREFIXES,
  URGENCY_LEVELS,
} from '../../src/rules/contract';
import { loadPack, type RawPackFiles } from '../../src/rules/load';
import { checkPackDir } from '../../src/rules/node/check-packs';
import { formatProblem } from '../../src/rules/problems';
import type { CalendarsFile, LocatorsFile, MessagesFile, StatusesFile } from '../../src/rules/types';
import { testPackFiles } from '../fixtures/packs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The problems of the test pack after `edit`, as the options page and rules:check print them. */
function problemsAfter(edit: (files: RawPackFiles) => void, uiTexts = false): string[] {
  const files = testPackFiles();
  edit(files);
  const result = loadPack(files, { dir: 'import', uiTexts });
  return result.ok ? [] : result.problems.map((p) => p.message);
}
const messages = (f: RawPackFiles) => (f.messages as MessagesFile).messages as Record<string, unknown>;

describe('loadPack refuses a pack without an id the code reads', () => {
  it('loads the test pack, which has every id', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it('loads the test pack with the interface texts required too: the UI tests need none of rules/cpor', () => {
    expect(problemsAfter(() => {}, true)).toEqual([]);
  });

  it('names a missing message, where it is shown and the fix with the pack’s languages', () => {
    expect(
      problemsAfter((f) => {
        delete messages(f)['countdown.overdue'];
      }),
    ).toEqual([
      "no message 'countdown.overdue'; the deadline badges and the claim page show it in a countdown; add it with 'en' and 'nl' texts",
    ]);
  });

  it('requires a value of a key the code builds from a template (severity.<level>)', () => {
    expect(
      problemsAfter((f) => {
        delete messages(f)['severity.blocking'];
      }),
    ).toEqual([
      "no message 'severity.blocking'; the check page shows it as a finding’s severity; add it with 'en' and 'nl' texts",
    ]);
  });

  it('requires the interface texts only when asked (a loaded pack gets the built-in ones)', () => {
    const drop = (f: RawPackFiles) => {
      delete messages(f)['ui.overlay.failed'];
    };
    expect(problemsAfter(drop)).toEqual([]);
    // With the interface texts of the built-in pack, which the test pack does not carry, but that one.
    const withUiTexts = (f: RawPackFiles) => {
      Object.assign(messages(f), { ...builtInMessages.messages, ...messages(f) });
      drop(f);
    };
    expect(problemsAfter(withUiTexts, true)).toEqual([
      "no message 'ui.overlay.failed'; the overlay on the dashboard shows it; add it with 'en' and 'nl' texts",
    ]);
  });

  it('names a missing page and what the overlay cannot find without it', () => {
    expect(
      problemsAfter((f) => {
        const locators = f.locators as LocatorsFile;
        locators.pages = locators.pages.filter((p) => p.id !== LIST_PAGE_ID) as never;
        for (const t of locators.targets) t.pages = t.pages.filter((p) => p !== LIST_PAGE_ID) as never;
        locators.targets = locators.targets.filter((t) => t.pages.length > 0);
      }),
    ).toEqual(
      expect.arrayContaining([
        `no page 'associations-list'; the overlay finds the list of claims by it and reads nothing without it; add a page with "id": 'associations-list'`,
        `no target 'status-column'; the overlay reads this column of page 'associations-list' by it; add a target with "id": 'status-column' and "pages": ['associations-list']`,
      ]),
    );
  });

  it('names a target that no longer lists the page the code reads it on', () => {
    expect(
      problemsAfter((f) => {
        const target = (f.locators as LocatorsFile).targets.find((t) => t.id === LIST_COLUMNS.status)!;
        target.pages = [DETAIL_PAGE_ID];
      }),
    ).toEqual([
      "target 'status-column' does not list page 'associations-list', where the overlay reads it; add 'associations-list' to its 'pages'",
    ]);
  });

  it('names a missing calendar and a missing status the code names', () => {
    expect(
      problemsAfter((f) => {
        const cal = f.calendars as CalendarsFile;
        cal.calendars = cal.calendars.filter((c) => c.id !== 'partner') as never;
      }),
    ).toContain(
      `the 'partner' calendar is missing; the partner's view of every clock counts on it; add a calendar with "id": 'partner'`,
    );
    expect(
      problemsAfter((f) => {
        const s = f.statuses as StatusesFile;
        s.statuses = s.statuses.filter((x) => x.id !== 'submitted') as never;
      }),
    ).toContain(
      `no status 'submitted'; the list page dates a submitted claim by its submission date; add a status with "id": 'submitted'`,
    );
  });
});

describe('rules:check refuses a pack without an id the code reads', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('passes the built-in pack, interface texts included', () => {
    expect(checkPackDir(root, join(root, 'rules/cpor')).problems.map(formatProblem)).toEqual([]);
  });

  it('fails a copy of the built-in pack without ui.overlay.failed, naming it', () => {
    dir = mkdtempSync(join(tmpdir(), 'cpor-contract-'));
    cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
    const file = join(dir, 'messages.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    delete data.messages['ui.overlay.failed'];
    writeFileSync(file, JSON.stringify(data, null, 2));
    const messagesOf = checkPackDir(root, dir).problems.map((p) => p.message);
    expect(messagesOf).toEqual([
      "no message 'ui.overlay.failed'; the overlay on the dashboard shows it; add it with 'en' and 'nl' texts",
    ]);
  });
});

/** Every .ts and .tsx file of src/ (but the generated code) and entrypoints/. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .filter((p) => !p.includes(`${join('src', 'generated')}`));
}

const KEY_START = '(?:ui|check|clock|countdown|fix|poe|severity)\\.';

describe('the contract declares every message key the code names', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('entrypoints')];
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  it('reads the sources (the scan is not empty)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(texts.join('\n')).toContain("'ui.overlay.failed'");
  });

  it('declares each key written out in full', () => {
    const literal = new RegExp(`['"\`](${KEY_START}[A-Za-z0-9._-]*[A-Za-z0-9])['"\`]`, 'g');
    const named = new Set(texts.flatMap((t) => [...t.matchAll(literal)].map((m) => m[1]!)));
    const undeclared = [...named].filter(
      (key) => !MESSAGE_KEYS.includes(key) && !OPTIONAL_MESSAGE_PREFIXES.some((p) => key.startsWith(p)),
    );
    expect(undeclared).toEqual([]);
  });

  it('declares the values of each key built from a template', () => {
    const template = new RegExp(`\`(${KEY_START}[A-Za-z0-9._-]*)\\$\\{`, 'g');
    const prefixes = new Set(texts.flatMap((t) => [...t.matchAll(template)].map((m) => m[1]!)));
    expect(prefixes.size).toBeGreaterThan(5);
    const declared = [...MESSAGE_FAMILIES.map((f) => f.prefix), ...OPTIONAL_MESSAGE_PREFIXES];
    expect([...prefixes].filter((p) => !declared.includes(p))).toEqual([]);
  });
});

describe('the urgency levels the code knows', () => {
  it('are the ones statuses.schema.json allows, so a pack cannot name one the badges do not colour', () => {
    const schema = JSON.parse(readFileSync(join(root, 'rules/schema/statuses.schema.json'), 'utf8'));
    const enums: string[][] = [];
    const stack: unknown[] = [schema];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object') continue;
      const n = node as Record<string, unknown>;
      if (n.title === 'urgency level' && Array.isArray(n.enum)) enums.push(n.enum as string[]);
      stack.push(...Object.values(n));
    }
    expect(enums).toEqual([[...URGENCY_LEVELS]]);
  });
});

describe('the built-in pack has every message the code asks for', () => {
  const languages = (builtInPack as { locales: string[] }).locales;
  const texts = builtInMessages.messages as Record<string, Record<string, unknown>>;

  it('in every language of its pack.json (the interface texts too)', () => {
    expect(languages.length).toBeGreaterThan(1);
    const missing = MESSAGE_KEYS.flatMap((key) =>
      languages.filter((l) => texts[key]?.[l] === undefined).map((l) => `${key} (${l})`),
    );
    expect(missing).toEqual([]);
  });

  it('for a countdown of each state a clock without a remaining time can be in', () => {
    // countdown.ts says `countdown.${state}` for them; 'running' says countdown.noDeadline.
    const states: Record<Exclude<ClockState, 'running'>, true> = {
      paused: true,
      finished: true,
      stopped: true,
      expired: true,
    };
    const family = MESSAGE_FAMILIES.find((f) => f.prefix === 'countdown.')!;
    expect([...family.values].sort()).toEqual(Object.keys(states).sort());
    expect(Object.keys(states).filter((s) => texts[`countdown.${s}`] === undefined)).toEqual([]);
  });
});
