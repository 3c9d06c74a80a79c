/**
 * The ids of the rule pack that the code names (pages, targets, calendars, statuses, urgency
 * levels), apart from the contract's checks (./contract.ts), so that the content script carries
 * the names without the checks and their problem texts.
 */

/** The list of claims in locators.json `pages` ("Customer associations", "Customer claims"). */
export const LIST_PAGE_ID = 'associations-list';
/** The page of one claim in locators.json `pages`. */
export const DETAIL_PAGE_ID = 'claim-detail';

/** The column targets of locators.json that the list reading uses (src/page/read-list.ts). */
export const LIST_COLUMNS = {
  claimId: 'claim-id-column',
  status: 'status-column',
  submitted: 'submitted-date-column',
  lastUpdated: 'last-updated-column',
  customer: 'customer-column',
} as const;

/** The field targets of locators.json that the claim page's reading uses (src/page/read-detail.ts). */
export const DETAIL_TARGETS = {
  claimId: 'claim-id-field',
  status: 'status-field',
  historyPanel: 'history-panel',
} as const;

/**
 * The targets of locators.json that a claim page's "What to do next" reads (src/page/read-comments.ts):
 * the Comments section with the reviewer's request, and the rejection reason the page shows. Not
 * required of a pack: without them the feature says what it could not read.
 */
export const NOTE_TARGETS = {
  commentsSection: 'comments-section',
  rejectionReason: 'rejection-reason-field',
} as const;

/** The calendar of the partner's own working days (the partner's view of a clock, settings). */
export const PARTNER_CALENDAR_ID = 'partner';
/** Microsoft's calendar: its time zone is the one the dashboard's dates are read in. */
export const MICROSOFT_CALENDAR_ID = 'microsoft';

/** Status ids the code names: a row in 'submitted' entered it on its submission date; a new claim is 'editing'. */
export const SUBMITTED_STATUS_ID = 'submitted';
export const EDITING_STATUS_ID = 'editing';

/**
 * The urgency levels the code knows (src/deadlines/types.ts UrgencyLevel; statuses.schema.json
 * allows only these). 'warning' is the level a partner can move and the one reminders and
 * calendar alarms use.
 */
export const URGENCY_LEVELS = ['notice', 'warning', 'critical'] as const;
export const ADJUSTABLE_URGENCY_LEVEL = 'warning';
