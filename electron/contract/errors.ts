// Kept free of zod so that the renderer can use it without pulling schemas into its bundle.

/** Codes an action may fail with; the renderer shows `errors.<code>`. */
export const ACTION_ERROR_CODES = [
  'invalid-request', // the argument failed its schema
  'forbidden', // wrong sender
  'unavailable', // e.g. the API cannot be reached right now
  'enroll-rejected', // the API refused the enrolment code
  'not-saved', // the ticket could not be written to disk (full, read-only): the draft stays
  'internal',
] as const;
export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

/**
 * How anything that failed is told, one shape for all: an action's error, the connection's and a
 * ticket's `lastError` (ApiError.toJSON()). `code` picks the sentence (`errors.<code>`,
 * `connection.error.<code>`, `outbox.error.<code>`); `status` is the HTTP status where there was
 * one; `detail` is technical, for admins and logs, never shown to an employee as the reason.
 */
export interface ErrorInfo<C extends string = string> {
  code: C;
  status?: number;
  detail?: string;
}

export type ActionOutcome = { ok: true; value: unknown } | { ok: false; error: ErrorInfo<ActionErrorCode> };

/** Thrown by a handler to fail with a code the user can be told about; rebuilt by the renderer. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'ActionError';
  }
}
