// @vitest-environment node
// The dependency rules of .dependency-cruiser.cjs catch what they are for: a made-up tree in a
// temporary folder breaks each rule once (and keeps to it once), and only the breaking imports
// are reported. The real tree is checked by `npm run deps:check` in `npm test`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { violationsOf } from '../scripts/deps-check';

const TREE: Record<string, string> = {
  'node_modules/wxt/package.json': '{"name":"wxt","type":"module","exports":{"./browser":"./browser.mjs"}}',
  'node_modules/wxt/browser.mjs': 'export const browser = {};',
  'node_modules/date-holidays/package.json':
    '{"name":"date-holidays","type":"module","exports":"./index.mjs"}',
  'node_modules/date-holidays/index.mjs': 'export default class Holidays {}',
  // src-no-browser-api: broken in src/page, kept in src/browser.
  'src/page/reader.ts': "import { browser } from 'wxt/browser';\nexport const b = browser;",
  'src/browser/adapter.ts': "import { browser } from 'wxt/browser';\nexport const b = browser;",
  // content-script-light and engine-holidays-as-data: the content script reaches date-holidays through the engine.
  // content-script-no-session-storage: the content script reaches the session items through a module.
  'entrypoints/content.ts':
    "import { engine } from '../src/deadlines/engine';\nimport { kept } from '../src/overlay/keeps';\nexport const e = [engine, kept];",
  'src/overlay/keeps.ts': "import { item } from '../browser/session-items';\nexport const kept = item;",
  'src/browser/session-items.ts': 'export const item = 1;',
  'src/deadlines/engine.ts': "import { helper } from './helper';\nexport const engine = helper;",
  'src/deadlines/helper.ts': "import Holidays from 'date-holidays';\nexport const helper = Holidays;",
  // settings-core-light: the settings reach holiday-table.ts.
  'src/settings/settings.ts': "import { table } from '../deadlines/holiday-table';\nexport const s = table;",
  'src/deadlines/holiday-table.ts': 'export const table = 1;',
  // background-no-ui: through a module of its own.
  'src/background/service.ts': "import { view } from './view-helper';\nexport const s = view;",
  'src/background/view-helper.ts': "import { mount } from '../ui/mount';\nexport const view = mount;",
  'src/ui/mount.ts': 'export const mount = 1;',
  // src-not-entrypoints.
  'src/overlay/uses-entry.ts': "import { e } from '../../entrypoints/content';\nexport const x = e;",
  // no-circular, through type imports.
  'src/store/a.ts': "import type { B } from './b';\nexport interface A { b?: B }",
  'src/store/b.ts': "import type { A } from './a';\nexport interface B { a?: A }",
};

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cpor-deps-'));
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('reports every import that breaks a layer, and nothing else', async () => {
  const { violations } = await violationsOf(['src', 'entrypoints'], root);
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  expect(found).toEqual([
    'background-no-ui: src/background/service.ts → src/ui/mount.ts',
    'background-no-ui: src/background/view-helper.ts → src/ui/mount.ts',
    'content-script-light: entrypoints/content.ts → node_modules/date-holidays/index.mjs',
    'content-script-no-session-storage: entrypoints/content.ts → src/browser/session-items.ts',
    'engine-holidays-as-data: src/deadlines/engine.ts → node_modules/date-holidays/index.mjs',
    // A cycle is reported once, at the first module of it.
    'no-circular: src/store/a.ts → src/store/b.ts',
    'settings-core-light: src/settings/settings.ts → src/deadlines/holiday-table.ts',
    'src-no-browser-api: src/page/reader.ts → node_modules/wxt/browser.mjs',
    'src-not-entrypoints: src/overlay/uses-entry.ts → entrypoints/content.ts',
  ]);
});
