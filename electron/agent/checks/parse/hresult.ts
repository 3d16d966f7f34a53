import type { UnknownReason } from '../../../contract';

/*
 * Windows tools report a failure with its HRESULT in any language (`Zugriff verweigert
 * (0x80070005)`, `Operation failed with the following error: 0x800106ba`): the code, not the
 * translated words, says why.
 */
const HRESULT = /\b0x(8[0-9a-f]{7})\b/i;

const REASONS: Record<string, UnknownReason> = {
  '80070005': 'denied', // E_ACCESSDENIED
  '80070426': 'blocked', // ERROR_SERVICE_NOT_ACTIVE: the service is stopped or disabled
  '80070422': 'blocked', // ERROR_SERVICE_DISABLED
  '800705b4': 'timeout', // ERROR_TIMEOUT
  '8004100e': 'unsupported', // WBEM_E_INVALID_NAMESPACE: the WMI namespace does not exist here
};

/** The failure code in a line a Windows tool printed (`0x80070005`, lower case), or null. */
export function hresultIn(line: string): string | null {
  return HRESULT.exec(line)?.[1]?.toLowerCase() ?? null;
}

/** Why a check could not be done, by the code of the failure. */
export const reasonOfHresult = (code: string): UnknownReason => REASONS[code.toLowerCase()] ?? 'error';
