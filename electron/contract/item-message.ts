import type { StatusItem } from './status-item';
import { isStatusCode, UNKNOWN_REASONS, type UnknownReason } from './status-codes';

// Which sentence a checklist line says: the popup's checklist and the health report use this one rule.

export interface ItemMessage {
  text: string; // catalog key
  advice: string; // catalog key
  params: Record<string, string | number | boolean>;
}

/**
 * The catalog keys that explain a status item. A code outside the contract's table (sent by a newer
 * agent) gets a generic line instead of a raw key, and so can never point elsewhere in the catalog;
 * `hasText` says whether the catalog has a string at a key.
 */
/** `check` as a string: a ticket's diagnostics may carry one this version does not know. */
type ItemLike = Pick<StatusItem, 'severity' | 'code' | 'params'> & { check: string };

export function itemMessage(item: ItemLike, hasText: (key: string) => boolean): ItemMessage {
  if (item.severity === 'unknown' || item.code === 'health.unknown') {
    const reason: UnknownReason = (UNKNOWN_REASONS as readonly unknown[]).includes(item.params.reason)
      ? (item.params.reason as UnknownReason)
      : 'error';
    const text = `health.unknown.${item.check}.${reason}`;
    if (hasText(text)) return { text, advice: `health.unknown.advice.${reason}`, params: item.params };
  } else if (isStatusCode(item.code) && hasText(`${item.code}.text`)) {
    return { text: `${item.code}.text`, advice: `${item.code}.advice`, params: item.params };
  }
  return { text: 'health.unrecognised.text', advice: 'health.unrecognised.advice', params: { check: item.check } };
}

