import type { DraftField, DraftProblem, DraftProblemCode } from '../../contract';

// `invalid` says little; on these fields the catalog can say what a good value looks like.
const INVALID_ON: Partial<Record<DraftField, DraftProblemCode>> = {
  'contact.phone': 'invalid-phone',
  'contact.email': 'invalid-email',
  categoryId: 'unknown-category',
};

/** A problem on a form field, with the most precise code for it: the one way problems are made. */
export function problem(field: DraftField, code: DraftProblemCode, params?: DraftProblem['params']): DraftProblem {
  const precise = code === 'invalid' ? (INVALID_ON[field] ?? code) : code;
  return params ? { field, code: precise, params } : { field, code: precise };
}
