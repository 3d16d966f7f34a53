import { CHECK_IDS } from './status-codes';

// The PC's whole checklist: the health checks, the protection checks, then updates and the restart. One function, so that
// the popup, the overall word, the heartbeat and a ticket's diagnostics list the same lines.
// Kept free of zod and of state.ts: the renderer reads it too.

interface Lines<Item> {
  items: readonly Item[];
}

/** state.health.items, state.checks.items, then state.updates.items (StatusItem, contract/status-item.ts). */
export function checklistOf<Item>(state: { health: Lines<Item>; checks?: Lines<Item>; updates?: Lines<Item> }): Item[] {
  return [...state.health.items, ...(state.checks?.items ?? []), ...(state.updates?.items ?? [])];
}

/** What the layout reads of a line (StatusItem, contract/status-item.ts). */
interface Line {
  severity: 'ok' | 'attention' | 'problem' | 'unknown';
  check: string;
}

// How the checklist is laid out for the employee, beside what it holds: worst first (what needs
// doing comes on top); within one severity the protection checks lead, then the clock (a wrong one breaks signing in), then the
// rest in the contract's order, so that a PC that is not protected never hides below a full disk.

const SEVERITY_ORDER = { problem: 0, attention: 1, unknown: 2, ok: 3 } as const;

/** The checks that answer "is my PC protected?": said together when all are fine (`checks.protectedOk`). */
export const PROTECTION_CHECKS = ['antivirus', 'firewall', 'encryption'] as const;

const CHECK_ORDER: readonly string[] = [...PROTECTION_CHECKS, 'time', ...CHECK_IDS.filter((id) => !(PROTECTION_CHECKS as readonly string[]).includes(id) && id !== 'time')];
const rank = (check: string) => (CHECK_ORDER.includes(check) ? CHECK_ORDER.indexOf(check) : CHECK_ORDER.length);

/** The lines worst first, protection first within a severity; equal lines keep the agent's order. */
export function orderedChecks<Item extends Line>(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || rank(a.check) - rank(b.check));
}

/**
 * The protection checks to name in "Beveiligd: … in orde", in order, when every protection line
 * the agent sent is fine; empty when one is not (that line is on top already) or none was sent.
 */
export function protectionOk(items: readonly Line[]): (typeof PROTECTION_CHECKS)[number][] {
  const lines = items.filter((item) => (PROTECTION_CHECKS as readonly string[]).includes(item.check));
  if (lines.length === 0 || lines.some((item) => item.severity !== 'ok')) return [];
  return PROTECTION_CHECKS.filter((check) => lines.some((item) => item.check === check));
}
