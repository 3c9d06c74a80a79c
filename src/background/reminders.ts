/**
 * The reminders' schedule and their sending, without browser API (entrypoints/background.ts
 * passes the alarms, notifications and storage): every half hour (and a minute after the browser
 * starts), the partner's deadlines that reached a new level become one notification each
 * (src/overlay/reminders.ts says which). A reminder's key is remembered once shown, so that it is
 * never shown twice; the newest SENT_LIMIT keys are kept.
 */
import { pickLocale } from '../i18n/format';
import type { Reminder } from '../overlay/reminders';
import type { Settings } from '../settings/settings';
import type { OverlayService } from './overlay-service';

export const REMINDER_ALARM = 'cpor/reminders';
export const REMINDER_PERIOD_MINUTES = 30;
/** The id of a reminder's notification starts with it (and a click on one opens the claims list). */
export const REMINDER_PREFIX = 'cpor-reminder:';
/** How many shown reminders' keys are kept; the oldest are forgotten. */
export const SENT_LIMIT = 1000;

/** The alarms API, as far as the schedule needs it. */
export interface AlarmsLike {
  get(name: string): Promise<unknown>;
  create(name: string, info: { delayInMinutes: number; periodInMinutes: number }): unknown;
}

/** Creates the reminders' alarm when it is missing: waking the service worker never pushes the schedule back. */
export async function ensureReminderAlarm(alarms: AlarmsLike): Promise<void> {
  if (await alarms.get(REMINDER_ALARM)) return;
  await alarms.create(REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: REMINDER_PERIOD_MINUTES });
}

export const isReminderNotification = (id: string) => id.startsWith(REMINDER_PREFIX);
export const reminderNotificationId = (reminder: Reminder) => `${REMINDER_PREFIX}${reminder.key}`;

/** The shown reminders' keys as stored: texts only (another version of cpor-guard may have written it). */
export function sentKeysOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
}

export interface ReminderSenderDeps {
  service: Pick<OverlayService, 'pack' | 'reminders'>;
  /** Where the shown reminders' keys are kept (storage.local). */
  sent: { read(): Promise<unknown>; write(keys: string[]): Promise<void> };
  /** Shows one reminder (a notification). */
  notify(reminder: Reminder): Promise<unknown>;
  /** The browser's language (navigator.language). */
  language: string;
  /** The partner's choices: reminders off (false), and the language of cpor-guard's own texts. */
  settings(): Promise<Pick<Settings, 'reminders' | 'language'>>;
  now(): number;
}

/** Shows the reminders due now that were not shown before; returns how many were shown. */
export async function sendReminders(deps: ReminderSenderDeps): Promise<number> {
  const settings = await deps.settings();
  if (settings.reminders === false) return 0;
  const pack = await deps.service.pack();
  const locale = pickLocale(pack.pack.locales, settings.language ?? deps.language, pack.pack.defaultLocale);
  const sent = sentKeysOf(await deps.sent.read());
  const reminders = await deps.service.reminders(deps.now(), locale, new Set(sent));
  for (const reminder of reminders) {
    await deps.notify(reminder);
    sent.push(reminder.key);
  }
  if (reminders.length > 0) await deps.sent.write(sent.slice(-SENT_LIMIT));
  return reminders.length;
}
