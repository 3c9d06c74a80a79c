// What a person checking the demo list by hand expects to see at one instant, written out, not
// computed: the overlay's e2e tests launch the browser with its clock set to CLOCK_AT (the clock
// shim of demo/harness.mjs) and compare what the page shows with these texts.
//
// How each deadline was counted, with the built-in pack (rules/cpor) and its calendar "microsoft"
// (Redmond, America/Los_Angeles; closed on weekends, Thanksgiving 26 Nov 2026 and the day after).
// The list shows dates only, so each status began at the latest at the end of the shown day in the
// browser's time zone (UTC): 23:59:59 UTC is 15:59:59 in Redmond, hence "16:00 (Redmond)" and
// the "≤" (at most) on claims whose clock starts from that bound. CLOCK_AT, 09:30 UTC on
// Wednesday 9 Dec 2026, is 01:30 in Redmond and 10:30 in the Netherlands. Texts count whole
// hours and drop the rest.
// - 30459120, Submitted ≤ Tue 24 Nov: the review starts within 5 business days: 25 Nov, 30 Nov,
//   1, 2, 3 Dec → due Thu 3 Dec 16:00. Overdue since: 8 h of 3 Dec, 4 and 7 and 8 Dec, 1.5 h of
//   9 Dec → 3 business days 9 h.
// - 30448305, Partner action required ≤ Mon 23 Nov: 14 business days to respond (since
//   2023-10-10): 24, 25, 30 Nov, 1-4, 7-11, 14, 15 Dec → Tue 15 Dec 16:00. Left: 22.5 h of 9 Dec,
//   10, 11, 14 Dec, 16 h of 15 Dec → 4 d 14 h: more than 3 left, a notice only (5 or fewer).
// - 30451877, Under review ≤ Fri 20 Nov: the review takes up to 14 business days: 23-25, 30 Nov,
//   1-4, 7-11, 14 Dec → Mon 14 Dec 16:00 → 3 d 14 h; Microsoft's clock, nothing to warn about.
// - 30428846, Partner action required ≤ Thu 19 Nov: 20, 23-25, 30 Nov, 1-4, 7-11 Dec → Fri
//   11 Dec 16:00 → 2 d 14 h: 3 or fewer left, a warning. For the partner in the Netherlands (the
//   default working days), that is Sat 12 Dec 01:00 there, so their own time ends on Friday at
//   midnight: 13.5 h of 9 Dec, 10 and 11 Dec → 2 d 13 h.
// - 30437514, Rejected ≤ Thu 12 Nov: 30 calendar days to dispute → Sat 12 Dec 16:00 → 3 d 14 h;
//   5 days or fewer left, a warning.
// - 30461782 (Editing), 30440061 and 30431902 (Approved): nothing pending (the customer's opt-out
//   has no deadline since 2023-10-10), no badge.
// The hour figures hold from 09:30 until 09:59 UTC; a test file launches its browser at CLOCK_AT
// and finishes within minutes.

export const CLOCK_AT = '2026-12-09T09:30:00Z';

export interface ExpectedBadge {
  /** The badge's text, en and nl. */
  short: { en: string; nl: string };
  /** The first deadline line of its accessible name, en and nl. */
  line: { en: string; nl: string };
  level: 'running' | 'notice' | 'warning' | 'critical' | 'overdue';
}

/** Claim id → the badge shown at CLOCK_AT, or null for none. */
export const AT_CLOCK: Record<string, ExpectedBadge | null> = {
  '30461782': null,
  '30459120': {
    short: { en: 'overdue 3d 9h', nl: '3d 9u te laat' },
    line: {
      en: 'Review starts: 3 business days and 9 hours overdue (due Thu 3 Dec, 16:00 (Redmond) at the latest).',
      nl: 'Beoordeling begint: 3 werkdagen en 9 uur te laat (uiterlijk do 3 dec, 16:00 (Redmond), mogelijk eerder).',
    },
    level: 'overdue',
  },
  '30448305': {
    short: { en: '≤ 4d 14h', nl: '≤ 4d 14u' },
    line: {
      en: 'Respond to the reviewer: at most 4 business days and 14 hours left (due Tue 15 Dec, 16:00 (Redmond) at the latest; at most 4 working days and 14 hours left for you (NL)).',
      nl: 'Reageren op de beoordelaar: hoogstens nog 4 werkdagen en 14 uur (uiterlijk di 15 dec, 16:00 (Redmond), mogelijk eerder; hoogstens nog 4 werkdagen en 14 uur voor u (NL)).',
    },
    level: 'notice',
  },
  '30440061': null,
  '30451877': {
    short: { en: '≤ 3d 14h', nl: '≤ 3d 14u' },
    line: {
      en: 'Review decision: at most 3 business days and 14 hours left (due Mon 14 Dec, 16:00 (Redmond) at the latest; at most 3 working days and 14 hours left for you (NL)).',
      nl: 'Besluit beoordeling: hoogstens nog 3 werkdagen en 14 uur (uiterlijk ma 14 dec, 16:00 (Redmond), mogelijk eerder; hoogstens nog 3 werkdagen en 14 uur voor u (NL)).',
    },
    level: 'running',
  },
  '30428846': {
    short: { en: '≤ 2d 14h', nl: '≤ 2d 14u' },
    line: {
      en: 'Respond to the reviewer: at most 2 business days and 14 hours left (due Fri 11 Dec, 16:00 (Redmond) at the latest; at most 2 working days and 13 hours left for you (NL)).',
      nl: 'Reageren op de beoordelaar: hoogstens nog 2 werkdagen en 14 uur (uiterlijk vr 11 dec, 16:00 (Redmond), mogelijk eerder; hoogstens nog 2 werkdagen en 13 uur voor u (NL)).',
    },
    level: 'warning',
  },
  '30431902': null,
  '30437514': {
    short: { en: '≤ 3d 14h', nl: '≤ 3d 14u' },
    line: {
      en: 'Dispute the rejection: at most 3 days and 14 hours left (due Sat 12 Dec, 16:00 (Redmond) at the latest).',
      nl: 'Afwijzing betwisten: hoogstens nog 3 dagen en 14 uur (uiterlijk za 12 dec, 16:00 (Redmond), mogelijk eerder).',
    },
    level: 'warning',
  },
};

/** The claims with a badge at CLOCK_AT. */
export const PENDING_AT_CLOCK = Object.keys(AT_CLOCK).filter((id) => AT_CLOCK[id] !== null);

/**
 * The toolbar popup's lists at CLOCK_AT. Yours to meet, most pressing first: the two warnings by
 * time left, then the notice. Waiting for Microsoft or the customer, the earliest due first: the
 * overdue start of a review (Microsoft's: nothing for the partner to do), then a review.
 */
export const POPUP_AT_CLOCK = {
  yours: [
    ['30428846', '≤ 2d 14h'],
    ['30437514', '≤ 3d 14h'],
    ['30448305', '≤ 4d 14h'],
  ],
  others: [
    ['30459120', 'overdue 3d 9h'],
    ['30451877', '≤ 3d 14h'],
  ],
};

/**
 * The toolbar icon's count at CLOCK_AT: the claims with a deadline of the partner's at a warning
 * or worse (30428846, 30437514); Microsoft's overdue review start does not count.
 */
export const ATTENTION_AT_CLOCK = '2';

/** The reminders due at CLOCK_AT (claim, clock, level): the partner's deadlines at a warning or worse. */
export const REMINDERS_AT_CLOCK = ['30428846 respond-to-reviewer warning', '30437514 dispute-window warning'];

/** What readBadges (./demo-claims.ts) should find at CLOCK_AT: the badges' texts and accessible names. */
export function shownAtClock(locale: 'en' | 'nl'): Record<string, { short: string; name: string }> {
  const prefix = locale === 'nl' ? 'Termijnen van claim' : 'Deadlines of claim';
  return Object.fromEntries(
    PENDING_AT_CLOCK.map((claimId) => {
      const expected = AT_CLOCK[claimId]!;
      // The accessible name starts with the visible text (label in name), then says it all.
      const short = expected.short[locale];
      return [claimId, { short, name: `${short}, ${prefix} ${claimId}: ${expected.line[locale]}` }];
    }),
  );
}
