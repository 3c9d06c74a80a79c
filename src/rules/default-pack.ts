/**
 * The built-in CPOR pack (rules/cpor), bundled into the extension as data and loaded like any
 * imported pack: through the generated validators.
 */
import calendars from '../../rules/cpor/calendars.json';
import fields from '../../rules/cpor/fields.json';
import locators from '../../rules/cpor/locators.json';
import messages from '../../rules/cpor/messages.json';
import pack from '../../rules/cpor/pack.json';
import program from '../../rules/cpor/program.json';
import reasons from '../../rules/cpor/reasons.json';
import statuses from '../../rules/cpor/statuses.json';
import { loadPack, type RawPackFiles } from './load';
import { formatProblem } from './problems';
import type { RulePack } from './types';

export const DEFAULT_PACK_DIR = 'rules/cpor';

export const defaultPackFiles: RawPackFiles = {
  pack,
  statuses,
  calendars,
  fields,
  reasons,
  locators,
  program,
  messages,
};

let cached: RulePack | undefined;

/** The default pack, validated once. A broken built-in pack is a build defect: it throws. */
export function defaultPack(): RulePack {
  if (cached) return cached;
  const result = loadPack(defaultPackFiles, { dir: DEFAULT_PACK_DIR });
  if (!result.ok)
    throw new Error(`built-in rule pack is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  cached = result.pack;
  return cached;
}
