import type { TypedStatusItem, UnknownReason, UpdatesState } from '../../contract';
import type { UpdatesProblemCode } from '../../contract/updates';
import { hardReasons, type Part, type Pending, type RestartReason, type UpdatesProblem } from './types';

// The employee's "unknown, because …" has three words (contract/status-codes.ts); the admin's
// detail stays in the problem.
const REASON_OF: Record<UpdatesProblemCode, UnknownReason> = { timeout: 'timeout', unsupported: 'unsupported', failed: 'error', unreadable: 'error', missing: 'error' };

const unknown = (check: 'updates' | 'restart', problem: UpdatesProblem): TypedStatusItem => ({
  id: check,
  check,
  severity: 'unknown',
  code: 'health.unknown',
  params: { reason: REASON_OF[problem.code] },
});

export function pendingItem(part: Part<Pending>): TypedStatusItem {
  if ('problem' in part) return unknown('updates', part.problem);
  const { total, security } = part.value;
  if (total === 0) return { id: 'updates', check: 'updates', severity: 'ok', code: 'health.updates.none', params: {} };
  if (security) return { id: 'updates', check: 'updates', severity: 'attention', code: 'health.updates.security', params: { count: total, security } };
  // hallo, installs them: pending updates alone ask nothing of the employee.
  return { id: 'updates', check: 'updates', severity: 'ok', code: 'health.updates.pending', params: { count: total } };
}

/** A restart is asked for only by a hard reason; soft ones alone are said, as nothing to do now. */
export function restartItem(part: Part<RestartReason[]>): TypedStatusItem {
  if ('problem' in part) return unknown('restart', part.problem);
  if (hardReasons(part.value).length) return { id: 'restart', check: 'restart', severity: 'attention', code: 'health.restart.required', params: {} };
  if (part.value.length) return { id: 'restart', check: 'restart', severity: 'ok', code: 'health.restart.soft', params: {} };
  return { id: 'restart', check: 'restart', severity: 'ok', code: 'health.restart.none', params: {} };
}

/** The status items of one check: what is pending, and whether the PC must restart. */
export function updatesStatusItems(check: { pending: Part<Pending>; restart: Part<RestartReason[]> }): TypedStatusItem[] {
  return [pendingItem(check.pending), restartItem(check.restart)];
}

/**
 * The slice's checklist lines (state.updates.items), from the slice itself: what is pending once a
 * check said so, and the restart, which is needed (attention) for a hard local reason or for
 * hallo,'s request alike. Before the first check there is nothing to say but a need.
 */
export function updatesSliceItems(slice: Omit<UpdatesState, 'items'>): TypedStatusItem[] {
  const items: TypedStatusItem[] = [];
  if (slice.pending) items.push(pendingItem({ value: { total: slice.pending.total, security: slice.pending.security, updates: [] } }));
  else if (slice.pendingProblem) items.push(unknown('updates', slice.pendingProblem));
  if (slice.restart.needed) items.push({ id: 'restart', check: 'restart', severity: 'attention', code: 'health.restart.required', params: {} });
  else if (slice.lastCheckedAt !== null) items.push(restartItem({ value: slice.restart.reasons }));
  return items;
}

/** The slice with its checklist lines brought up to date: every writer of the slice goes through this. */
export const withItems = (slice: UpdatesState): UpdatesState => ({ ...slice, items: updatesSliceItems(slice) });
