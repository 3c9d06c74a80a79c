// @vitest-environment node
// The deadlines' calendar file, read back by Mozilla's ical.js (an independent parser): events,
// UIDs, times and alarms as a person counts them from the test pack's rules, not from the engine.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarDeadlines } from '../../src/calendar/deadlines';
import { deadlinesIcs, deadlineUid } from '../../src/calendar/ics';
import { icsTexts } from '../../src/calendar/texts';
import { createDeadlineEngine } from '../../src/deadlines/engine';
import type { ClaimRecord } from '../../src/store';
import { pack, table } from '../deadlines/fixtures';

const engine = createDeadlineEngine(pack, table);
const ui = pack; // the options page's texts: the test pack has them too
const t = (iso: string) => Date.parse(iso);
/** Mon 30 Nov 2026, 10:00 in Redmond: Thanksgiving (Thu 26) and the day after are closed in the Microsoft calendar. */
const now = t('2026-11-30T10:00-08:00');

const record = (claimId: string, status: string, at: string, estimated = false): ClaimRecord => ({
  claimId,
  firstSeen: t(at),
  lastSeen: now,
  history: [
    { status, at: t(at), ...(estimated ? { estimated: true, estimateBasis: 'first-seen' as const } : {}) },
  ],
});

/**
 * Partner action required since Fri 20 Nov 10:00 Redmond: 5 business days are Mon 23, Tue 24,
 * Wed 25, Mon 30, Tue 1 Dec, so due Tue 1 Dec 10:00 PST (18:00 UTC); the warning level (2 business
 * days left) is reached at Wed 25 Nov 10:00 PST, six calendar days before.
 */
const respond = record('30448305', 'partner-action-required', '2026-11-20T10:00-08:00');
/** Rejected on Fri 20 Nov 10:00 PST: 30 calendar days to dispute, due Sun 20 Dec 18:00 UTC; warning at 5 days left. */
const rejected = record('30440061', 'rejected', '2026-11-20T10:00-08:00');
/** Under review since Wed 25 Nov (first seen then): 5 business days to Fri 4 Dec 18:00 UTC, an upper bound; its only level is 'notice' at 0 days left. */
const review = record('A,B;C\\D', 'under-review', '2026-11-25T10:00-08:00', true);

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  const byUid = new Map(events.map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  return { calendar, events, byUid };
}

const utc = (event: ICAL.Component, name: string) =>
  (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
const triggerSeconds = (event: ICAL.Component) =>
  (event.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds();

function exportAt(at: number, locale = 'en', records = [respond, rejected, review]) {
  const { deadlines } = calendarDeadlines(records, engine, pack, locale, now);
  return deadlinesIcs(deadlines, icsTexts(ui, locale), at);
}

describe('the pending deadlines as an iCalendar file', () => {
  it('has one event per due moment, in UTC, with the alarm at the rule’s warning level', () => {
    const { calendar, events, byUid } = parse(exportAt(now));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(3);

    const respondEvent = byUid.get('30448305.respond-to-reviewer@cpor-guard')!;
    expect(utc(respondEvent, 'dtstart')).toBe('2026-12-01T18:00:00.000Z');
    expect((respondEvent.getFirstPropertyValue('dtstart') as ICAL.Time).zone?.tzid).toBe('UTC');
    expect(utc(respondEvent, 'dtstamp')).toBe('2026-11-30T18:00:00.000Z');
    expect(triggerSeconds(respondEvent)).toBe(-6 * 86_400); // Wed 25 Nov 10:00 PST
    expect(respondEvent.getFirstPropertyValue('summary')).toBe('Respond to the reviewer – claim 30448305');

    const dispute = byUid.get('30440061.dispute-window@cpor-guard')!;
    expect(utc(dispute, 'dtstart')).toBe('2026-12-20T18:00:00.000Z');
    expect(triggerSeconds(dispute)).toBe(-5 * 86_400);

    const reviewEvent = byUid.get(`${encodeURIComponent('A,B;C\\D')}.review@cpor-guard`)!;
    expect(utc(reviewEvent, 'dtstart')).toBe('2026-12-04T18:00:00.000Z');
    expect(triggerSeconds(reviewEvent)).toBe(0); // 'notice' at 0 days left: the due moment
    const alarm = reviewEvent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarm.getFirstPropertyValue('description')).toBe(
      'Review decision – claim A,B;C\\D: the deadline is near.',
    );
  });

  it('describes the claim, who must act and the rule’s source, its commas, semicolons and backslashes intact', () => {
    const { byUid } = parse(exportAt(now));
    const respondText = String(
      byUid.get('30448305.respond-to-reviewer@cpor-guard')!.getFirstPropertyValue('description'),
    );
    expect(respondText.split('\n')).toEqual([
      'Claim: 30448305',
      'Status: Partner action required',
      'Who must act: you.',
      expect.stringMatching(
        /^Rule: Manage incentives customer associations, partner-center\/incentives-manage-customer-associations\.md: “.+”$/,
      ),
    ]);
    const review = byUid.get(`${encodeURIComponent('A,B;C\\D')}.review@cpor-guard`)!;
    expect(review.getFirstPropertyValue('summary')).toBe('Review decision – claim A,B;C\\D');
    const reviewText = String(review.getFirstPropertyValue('description')).split('\n');
    expect(reviewText[0]).toBe('Claim: A,B;C\\D');
    expect(reviewText[2]).toBe('Who must act: Microsoft.');
    expect(reviewText[3]).toMatch(/^Estimated: .* it may be earlier\.$/);
  });

  it('keeps the UIDs and raises the sequence when exported again, so importing updates the events', () => {
    const first = parse(exportAt(now));
    const later = parse(exportAt(now + 86_400_000));
    expect([...later.byUid.keys()].sort()).toEqual([...first.byUid.keys()].sort());
    for (const [uid, event] of later.byUid) {
      expect(Number(event.getFirstPropertyValue('sequence'))).toBeGreaterThan(
        Number(first.byUid.get(uid)!.getFirstPropertyValue('sequence')),
      );
    }
    expect(deadlineUid('30448305', 'respond-to-reviewer')).toBe('30448305.respond-to-reviewer@cpor-guard');
  });

  it('folds lines at 75 octets without splitting a character, with CRLF only (Dutch text)', () => {
    const text = exportAt(now, 'nl');
    const bytes = new TextEncoder().encode(text);
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\n')).toBe(false);
    expect(text.replaceAll('\r\n', '').includes('\r')).toBe(false);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true); // something was folded
    expect(bytes.length).toBeGreaterThan(text.length); // and it holds characters of more than one octet
    const { byUid } = parse(text);
    const description = String(
      byUid.get(`${encodeURIComponent('A,B;C\\D')}.review@cpor-guard`)!.getFirstPropertyValue('description'),
    );
    expect(description).toContain('Wie moet iets doen: Microsoft.');
    expect(description).toMatch(/^Geschat: .* het kan eerder zijn\.$/m);
  });

  it('writes no event for a paused clock, which has no due moment', () => {
    const { deadlines, paused } = calendarDeadlines(
      [
        {
          claimId: '30449999',
          firstSeen: t('2026-11-23T10:00-08:00'),
          lastSeen: now,
          history: [
            { status: 'submitted', at: t('2026-11-23T10:00-08:00') },
            { status: 'under-review', at: t('2026-11-24T10:00-08:00') },
            { status: 'partner-action-required', at: t('2026-11-25T10:00-08:00') },
          ],
        },
      ],
      engine,
      pack,
      'en',
      now,
    );
    // The decision clock pauses while the partner must act; the response clock runs.
    expect(paused).toBe(1);
    expect(deadlines.map((d) => d.clockId)).toEqual(['respond-to-reviewer']);
    expect(parse(deadlinesIcs(deadlines, icsTexts(ui, 'en'), now)).events).toHaveLength(1);
  });
});
