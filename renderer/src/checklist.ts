import type { StatusItem } from '../../electron/contract';
import { CHECK_IDS } from '../../electron/contract/status-codes';

// How the popup lays out the agent's checklist (contract/checklist.ts gives the lines; the agent
// gives each its severity). Worst first, as before: what needs doing comes on top. Within one
// severity the protection checks lead, then the clock (a wrong one breaks signing in), then the
// rest in the contract's order, so that a PC that is not protected never hides below a full disk.

const SEVERITY_ORDER = { problem: 0, attention: 1, unknown: 2, ok: 3 } as const;

/** The checks that answer "is my PC protected?": said together when all are fine (`checks.protectedOk`). */
export const PROTECTION_CHECKS = ['antivirus', 'firewall', 'encryption'] as const;

const CHECK_ORDER: readonly string[] = [...PROTECTION_CHECKS, 'time', ...CHECK_IDS.filter((id) => !(PROTECTION_CHECKS as readonly string[]).includes(id) && id !== 'time')];
const rank = (check: string) => (CHECK_ORDER.includes(check) ? CHECK_ORDER.indexOf(check) : CHECK_ORDER.length);

/** The lines worst first, protection first within a severity; equal lines keep the agent's order. */
export function orderedChecks<Item extends Pick<StatusItem, 'severity' | 'check'>>(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || rank(a.check) - rank(b.check));
}

/**
 * The protection checks to name in "Beveiligd: … in orde", in order, when every protection line
 * the agent sent is fine; empty when one is not (that line is on top already) or none was sent.
 */
export function protectionOk(items: readonly Pick<StatusItem, 'severity' | 'check'>[]): (typeof PROTECTION_CHECKS)[number][] {
  const lines = items.filter((item) => (PROTECTION_CHECKS as readonly string[]).includes(item.check));
  if (lines.length === 0 || lines.some((item) => item.severity !== 'ok')) return [];
  return PROTECTION_CHECKS.filter((check) => lines.some((item) => item.check === check));
}
