// Kept free of zod so that the renderer can use it without pulling schemas into its bundle.

/** Codes an action may fail with; the renderer shows `errors.<code>`. */
export const ACTION_ERROR_CODES = [
  'invalid-request', // the argument failed its schema
  'forbidden', // wrong sender
  'unavailable', // e.g. the API cannot be reached right now
  'enroll-rejected', // the API refused the enrolment code
  'not-saved', // the ticket could not be written to disk (full, read-only): the draft stays
  'disk-full', // an export or report did not fit where it was to be saved: nothing half-written is left
  'not-written', // an export or report could not be written there (read-only, no access): nothing left behind
  'render-failed', // the report's PDF could not be made (the HTML still can)
  'internal',
] as const;
export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

/** Every way a call to the hallo, API can fail (the agent's ApiError). */
export const API_ERROR_CODES = [
  'network', // no answer: DNS, refused, reset, TLS
  'timeout', // no full answer in time
  'unauthorized', // 401: the device token (or enrolment code) is not accepted
  'http-429',
  'http-4xx', // any other 4xx: never retried unchanged
  'http-5xx',
  'invalid-response', // an answer that is not JSON or fails its schema
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** `connection.lastError.code`: a call failed, the code was refused, no API is set, or the agent itself failed. */
export const CONNECTION_ERROR_CODES = [...API_ERROR_CODES, 'enroll-rejected', 'not-configured', 'internal'] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

/** An outbox entry's `lastError.code`: a call failed, the PC is not enrolled, or the agent itself failed. */
export const OUTBOX_ERROR_CODES = [...API_ERROR_CODES, 'not-enrolled', 'internal'] as const;

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
