/**
 * Reading the dashboard pages by what a person sees, driven by rules/cpor/locators.json: which
 * page an address is, the claims list, and the page's dates. Plain DOM, no extension API.
 */
export { parsePageDate } from './dates';
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
export { type LocatorPage, locatorPageFor } from './url';
