// Mozilla's addons-linter on the Firefox build (.output/firefox-mv2): `npm run lint:firefox`,
// part of `npm test` after `npm run build:firefox`. Fails on any error, and on any warning that
// is not one of the explained ones below: each of those comes from a library's bundled code
// that never runs the flagged path with outside data, and a new warning (ours or a library
// update's) must be fixed or explained here before it passes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import linter from 'addons-linter';
import { ROOT } from '../demo/harness.mjs';

import { FIREFOX_EXTENSION_DIR } from '../demo/harness-firefox.mjs';

/** Warnings we keep, by code and the file they are in (a bundle name without its hash). */
const EXPLAINED = [
  {
    code: 'DANGEROUS_EVAL',
    file: /^assets\/worker-[\w-]+\.js$/,
    // pdf.js's legacy build bundles core-js, whose global-object lookup ends in
    // `Function('return this')()` only where globalThis, window, self and global are all
    // missing; a Worker has globalThis, so it never runs (and MV2's CSP would refuse it).
    why: "core-js's `Function('return this')` fallback inside pdf.js, unreachable in a Worker",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/worker-[\w-]+\.js$/,
    // pdf.js's `await import(...)` of its own worker and of optional decoders, with URLs it
    // builds from its own options (workerSrc), never from a PDF's content; pdf.js runs as its
    // in-thread "fake worker" inside our own module Worker with globalThis.pdfjsWorker set
    // (src/validation/poe/extract/pdf.ts), so it does not reach the worker import.
    why: "pdf.js's dynamic import() of its own modules",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/style-[\w-]+\.js$/,
    // Preact's `dangerouslySetInnerHTML` support in its diff; no code of ours uses that prop,
    // and this script fails if some does (usesInnerHtml below).
    why: "Preact's innerHTML for dangerouslySetInnerHTML, which cpor-guard never uses",
  },
];

/** Our own sources that set innerHTML, which would make Preact's warning ours. */
function usesInnerHtml() {
  return ['src', 'entrypoints'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true })
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
      .filter((name) =>
        /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(readFileSync(join(ROOT, dir, name), 'utf8')),
      )
      .map((name) => join(dir, name)),
  );
}

const instance = linter.createInstance({
  config: {
    _: [FIREFOX_EXTENSION_DIR],
    logLevel: 'fatal',
    stack: false,
    pretty: false,
    warningsAsErrors: false,
    metadata: false,
    output: 'none',
    boring: true,
    selfHosted: true,
    enterprise: false,
  },
  runAsBinary: false,
});
const result = await instance.run();
const where = (m) => `${m.file ?? '(package)'}${m.line ? `:${m.line}` : ''}`;
const unexplained = result.warnings.filter(
  (m) => !EXPLAINED.some((e) => e.code === m.code && e.file.test(m.file ?? '')),
);
for (const m of result.warnings) {
  const explained = EXPLAINED.find((e) => e.code === m.code && e.file.test(m.file ?? ''));
  const tag = explained ? `explained: ${explained.why}` : 'NOT EXPLAINED';
  console.log(`warning ${m.code} ${where(m)}: ${m.message} (${tag})`);
}
for (const m of result.errors) console.log(`ERROR ${m.code} ${where(m)}: ${m.message}`);
console.log(
  `addons-linter on ${join('.output', 'firefox-mv2')}: ${result.errors.length} errors, ` +
    `${result.warnings.length} warnings (${unexplained.length} not explained), ${result.notices.length} notices`,
);
const ownInnerHtml = usesInnerHtml();
if (ownInnerHtml.length > 0)
  console.log(
    `innerHTML in our own code, so Preact's warning is no longer explained: ${ownInnerHtml.join(', ')}`,
  );
if (result.errors.length > 0 || unexplained.length > 0 || ownInnerHtml.length > 0) process.exitCode = 1;
