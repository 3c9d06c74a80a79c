// @vitest-environment node
// The hostile PoE set (scripts/make-hostile-poe.ts), generated into a temporary folder and read
// back from disk: every file ends in the findings its manifest entry names (written by hand from
// what the file is), within its time limit, in Node: no throw, no hang, no blank.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_CLAIM, FIXTURE_SUBMISSION } from '../../../scripts/lib/poe-fixture-texts';
import { writeHostilePoeSet } from '../../../scripts/make-hostile-poe';
import type { Finding } from '../../../src/validation/finding';
import { checkPoe, DEFAULT_TIME_LIMIT_MS } from '../../../src/validation/poe';
import { testPack } from '../../fixtures/packs';

const pack = testPack();
const dir = mkdtempSync(join(tmpdir(), 'cpor-guard-hostile-poe-'));
const manifest = writeHostilePoeSet(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How far past its limit a check may answer: the deadline is looked at between chunks and pages. */
const SLACK_MS = 1_000;

const describeFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.id}: ${JSON.stringify(f.evidence[0]?.note ?? f.evidence[0])}`).join('\n');

describe('the hostile PoE set', () => {
  it('has at least 40 files, each with a distinct name and what it is made to break', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(40);
    expect(new Set(manifest.map((f) => f.name)).size).toBe(manifest.length);
    for (const entry of manifest) {
      expect(entry.what, entry.name).toBeTruthy();
      // A file whose findings are left open says why.
      if (!entry.expect.ids) expect(entry.expect.why, entry.name).toBeTruthy();
    }
  });

  it('covers every reader and every kind of "could not read" (file type, size, empty, protected, unreadable, no text)', () => {
    const extensions = new Set(manifest.map((f) => f.name.split('.').slice(1).pop() ?? ''));
    for (const ext of ['html', 'mht', 'docx', 'pdf', 'csv', 'rtf', '']) expect(extensions).toContain(ext);
    const ids = new Set(manifest.flatMap((f) => f.expect.ids ?? []));
    for (const id of [
      'poe-file-type',
      'poe-file-size',
      'poe-file-empty',
      'poe-file-protected',
      'poe-file-unreadable',
      'poe-file-no-text',
      'poe-customer-signature',
    ])
      expect(ids).toContain(id);
  });
});

describe('every hostile PoE file ends in a finding within its limit, in Node', () => {
  for (const entry of manifest) {
    const limitMs = entry.limitMs ?? DEFAULT_TIME_LIMIT_MS;
    const outcome = entry.expect.ids ? entry.expect.ids.join(' + ') : 'findings';
    it(
      `${entry.name} (${entry.what}) ends in ${outcome} within ${limitMs} ms`,
      async () => {
        const bytes = new Uint8Array(readFileSync(join(dir, entry.name)));
        const start = Date.now();
        const findings = await checkPoe([{ name: entry.name, bytes }], FIXTURE_CLAIM, pack, {
          submissionDate: new Date(FIXTURE_SUBMISSION),
          timeLimitMs: limitMs,
        });
        const ms = Date.now() - start;
        expect(ms, describeFindings(findings)).toBeLessThan(limitMs + SLACK_MS);
        expect(findings.length, 'no finding: a blank').toBeGreaterThan(0);
        if (entry.expect.ids)
          expect(findings.map((f) => f.id).sort(), describeFindings(findings)).toEqual(
            [...entry.expect.ids].sort(),
          );
        if (entry.expect.note)
          expect(findings[0]!.evidence[0]?.note?.en, describeFindings(findings)).toMatch(
            new RegExp(entry.expect.note),
          );
        // The file the finding is about is the file checked, with a note in Dutch as well.
        for (const finding of findings.filter((f) => f.id.startsWith('poe-file-'))) {
          expect(finding.evidence[0]).toMatchObject({ found: true, file: entry.name });
          expect(finding.evidence[0]!.note?.nl).toBeTruthy();
        }
      },
      limitMs + 15_000,
    );
  }
});
