/**
 * The claim store: what cpor-guard remembers of each claim seen on the dashboard (the history of
 * its statuses, so deadlines count from when a status was entered), in IndexedDB of the
 * extension's origin, on the partner's machine only.
 */
export {
  type ClaimRecord,
  type ExactEvent,
  type ExactStatus,
  FIRST_FIELDS_LIMIT,
  type FirstFields,
  type FirstFieldValue,
  firstFieldsProblem,
  HISTORY_LIMIT,
  mergeHistory,
  mergeSighting,
  type ReadResult,
  readClaimRecord,
  type Sighting,
  type StoredStatus,
  sightingProblem,
  timelineOf,
  withFirstFields,
} from './claim-record';
export {
  type ClaimStore,
  type CorruptRecord,
  type OpenClaimStoreOptions,
  openClaimStore,
} from './claim-store';
export {
  DB_NAME,
  DB_VERSION,
  StoreBlockedError,
  type StoreProblem,
  StoreVersionError,
  storeProblemOf,
} from './db';
export {
  openValidationStore,
  VALIDATION_LIMIT,
  type ValidationRecord,
  type ValidationStore,
} from './validations';
