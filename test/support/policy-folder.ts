// The e2e tests of enterprise policy write a real policy file where the browser reads it
// (/etc/chromium/policies/managed, /etc/firefox/policies): whether they can, and whether a
// skip would be allowed (never in CI).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

/** True when `file` can be written in `dir` (created if missing): a probe beside it, removed again. */
export function canWritePolicyFile(dir: string, file: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.probe`, '{}');
    rmSync(`${file}.probe`);
    return true;
  } catch {
    return false;
  }
}

/** CI is set (and not to false or 0): a test that cannot run must fail, not skip. */
export const inCi = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
