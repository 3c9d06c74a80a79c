/**
 * The plain, serializable data the deadline engine works from and the results it gives. Nothing
 * here depends on date-holidays: the holiday table is computed once (background, options page or
 * build time, see holiday-table.ts) and handed to the engine as data.
 */
import type { Clock, LocalizedText } from '../rules/types';
import type { InstantInput } from './civil';

/** An instant: an ISO string with offset ('2026-11-25T10:00:00-08:00') or epoch milliseconds. */
export type { InstantInput };

/** UTC offset history of a time zone within a table's range, from Intl (zone.ts). */
export interface ZoneOffsets {
  /** The offset in minutes east of UTC before the first transition, e.g. -480 for PST. */
  initialMinutes: number;
  /** [epoch ms of the transition, offset in minutes from then on], in time order. */
  transitions: [number, number][];
}

/** One calendar of the holiday table: everything needed to tell business days, as plain data. */
export interface HolidayTableCalendar {
  timeZone: string;
  /** The holiday region, to show beside the partner view, e.g. { country: 'NL' }. */
  region: { country: string; state?: string };
  /** ISO weekdays that are not business days: 1 = Monday … 7 = Sunday. */
  weekend: number[];
  /** 'YYYY-MM-DD' days that close business: the region's holidays of the calendar's holiday types, and extra closures. */
  closed: string[];
  /** 'YYYY-MM-DD' days that are business days even if weekend or holiday (extraWorkingDays). */
  open: string[];
  offsets: ZoneOffsets;
}

/** The closed days of every calendar of a pack over a range of years. JSON-serializable. */
export interface HolidayTable {
  format: 1;
  /** First day covered, 'YYYY-MM-DD' (inclusive). */
  from: string;
  /** Last day covered, 'YYYY-MM-DD' (inclusive). */
  to: string;
  calendars: Record<string, HolidayTableCalendar>;
}

/** One status of a claim's history: the status and the moment the claim entered it. */
export interface StatusEntry {
  status: string;
  at: InstantInput;
  /**
   * true when the entry time is not known exactly. `at` must then be the LATEST moment the claim
   * can have entered the status (the moment it was first seen in it, or the end of the date the
   * page shows), so every deadline computed from it is an upper bound: "at most N days left".
   */
  estimated?: boolean;
  /** Where an estimated `at` comes from: a date shown on the page, or the moment cpor-guard first saw the status. */
  estimateBasis?: 'page-date' | 'first-seen';
}

/** Something that happened without changing the status, e.g. { event: 'dispute-filed', at }. */
export interface EventEntry {
  event: string;
  at: InstantInput;
}

/** The history of one claim. */
export interface ClaimTimeline {
  history: readonly StatusEntry[];
  events?: readonly EventEntry[];
}

export type ClockState = 'running' | 'paused' | 'finished' | 'expired' | 'stopped';
export type UrgencyLevel = 'notice' | 'warning' | 'critical';

/**
 * Time left until a due instant. For business days it counts only the time that falls on
 * business days of the calendar (wall-clock, in the calendar's zone); for calendar days, all time.
 */
export interface Remaining {
  unit: 'business-days' | 'calendar-days';
  /** Signed, in days of the unit; negative when overdue. Urgency thresholds compare with it. */
  totalDays: number;
  /** Whole days of |totalDays|, rounded down (never more time than there is). */
  days: number;
  /** Whole hours after `days`, rounded down. */
  hours: number;
  /** Minutes after `hours`, rounded down. */
  minutes: number;
}

/** What a Microsoft business-day deadline leaves of the partner's own working days. */
export interface PartnerView {
  calendar: string;
  region: { country: string; state?: string };
  remaining: Remaining;
  /** The due date as a 'YYYY-MM-DD' day in the partner's time zone. */
  dueDate: string;
}

/**
 * One clock of a claim: a started instance of a clock rule. The engine returns objects that read
 * the rule's fields (label, actor, onExpiry, …) and the split of the time left (remaining) through
 * getters, so a plain copy (structuredClone, postMessage) loses them: send JSON.stringify(result),
 * which gives every field below.
 */
export interface ClockResult {
  id: string;
  label: LocalizedText;
  /** The status in which the clock started (whose rule defines it). */
  status: string;
  /** The version of the rule that applies (the one in force when the clock started). */
  rule: Clock;
  calendar: string;
  timeZone: string;
  unit: 'business-days' | 'calendar-days' | null;
  amount: number | null;
  endless: boolean;
  /** Epoch ms when the clock started. */
  start: number;
  /** Epoch ms when it is due; null when endless or paused (a paused clock's due moment moves). */
  due: number | null;
  /** Epoch ms when it finished (the claim left the statuses it runs in) or stopped (its stop event). */
  end: number | null;
  state: ClockState;
  /** Running or expired: left until due at `now` (negative when expired); paused: frozen; finished or stopped: left at the end; endless: null. */
  remaining: Remaining | null;
  /** true when a finished or stopped clock ended after it was due. */
  late: boolean;
  urgency: UrgencyLevel | null;
  actor: 'partner' | 'microsoft' | 'customer';
  onExpiry: Clock['onExpiry'];
  /** true when the start is an estimate: due and remaining are upper bounds ("at most"). */
  estimated: boolean;
  estimateBasis: 'page-date' | 'first-seen' | null;
  /** For running business-day clocks whose calendar is not the partner's: the partner's working days left. */
  partner: PartnerView | null;
}
