/**
 * The pending deadlines as an iCalendar file (RFC 5545), written by ical-generator: one VEVENT
 * per due moment, DTSTART in UTC (no VTIMEZONE needed), a VALARM at the rule's warning level, and
 * the line folding (75 octets, never inside a UTF-8 sequence), CRLF and text escaping the RFC asks.
 *
 * Why a library: ical-generator 11.1.2 (MIT, no runtime dependencies) is 36.8 KB minified and
 * 9.3 KB gzip bundled alone (esbuild 0.28 --bundle --minify), loaded by the options page only,
 * which already carries date-holidays (≈234 KB gzip); the content script's 40 KB budget is not
 * touched. Of the others measured the same way, `ics` 3.12 is 24 KB gzip (it bundles yup) and
 * `ts-ics` 2.4 (6.9 KB gzip) folds at 75 characters, not octets (82 and 140 octet lines with
 * Dutch and emoji text).
 *
 * Re-importing updates instead of duplicating: each event's UID names the claim and the clock
 * (not the run or the time), and SEQUENCE grows with every export (minutes since 2020), which
 * calendar programs take as a newer revision of the same event.
 */
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import type { CalendarDeadline } from './deadlines';

export interface IcsTexts {
  /** The calendar's name (X-WR-CALNAME), e.g. "cpor-guard: claim deadlines". */
  calendarName: string;
  summary(deadline: CalendarDeadline): string;
  /** One line per item; written with escaped newlines. */
  description(deadline: CalendarDeadline): string;
  alarm(deadline: CalendarDeadline): string;
}

/** The UID of a claim's clock: stable across exports, so importing again updates the event. */
export function deadlineUid(claimId: string, clockId: string): string {
  return `${encodeURIComponent(claimId)}.${encodeURIComponent(clockId)}@cpor-guard`;
}

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/** The revision of an export made at `now`: whole minutes since 2020, within RFC 5545's INTEGER. */
export function exportSequence(now: number): number {
  return Math.max(0, Math.floor((now - SEQUENCE_EPOCH) / 60_000));
}

export function deadlinesIcs(deadlines: readonly CalendarDeadline[], texts: IcsTexts, now: number): string {
  const calendar = ical({
    prodId: { company: 'cpor-guard', product: 'deadlines', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: texts.calendarName,
  });
  const stamp = new Date(now);
  const sequence = exportSequence(now);
  for (const deadline of deadlines) {
    const due = new Date(deadline.due);
    calendar.createEvent({
      id: deadlineUid(deadline.claimId, deadline.clockId),
      sequence,
      stamp,
      lastModified: stamp,
      start: due,
      end: due,
      summary: texts.summary(deadline),
      description: texts.description(deadline),
      // A deadline is a moment, not a meeting: it does not make the partner look busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      // The rule's source, when it is a web address (a pack may name a document otherwise).
      url: deadline.source?.url && /^https?:\/\//.test(deadline.source.url) ? deadline.source.url : null,
      alarms: deadline.alarm
        ? [
            {
              type: ICalAlarmType.display,
              // Seconds before DTSTART (a negative TRIGGER duration); 0 when the threshold is the due moment.
              trigger: Math.max(0, Math.round((deadline.due - deadline.alarm.at) / 1000)),
              description: texts.alarm(deadline),
            },
          ]
        : [],
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
