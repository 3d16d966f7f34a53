import { firstWords } from '../../updates/parse/lines';
import type { AntivirusProduct, Parsed } from '../types';
import { hresultIn, reasonOfHresult } from './hresult';
import { boolField, dateField, type Fields, field, intField, jsonRecords, listRecords, looksLikeJson, textField } from './powershell-output';

/*
 * Microsoft Defender's own view: `Get-MpComputerStatus` (MSFT_MpComputerStatus), as the list it
 * prints or piped to `ConvertTo-Json`. PowerShell does not translate the property names or these
 * values; dates in the list follow the regional format (`18-10-2022 09:18:29 AM`).
 *
 * State: `off` when the service, the antivirus or real-time protection is off, or AMRunningMode is
 * "Not running". "Passive Mode" (and "SxS Passive Mode", "EDR Block Mode") is `off` here too: Defender
 * then scans on demand but does not guard the PC, because another antivirus registered in Security
 * Center is the one that does. The rules should read Defender off as fine when Security Center lists
 * another product that is on, and as a problem only when nothing else is on.
 */

export const DEFENDER_NAME = 'Microsoft Defender Antivirus';

const DAY_MS = 86_400_000;
// Ages are UInt32 (scans) or UInt16 (signatures): their maximum means "never".
const NEVER_AGE = 65_535;
// Defender's service is not running (HRESULT 0x800106BA): another antivirus has taken over, or Defender was stopped.
const SERVICE_NOT_RUNNING = '800106ba';

export function parseMpComputerStatus(text: string, now: number): Parsed<AntivirusProduct> {
  const records = looksLikeJson(text) ? jsonRecords(text) : listRecords(text);
  const status = records?.find((record) => SWITCHES.some((name) => boolField(field(record, name)) !== null));
  if (!status) return failure(text);

  const switchedOff = SWITCHES.some((name) => boolField(field(status, name)) === false);
  const mode = textField(field(status, 'AMRunningMode'))?.toLowerCase() ?? 'normal';
  const outOfDate = boolField(field(status, 'DefenderSignaturesOutOfDate'));
  const age = signatureAge(status, now);
  return {
    value: {
      ...defender(switchedOff || mode !== 'normal' ? 'off' : 'on'),
      // A Defender that never had signatures (age "never", no update date) says "not out of date": not said.
      signaturesUpToDate: outOfDate === null || (!outOfDate && age === null) ? null : !outOfDate,
      signatureAgeDays: age,
      lastScan: lastScan(status, now),
    },
  };
}

const SWITCHES = ['AMServiceEnabled', 'AntivirusEnabled', 'RealTimeProtectionEnabled'];

const defender = (state: AntivirusProduct['state']): AntivirusProduct => ({
  name: DEFENDER_NAME,
  state,
  signaturesUpToDate: null,
  signatureAgeDays: null,
  lastScan: null,
  source: 'defender',
});

/** Days, from AntivirusSignatureAge, else from AntivirusSignatureLastUpdated. */
function signatureAge(status: Fields, now: number): number | null {
  const age = intField(field(status, 'AntivirusSignatureAge'));
  if (age !== null && age >= 0 && age < NEVER_AGE) return age;
  const updated = dateField(field(status, 'AntivirusSignatureLastUpdated'), now);
  return updated === null ? null : Math.max(0, Math.floor((now - Date.parse(updated)) / DAY_MS));
}

/** The newer of the last quick and full scan, by their end times, else by their ages in days. */
function lastScan(status: Fields, now: number): AntivirusProduct['lastScan'] {
  const scans = (['quick', 'full'] as const).map((kind) => {
    const prefix = kind === 'quick' ? 'QuickScan' : 'FullScan';
    const ended = dateField(field(status, `${prefix}EndTime`), now);
    const age = intField(field(status, `${prefix}Age`));
    // An age says only the day: the scan is put at `now` less that many days.
    const at = ended ?? (age !== null && age >= 0 && age < NEVER_AGE ? new Date(now - age * DAY_MS).toISOString() : null);
    return at === null ? null : { at, kind };
  });
  const found = scans.filter((scan) => scan !== null);
  return found.reduce<AntivirusProduct['lastScan']>((newest, scan) => (newest === null || Date.parse(scan.at) > Date.parse(newest.at) ? scan : newest), null);
}

function failure(text: string): Parsed<AntivirusProduct> {
  const code = hresultIn(text);
  if (code === SERVICE_NOT_RUNNING) return { value: defender('off') };
  if (code !== null) return { unknown: reasonOfHresult(code), detail: `Get-MpComputerStatus: ${firstWords(text)} (0x${code})` };
  // The Defender module is not there (Windows Server without the feature): PowerShell names the
  // error class in every language.
  if (/CommandNotFoundException/.test(text)) return { unknown: 'unsupported', detail: `Get-MpComputerStatus: ${firstWords(text)}` };
  return { unknown: 'unreadable', detail: `Get-MpComputerStatus: ${firstWords(text)}` };
}
