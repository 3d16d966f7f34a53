import { firstWords, lines } from '../../updates/parse/lines';
import type { EncryptionFinding, Parsed } from '../types';

/*
 * macOS `fdesetup status` (no root needed; English only, fdesetup has no translations). Lines seen:
 *   FileVault is On. | FileVault is Off.
 *   Encryption in progress: Percent completed = 42[.5] | Encryption in progress: Pending (on battery)
 *   Decryption in progress: Percent completed = 12
 *   Deferred enablement appears to be active for user 'name'.  (still off until that user logs out)
 *   FileVault master keychain appears to be installed.        (an institutional key: says nothing of the state)
 * A conversion line wins over the On/Off line: "On" is printed while it still encrypts.
 */
const STATE = /^FileVault is (On|Off)\.?$/i;
const CONVERTING = /^(En|De)cryption in progress:\s*(?:Percent completed = ([\d.]+)|.*)$/i;

export function parseFdesetupStatus(text: string): Parsed<EncryptionFinding> {
  const all = lines(text).map((line) => line.trim());
  const finding = (state: EncryptionFinding['state'], percent: number | null): Parsed<EncryptionFinding> => ({ value: { volume: '/', state, percent, method: 'filevault' } });
  for (const line of all) {
    const converting = CONVERTING.exec(line);
    if (!converting) continue;
    const percent = converting[2] === undefined ? null : Number(converting[2]);
    return finding(converting[1]!.toLowerCase() === 'en' ? 'encrypting' : 'decrypting', percent !== null && Number.isFinite(percent) ? percent : null);
  }
  const state = all.map((line) => STATE.exec(line)).find(Boolean);
  if (state) return finding(state[1]!.toLowerCase() === 'on' ? 'on' : 'off', null);
  return { unknown: 'unreadable', detail: firstWords(text) };
}
