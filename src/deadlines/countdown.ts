/**
 * Countdown texts of a clock in any language of the pack, relative ("3 business days left",
 * "nog 3 werkdagen") and absolute ("due Fri 11 Dec, 10:00 (Redmond)"), all from messages.json
 * (keys countdown.* and clock.*): no sentence is built in code.
 */
import { cachedDateTimeFormat, formatMessage, localize } from '../i18n/format';
import type { RulePack } from '../rules/types';
import type { ClockResult, PartnerView, Remaining } from './types';

export interface CountdownOptions {
  /** Show the hours after the days ("2 business days and 5 hours left"); default true. */
  hours?: boolean;
}

export interface CountdownText {
  /** Time left, e.g. "3 business days left" / "nog 3 werkdagen". */
  relative: string;
  /** The due moment in the clock's calendar, e.g. "due Fri 11 Dec, 10:00 (Redmond)"; null without one. */
  absolute: string | null;
  /** The partner's working days left, e.g. "2 working days left for you (NL)"; null when not shown. */
  partner: string | null;
  /** The absolute and the partner texts side by side, or whichever exists. */
  line: string;
}

type DaysKey = 'countdown.businessDays' | 'countdown.calendarDays' | 'countdown.workingDays';

/** "2 business days and 5 hours", "1 dag", "less than an hour". */
export function formatDuration(
  pack: RulePack,
  remaining: Remaining,
  locale: string,
  daysKey: DaysKey = remaining.unit === 'business-days' ? 'countdown.businessDays' : 'countdown.calendarDays',
  options: CountdownOptions = {},
): string {
  const withHours = options.hours ?? true;
  const { days, hours } = remaining;
  const daysText = formatMessage(pack, daysKey, locale, { count: days });
  const hoursText = formatMessage(pack, 'countdown.hours', locale, { count: hours });
  if (days > 0) {
    return withHours && hours > 0
      ? formatMessage(pack, 'countdown.daysAndHours', locale, { days: daysText, hours: hoursText })
      : daysText;
  }
  if (!withHours) return daysText;
  return hours > 0 ? hoursText : formatMessage(pack, 'countdown.lessThanAnHour', locale);
}

/** The parts of a due moment: weekday, day, month, and the time on a 24-hour clock. */
const DUE_DATE_PARTS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return cachedDateTimeFormat(locale, { ...DUE_DATE_PARTS, timeZone });
}

/** The date and time of an instant in a zone, as the pack's message 'countdown.date' arranges it. */
export function formatDueDate(
  pack: RulePack,
  epochMs: number,
  timeZone: string,
  locale: string,
): { date: string; time: string } {
  const parts = dateFormat(locale, timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: formatMessage(pack, 'countdown.date', locale, {
      weekday: get('weekday'),
      day: get('day'),
      month: get('month'),
    }),
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** A due instant as the badges say it, in its calendar's zone: "due Mon 30 Nov, 16:00 (Redmond)". */
export function formatDueMoment(
  pack: RulePack,
  moment: { due: number; calendar: string; timeZone: string },
  locale: string,
): string {
  const place = calendarPlace(pack, moment.calendar, locale);
  const { date, time } = formatDueDate(pack, moment.due, moment.timeZone, locale);
  // Due at 00:00 is the end of the day before: say so instead of naming the next day.
  return time === '00:00'
    ? formatMessage(pack, 'countdown.dueEndOfDay', locale, {
        date: formatDueDate(pack, moment.due - 1, moment.timeZone, locale).date,
        place,
      })
    : formatMessage(pack, 'countdown.due', locale, { date, time, place });
}

/** The short place name of a calendar: message clock.place.<id>, else the calendar's label. */
export function calendarPlace(pack: RulePack, calendarId: string, locale: string): string {
  const key = `clock.place.${calendarId}`;
  if (pack.messages.messages[key]) return formatMessage(pack, key, locale);
  const calendar = pack.calendars.calendars.find((c) => c.id === calendarId);
  return calendar
    ? localize(calendar.label as Record<string, string>, locale, pack.pack.defaultLocale)
    : calendarId;
}

function regionCode(view: PartnerView): string {
  return view.region.state ? `${view.region.country}-${view.region.state}` : view.region.country;
}

/** The countdown of one clock in one language. */
export function countdownText(
  pack: RulePack,
  clock: ClockResult,
  locale: string,
  options: CountdownOptions = {},
): CountdownText {
  let relative: string;
  const remaining = clock.remaining;
  if (clock.endless || !remaining) {
    relative = formatMessage(
      pack,
      clock.state === 'running' ? 'countdown.noDeadline' : `countdown.${clock.state}`,
      locale,
    );
  } else {
    const duration = formatDuration(pack, remaining, locale, undefined, options);
    if (clock.state === 'running') {
      relative = formatMessage(pack, clock.estimated ? 'countdown.atMostLeft' : 'countdown.left', locale, {
        duration,
      });
    } else if (clock.state === 'expired')
      relative = formatMessage(pack, 'countdown.overdue', locale, { duration });
    else if (clock.state === 'paused')
      relative = formatMessage(pack, 'countdown.paused', locale, { duration });
    else if (clock.late) relative = formatMessage(pack, 'countdown.finishedLate', locale, { duration });
    else relative = formatMessage(pack, `countdown.${clock.state}`, locale);
  }

  let absolute: string | null = null;
  if (clock.due !== null && (clock.state === 'running' || clock.state === 'expired')) {
    absolute = formatDueMoment(
      pack,
      { due: clock.due, calendar: clock.calendar, timeZone: clock.timeZone },
      locale,
    );
    if (clock.estimated)
      absolute = formatMessage(pack, 'countdown.dueAtTheLatest', locale, { due: absolute });
  }

  let partner: string | null = null;
  if (clock.partner && clock.state === 'running' && clock.partner.remaining.totalDays > 0) {
    const duration = formatDuration(pack, clock.partner.remaining, locale, 'countdown.workingDays', options);
    partner = formatMessage(
      pack,
      clock.estimated ? 'countdown.partnerAtMostLeft' : 'countdown.partnerLeft',
      locale,
      {
        duration,
        region: regionCode(clock.partner),
      },
    );
  }

  const line =
    absolute && partner
      ? formatMessage(pack, 'countdown.twoCalendars', locale, { due: absolute, partner })
      : (absolute ?? partner ?? relative);
  return { relative, absolute, partner, line };
}
