import type { ConnectionStatus, Headline, Overall, StatusItem } from '../../contract';

const OFFLINE: ReadonlySet<ConnectionStatus> = new Set(['offline', 'reenroll', 'not-enrolled']);

/**
 * The one word for the PC. A problem outranks lost contact. "ok" needs something known to be ok:
 * before the first sample there are no items (`checking`), and when no check could run at all
 * (every item unknown) that is worth a look (`attention`). Some unknown items next to known good
 * ones do not raise it.
 */
export function deriveOverall(items: readonly StatusItem[], connectionStatus: ConnectionStatus): Overall {
  if (items.some((i) => i.severity === 'problem')) return 'problem';
  if (OFFLINE.has(connectionStatus)) return 'offline';
  if (items.length === 0) return 'checking';
  if (items.every((i) => i.severity === 'unknown')) return 'attention';
  if (items.some((i) => i.severity === 'attention')) return 'attention';
  return 'ok';
}

/**
 * What the tray's tooltip and the popup's headline say: the overall word, or a more precise one
 * where the word alone would mislead. Offline because an admin must enrol the PC (the agent stops
 * trying, so "we keep trying" would be wrong); attention because no check could run at all, or
 * because the PC must restart after updates.
 */
export function headlineOf(overall: Overall, items: readonly StatusItem[], connectionStatus: ConnectionStatus): Headline {
  if (overall === 'offline' && (connectionStatus === 'reenroll' || connectionStatus === 'not-enrolled')) return connectionStatus;
  if (overall === 'attention' && items.length > 0 && items.every((item) => item.severity === 'unknown')) return 'unchecked';
  // The restart is the reason for "attention" the employee can act on: the tray and the popup say it.
  if (overall === 'attention' && items.some((item) => item.code === 'health.restart.required')) return 'restart';
  return overall;
}
