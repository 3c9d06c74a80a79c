// "Your data" on the options page in happy-dom, with a stand-in for the background's answers: the
// backup download, what a restore merged or why it was refused (en and nl), and the deadlines'
// files handed over. The files' own contents are tested in test/backup and test/calendar.
import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { MAX_BACKUP_BYTES } from '../../../src/backup/format';
import type { RestoreOutcome } from '../../../src/backup/service';
import type { CalendarDeadline } from '../../../src/calendar/deadlines';
import { formatMessage } from '../../../src/i18n/format';
import type { AnswerOf, ErrorResponse } from '../../../src/messaging/protocol';
import { type AskData, type DataMessage, YourData } from '../../../src/ui/options/YourData';
import { testPack } from '../../fixtures/packs';
import { mount } from '../../support/mount';

const pack = testPack();
const now = Date.parse('2026-12-03T10:00:00Z');

const deadline: CalendarDeadline = {
  claimId: '30448305',
  clockId: 'respond-to-reviewer',
  label: 'Respond to the reviewer',
  status: 'Partner action required',
  actor: 'partner',
  level: 'warning',
  due: Date.parse('2026-12-08T18:00:00Z'),
  estimated: false,
  alarm: { at: Date.parse('2026-12-04T18:00:00Z'), level: 'warning', remaining: 3 },
  source: {
    doc: 'M-2023',
    title: 'Manage customer associations',
    url: 'https://learn.microsoft.com/partner-center/incentives-manage-customer-associations',
    quote: 'You have 14 business days to provide the requested information',
  },
};

type Answers = { [T in DataMessage]?: AnswerOf<T> | ((fields: unknown) => AnswerOf<T>) };

function show(answers: Answers, locale = 'en') {
  const asked: { type: DataMessage; fields: unknown }[] = [];
  const ask = (async (type: DataMessage, fields: unknown) => {
    asked.push({ type, fields });
    const answer = answers[type];
    if (answer === undefined) return { ok: false, error: 'not answered' } satisfies ErrorResponse;
    return typeof answer === 'function' ? answer(fields) : answer;
  }) as AskData;
  const saveFile = vi.fn<(name: string, text: string, type: string) => void>();
  const root = mount(
    <YourData
      ui={pack}
      locale={locale}
      t={(key, params = {}) => formatMessage(pack, key, locale, params)}
      ask={ask}
      now={() => now}
      saveFile={saveFile}
    />,
  );
  const text = (id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
  const click = (id: string) => (root.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).click();
  const choose = (file: File) => {
    const input = root.querySelector('[data-testid="data-restore-file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  return { root, asked, saveFile, text, click, choose };
}

const restoredSummary: RestoreOutcome = {
  restored: true,
  summary: {
    claims: { added: 12, updated: 3, kept: 2, unchanged: 40 },
    validations: { added: 5, present: 1, tooOld: 0 },
    packs: {
      added: 1,
      present: 0,
      notRestored: [
        {
          id: 'old@2020.1.0#abc',
          name: { en: 'Old rules', nl: 'Oude regels' },
          version: '2020.1.0',
          problems: ['old@2020.1.0#abc/statuses.json /statuses/0: must have required property clocks'],
        },
      ],
      locked: false,
    },
    activePack: 'kept',
    settings: 'restored',
  },
};

describe('your data on the options page', () => {
  it('is a section with its heading, and every control has a name', () => {
    const { root } = show({});
    const section = root.querySelector('section[aria-labelledby="your-data"]')!;
    expect(section.querySelector('h3')!.textContent).toBe('Your data');
    expect([...section.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Back up (download)',
      'Export deadlines as calendar (.ics)',
      'Export deadlines as CSV',
    ]);
    expect(section.querySelector('label')!.textContent).toContain('Restore from a backup');
  });

  it('downloads the backup the background wrote, named after the day', async () => {
    const { click, saveFile, text, asked } = show({
      'cpor/backup': { ok: true, text: '{"format":"cpor-guard-backup"}' },
    });
    click('data-backup');
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalled());
    expect(asked).toEqual([{ type: 'cpor/backup', fields: { now } }]);
    expect(saveFile).toHaveBeenCalledWith(
      'cpor-guard-backup-2026-12-03.json',
      '{"format":"cpor-guard-backup"}',
      'application/json',
    );
    expect(text('data-backup-message')).toBe(
      'The backup is downloaded as cpor-guard-backup-2026-12-03.json.',
    );
  });

  it('says what to do when another tab holds the database, in Dutch', async () => {
    const { click, text, saveFile } = show(
      { 'cpor/backup': { ok: false, error: 'blocked for 5000 ms', problem: 'blocked' } },
      'nl',
    );
    click('data-backup');
    await vi.waitFor(() =>
      expect(text('data-backup-message')).toMatch(/^Dat lukte niet: de database van cpor-guard/),
    );
    expect(text('data-backup-message')).not.toContain('5000');
    expect(saveFile).not.toHaveBeenCalled();
  });

  it('sends the chosen file to the background and lists what was merged', async () => {
    const { choose, text, asked } = show({ 'cpor/restore': { ok: true, outcome: restoredSummary } });
    choose(new File(['{"format":"cpor-guard-backup"}'], 'backup.json', { type: 'application/json' }));
    await vi.waitFor(() => expect(text('data-restored-claims')).not.toBe(''));
    expect(asked).toEqual([{ type: 'cpor/restore', fields: { text: '{"format":"cpor-guard-backup"}' } }]);
    const result = text('data-restore-result');
    expect(result).toContain('Restored from backup.json.');
    expect(text('data-restored-claims')).toBe(
      'Claims: 12 added, 3 updated, 2 kept because the copy on this computer is as new or newer, 40 already here.',
    );
    expect(result).toContain('Check results: 5 added, 1 already here.');
    expect(result).toContain('Rule packs: 1 added, 0 already here.');
    expect(text('data-pack-not-restored')).toContain(
      'Rule pack Old rules 2020.1.0 was not restored: it does not load with this version of cpor-guard.',
    );
    expect(text('data-pack-not-restored')).toContain('must have required property clocks');
    expect(result).toContain('The rule pack chosen on this computer stays active.');
    expect(result).toContain('Your working-days region was restored.');
  });

  it('says the packs were left alone where the organisation manages them, in Dutch', async () => {
    const locked: RestoreOutcome = {
      restored: true,
      summary: {
        ...(restoredSummary as RestoreOutcome & { restored: true }).summary,
        packs: { added: 0, present: 0, notRestored: [], locked: true },
      },
    };
    const { choose, text } = show({ 'cpor/restore': { ok: true, outcome: locked } }, 'nl');
    choose(new File(['{}'], 'reservekopie.json'));
    await vi.waitFor(() =>
      expect(text('data-restore-result')).toContain('Teruggezet vanuit reservekopie.json.'),
    );
    expect(text('data-restore-result')).toContain(
      'Regelpakketten zijn niet teruggezet: uw organisatie beheert ze.',
    );
    expect(text('data-restore-result')).not.toContain('Regelpakketten: 0 toegevoegd');
  });

  it.each<[RestoreOutcome & { restored: false }, string, string]>([
    [
      {
        restored: false,
        refusal: { reason: 'future-version', detail: 'it is version 2; this cpor-guard reads up to 1' },
      },
      'en',
      'x.json was not restored, and nothing was changed: the backup was made by a newer version of cpor-guard. Update cpor-guard on this computer, then try again.',
    ],
    [
      { restored: false, refusal: { reason: 'foreign', detail: 'its format is "other"' } },
      'nl',
      'x.json is niet teruggezet, en er is niets veranderd: het bestand is geen reservekopie van cpor-guard.',
    ],
    [
      {
        restored: false,
        refusal: { reason: 'bad-shape', detail: 'claims[3]: history is not a non-empty array' },
      },
      'en',
      'x.json was not restored, and nothing was changed: part of the file is not as cpor-guard writes it; it may be damaged or edited.',
    ],
  ])('says in a sentence why a file was refused (%#)', async (outcome, locale, sentence) => {
    const { choose, text } = show({ 'cpor/restore': { ok: true, outcome } }, locale);
    choose(new File(['{}'], 'x.json'));
    await vi.waitFor(() => expect(text('data-refused')).toBe(sentence));
    expect(text('data-restore-result')).toContain(outcome.refusal.detail);
  });

  it('refuses a file over the bound without reading it or asking the background', async () => {
    const { choose, text, asked } = show({});
    const big = new File(['x'], 'movie.json');
    Object.defineProperty(big, 'size', { value: MAX_BACKUP_BYTES + 1 });
    const read = vi.spyOn(big, 'text');
    choose(big);
    await vi.waitFor(() =>
      expect(text('data-refused')).toBe(
        'movie.json was not restored, and nothing was changed: the file is larger than 16 MB, too large for a cpor-guard backup.',
      ),
    );
    expect(read).not.toHaveBeenCalled();
    expect(asked).toEqual([]);
  });

  it('hands over the deadlines as a calendar file with one event per deadline, and says how many', async () => {
    const { click, saveFile, text, asked } = show({
      'cpor/calendar': { ok: true, deadlines: [deadline], paused: 1, stale: 0, failed: 0 },
    });
    click('data-ics');
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalled());
    expect(asked).toEqual([{ type: 'cpor/calendar', fields: { now, locale: 'en' } }]);
    const [name, ics, type] = saveFile.mock.calls[0]!;
    expect([name, type]).toEqual(['cpor-guard-deadlines-2026-12-03.ics', 'text/calendar']);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([
      '30448305.respond-to-reviewer@cpor-guard',
    ]);
    expect(String(events[0]!.getFirstPropertyValue('description'))).toContain(
      'https://learn.microsoft.com/partner-center/incentives-manage-customer-associations',
    );
    expect(text('data-calendar-message')).toBe(
      '1 deadline exported to cpor-guard-deadlines-2026-12-03.ics.' +
        '1 paused deadline has no due moment yet and is not in the file.',
    );
  });

  it('hands over the deadlines as CSV in the partner’s language', async () => {
    const { click, saveFile } = show(
      { 'cpor/calendar': { ok: true, deadlines: [deadline], paused: 0, stale: 0, failed: 0 } },
      'nl',
    );
    click('data-csv');
    await vi.waitFor(() => expect(saveFile).toHaveBeenCalled());
    const [name, csv, type] = saveFile.mock.calls[0]!;
    expect([name, type]).toEqual(['cpor-guard-deadlines-2026-12-03.csv', 'text/csv']);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFClaim,Termijn,Status,Wie moet iets doen,Uiterlijk (UTC),Herinnering (UTC),Geschat,Bron',
    );
    expect(csv.split('\r\n')[1]).toMatch(/^30448305,.*,U,2026-12-08 18:00,2026-12-04 18:00,nee,https:/);
  });

  it('says so when there is nothing to export, and writes no file', async () => {
    const { click, saveFile, text } = show({
      'cpor/calendar': { ok: true, deadlines: [], paused: 0, stale: 2, failed: 0 },
    });
    click('data-ics');
    await vi.waitFor(() => expect(text('data-calendar-message')).toContain('No deadlines to export'));
    expect(saveFile).not.toHaveBeenCalled();
  });
});
