// The clock shim the e2e tests preload into the browsers (demo/clock-shim.c via clockEnv): a child
// process started with its environment reads the set instant, and its monotonic clock is untouched.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clockEnv } from '../../demo/harness.mjs';

const SCRIPT =
  'const t = process.hrtime.bigint(); setTimeout(() => console.log(JSON.stringify({ now: Date.now(), ' +
  'iso: new Date().toString(), waited: Number(process.hrtime.bigint() - t) / 1e6 })), 200)';

function inChild(env: NodeJS.ProcessEnv): { now: number; iso: string; waited: number } {
  return JSON.parse(execFileSync(process.execPath, ['-e', SCRIPT], { env, encoding: 'utf8' }));
}

describe('clockEnv', () => {
  it('sets the wall clock of a process to the instant given, running on from there', () => {
    const at = '2026-12-09T09:30:00Z';
    const { now, waited } = inChild(clockEnv(at));
    // Seconds are the shim's unit; the child takes a moment to start and waits 200 ms.
    expect(Math.abs(now - Date.parse(at))).toBeLessThan(5_000);
    // Never a moment before the instant: the e2e texts hold from it on.
    expect(now).toBeGreaterThanOrEqual(Date.parse(at));
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(5_000);
  });

  it('sets the time zone, and a date years away', () => {
    const { now, iso } = inChild(clockEnv('2030-07-01T12:00:00Z', 'Europe/Amsterdam'));
    // Local time in Amsterdam (summer time), a moment after 14:00 (the child's start, on a loaded machine).
    expect(iso).toMatch(/^Mon Jul 01 2030 14:\d\d:\d\d GMT\+0200/);
    expect(Math.abs(now - Date.parse('2030-07-01T12:00:00Z'))).toBeLessThan(60_000);
  });

  it('refuses what is not an instant', () => {
    expect(() => clockEnv('next Tuesday')).toThrow('clockAt: not an ISO date and time: next Tuesday');
  });
});
