// The checklist's rule lives in the contract: the health report says the same lines.
export { itemMessage, type ItemMessage } from '../../electron/contract/item-message';

/** Why sending or updating failed (`ErrorInfo.code`), for an employee: `outbox.error.<code>`, or a general line for a code this version does not know. */
export function errorReasonKey(code: string, hasText: (key: string) => boolean): string {
  return hasText(`outbox.error.${code}`) ? `outbox.error.${code}` : 'outbox.error.other';
}
