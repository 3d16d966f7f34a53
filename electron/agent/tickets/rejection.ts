import type { DraftField, DraftProblem, DraftProblemCode } from '../../contract';
import type { ApiError } from '../hallo-api/api-error';
import { problem } from './problems';

// The API's reasons for refusing a ticket, as problems on the form's fields.

const FIELDS: Record<string, DraftField> = {
  '/description': 'description',
  '/subject': 'description', // the subject is the description's first line
  '/category': 'categoryId',
  '/contact': 'contact.name',
  '/contact/name': 'contact.name',
  '/contact/phone': 'contact.phone',
  '/contact/email': 'contact.email',
};
const CODES: Record<string, DraftProblemCode> = { required: 'required', 'too-long': 'too-long', 'too-short': 'required' };

/** 413 is the screenshot; 422 names its fields; anything else is `invalid` on the whole ticket. */
export function problemsOf(error: ApiError, limits: { maxAttachmentBytes: number; maxDescriptionChars: number }): DraftProblem[] {
  if (error.status === 413) return [problem('screenshot', 'too-large', { max: limits.maxAttachmentBytes })];
  const problems = error.fieldErrors.map((e): DraftProblem => {
    const field = FIELDS[e.field] ?? (e.field.startsWith('/attachments') ? 'screenshot' : 'ticket');
    const code = CODES[e.code] ?? 'invalid';
    return code === 'too-long' && field === 'description' ? problem(field, code, { max: limits.maxDescriptionChars }) : problem(field, code);
  });
  return problems.length > 0 ? problems : [problem('ticket', 'invalid')];
}
