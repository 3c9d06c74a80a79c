/**
 * The deadline engine's public face for the content script, background and pages. It carries no
 * date-holidays: build the holiday table with ./holiday-table (background, options page, build
 * time) and hand it over as data.
 */
export {
  BusinessCalendar,
  CompiledHolidayTable,
  compileHolidayTable,
  HolidayTableRangeError,
} from './business-days';
export { type InstantInput, toEpochMs } from './civil';
export { type CountdownOptions, type CountdownText, countdownText, formatDuration } from './countdown';
export {
  type ClockOptions,
  type ComputeClocksInput,
  computeClocks,
  createDeadlineEngine,
  type DeadlineEngine,
  deadlineEngine,
  dueMoment,
  dueWithoutPause,
} from './engine';
export type * from './types';
