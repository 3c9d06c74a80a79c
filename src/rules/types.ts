/**
 * The rule pack as the code sees it. The shapes come from rules/schema through the generated
 * types (src/generated/types, DO NOT EDIT); this module gives them short names.
 */
import type {
  Calendar,
  BusinessDayCalendarsCalendarsJson as CalendarsFile,
} from '../generated/types/calendars';
import type { TestCasesOfARuleFileCasesJson as CasesFile } from '../generated/types/cases';
import type {
  Check,
  Condition,
  Field,
  ClaimFieldsAndTheirChecksFieldsJson as FieldsFile,
  Option,
} from '../generated/types/fields';
import type { HowToFindThingsOnTheDashboardLocatorsJson as LocatorsFile } from '../generated/types/locators';
import type {
  Message,
  TextsOfTheUserInterfaceMessagesJson as MessagesFile,
} from '../generated/types/messages';
import type { RulePackManifestPackJson as PackManifest } from '../generated/types/pack';
import type { TheCPORProgramRolesAndFactsProgramJson as ProgramFile } from '../generated/types/program';
import type {
  ActionRequiredReason,
  PoECheck,
  ReviewerFindingsActionRequiredAndRejectionReasonsReasonsJson as ReasonsFile,
  RejectionReason,
} from '../generated/types/reasons';
import type {
  Event as ClaimEvent,
  Clock,
  Status,
  ClaimStatusesTheirTransitionsAndClocksStatusesJson as StatusesFile,
  Transition,
} from '../generated/types/statuses';

export type {
  ActionRequiredReason,
  Calendar,
  CalendarsFile,
  CasesFile,
  Check,
  ClaimEvent,
  Clock,
  Condition,
  Field,
  FieldsFile,
  LocatorsFile,
  Message,
  MessagesFile,
  Option,
  PackManifest,
  PoECheck,
  ProgramFile,
  ReasonsFile,
  RejectionReason,
  Status,
  StatusesFile,
  Transition,
};

/** A text per language code, e.g. { en: 'Claim name', nl: 'Claimnaam' }. */
export type LocalizedText = Record<string, string>;

/** A complete, validated rule pack: one object per rule file of rules/<pack>/. */
export interface RulePack {
  pack: PackManifest;
  statuses: StatusesFile;
  calendars: CalendarsFile;
  fields: FieldsFile;
  reasons: ReasonsFile;
  locators: LocatorsFile;
  program: ProgramFile;
  messages: MessagesFile;
}
