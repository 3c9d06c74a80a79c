/**
 * Every kind of rule case, by the name used in *.cases.json. Each engine contributes its own
 * handler; add one line here when a new kind of case appears.
 */
import type { CaseHandler } from './types';

export const caseHandlers: Record<string, CaseHandler> = {};
