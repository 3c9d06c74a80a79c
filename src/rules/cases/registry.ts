/**
 * Every kind of rule case, by the name used in *.cases.json. Each engine contributes its own
 * handler; add one line here when a new kind of case appears.
 */
import { fieldsCase } from '../../validation/field-cases';
import { editableCase, editableFieldsCase, transitionCase } from './lifecycle-cases';
import type { CaseHandler } from './types';

export const caseHandlers: Record<string, CaseHandler> = {
  transition: transitionCase,
  editable: editableCase,
  'editable-fields': editableFieldsCase,
  fields: fieldsCase,
};
