import type { ConnectionState } from '../../contract';
import { ApiError } from '../hallo-api/api-error';

/** What a failed step means for the connection: the status to show and when to try again. */
export type AfterFailure =
  | { kind: 'retry'; wait: number; lastError: NonNullable<ConnectionState['lastError']> }
  /** The configured enrolment code was refused: retrying it will not help, an admin must act. */
  | { kind: 'code-refused'; lastError: NonNullable<ConnectionState['lastError']> }
  /** The device token was refused: re-enrolment is needed. */
  | { kind: 'reenroll' };

/**
 * The decision after a failed step, pure. `backoff(retryAfterMs)` gives the next wait of the
 * connection's backoff (Retry-After honoured). A refused request (400, 413, 422...) is not
 * retried soon: the next heartbeat is a new request, so it waits a whole interval at least. Our
 * own bug (not an ApiError, e.g. the heartbeat body could not be made) retries calmly.
 */
export function afterFailure(
  error: unknown,
  ctx: { enrolled: boolean; heartbeatMs: number; backoff: (retryAfterMs?: number) => number },
): AfterFailure {
  if (!(error instanceof ApiError)) return { kind: 'retry', wait: ctx.backoff(), lastError: { code: 'internal', detail: String(error) } };
  if (error.code === 'unauthorized') {
    return ctx.enrolled ? { kind: 'reenroll' } : { kind: 'code-refused', lastError: { code: 'enroll-rejected', detail: error.detail } };
  }
  const wait = error.code === 'http-4xx' ? Math.max(ctx.heartbeatMs, ctx.backoff()) : ctx.backoff(error.retryAfterMs);
  return { kind: 'retry', wait, lastError: error.toJSON() };
}
