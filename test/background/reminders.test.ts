// @vitest-environment node
// The reminders' alarm and their sending, with fakes for the alarms, the notifications and the
// storage of the keys already shown.
import { describe, expect, it } from 'vitest';
import {
  ensureReminderAlarm,
  isReminderNotification,
  REMINDER_ALARM,
  reminderNotificationId,
  SENT_LIMIT,
  sendReminders,
  sentKeysOf,
} from '../../src/background/reminders';
import type { Reminder } from '../../src/overlay/reminders';
import { testPack } from '../fixtures/packs';

const reminder = (key: string): Reminder => ({
  key,
  claimId: '30448305',
  clockId: 'respond-to-reviewer',
  level: 'warning',
  title: `title ${key}`,
  message: 'message',
});

describe('the reminders alarm', () => {
  it('is created every half hour, a minute from now, when missing', async () => {
    const created: unknown[] = [];
    await ensureReminderAlarm({ get: async () => undefined, create: (...args) => created.push(args) });
    expect(created).toEqual([[REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: 30 }]]);
  });

  it('is left alone when it exists, so that waking the worker does not push it back', async () => {
    const created: unknown[] = [];
    await ensureReminderAlarm({
      get: async () => ({ name: REMINDER_ALARM }),
      create: (...a) => created.push(a),
    });
    expect(created).toEqual([]);
  });
});

describe('sending reminders', () => {
  function setup(
    due: (sent: ReadonlySet<string>) => Reminder[],
    stored: unknown,
    settings: { reminders?: boolean; language?: string } = {},
  ) {
    const shown: string[] = [];
    const asked: { locale: string; sent: string[] }[] = [];
    let kept: unknown = stored;
    const deps = {
      service: {
        pack: async () => testPack(),
        reminders: async (_now: number, locale: string, sent: ReadonlySet<string>) => {
          asked.push({ locale, sent: [...sent] });
          return due(sent);
        },
      },
      sent: {
        read: async () => kept,
        write: async (keys: string[]) => {
          kept = keys;
        },
      },
      notify: async (r: Reminder) => shown.push(reminderNotificationId(r)),
      language: 'nl-NL',
      settings: async () => settings,
      now: () => 0,
    };
    return { deps, shown, asked, kept: () => kept };
  }

  it('shows each due reminder once and remembers its key', async () => {
    const due = (sent: ReadonlySet<string>) => ['a', 'b'].filter((k) => !sent.has(k)).map(reminder);
    const run = setup(due, ['old']);
    expect(await sendReminders(run.deps)).toBe(2);
    expect(run.shown).toEqual(['cpor-reminder:a', 'cpor-reminder:b']);
    expect(run.kept()).toEqual(['old', 'a', 'b']);
    expect(await sendReminders(run.deps)).toBe(0);
    expect(run.shown).toHaveLength(2);
    expect(run.asked.map((a) => a.locale)).toEqual(['nl', 'nl']);
    expect(run.asked[1]!.sent).toEqual(['old', 'a', 'b']);
  });

  it('keeps only the newest keys', async () => {
    const old = Array.from({ length: SENT_LIMIT }, (_, i) => `k${i}`);
    const run = setup(() => [reminder('new')], old);
    await sendReminders(run.deps);
    const kept = run.kept() as string[];
    expect(kept).toHaveLength(SENT_LIMIT);
    expect(kept[0]).toBe('k1');
    expect(kept.at(-1)).toBe('new');
  });

  it('shows nothing, and asks for nothing, when the partner turned reminders off', async () => {
    const run = setup(() => [reminder('a')], [], { reminders: false });
    expect(await sendReminders(run.deps)).toBe(0);
    expect(run.shown).toEqual([]);
    expect(run.asked).toEqual([]);
  });

  it('speaks the language the partner chose rather than the browser’s', async () => {
    const run = setup(() => [reminder('a')], [], { language: 'en' });
    await sendReminders(run.deps);
    expect(run.asked.map((a) => a.locale)).toEqual(['en']);
  });

  it('writes nothing when nothing is due', async () => {
    const run = setup(() => [], 'not a list');
    expect(await sendReminders(run.deps)).toBe(0);
    expect(run.kept()).toBe('not a list');
    expect(run.asked[0]!.sent).toEqual([]);
  });

  it('reads only texts from what was stored, and knows its own notifications', () => {
    expect(sentKeysOf(['a', 3, null, 'b'])).toEqual(['a', 'b']);
    expect(sentKeysOf({ a: 1 })).toEqual([]);
    expect(isReminderNotification(reminderNotificationId(reminder('x')))).toBe(true);
    expect(isReminderNotification('other-extension:1')).toBe(false);
  });
});
