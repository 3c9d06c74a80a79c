/**
 * The layers of cpor-guard as data, checked in `npm test` (npm run deps:check, which runs
 * scripts/deps-check.ts with these rules; dependency-cruiser's own CLI refuses Node 20).
 * Type-only imports count (tsPreCompilationDeps): a type is a dependency a reader follows too.
 * Globals are not imports: biome.json's noRestrictedGlobals keeps `browser`, `chrome` and WXT's
 * auto-imported `storage` out of src/ outside src/browser/.
 */
/** The npm packages that are the browser's extension API. */
/** date-holidays, and the module that builds the holiday table with it. */
const HOLIDAYS_LIBRARY = ['^node_modules/date-holidays', '^src/deadlines/holiday-table\\.ts$'];

const BROWSER_API = '^node_modules/(wxt|@wxt-dev/browser|@wxt-dev/storage|webextension-polyfill)/';

module.exports = {
  forbidden: [
    {
      name: 'src-no-browser-api',
      comment:
        "src/ is plain TypeScript that runs in Node, a test or any extension context: only src/browser/ (the adapter) may import the browser's extension API.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/browser/' },
      to: { path: BROWSER_API },
    },
    {
      name: 'content-script-light',
      comment:
        'The content script never carries date-holidays (1.4 MB; the background builds the holiday table) or pdf.js (the PoE check runs in a worker of the check page).',
      severity: 'error',
      from: { path: '^entrypoints/content\\.ts$' },
      to: { path: '^node_modules/(date-holidays|date-holidays-parser|pdfjs-dist)/', reachable: true },
    },
    {
      name: 'content-script-no-session-storage',
      comment:
        "A content script may not use storage.session, and WXT's item touches it when defined: src/browser/session-items.ts is for the background.",
      severity: 'error',
      from: { path: '^entrypoints/content\\.ts$' },
      to: { path: '^src/browser/session-items\\.ts$', reachable: true },
    },
    {
      name: 'engine-holidays-as-data',
      comment:
        'The deadline engine gets holidays as data (a HolidayTable): it never reaches date-holidays or holiday-table.ts, which builds the table with it.',
      severity: 'error',
      from: { path: '^src/deadlines/(index|engine|countdown|business-days)\\.ts$' },
      to: { path: HOLIDAYS_LIBRARY, reachable: true },
    },
    {
      name: 'settings-core-light',
      comment:
        "The settings core takes date-holidays' region catalog as a parameter: it never reaches the library itself.",
      severity: 'error',
      from: { path: '^src/settings/' },
      to: { path: HOLIDAYS_LIBRARY, reachable: true },
    },
    {
      name: 'background-no-ui',
      comment:
        'The background (src/background/ and its entrypoint) never reaches the user interface in src/ui/.',
      severity: 'error',
      from: { path: '^(src/background/|entrypoints/background\\.ts$)' },
      to: { path: '^src/ui/', reachable: true },
    },
    {
      name: 'src-not-entrypoints',
      comment: 'entrypoints/ wire src/ to the browser; src/ never imports them (nor tests or scripts).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(entrypoints|test|scripts)/' },
    },
    {
      name: 'no-circular',
      comment:
        'No module reaches itself through its imports: each layer can be read (and tested) on its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API for dependency-cruiser; swc parses TS and TSX.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/validators\\.js$' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      conditionNames: ['import', 'module', 'browser', 'default'],
    },
  },
};
