import { firstWords, MAX_LINE_LENGTH } from '../../updates/parse/lines';
import type { EncryptionFinding, EncryptionState, Parsed } from '../types';
import { anyRecords, field, type Fields } from './powershell-output';

/*
 * BitLocker's state of every volume, from the three outputs people paste:
 *
 * - `Get-BitLockerVolume` as table or list, and `Win32_EncryptableVolume` (root\CIMV2\Security\
 *   MicrosoftVolumeEncryption) as JSON: property names are never translated. The conversion is
 *   `VolumeStatus` (names) or `ConversionStatus` (0 fully decrypted, 1 fully encrypted,
 *   2 encrypting, 3 decrypting, 4 encryption paused, 5 decryption paused); the protection is
 *   `ProtectionStatus` (Off/On/Unknown or 0/1/2; 2: locked, so it cannot say).
 * - `manage-bde -status`: every label and most values are translated (German "Konvertierungsstatus:
 *   Vollständig entschlüsselt", Dutch "Conversiestatus"). A volume's block always lists its
 *   properties in the same order (size, version, conversion, percentage, method, protection, ...),
 *   so they are read by position: the percentage by its shape (a number and %), and the two words
 *   that must be understood from a small table of the known translations below. A translation not
 *   in it is unreadable, never guessed.
 *
 * Encrypted with protection off (the key in the clear: suspended, or automatic device encryption
 * that never finished, windows-11/bitlocker.manage-bde-waiting-activation.en.txt) is 'suspended'.
 */

// manage-bde's words, checked in this order (the negative first: "deaktiviert" contains "aktiviert").
const DECRYPT_WORDS = /decrypt|entschlüssel|ontsleutel|déchiffr|descifr|decritt|decript/i;
const ENCRYPT_WORDS = /encrypt|verschlüssel|versleutel|chiffr|cifrad|crittograf|cript/i;
const PROTECTION_OFF = /protection off|deaktiviert|uitgeschakeld|désactivée|desactivada|disattivata|desativada/i;
const PROTECTION_ON = /protection on|aktiviert|ingeschakeld|activée|activada|attivata|ativada/i;

const CONVERSION_BY_NAME: Readonly<Record<string, number>> = {
  fullydecrypted: 0,
  fullyencrypted: 1,
  encryptioninprogress: 2,
  decryptioninprogress: 3,
  encryptionsuspended: 4,
  encryptionpaused: 4,
  decryptionsuspended: 5,
  decryptionpaused: 5,
};
const PROTECTION_BY_NAME: Readonly<Record<string, number>> = { off: 0, on: 1, unknown: 2 };

/** One volume's state from its conversion (0–5), protection (0–2) and percentage; null when they say nothing known. */
function stateOf(conversion: number, protection: number | null, percent: number | null): Pick<EncryptionFinding, 'state' | 'percent'> | null {
  const converting = (state: EncryptionState) => ({ state, percent });
  switch (conversion) {
    case 0:
      return { state: 'off', percent: null };
    case 1:
      if (protection === null) return null;
      return { state: protection === 0 ? 'suspended' : 'on', percent: null };
    case 2:
    case 4:
      return converting('encrypting');
    case 3:
    case 5:
      return converting('decrypting');
    default:
      return null;
  }
}

const numberOf = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*\d+([.,]\d+)?\s*%?\s*$/.test(value)) return null;
  return Number(value.replace(',', '.').replace('%', ''));
};
const codeOf = (value: unknown, names: Readonly<Record<string, number>>): number | null =>
  typeof value === 'number' ? value : (names[String(value ?? '').toLowerCase()] ?? numberOf(value));

function volumeOf(object: Fields): EncryptionFinding | string {
  const volume = String(field(object, 'MountPoint') ?? field(object, 'DriveLetter') ?? field(object, 'DeviceID') ?? '').trim();
  const conversion = codeOf(field(object, 'VolumeStatus') ?? field(object, 'ConversionStatus'), CONVERSION_BY_NAME);
  const protection = codeOf(field(object, 'ProtectionStatus'), PROTECTION_BY_NAME);
  const state = conversion === null ? null : stateOf(conversion, protection, numberOf(field(object, 'EncryptionPercentage')));
  return state ? { volume, ...state, method: 'bitlocker' } : `${volume || 'a volume'}: status ${String(field(object, 'VolumeStatus') ?? field(object, 'ConversionStatus'))}`;
}

// manage-bde: a volume starts at an unindented line naming it (`Volume C: [OSDisk]`, `Volume "C:" []`);
// its properties are the indented `label: value` lines below, in their fixed order.
const PROPERTY = /^\s+([^:]+):\s*(.*)$/;
const AT = { conversion: 2, percent: 3, protection: 5 } as const;

function manageBde(text: string): EncryptionFinding[] | string | null {
  const blocks: { volume: string; values: string[] }[] = [];
  let current: { volume: string; values: string[] } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.length > MAX_LINE_LENGTH) return null;
    if (line.trim() === '') continue;
    const property = PROPERTY.exec(line);
    if (!/^\s/.test(line)) {
      const letter = /\b([A-Za-z]:)/.exec(line)?.[1];
      if (letter) blocks.push((current = { volume: letter.toUpperCase(), values: [] }));
    } else if (property) {
      if (!current) blocks.push((current = { volume: '', values: [] })); // a block pasted without its volume line
      current.values.push(property[2]!.trim());
    }
  }
  const read = blocks.filter((block) => block.values.length > AT.protection);
  if (!read.length) return null;
  const volumes: EncryptionFinding[] = [];
  for (const { volume, values } of read) {
    const [conversionText, percentText, protectionText] = [values[AT.conversion]!, values[AT.percent]!, values[AT.protection]!];
    const percent = numberOf(percentText);
    if (percent === null) return null; // not the shape of manage-bde's block
    const protection = PROTECTION_OFF.test(protectionText) ? 0 : PROTECTION_ON.test(protectionText) ? 1 : null;
    const conversion =
      percent === 0 ? 0 : percent >= 100 ? 1 : DECRYPT_WORDS.test(conversionText) ? 3 : ENCRYPT_WORDS.test(conversionText) ? 2 : null;
    const state = conversion === null ? null : stateOf(conversion, protection, percent);
    if (!state) return `${volume || 'a volume'}: "${conversionText}", "${protectionText}" (a translation not known)`;
    volumes.push({ volume, ...state, method: 'bitlocker' });
  }
  return volumes;
}

export function parseBitLocker(text: string): Parsed<EncryptionFinding[]> {
  const unreadable = (why: string) => ({ unknown: 'unreadable' as const, detail: why });
  const found = anyRecords(text);
  const objects = found?.records.filter((o) => field(o, 'VolumeStatus') !== undefined || field(o, 'ConversionStatus') !== undefined);
  if (objects?.length) {
    const volumes = objects.map(volumeOf);
    const bad = volumes.find((v) => typeof v === 'string');
    return bad ? unreadable(bad) : { value: volumes as EncryptionFinding[] };
  }
  const blocks = manageBde(text);
  if (typeof blocks === 'string') return unreadable(blocks);
  if (blocks) return { value: blocks };
  return unreadable(`not a BitLocker status: ${firstWords(text)}`);
}

/**
 * The Explorer's `System.Volume.BitLockerProtection` of a drive, which any user may read (the
 * script asks Shell.Application for it). Its values are not documented by Microsoft; as the
 * community reports them (shared/windows-probes.md): 1, 5 and 6 on (6: locked), 2 off,
 * 3 encrypting, 4 decrypting. Windows' own Explorer verbs agree where they use it: "Turn on
 * BitLocker" applies to `System.Volume.BitLockerProtection:=2`, bdeunlock's "Unlock drive" to `:=6`.
 * Empty: the drive does not report BitLocker (an edition or disk without it). Anything else is
 * unreadable.
 */
export function bitLockerProtectionOf(value: number | null, volume: string): Parsed<EncryptionFinding> {
  if (value === null) return { unknown: 'unsupported', detail: `${volume} reports no BitLocker protection (System.Volume.BitLockerProtection empty)` };
  const state = ({ 1: 'on', 5: 'on', 6: 'on', 2: 'off', 3: 'encrypting', 4: 'decrypting' } as const)[value];
  if (!state) return { unknown: 'unreadable', detail: `${volume}: System.Volume.BitLockerProtection ${value} is not a known value` };
  return { value: { volume, state, percent: null, method: 'bitlocker' } };
}
