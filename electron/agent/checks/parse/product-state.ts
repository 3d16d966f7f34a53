import type { AntivirusState } from '../types';

/*
 * Security Center's `productState` (AntiVirusProduct in root/SecurityCenter2), the one place it is
 * decoded. Microsoft does not document it; this is the community's reading (bit masks 0xF000 state,
 * 0x0F00 owner, 0x00F0 signatures: e.g. https://community.idera.com/database-tools/powershell/powertips/b/tips/posts/identifying-antivirus-engine-state,
 * 2020), and recorded outputs agree (397568 = 0x061100: Windows Defender on, up to date):
 *
 *   0x06 11 00
 *     |  || └─ signatures: bits 4-7, 0x00 up to date, 0x10 out of date
 *     |  |└─── owner: bits 8-11, 0x100 Microsoft's own product (not needed here)
 *     |  └──── scanner: bits 12-15, 0x0000 off, 0x1000 on, 0x2000 snoozed, 0x3000 expired
 *     └─────── security provider flags: bits 16-23 (0x04 antivirus, 0x02 auto-update, 0x01 firewall)
 *
 * So the middle byte 0x10 is on, 0x00 off, 0x11 on (Microsoft's), 0x01 off (Microsoft's): a
 * reading by whole byte that calls 0x11 "expired" would call every running Defender expired.
 */
const SCANNER: Record<number, AntivirusState> = { 0x0: 'off', 0x1: 'on', 0x2: 'snoozed', 0x3: 'expired' };

export function decodeProductState(value: number): { state: AntivirusState; signaturesUpToDate: boolean } {
  // A scanner nibble no source explains (0x4 is reported once, product unnamed) is not called on:
  // an antivirus that cannot be shown to run is said to be off, so that someone looks.
  const state = SCANNER[(value >>> 12) & 0xf] ?? 'off';
  return { state, signaturesUpToDate: ((value >>> 4) & 0xf) === 0 };
}
