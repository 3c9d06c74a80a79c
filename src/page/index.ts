/**
 * Reading the dashboard pages by what a person sees, driven by rules/cpor/locators.json: which
 * page an address is, the claims list, a claim's own page with its History panel, and the page's
 * dates and moments. Plain DOM, no extension API.
 */
export { endOfLocalDate, findPageDateTime, localWallClock, parsePageDate, parsePageDateTime } from './dates';
export {
  DETAIL_PAGE_ID,
  DETAIL_TARGETS,
  type DetailReading,
  type HistoryEntry,
  type HistoryEvent,
  type ReadDetailOptions,
  readClaimDetail,
  type SkippedEntry,
} from './read-detail';
export {
  type ClaimRow,
  LIST_COLUMNS,
  LIST_PAGE_ID,
  type ListReading,
  REQUIRED_LIST_COLUMNS,
  type ReadListOptions,
  readClaimList,
  shownText,
} from './read-list';
export { addressSays, type LocatorPage, locatorPageFor, mayBePage } from './url';
