import type { UpdatesState } from '../../contract';
import type { UpdateClass, UpdatesProblemCode } from '../../contract/updates';
import type { UpdatesSummary } from '../hallo-api/types';
import type { Part, UpdatesCheck } from './types';

// Pure: what a check means for the slice, and what the slice says to hallo, (heartbeat and a
// ticket's diagnostics). The restart's part of the slice is the restart service's.

/** A part's value, or the last good one kept beside its problem; null when there is none. */
export function valueOf<T>(part: Part<T> | undefined): T | null {
  if (!part) return null;
  if ('value' in part) return part.value;
  return part.kept?.value ?? null;
}

const CLASSES: readonly UpdateClass[] = ['security', 'critical', 'update', 'upgrade', 'service-pack', 'driver', 'definition'];

/** The slice's fields one check decides (everything but `checking`, the restart and the outcome). */
export function checkView(check: UpdatesCheck): Pick<UpdatesState, 'lastCheckedAt' | 'pending' | 'pendingProblem' | 'installed'> {
  const pending = valueOf(check.pending);
  const problem = 'problem' in check.pending ? check.pending : null;
  const byClass = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<UpdateClass, number>;
  for (const update of pending?.updates ?? []) byClass[update.classification] += 1;
  return {
    lastCheckedAt: check.checkedAt,
    pending: pending && {
      total: pending.total,
      security: pending.security,
      byClass,
      updates: pending.updates.map((u) => ({ title: u.title, classification: u.classification, kb: u.kb ?? [], severity: u.msrcSeverity ?? null })),
    },
    pendingProblem: problem && { ...problem.problem, keptFrom: problem.kept?.checkedAt ?? null },
    installed: valueOf(check.installed)?.map((u) => ({ title: u.title, kb: u.kb ?? [], installedAt: u.installedAt, result: u.result })) ?? null,
  };
}

const UNKNOWN_REASON: Record<UpdatesProblemCode, NonNullable<UpdatesSummary['unknownReason']>> = {
  timeout: 'timeout',
  failed: 'error',
  missing: 'error',
  unsupported: 'unsupported',
  unreadable: 'garbage',
};

/** The heartbeat's `updates` and a ticket's diagnostics' `updates`: no titles, only counts and codes. */
export function updatesSummary(state: UpdatesState): UpdatesSummary {
  const { pending, restart } = state;
  const byClass = pending?.byClass;
  // Tools that name no classes per update (apt's counts) still give a total: the rest is "other".
  const counted = byClass ? CLASSES.reduce((sum, c) => sum + byClass[c], 0) : 0;
  return {
    pendingCount: pending?.total ?? null,
    rebootRequired: state.lastCheckedAt === null && !restart.needed ? null : restart.needed,
    lastCheckedAt: state.lastCheckedAt,
    pendingByClass:
      pending && byClass
        ? {
            security: byClass.security,
            critical: byClass.critical,
            update: byClass.update,
            upgrade: byClass.upgrade,
            servicePack: byClass['service-pack'],
            driver: byClass.driver,
            definition: byClass.definition,
            other: Math.max(0, pending.total - counted),
          }
        : null,
    unknownReason: state.pendingProblem ? UNKNOWN_REASON[state.pendingProblem.code] : null,
    restartReasons: [...new Set([...restart.reasons.map((r) => r.code), ...(restart.source === 'hallo' ? ['hallo-request'] : [])])].slice(0, 20),
    restartDeadline: restart.deadline,
    deferralsUsed: restart.needed ? restart.deferralsUsed : null,
    restartRequestId: restart.requestId,
  };
}
