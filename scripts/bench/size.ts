/**
 * Bench (not a test): the size of the built content script against its budget of 40 KB gzip
 * (the content script must not carry date-holidays, which adds 234 KB gzip to a bundle). Builds with
 * `npx wxt build` when .output is missing. Also prints what the deadline engine and its
 * countdown texts weigh on their own, minified, so a growing engine shows before it lands in the
 * content script. Run alone: `npx tsx scripts/bench/size.ts`.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTENT_SCRIPT = '.output/chrome-mv3/content-scripts/content.js';
const BUDGET_GZIP = 40 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipSize = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

/** The engine (src/deadlines/engine.ts + countdown.ts and what they import), bundled and minified on its own. */
async function engineBundle(): Promise<{ bytes: number; gzip: number; holidays: boolean } | null> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const result = await esbuild.build({
    stdin: {
      contents:
        "export { createDeadlineEngine } from './src/deadlines/engine';\nexport { countdownText } from './src/deadlines/countdown';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  const holidays = Object.keys(result.metafile.inputs).some((f) => f.includes('date-holidays'));
  return { bytes: code.length, gzip: gzipSize(code), holidays };
}

export async function benchSize(): Promise<void> {
  const path = join(root, CONTENT_SCRIPT);
  if (!existsSync(path)) {
    console.log(`${CONTENT_SCRIPT} is missing: building with 'npx wxt build' …`);
    execSync('npx wxt build', { cwd: root, stdio: 'inherit' });
  }
  const code = readFileSync(path);
  const gzip = gzipSize(code);
  const verdict = gzip <= BUDGET_GZIP ? 'within' : 'OVER';
  console.log(
    `content script: ${kb(code.length)}, ${kb(gzip)} gzip — ${verdict} the ${kb(BUDGET_GZIP)} gzip budget (${((gzip / BUDGET_GZIP) * 100).toFixed(0)}%)`,
  );
  console.log(
    `  contains date-holidays: ${code.includes('date-holidays') || code.includes('holiday-definitions') ? 'YES' : 'no'}`,
  );
  const engine = await engineBundle();
  if (engine) {
    console.log(
      `deadline engine + countdown alone (esbuild, minified): ${kb(engine.bytes)}, ${kb(engine.gzip)} gzip; date-holidays in it: ${engine.holidays ? 'YES' : 'no'}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSize();
