import { firstWords, MAX_LINE_LENGTH } from '../updates/parse/lines';

/*
 * What `reg query <key>` (reg.exe, every Windows) prints, read once for everyone who asks:
 *
 *   HKEY_LOCAL_MACHINE\SOFTWARE\Policies\hallo\agent
 *       ApiUrl    REG_SZ    https://agent.hallo.eu/v1
 *       AllowedLinkHosts    REG_MULTI_SZ    intranet.klant.nl\0wiki.klant.nl
 *
 *   HKEY_LOCAL_MACHINE\SOFTWARE\Policies\hallo\agent\Sub
 *
 * Values are the indented `name    TYPE    data` lines (four spaces apart; a name may hold single
 * spaces); lines naming a key are the key and its subkeys. Without the key reg.exe prints one line
 * in the user's language ("ERROR: The system was unable to find the specified registry key or
 * value.", "FEHLER: ..."), read by its shape: one `WORD: sentence` line and no key. That is
 * `missing`, unless it says access was denied. Recorded outputs: tests/fixtures/config/.
 */

export interface RegValue {
  type: string;
  data: string;
}

export type RegQuery =
  | { kind: 'values'; values: Record<string, RegValue> }
  | { kind: 'missing' }
  | { kind: 'denied' | 'unreadable'; detail: string };

const VALUE_LINE = /^\s+(.+?)\s+(REG_[A-Z_]+)(?:\s+(.*))?$/;
const ERROR_LINE = /^\p{Lu}+\s?:\s/u;
const DENIED = /denied|verweigert|geweigerd|refusé|denegado|negato/i;

export function parseRegQuery(text: string): RegQuery {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  if (lines.some((line) => line.length > MAX_LINE_LENGTH)) return { kind: 'unreadable', detail: 'a line too long for reg query' };
  const values: Record<string, RegValue> = {};
  for (const line of lines) {
    const match = VALUE_LINE.exec(line);
    if (match) values[match[1]!] = { type: match[2]!, data: match[3]?.trim() ?? '' };
  }
  if (lines.some((line) => /^HKEY_[A-Z_]+\\/i.test(line))) return { kind: 'values', values };
  if (lines.length === 1 && ERROR_LINE.test(lines[0]!)) {
    return DENIED.test(lines[0]!) ? { kind: 'denied', detail: lines[0]!.slice(0, 200) } : { kind: 'missing' };
  }
  return { kind: 'unreadable', detail: `not reg query output: ${firstWords(text)}` };
}

/** A REG_MULTI_SZ's strings: reg query joins them with a literal `\0`. */
export const multiStrings = (data: string): string[] => (data === '' ? [] : data.split('\\0'));
