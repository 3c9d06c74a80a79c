/**
 * The contract between the code and a rule pack: every id the code reads from a pack by name,
 * declared once. The page readers, the overlay and the pages import these instead of writing the
 * ids out, and `contractProblems` (run by loadPack and `npm run rules:check`) refuses a pack that
 * lacks one, naming it and the fix: a pack that passes cannot make the overlay unreadable or show
 * a raw message key. test/rules/contract.test.ts fails when the code names a message key, in a
 * literal or a `${…}` template, that is not declared here.
 */
import type { ProblemList } from './bounds';
import {
  DETAIL_PAGE_ID,
  DETAIL_TARGETS,
  EDITING_STATUS_ID,
  LIST_COLUMNS,
  LIST_PAGE_ID,
  MICROSOFT_CALENDAR_ID,
  PARTNER_CALENDAR_ID,
  SUBMITTED_STATUS_ID,
} from './ids';
import { listOf, quote } from './problems';
import type { RulePack } from './types';

export * from './ids';

/**
 * Event ids the code names. None today: events reach the engine only from the History entries
 * of locators.json, which name them by the pack's own ids (checked in semantic.ts).
 */
export const EVENT_IDS: readonly string[] = [];

/**
 * Message keys the code builds from a value: `${prefix}${value}` for each value the code can
 * give. A template key in the code whose prefix is not here fails test/rules/contract.test.ts.
 */
export const MESSAGE_FAMILIES: readonly { prefix: string; values: readonly string[] }[] = [
  // src/deadlines/countdown.ts: a clock without a remaining time, by its state ('running' says
  // countdown.noDeadline). The engine gives an 'expired' clock a remaining time (countdown.overdue),
  // but the type allows one without, e.g. a clock result sent between contexts: it says 'overdue'.
  { prefix: 'countdown.', values: ['paused', 'finished', 'stopped', 'expired'] },
  { prefix: 'check.format.', values: ['guid', 'email', 'domain'] },
  { prefix: 'severity.', values: ['blocking', 'warning', 'info'] },
  { prefix: 'ui.reminder.title.', values: ['warning', 'critical', 'overdue'] },
  { prefix: 'ui.overlay.actor.', values: ['partner', 'microsoft', 'customer'] },
  { prefix: 'ui.overlay.notSaved.', values: ['blocked', 'newer'] },
  { prefix: 'ui.packs.failed.', values: ['blocked', 'newer'] },
  { prefix: 'ui.popup.deadlines.actor.', values: ['all', 'partner', 'microsoft', 'customer'] },
  { prefix: 'ui.popup.deadlines.', values: ['blocked', 'newer', 'yours', 'others'] },
  { prefix: 'ui.check.history.', values: ['blocked', 'newer', 'notKept', 'unreadable'] },
  { prefix: 'ui.check.group.', values: ['claim', 'contacts', 'customer', 'poe', 'revenue', 'when', 'other'] },
  {
    prefix: 'ui.data.',
    values: [
      'csvClaim',
      'csvStatus',
      'csvDeadline',
      'csvDue',
      'csvActor',
      'csvEstimated',
      'csvAlarm',
      'csvSource',
    ],
  },
  // src/validation/poe: a FileProblemError names its key in full ('poe.note.zipNoDirectory'), listed below.
  { prefix: 'poe.note.', values: [] },
];

/**
 * Message keys the code may name but need not find: src/deadlines/countdown.ts calendarPlace()
 * shows the calendar's label when a pack has no `clock.place.<calendar id>`.
 */
export const OPTIONAL_MESSAGE_PREFIXES: readonly string[] = ['clock.place.'];

/** Message keys the code names in full. */
const NAMED_MESSAGE_KEYS = [
  'check.notEditable',
  'check.notEditable.fix',

  'check.options',

  'check.pattern',

  'check.required',

  'countdown.atMostLeft',

  'countdown.businessDays',

  'countdown.calendarDays',

  'countdown.date',

  'countdown.daysAndHours',

  'countdown.due',

  'countdown.dueAtTheLatest',

  'countdown.dueEndOfDay',

  'countdown.finishedLate',

  'countdown.hours',

  'countdown.left',

  'countdown.lessThanAnHour',

  'countdown.noDeadline',

  'countdown.overdue',

  'countdown.partnerAtMostLeft',

  'countdown.partnerLeft',

  'countdown.paused',

  'countdown.twoCalendars',

  'countdown.workingDays',

  'fix.fillIn',

  'poe.note.contentCheckFailed',
  'poe.note.contentNotType',
  'poe.note.contentNotTypeEmpty',
  'poe.note.dateAfterSubmission',
  'poe.note.dateTooOld',
  'poe.note.empty',
  'poe.note.fileNotUtf8',
  'poe.note.identityMismatch',
  'poe.note.mimeNoBoundary',
  'poe.note.mimeNoParts',
  'poe.note.mimeTooDeep',
  'poe.note.noCustomerNearSignature',
  'poe.note.noDate',
  'poe.note.noDateNearAcknowledgment',
  'poe.note.noExtensionNotAccepted',
  'poe.note.noMailHeaders',
  'poe.note.noText',
  'poe.note.noTextLayer',
  'poe.note.notDecodable',
  'poe.note.notText',
  'poe.note.notWordDocument',
  'poe.note.officeEncrypted',
  'poe.note.pagesWithoutText',
  'poe.note.pdfNotOpened',
  'poe.note.pdfPassword',
  'poe.note.pdfTruncated',
  'poe.note.productNotFound',
  'poe.note.readingFailed',
  'poe.note.searched',
  'poe.note.timeLimit',
  'poe.note.tooFewWords',
  'poe.note.tooLarge',
  'poe.note.typeExtensionMismatch',
  'poe.note.typeNoExtension',
  'poe.note.typeNotAccepted',
  'poe.note.typeNotRead',
  'poe.note.unreadFile',
  'poe.note.valueNotFound',
  'poe.note.zipCompression',
  'poe.note.zipDeclaredTooLarge',
  'poe.note.zipDirectoryDamaged',
  'poe.note.zipDuplicateEntry',
  'poe.note.zipEntryCutOff',
  'poe.note.zipEntryDamaged',
  'poe.note.zipEntryDamagedBecause',
  'poe.note.zipNoDirectory',
  'poe.note.zipTooLarge',
  'poe.note.zipTooManyEntries',

  'ui.check.checkId',
  'ui.check.checking',
  'ui.check.chooseOption',
  'ui.check.concernsField',
  'ui.check.concernsPoe',
  'ui.check.evidence',
  'ui.check.fix',
  'ui.check.fromDashboard',
  'ui.check.goToField',
  'ui.inpage.editable',
  'ui.inpage.fix',
  'ui.inpage.gateIntro',
  'ui.inpage.gateTitle',
  'ui.inpage.hide',
  'ui.inpage.locked',
  'ui.inpage.poeChecked',
  'ui.inpage.poeChecking',
  'ui.inpage.poeKept',
  'ui.inpage.poeNoAnswer',
  'ui.inpage.poeNotChecked',
  'ui.inpage.show',
  'ui.inpage.submitAnyway',
  'ui.inpage.summaryClear',
  'ui.inpage.summaryWarnings',
  'ui.inpage.title',
  'ui.next.title',
  'ui.next.name',
  'ui.next.reviewerReason',
  'ui.next.reviewerReasonUnknown',
  'ui.next.noReviewerComment',
  'ui.next.whatToDo',
  'ui.next.deadline',
  'ui.next.deadlineWithDue',
  'ui.next.checkPanel',
  'ui.next.rejectionReason',
  'ui.next.rejectionReasonUnknown',
  'ui.next.noRejectionReason',
  'ui.next.disputeUsed',
  'ui.next.noDispute',
  'ui.next.toList',
  'ui.next.leave',
  'ui.check.group.when',
  'ui.check.history.notKept',
  'ui.check.history.unreadable',
  'ui.check.intro',
  'ui.check.line',
  'ui.check.notFound',
  'ui.check.open',
  'ui.check.optionsFiltered',
  'ui.check.page',
  'ui.check.poeCrashed',
  'ui.check.poeNotChecked',
  'ui.check.poeTimeout',
  'ui.check.predicts',
  'ui.check.recentItem',
  'ui.check.recentOpen',
  'ui.check.recentTitle',
  'ui.check.recentUnnamed',
  'ui.check.seen.fill',
  'ui.check.seen.filled',
  'ui.check.seen.label',
  'ui.check.seen.option',
  'ui.check.seen.title',
  'ui.check.severityCount',
  'ui.check.showingEarlier',
  'ui.check.source',
  'ui.check.status',
  'ui.check.submissionDate',
  'ui.check.submit',
  'ui.check.summaryBlocking',
  'ui.check.summaryClear',
  'ui.check.summaryOthers',
  'ui.check.summaryUnchecked',
  'ui.check.summaryUncheckedToo',
  'ui.check.supportDetails',
  'ui.check.title',

  'ui.data.activePackKept',
  'ui.data.activePackRestored',
  'ui.data.actorCustomer',
  'ui.data.actorMicrosoft',
  'ui.data.actorPartner',
  'ui.data.backup',
  'ui.data.backupDone',
  'ui.data.backupFailed',
  'ui.data.calendarHelp',
  'ui.data.calendarTitle',
  'ui.data.csvNo',
  'ui.data.csvYes',
  'ui.data.exportCsv',
  'ui.data.exportFailed',
  'ui.data.exportIcs',
  'ui.data.exportNone',
  'ui.data.exported',
  'ui.data.exportedPaused',
  'ui.data.help',
  'ui.data.icsActorCustomer',
  'ui.data.icsActorMicrosoft',
  'ui.data.icsActorPartner',
  'ui.data.icsAlarm',
  'ui.data.icsClaim',
  'ui.data.icsEstimated',
  'ui.data.icsName',
  'ui.data.icsSource',
  'ui.data.icsSourceWithoutAddress',
  'ui.data.icsStatus',
  'ui.data.icsSummary',
  'ui.data.packNotRestored',
  'ui.data.packsManaged',
  'ui.data.refused',
  'ui.data.refusedBadShape',
  'ui.data.refusedDetail',
  'ui.data.refusedForeign',
  'ui.data.refusedFutureVersion',
  'ui.data.refusedNotJson',
  'ui.data.refusedTooBig',
  'ui.data.refusedTooDeep',
  'ui.data.restore',
  'ui.data.restoreFailed',
  'ui.data.restoreHelp',
  'ui.data.restored',
  'ui.data.restoredChecks',
  'ui.data.restoredChecksTooOld',
  'ui.data.restoredClaims',
  'ui.data.restoredPacks',
  'ui.data.restoring',
  'ui.data.settingsKept',
  'ui.data.settingsRestored',
  'ui.data.title',

  'ui.managed.by',
  'ui.managed.failed',
  'ui.managed.inUse',
  'ui.managed.locked',
  'ui.managed.someone',
  'ui.managed.title',

  'ui.options.activePack',
  'ui.options.checkHelp',
  'ui.options.checkProblems',
  'ui.options.checkTitle',
  'ui.options.checkValid',
  'ui.options.chooseFiles',
  'ui.options.decisions',
  'ui.options.intro',
  'ui.options.nav',
  'ui.options.packSummary',
  'ui.options.packValid',
  'ui.options.part.rules',
  'ui.options.part.rulesIntro',
  'ui.options.part.you',
  'ui.options.part.youIntro',
  'ui.options.preferences.browserLanguage',
  'ui.options.preferences.businessDaysLeft',
  'ui.options.preferences.daysLeft',
  'ui.options.preferences.language',
  'ui.options.preferences.languageHelp',
  'ui.options.preferences.reminders',
  'ui.options.preferences.remindersHelp',
  'ui.options.preferences.saveFailed',
  'ui.options.preferences.saved',
  'ui.options.preferences.title',
  'ui.options.preferences.warningOutOfRange',
  'ui.options.preferences.warnings',
  'ui.options.preferences.warningsHelp',
  'ui.options.sources',
  'ui.options.title',
  'ui.options.unknownFile',
  'ui.options.workingDays.country',
  'ui.options.workingDays.help',
  'ui.options.workingDays.noDaysOff',
  'ui.options.workingDays.previewCalendar',
  'ui.options.workingDays.previewTitle',
  'ui.options.workingDays.save',
  'ui.options.workingDays.saveFailed',
  'ui.options.workingDays.saved',
  'ui.options.workingDays.state',
  'ui.options.workingDays.title',
  'ui.options.workingDays.wholeCountry',
  'ui.options.workingDays.year',
  'ui.options.zipUnreadable',

  'ui.overlay.badgeName',
  'ui.overlay.dismiss',
  'ui.overlay.estimateNote',
  'ui.overlay.failed',
  'ui.overlay.fromHistory',
  'ui.overlay.line',
  'ui.overlay.lineWithDetail',
  'ui.overlay.notSaved',
  'ui.overlay.packFallback',
  'ui.overlay.short.atMost',
  'ui.overlay.short.daysHours',
  'ui.overlay.short.hours',
  'ui.overlay.short.lessThanAnHour',
  'ui.overlay.short.overdue',
  'ui.overlay.short.paused',
  'ui.overlay.unknownStatus',
  'ui.overlay.unreadable',

  'ui.packs.activate',
  'ui.packs.activateAnyway',
  'ui.packs.activated',
  'ui.packs.active',
  'ui.packs.builtin',
  'ui.packs.cases',
  'ui.packs.changeAdded',
  'ui.packs.changeChanged',
  'ui.packs.changeRemoved',
  'ui.packs.changesTitle',
  'ui.packs.confirmFailing',
  'ui.packs.dontActivate',
  'ui.packs.download',
  'ui.packs.downloadLabel',
  'ui.packs.failed',
  'ui.packs.fallback',
  'ui.packs.help',
  'ui.packs.impactRow',
  'ui.packs.impactTitle',
  'ui.packs.importedAt',
  'ui.packs.noCases',
  'ui.packs.noChanges',
  'ui.packs.noDeadline',
  'ui.packs.noImpact',
  'ui.packs.remove',
  'ui.packs.rollback',
  'ui.packs.save',
  'ui.packs.saveAndActivate',
  'ui.packs.saved',
  'ui.packs.skipped',
  'ui.packs.title',

  'ui.pageNotRecognized',

  'ui.popup.activePack',
  'ui.popup.deadlines.claim',
  'ui.popup.deadlines.error',
  'ui.popup.deadlines.failed',
  'ui.popup.deadlines.loading',
  'ui.popup.deadlines.none',
  'ui.popup.deadlines.noneFor',
  'ui.popup.deadlines.source',
  'ui.popup.deadlines.stale',
  'ui.popup.deadlines.title',
  'ui.popup.deadlines.whose',
  'ui.popup.intro',
  'ui.popup.openDashboard',
  'ui.popup.openOptions',
  'ui.popup.title',

  'ui.reminder.body',
  'ui.reminder.bodyShort',

  'ui.toolbar.attention',
  'ui.toolbar.pending',
] as const;

/** Every message key the code reads: the named ones and each family's values. */
export const MESSAGE_KEYS: readonly string[] = [
  ...new Set([
    ...NAMED_MESSAGE_KEYS,
    ...MESSAGE_FAMILIES.flatMap((f) => f.values.map((v) => `${f.prefix}${v}`)),
  ]),
].sort();

/** Where a message is shown, by the start of its key (the longest start that fits wins). */
const SHOWN_WHERE: Record<string, string> = {
  'countdown.': 'the deadline badges and the claim page show it in a countdown',
  'check.': 'the check page shows it as a finding of a field check',
  'fix.': 'the check page shows it as the fix of a finding',
  'poe.': 'the check page shows it when it reads a proof of execution',
  'severity.': 'the check page shows it as a finding’s severity',
  'ui.overlay.': 'the overlay on the dashboard shows it',
  'ui.pageNotRecognized': 'the overlay shows it when it does not recognise a page',
  'ui.toolbar.': 'the toolbar button shows it in its title',
  'ui.reminder.': 'a reminder notification shows it',
  'ui.popup.': 'the toolbar popup shows it',
  'ui.check.': 'the check page shows it',
  'ui.options.': 'the options page shows it',
  'ui.packs.': 'the options page shows it in its rule packs part',
  'ui.data.': 'the options page shows it in its "your data" part (backup, calendar export)',
  'ui.managed.': 'the options page shows it when an administrator manages the pack',
};

function shownWhere(key: string): string {
  const start = Object.keys(SHOWN_WHERE)
    .filter((s) => key.startsWith(s))
    .sort((a, b) => b.length - a.length)[0];
  return start ? SHOWN_WHERE[start]! : 'cpor-guard shows it';
}

export interface ContractOptions {
  /**
   * Also require the interface texts (`ui.*` messages). The built-in pack is where they come
   * from (rules:check requires them there); a pack a partner loads gets the built-in pack's
   * texts where it lacks one (src/packs/repository.ts withBuiltInUiTexts), so loadPack does not.
   */
  uiTexts?: boolean;
}

/**
 * The ids of this module that `pack` lacks, each as an error naming the id, what needs it and the
 * fix. Files that are missing or broke their schema are skipped (that is reported already).
 */
export function contractProblems(
  pack: Partial<RulePack>,
  dir: string,
  into: ProblemList,
  options: ContractOptions = {},
): void {
  const error = (file: string, pointer: string, message: string) =>
    into.add({ file: `${dir}/${file}`, pointer, message, level: 'error' });
  const safely = (run: () => void) => {
    try {
      run();
    } catch {
      // A file of the wrong shape: its schema problem is reported instead.
    }
  };
  safely(() => {
    if (!Array.isArray(pack.locators?.pages) || !Array.isArray(pack.locators?.targets)) return;
    const pages = new Set(pack.locators.pages.map((p) => p.id));
    const pageWords: Record<string, string> = {
      [LIST_PAGE_ID]: 'the list of claims',
      [DETAIL_PAGE_ID]: 'the page of one claim',
    };
    for (const [id, words] of Object.entries(pageWords)) {
      if (!pages.has(id))
        error(
          'locators.json',
          '/pages',
          `no page ${quote(id)}; the overlay finds ${words} by it and reads nothing without it; add a page with "id": ${quote(id)}`,
        );
    }
    const targets = new Map(pack.locators.targets.map((t) => [t.id, t]));
    const needed: [string, string, string][] = [
      ...Object.values(LIST_COLUMNS).map((id): [string, string, string] => [id, LIST_PAGE_ID, 'column']),
      ...Object.values(DETAIL_TARGETS).map((id): [string, string, string] => [id, DETAIL_PAGE_ID, 'field']),
    ];
    for (const [id, page, what] of needed) {
      const target = targets.get(id);
      if (!target)
        error(
          'locators.json',
          '/targets',
          `no target ${quote(id)}; the overlay reads this ${what} of page ${quote(page)} by it; add a target with "id": ${quote(id)} and "pages": [${quote(page)}]`,
        );
      else if (!target.pages.includes(page))
        error(
          'locators.json',
          `/targets/${pack.locators.targets.indexOf(target)}/pages`,
          `target ${quote(id)} does not list page ${quote(page)}, where the overlay reads it; add ${quote(page)} to its 'pages'`,
        );
    }
  });
  safely(() => {
    if (!Array.isArray(pack.calendars?.calendars)) return;
    const ids = new Set(pack.calendars.calendars.map((c) => c.id));
    const why: Record<string, string> = {
      [MICROSOFT_CALENDAR_ID]:
        "Microsoft's clocks count on it and the dashboard's dates are read in its time zone",
      [PARTNER_CALENDAR_ID]: "the partner's view of every clock counts on it",
    };
    for (const [id, because] of Object.entries(why)) {
      if (!ids.has(id))
        error(
          'calendars.json',
          '/calendars',
          `the ${quote(id)} calendar is missing; ${because}; add a calendar with "id": ${quote(id)}`,
        );
    }
  });
  safely(() => {
    if (!Array.isArray(pack.statuses?.statuses)) return;
    const ids = new Set(pack.statuses.statuses.map((s) => s.id));
    const why: Record<string, string> = {
      [SUBMITTED_STATUS_ID]: 'the list page dates a submitted claim by its submission date',
      [EDITING_STATUS_ID]: 'a claim not yet submitted is in it (field checks, new claims)',
    };
    for (const [id, because] of Object.entries(why)) {
      if (!ids.has(id))
        error(
          'statuses.json',
          '/statuses',
          `no status ${quote(id)}; ${because}; add a status with "id": ${quote(id)}`,
        );
    }
  });
  safely(() => {
    const messages = pack.messages?.messages;
    if (messages === null || typeof messages !== 'object') return;
    const locales = Array.isArray(pack.pack?.locales) ? pack.pack.locales : [];
    const texts =
      locales.length > 0 ? `${listOf(locales, 'and')} texts` : 'a text in each language of the pack';
    for (const key of MESSAGE_KEYS) {
      if (!options.uiTexts && key.startsWith('ui.')) continue;
      if (Object.hasOwn(messages, key)) continue;
      error(
        'messages.json',
        '/messages',
        `no message ${quote(key)}; ${shownWhere(key)}; add it with ${texts}`,
      );
    }
  });
}
