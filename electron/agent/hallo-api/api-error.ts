import type { ApiErrorCode, ErrorInfo } from '../../contract/errors';

/**
 * Every way a call to the hallo, API can fail, as one coded error (the codes are the contract's
 * API_ERROR_CODES). `status` is the HTTP status where there was one; `retryAfterMs` is the
 * server's Retry-After, already turned into a wait.
 */
export type { ApiErrorCode };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** The problem's `errors` (422, 400): which fields failed, as JSON pointers and codes. */
    readonly fieldErrors: readonly { field: string; code: string }[] = [],
  ) {
    super(`${code}${status ? ` (${status})` : ''}: ${detail}`);
    this.name = 'ApiError';
  }

  /** As the contract's one error shape: the connection's and an outbox entry's `lastError`. */
  toJSON(): ErrorInfo<ApiErrorCode> {
    return { code: this.code, ...(this.status ? { status: this.status } : {}), detail: this.detail };
  }
}

/** The code for an HTTP status that is not the one an operation expects. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'http-429';
  if (status >= 500) return 'http-5xx';
  if (status >= 400) return 'http-4xx';
  return 'invalid-response'; // 1xx/2xx/3xx that the contract does not know
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; undefined for anything else. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // a bare "-5" or "1.5" is not a date either
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
