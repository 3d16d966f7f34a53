import type { StatusItem } from '../../electron/contract';

export const UNKNOWN_REASONS = ['timeout', 'error', 'unsupported'] as const;
type Reason = (typeof UNKNOWN_REASONS)[number];

export interface ItemMessage {
  text: string; // catalog key
  advice: string; // catalog key
  params: Record<string, string | number | boolean>;
}

/**
 * The catalog keys that explain a status item. `hasText` says whether the catalog has a string at
 * a key: a code this version does not know (sent by a newer agent) gets a generic line instead of
 * a raw key, and a code can never point outside `health.`.
 */
export function itemMessage(item: StatusItem, hasText: (key: string) => boolean): ItemMessage {
  if (item.severity === 'unknown' || item.code === 'health.unknown') {
    const reason: Reason = (UNKNOWN_REASONS as readonly unknown[]).includes(item.params.reason)
      ? (item.params.reason as Reason)
      : 'error';
    const text = `health.unknown.${item.check}.${reason}`;
    if (hasText(text)) return { text, advice: `health.unknown.advice.${reason}`, params: item.params };
  } else if (/^health\.[a-z-]+\.[a-z-]+$/.test(item.code) && hasText(`${item.code}.text`)) {
    return { text: `${item.code}.text`, advice: `${item.code}.advice`, params: item.params };
  }
  return { text: 'health.unrecognised.text', advice: 'health.unrecognised.advice', params: { check: item.check } };
}
