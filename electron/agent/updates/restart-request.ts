import type { RestartNeed } from './restart-planner';

// hallo,'s restart.requested, judged once at the edge. The event stream has already checked its
// shape against the API's schema; what is left is what a schema cannot say about time.

/** hallo, may ask at most this far ahead (restart-and-updates.md: Intune's deadline is 2–30 days). */
export const MAX_REQUEST_AHEAD_MS = 30 * 24 * 60 * 60_000;
const MAX_REASON = 500;

export type RequestVerdict =
  | { ok: true; need: RestartNeed; halloReason: string }
  | { ok: false; requestId: string | null; detail: string };

/**
 * A request with a deadline already passed is taken (the planner gives it the grace period); one
 * more than 30 days ahead, without a readable deadline or without an id is refused with a line
 * for admins (never thrown).
 */
export function judgeRestartRequest(data: unknown, now: number): RequestVerdict {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const requestId = typeof record.requestId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(record.requestId) ? record.requestId : null;
  if (requestId === null) return { ok: false, requestId: null, detail: 'restart request without a valid requestId' };
  const deadline = typeof record.deadline === 'string' && /^\d{4}-\d\d-\d\dT/.test(record.deadline) ? Date.parse(record.deadline) : NaN;
  if (!Number.isFinite(deadline)) return { ok: false, requestId, detail: 'restart request with a deadline that is not a date and time' };
  if (deadline > now + MAX_REQUEST_AHEAD_MS) return { ok: false, requestId, detail: `restart request with a deadline more than 30 days ahead (${new Date(deadline).toISOString()})` };
  const halloReason = typeof record.reason === 'string' ? record.reason.slice(0, MAX_REASON) : '';
  return { ok: true, halloReason, need: { source: 'hallo', requestId, reasons: ['hallo-request'], deadline } };
}
