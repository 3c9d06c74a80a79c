/**
 * Every kind of rule case, by the name used in *.cases.json. Each engine contributes its own
 * handler; add one line here when a new kind of case appears.
 */
import { businessDaysCaseHandler, clocksCaseHandler } from '../../deadlines/cases';
import { fieldsCase } from '../../validation/field-cases';
import { poeCaseHandler } from '../../validation/poe/case-handler';
import { editableCase, editableFieldsCase, transitionCase } from './lifecycle-cases';
import type { CaseHandler } from './types';

export const caseHandlers: Record<string, CaseHandler> = {
  transition: transitionCase,
  editable: editableCase,
  'editable-fields': editableFieldsCase,
  fields: fieldsCase,
  clocks: clocksCaseHandler,
  'business-days': businessDaysCaseHandler,
  poe: poeCaseHandler,
};
