import type { DraftField, DraftProblem, DraftProblemCode, ReplyProblem } from '../../contract';
import type { ApiError } from '../hallo-api/api-error';
import { problem } from './problems';

// The API's reasons for refusing a ticket or a reply, as problems on the fields of its form.

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

/** A refused reply: the ticket gone (404) or closed (409), the screenshot (413), or the text (422). */
export function replyProblemsOf(error: ApiError, limits: { maxAttachmentBytes: number; maxDescriptionChars: number }): ReplyProblem[] {
  if (error.status === 404) return [{ field: 'ticket', code: 'gone' }];
  if (error.status === 409) return [{ field: 'ticket', code: 'closed' }];
  if (error.status === 413) return [{ field: 'screenshot', code: 'too-large', params: { max: limits.maxAttachmentBytes } }];
  const problems = error.fieldErrors.map((e): ReplyProblem => {
    const field = e.field === '/text' ? 'text' : e.field.startsWith('/attachments') ? 'screenshot' : 'ticket';
    const code = CODES[e.code] ?? 'invalid';
    return code === 'too-long' && field === 'text' ? { field, code, params: { max: limits.maxDescriptionChars } } : { field, code };
  });
  return problems.length > 0 ? problems : [{ field: 'ticket', code: 'invalid' }];
}
