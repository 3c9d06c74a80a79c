// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localIso } from '../../src/deadlines/cases';
import { countdownText } from '../../src/deadlines/countdown';
import { computeClocks, createDeadlineEngine } from '../../src/deadlines/engine';
import type { ClaimTimeline, ClockResult } from '../../src/deadlines/types';
import { runCase } from '../../src/rules/cases/run';
import { defaultPack } from '../../src/rules/default-pack';
import type { RulePack } from '../../src/rules/types';
import { microsoft, pack, table } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = createDeadlineEngine(pack, table);
const clocksAt = (timeline: ClaimTimeline, now: string, partnerCalendar?: string) =>
  engine.clocks(timeline, now, partnerCalendar ? { partnerCalendar } : {});
const only = (clocks: ClockResult[], id: string) => {
  const found = clocks.filter((c) => c.id === id);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const pacific = (ms: number | null) => (ms === null ? null : localIso(ms, microsoft.zone));

describe('effective dating of the customer opt-out', () => {
  it.each([
    ['2020', '2020-10-05T10:00-07:00', '2020-08-31', 'calendar-days', '2020-10-12T10:00-07:00'],
    ['2022', '2022-03-10T10:00-08:00', '2021-09-01', 'business-days', '2022-03-17T10:00-07:00'],
    ['2024', '2024-05-20T10:00-07:00', '2023-01-01', null, null],
  ])('applies the rule in force when a claim was approved in %s', (_year, approvedAt, from, unit, due) => {
    const clock = only(
      clocksAt({ history: [{ status: 'approved', at: approvedAt }] }, approvedAt),
      'customer-opt-out',
    );
    expect(clock.rule.from).toBe(from);
    expect(clock.unit).toBe(unit);
    expect(pacific(clock.due)).toBe(due);
    expect(clock.endless).toBe(due === null);
  });

  it('keeps the 7-day opt-out of a claim approved in 2020 when looked at years later', () => {
    const clock = only(
      clocksAt({ history: [{ status: 'approved', at: '2020-10-05T10:00-07:00' }] }, '2026-11-27T10:00-08:00'),
      'customer-opt-out',
    );
    expect(clock.rule.from).toBe('2020-08-31');
    expect(clock.state).toBe('expired');
    expect(pacific(clock.due)).toBe('2020-10-12T10:00-07:00');
  });

  it('picks the version by the start date in the clock’s calendar, not in UTC', () => {
    // 2021-08-31 20:00 in Redmond is already 1 September in UTC.
    const clock = only(
      clocksAt({ history: [{ status: 'approved', at: '2021-08-31T20:00-07:00' }] }, '2021-09-01T10:00-07:00'),
      'customer-opt-out',
    );
    expect(clock.rule.from).toBe('2020-08-31');
  });

  it('picks the version by the local date also when its rule takes effect on a DST switch day', () => {
    // Redmond springs forward on 2022-03-13: the engine compares such a `from` in local time,
    // not with its precomputed instant (see ClockVersion.fromExact).
    const shifted = {
      ...pack,
      statuses: {
        ...pack.statuses,
        statuses: pack.statuses.statuses.map((s) => ({
          ...s,
          clocks: s.clocks.map((c) => (c.from === '2021-09-01' ? { ...c, from: '2022-03-13' } : c)),
        })) as RulePack['statuses']['statuses'],
      },
    };
    const shiftedEngine = createDeadlineEngine(shifted, table);
    const versionAt = (at: string) =>
      only(shiftedEngine.clocks({ history: [{ status: 'approved', at }] }, at), 'customer-opt-out').rule.from;
    expect(versionAt('2022-03-12T23:59-08:00')).toBe('2020-08-31');
    expect(versionAt('2022-03-13T00:00-08:00')).toBe('2022-03-13');
    expect(versionAt('2022-03-13T03:30-07:00')).toBe('2022-03-13');
  });

  it('starts no clock before the first version of its rule', () => {
    expect(
      clocksAt({ history: [{ status: 'approved', at: '2019-05-01T10:00-07:00' }] }, '2019-05-02T10:00-07:00'),
    ).toEqual([]);
  });
});

describe('an unknown start', () => {
  const timeline: ClaimTimeline = {
    history: [
      {
        status: 'partner-action-required',
        at: '2026-11-23T08:00-08:00',
        estimated: true,
        estimateBasis: 'first-seen',
      },
    ],
  };

  it('is used as the latest possible start and marks the clock as an estimate', () => {
    const clock = only(clocksAt(timeline, '2026-11-24T08:00-08:00'), 'respond-to-reviewer');
    expect(clock.estimated).toBe(true);
    expect(clock.estimateBasis).toBe('first-seen');
    expect(pacific(clock.due)).toBe('2026-12-02T08:00-08:00');
  });

  it('reads as an upper bound in both languages', () => {
    const clock = only(clocksAt(timeline, '2026-11-24T08:00-08:00'), 'respond-to-reviewer');
    expect(countdownText(pack, clock, 'en').relative).toBe('at most 4 business days left');
    expect(countdownText(pack, clock, 'nl').relative).toBe('hoogstens nog 4 werkdagen');
    expect(countdownText(pack, clock, 'en').absolute).toBe('due Wed 2 Dec, 08:00 (Redmond) at the latest');
  });
});

describe('clock lifecycle', () => {
  const timeline: ClaimTimeline = {
    history: [
      { status: 'submitted', at: '2026-11-20T10:00-08:00' },
      { status: 'under-review', at: '2026-11-24T09:00-08:00' },
      { status: 'partner-action-required', at: '2026-11-25T09:00-08:00' },
      { status: 'under-review', at: '2026-11-30T09:00-08:00' },
      { status: 'approved', at: '2026-12-03T09:00-08:00' },
    ],
  };

  it('pauses the decision clock while the partner must act and moves its due date by the paused business time', () => {
    const paused = only(clocksAt(timeline, '2026-11-27T12:00-08:00'), 'decision');
    expect(paused.state).toBe('paused');
    expect(paused.due).toBeNull();
    expect([paused.remaining!.days, paused.remaining!.hours]).toEqual([7, 1]);
    const resumed = only(clocksAt(timeline, '2026-12-01T12:00-08:00'), 'decision');
    expect(resumed.state).toBe('running');
    expect(pacific(resumed.due)).toBe('2026-12-09T10:00-08:00');
  });

  it('finishes every clock when the claim leaves the statuses they run in', () => {
    const clocks = clocksAt(timeline, '2026-12-10T12:00-08:00').filter((c) => c.status !== 'approved');
    expect(clocks.map((c) => [c.id, c.state])).toEqual([
      ['review-start', 'finished'],
      ['decision', 'finished'],
      ['review', 'finished'],
      ['respond-to-reviewer', 'finished'],
      ['review', 'finished'],
    ]);
    expect(clocks.every((c) => c.urgency === null && c.partner === null)).toBe(true);
  });

  it('ignores history entries after now, and a repeated entry of the same status', () => {
    const clocks = clocksAt(
      {
        history: [
          { status: 'submitted', at: '2026-11-20T10:00-08:00' },
          { status: 'submitted', at: '2026-11-21T10:00-08:00' },
          { status: 'under-review', at: '2026-12-24T09:00-08:00' },
        ],
      },
      '2026-11-23T10:00-08:00',
    );
    expect(clocks.map((c) => [c.id, c.state, pacific(c.start)])).toEqual([
      ['review-start', 'running', '2026-11-20T10:00-08:00'],
      ['decision', 'running', '2026-11-20T10:00-08:00'],
    ]);
  });

  it('sorts a history given out of order', () => {
    const clocks = computeClocks({
      pack,
      holidays: table,
      now: '2026-11-25T12:00-08:00',
      history: [
        { status: 'under-review', at: '2026-11-24T09:00-08:00' },
        { status: 'submitted', at: '2026-11-20T10:00-08:00' },
      ],
    });
    expect(clocks.map((c) => [c.id, c.state])).toEqual([
      ['review-start', 'finished'],
      ['decision', 'running'],
      ['review', 'running'],
    ]);
  });

  it('stops the dispute window when a dispute is filed and starts the dispute review', () => {
    const clocks = clocksAt(
      {
        history: [{ status: 'rejected', at: '2026-06-15T09:00-07:00' }],
        events: [{ event: 'dispute-filed', at: '2026-06-16T11:00-07:00' }],
      },
      '2026-06-18T12:00-07:00',
    );
    expect(only(clocks, 'dispute-window').state).toBe('stopped');
    expect(pacific(only(clocks, 'dispute-review').due)).toBe('2026-06-24T11:00-07:00');
  });

  it('accepts epoch milliseconds as well as ISO strings', () => {
    const a = clocksAt(
      { history: [{ status: 'submitted', at: '2026-11-20T10:00-08:00' }] },
      '2026-11-25T12:00-08:00',
    );
    const b = engine.clocks(
      { history: [{ status: 'submitted', at: Date.parse('2026-11-20T10:00-08:00') }] },
      Date.parse('2026-11-25T12:00-08:00'),
    );
    expect(b).toEqual(a);
  });
});

describe('urgency', () => {
  const timeline: ClaimTimeline = {
    history: [{ status: 'partner-action-required', at: '2026-06-01T09:00-07:00' }],
  };
  it.each([
    ['2026-06-02T09:00-07:00', null],
    ['2026-06-03T08:59-07:00', null],
    ['2026-06-03T09:00-07:00', 'notice'],
    ['2026-06-04T09:00-07:00', 'warning'],
    ['2026-06-05T09:00-07:00', 'critical'],
    ['2026-06-09T09:00-07:00', 'critical'],
  ])('at %s the partner’s response is at level %s', (now, level) => {
    expect(only(clocksAt(timeline, now), 'respond-to-reviewer').urgency).toBe(level);
  });
});

describe('countdown texts in en and nl', () => {
  const thanksgiving: ClaimTimeline = { history: [{ status: 'submitted', at: '2026-11-20T10:00-08:00' }] };

  it('show Redmond’s due date and the partner’s working days side by side when the calendars differ', () => {
    const clock = only(clocksAt(thanksgiving, '2026-11-25T12:00-08:00'), 'review-start');
    expect(countdownText(pack, clock, 'en', { hours: false })).toEqual({
      relative: '1 business day left',
      absolute: 'due Tue 1 Dec, 10:00 (Redmond)',
      partner: '3 working days left for you (NL)',
      line: 'due Tue 1 Dec, 10:00 (Redmond); 3 working days left for you (NL)',
    });
    expect(countdownText(pack, clock, 'nl', { hours: false })).toEqual({
      relative: 'nog 1 werkdag',
      absolute: 'uiterlijk di 1 dec, 10:00 (Redmond)',
      partner: 'nog 3 werkdagen voor u (NL)',
      line: 'uiterlijk di 1 dec, 10:00 (Redmond); nog 3 werkdagen voor u (NL)',
    });
  });

  it('show no partner view when the partner counts in Microsoft’s calendar', () => {
    const clock = only(clocksAt(thanksgiving, '2026-11-25T12:00-08:00', 'microsoft'), 'review-start');
    expect(countdownText(pack, clock, 'en').partner).toBeNull();
  });

  it.each([
    ['2026-11-30T10:00-08:00', 'en', '1 business day left'],
    ['2026-11-30T10:00-08:00', 'nl', 'nog 1 werkdag'],
    ['2026-11-25T10:00-08:00', 'en', '2 business days left'],
    ['2026-12-01T09:30-08:00', 'en', 'less than an hour left'],
    ['2026-12-01T09:00-08:00', 'nl', 'nog 1 uur'],
    ['2026-12-01T06:00-08:00', 'nl', 'nog 4 uur'],
    ['2026-12-02T11:00-08:00', 'en', '1 business day and 1 hour overdue'],
    ['2026-12-02T11:00-08:00', 'nl', '1 werkdag en 1 uur te laat'],
  ])('at %s in %s: %s', (now, locale, text) => {
    expect(countdownText(pack, only(clocksAt(thanksgiving, now), 'review-start'), locale).relative).toBe(
      text,
    );
  });

  it('fall back to the pack’s default language for a language the pack lacks', () => {
    const clock = only(clocksAt(thanksgiving, '2026-11-25T12:00-08:00'), 'review-start');
    expect(countdownText(pack, clock, 'fr', { hours: false }).relative).toBe('1 business day left');
  });

  it('say “no deadline” for the endless opt-out and count calendar days for the dispute window', () => {
    const optOut = only(
      clocksAt({ history: [{ status: 'approved', at: '2024-05-20T10:00-07:00' }] }, '2024-06-01T10:00-07:00'),
      'customer-opt-out',
    );
    expect(countdownText(pack, optOut, 'nl').relative).toBe('geen termijn');
    const dispute = only(
      clocksAt({ history: [{ status: 'rejected', at: '2026-03-01T12:00-08:00' }] }, '2026-03-30T12:00-07:00'),
      'dispute-window',
    );
    expect(countdownText(pack, dispute, 'en').relative).toBe('1 day left');
    expect(countdownText(pack, dispute, 'nl').relative).toBe('nog 1 dag');
  });

  // The states of a clock without a remaining time (a Record, so a new ClockState fails to compile
  // here): countdown.<state> is a text of the pack, never the raw key ('expired' had none).
  // 'paused' is left out: countdown.paused says '{duration}', which such a clock does not have
  // (the engine never makes one: an endless clock does not pause).
  const withoutRemaining: Record<Exclude<ClockResult['state'], 'paused'>, [string, string]> = {
    running: ['no deadline', 'geen termijn'],
    finished: ['done', 'afgerond'],
    stopped: ['stopped', 'gestopt'],
    expired: ['overdue', 'te laat'],
  };
  it.each(Object.entries(withoutRemaining))(
    'say a %s clock without a remaining time in words',
    (state, [en, nl]) => {
      const endless = only(
        clocksAt(
          { history: [{ status: 'approved', at: '2024-05-20T10:00-07:00' }] },
          '2024-06-01T10:00-07:00',
        ),
        'customer-opt-out',
      );
      const clock = { ...(JSON.parse(JSON.stringify(endless)) as ClockResult), state } as ClockResult;
      expect(clock.remaining).toBeNull();
      expect(countdownText(pack, clock, 'en').relative).toBe(en);
      expect(countdownText(pack, clock, 'nl').relative).toBe(nl);
    },
  );
});

describe('rule cases', () => {
  // A test of the built-in pack: its statuses.clocks.cases.json covers its own clocks (it compared
  // the test pack's clocks, so a clock only the built-in pack has, such as 'dispute-answer', went unchecked).
  it('exist for every clock of statuses.json', () => {
    const cases = JSON.parse(readFileSync(join(root, 'rules/cpor/statuses.clocks.cases.json'), 'utf8')) as {
      cases: { kind: string; expected: { clocks?: { id: string }[] } }[];
    };
    const covered = new Set(cases.cases.flatMap((c) => (c.expected.clocks ?? []).map((k) => k.id)));
    const clockIds = new Set(defaultPack().statuses.statuses.flatMap((s) => s.clocks.map((c) => c.id)));
    expect(clockIds).toContain('dispute-answer');
    expect([...clockIds].filter((id) => !covered.has(id))).toEqual([]);
  });

  it('fail, saying what differs, when a clock case expects the wrong due date', () => {
    const outcome = runCase(
      'x.cases.json',
      0,
      {
        name: 'wrong on purpose',
        kind: 'clocks',
        at: '2026-11-25T12:00-08:00',
        input: { history: [{ status: 'submitted', at: '2026-11-20T10:00-08:00' }] },
        expected: { clocks: [{ id: 'review-start', due: '2026-11-27T10:00-08:00' }, { id: 'decision' }] },
      },
      pack,
    );
    expect(outcome.pass).toBe(false);
    expect(outcome.failure).toBe(
      'clocks[0].due: expected "2026-11-27T10:00-08:00", got "2026-12-01T10:00-08:00"',
    );
  });
});

describe('results as plain data', () => {
  // The engine's results read their rule-derived fields through getters; a message between the
  // background and a page needs the plain ClockResult, which toJSON (and JSON.stringify) give.
  const keys: (keyof ClockResult)[] = [
    'id',
    'label',
    'status',
    'rule',
    'calendar',
    'timeZone',
    'unit',
    'amount',
    'endless',
    'start',
    'due',
    'end',
    'state',
    'remaining',
    'late',
    'urgency',
    'actor',
    'onExpiry',
    'estimated',
    'estimateBasis',
    'partner',
  ];
  const timeline: ClaimTimeline = {
    history: [
      { status: 'submitted', at: '2026-11-20T10:00-08:00', estimated: true, estimateBasis: 'page-date' },
      { status: 'under-review', at: '2026-11-24T10:00-08:00' },
      { status: 'partner-action-required', at: '2026-11-25T10:00-08:00' },
    ],
  };

  it('JSON.stringify gives every field of ClockResult with the values the object reads', () => {
    const clocks = clocksAt(timeline, '2026-11-27T10:00-08:00');
    expect(clocks.map((c) => c.id)).toEqual(['review-start', 'decision', 'review', 'respond-to-reviewer']);
    for (const clock of clocks) {
      const plain = JSON.parse(JSON.stringify(clock)) as Record<string, unknown>;
      expect(Object.keys(plain).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(plain[key], key).toEqual(JSON.parse(JSON.stringify(clock[key] ?? null)));
    }
  });

  it('derives late, estimated and the partner view from what the engine computed', () => {
    const clocks = clocksAt(timeline, '2026-11-27T10:00-08:00');
    const reviewStart = only(clocks, 'review-start');
    expect([reviewStart.state, reviewStart.late, reviewStart.estimated]).toEqual(['finished', false, true]);
    expect(reviewStart.estimateBasis).toBe('page-date');
    const respond = only(clocks, 'respond-to-reviewer');
    expect(respond.state).toBe('running');
    expect(respond.partner).toMatchObject({ calendar: 'partner', region: { country: 'NL' } });
    expect(respond.partner!.remaining.unit).toBe('business-days');
    // A finished clock that ended after it was due is late, with negative time left.
    const late = only(
      clocksAt(
        {
          history: [
            { status: 'submitted', at: '2026-11-02T10:00-08:00' },
            { status: 'under-review', at: '2026-11-13T10:00-08:00' },
          ],
        },
        '2026-11-27T10:00-08:00',
      ),
      'review-start',
    );
    expect([late.state, late.late, late.remaining!.totalDays < 0]).toEqual(['finished', true, true]);
  });
});
