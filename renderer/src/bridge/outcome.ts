import { ACTION_ERROR_CODES, ActionError, type ActionErrorCode } from '../../../electron/contract/errors';

function isErrorCode(code: unknown): code is ActionErrorCode {
  return typeof code === 'string' && (ACTION_ERROR_CODES as readonly string[]).includes(code);
}

/** Turns an ActionOutcome into its value, or throws the ActionError it carries. */
export function unwrapOutcome(outcome: unknown): unknown {
  if (typeof outcome === 'object' && outcome !== null && 'ok' in outcome) {
    if (outcome.ok === true) return (outcome as { value?: unknown }).value;
    const error = (outcome as { error?: { code?: unknown; detail?: unknown } }).error;
    if (error && isErrorCode(error.code)) {
      throw new ActionError(error.code, typeof error.detail === 'string' ? error.detail : undefined);
    }
  }
  throw new ActionError('internal', 'malformed outcome');
}
