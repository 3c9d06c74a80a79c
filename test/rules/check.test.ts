// @vitest-environment node
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPackDir } from '../../src/rules/node/check-packs';
import { formatProblem } from '../../src/rules/problems';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A copy of rules/cpor to break; `edit` changes one file's JSON or text. */
function brokenPack(
  // Rule files broken on purpose: any shape goes, so the edits work on loose JSON.
  // biome-ignore lint/suspicious/noExplicitAny: test data edited into invalid shapes
  edits: Record<string, (json: any) => void>,
  textEdits: Record<string, (t: string) => string> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'cpor-pack-'));
  cpSync(join(root, 'rules/cpor'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    edit(json);
    writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
  }
  for (const [file, edit] of Object.entries(textEdits)) {
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  }
  return dir;
}

const messagesOf = (dir: string) => checkPackDir(root, dir).problems.map(formatProblem);

describe('npm run rules:check', () => {
  it('finds no problem in the default pack', () => {
    const result = checkPackDir(root, join(root, 'rules/cpor'));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.pack).toBeDefined();
  });

  it('names the file, the pointer and the fix for a unit that does not exist', () => {
    const dir = brokenPack({ 'statuses.json': (s) => (s.statuses[3].clocks[0].unit = 'days') });
    expect(messagesOf(dir)).toEqual([
      expect.stringMatching(
        /statuses\.json:\d+:\d+: status 'partner-action-required' › clock 'respond-to-reviewer' › unit \(\/statuses\/3\/clocks\/0\/unit\): 'days' is not a valid unit; use 'business-days' or 'calendar-days'$/,
      ),
    ]);
  });

  it('reports a transition to an unknown status with the statuses to choose from', () => {
    const dir = brokenPack({ 'statuses.json': (s) => (s.statuses[1].transitions[0].to = 'in-review') });
    expect(messagesOf(dir)).toEqual([
      expect.stringMatching(
        /statuses\.json:\d+:\d+: .* \(\/statuses\/1\/transitions\/0\/to\): 'in-review' is not a status .*'under-review'/,
      ),
    ]);
  });

  it('reports a label missing for a locale the pack declares', () => {
    const dir = brokenPack({ 'reasons.json': (r) => delete r.actionRequired[1].label.nl });
    expect(messagesOf(dir)).toEqual([
      expect.stringMatching(
        /reasons\.json:\d+:\d+: .* \(\/actionRequired\/1\/label\): the 'nl' text is missing/,
      ),
    ]);
  });

  it('gives the line and column of invalid JSON', () => {
    const dir = brokenPack(
      {},
      {
        'calendars.json': (t) =>
          t.replace('"timeZone": "America/Los_Angeles"', '"timeZone" "America/Los_Angeles"'),
      },
    );
    const [message] = messagesOf(dir);
    expect(message).toMatch(/calendars\.json \/: is not valid JSON at line \d+, column \d+/);
  });

  it('reports every break at once, each with its own message', () => {
    const dir = brokenPack(
      {
        'statuses.json': (s) => {
          s.statuses[3].clocks[0].unit = 'days';
          s.statuses[1].transitions[0].to = 'in-review';
          delete s.statuses[4].label.nl;
        },
        'fields.json': (f) =>
          (f.fields[0].checks[0].predicts = { type: 'rejection', reason: 'no-such-reason' }),
      },
      {
        'calendars.json': (t) =>
          t.replace('"timeZone": "America/Los_Angeles"', '"timeZone" "America/Los_Angeles"'),
      },
    );
    const messages = messagesOf(dir);
    expect(messages).toHaveLength(5);
    expect(messages.join('\n')).toMatch(/unit\): 'days'/);
    expect(messages.join('\n')).toMatch(/'in-review' is not a status/);
    expect(messages.join('\n')).toMatch(/statuses\/4\/label\): the 'nl' text is missing/);
    expect(messages.join('\n')).toMatch(/'no-such-reason' is not a rejection reason/);
    expect(messages.join('\n')).toMatch(/calendars\.json \/: is not valid JSON/);
  });

  it('reports a duplicated id and a clock on an unknown calendar', () => {
    const dir = brokenPack({
      'statuses.json': (s) => {
        s.statuses[2].id = 'submitted';
        s.statuses[3].clocks[0].calendar = 'redmond';
      },
    });
    const text = messagesOf(dir).join('\n');
    expect(text).toMatch(/\/statuses\/2\/id\): status id 'submitted' is used twice/);
    expect(text).toMatch(/\/statuses\/3\/clocks\/0\/calendar\): 'redmond' is not a calendar/);
  });

  it('names an unknown property and the known ones', () => {
    const dir = brokenPack({ 'calendars.json': (c) => (c.calendars[0].timezone = 'Europe/Amsterdam') });
    expect(messagesOf(dir).join('\n')).toMatch(
      /\/calendars\/0\/timezone\): 'timezone' is not a known property here; .*timeZone/,
    );
  });

  it('reports a History entry that names an unknown status, and a language missing its texts', () => {
    const dir = brokenPack({
      'locators.json': (l) => {
        const page = l.pages.find((p: { id: string }) => p.id === 'claim-detail');
        page.history.entries[0].status = 'sent';
        delete page.history.statusChanges.nl;
      },
    });
    const messages = messagesOf(dir);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /locators\.json:\d+:\d+: .* \(\/pages\/\d+\/history\/entries\/0\/status\): 'sent' is not a status defined in statuses\.json; use one of /,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /locators\.json:\d+:\d+: .* \(\/pages\/\d+\/history\/statusChanges\): no 'nl' text for a status change/,
      ),
    );
  });

  it('reports a missing required property with what it is for', () => {
    const dir = brokenPack({ 'statuses.json': (s) => delete s.statuses[3].clocks[0].amount });
    expect(messagesOf(dir).join('\n')).toMatch(
      /\/statuses\/3\/clocks\/0\/amount\): 'amount' is missing; add it \(How many days/,
    );
  });

  it('reports a dates check near an acknowledgment check that does not exist', () => {
    const dir = brokenPack({
      'reasons.json': (r) => {
        const checks: { kind: string; nearCheck?: string }[] = r.actionRequired.flatMap(
          (x: { poeChecks: unknown[] }) => x.poeChecks,
        );
        const dates = checks.find((p) => p.kind === 'dates')!;
        dates.nearCheck = 'poe-signature';
      },
    });
    expect(messagesOf(dir).join('\n')).toMatch(
      /nearCheck\): 'poe-signature' is not a PoE check of kind 'acknowledgment'/,
    );
  });

  it('follows a decision to its rules by id, so reordering the statuses keeps the pointer right', () => {
    const dir = brokenPack({ 'statuses.json': (s) => s.statuses.reverse() });
    const result = checkPackDir(root, dir);
    expect([...result.problems, ...result.warnings].map(formatProblem)).toEqual([]);
  });

  it('warns at a pointer that counts positions, with the same pointer by id; errors when it points at nothing', () => {
    const positional = brokenPack({
      'pack.json': (p) => (p.decisions[0].encodedIn = ['statuses.json#/statuses/4/clocks']),
    });
    expect(messagesOf(positional)).toEqual([]);
    expect(checkPackDir(root, positional).warnings.map(formatProblem)).toEqual([
      expect.stringMatching(
        /pack\.json:\d+:\d+: .* \(\/decisions\/0\/encodedIn\/0\): '\/statuses\/4\/clocks' counts positions, .*; write '\/statuses\/\[approved\]\/clocks' \(warning\)$/,
      ),
    ]);
    const nowhere = brokenPack({
      'pack.json': (p) => (p.decisions[0].encodedIn = ['statuses.json#/statuses/[aproved]/clocks']),
    });
    expect(messagesOf(nowhere)).toEqual([
      expect.stringMatching(
        /'\/statuses\/\[aproved\]\/clocks' points at nothing in statuses\.json; correct the pointer$/,
      ),
    ]);
  });
  it('reports a rule file that is not UTF-8 where it is, instead of reading it with �', () => {
    const dir = brokenPack({});
    const text = readFileSync(join(dir, 'program.json'), 'utf8');
    const at = text.indexOf('"', 10);
    // A Latin-1 'é' (one byte, 0xE9) inside the first text, as an editor saving in Windows-1252 writes it.
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at + 1)),
      Buffer.from([0xe9]),
      Buffer.from(text.slice(at + 1)),
    ]);
    writeFileSync(join(dir, 'program.json'), bytes);
    const problems = messagesOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `/program\\.json /: is not UTF-8 text: the bytes at offset ${Buffer.byteLength(text.slice(0, at + 1))} \\(e9 `,
      ),
    );
  });
});
