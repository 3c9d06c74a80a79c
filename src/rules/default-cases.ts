/**
 * The built-in pack's rule cases (rules/cpor/*.cases.json) as data, by file name: the options page
 * puts them in the built-in pack's download, so that a policy owner who edits the rules has the
 * examples that test them. `npm run rules:test` runs the same files from disk.
 */
import calendarsCases from '../../rules/cpor/calendars.cases.json';
import fieldsCases from '../../rules/cpor/fields.cases.json';
import reasonsCases from '../../rules/cpor/reasons.cases.json';
import statusesCases from '../../rules/cpor/statuses.cases.json';
import clockCases from '../../rules/cpor/statuses.clocks.cases.json';

export const defaultCaseFiles: Readonly<Record<string, unknown>> = {
  'calendars.cases.json': calendarsCases,
  'fields.cases.json': fieldsCases,
  'reasons.cases.json': reasonsCases,
  'statuses.cases.json': statusesCases,
  'statuses.clocks.cases.json': clockCases,
};
