import { describe, expect, it } from 'vitest';
import { decodeProductState } from '../../../../electron/agent/checks/parse/product-state';

// Every productState in tests/fixtures/checks/README.md's table (and those of the recorded outputs),
// with its decoding: scanner in bits 12-15, Microsoft's own product in bit 8, signatures in bits 4-7.
const TABLE: [number, ReturnType<typeof decodeProductState>][] = [
  [262144, { state: 'off', signaturesUpToDate: true }], // 0x040000
  [262160, { state: 'off', signaturesUpToDate: false }], // 0x040010
  [266240, { state: 'on', signaturesUpToDate: true }], // 0x041000: a third-party product on
  [270336, { state: 'snoozed', signaturesUpToDate: true }], // 0x042000
  [327680, { state: 'off', signaturesUpToDate: true }], // 0x050000
  [327696, { state: 'off', signaturesUpToDate: false }], // 0x050010
  [331776, { state: 'on', signaturesUpToDate: true }], // 0x051000
  [344064, { state: 'off', signaturesUpToDate: true }], // 0x054000: scanner 4, explained nowhere: not called on
  [393216, { state: 'off', signaturesUpToDate: true }], // 0x060000
  [393232, { state: 'off', signaturesUpToDate: false }], // 0x060010
  [393472, { state: 'off', signaturesUpToDate: true }], // 0x060100: Defender off beside another antivirus
  [393488, { state: 'off', signaturesUpToDate: false }], // 0x060110
  [397312, { state: 'on', signaturesUpToDate: true }], // 0x061000
  [397328, { state: 'on', signaturesUpToDate: false }], // 0x061010
  [397568, { state: 'on', signaturesUpToDate: true }], // 0x061100: Windows Defender on (windows-10-22h2/securitycenter-av.defender-on.en.txt)
  [397584, { state: 'on', signaturesUpToDate: false }], // 0x061110
  [458752, { state: 'off', signaturesUpToDate: true }], // 0x070000
  [462848, { state: 'on', signaturesUpToDate: true }], // 0x071000: Symantec Endpoint Protection (2013 log line)
  [0x043000, { state: 'expired', signaturesUpToDate: true }], // the fourth scanner state, for the table's sake
];

describe('Security Center’s productState', () => {
  it.each(TABLE)('%i decodes to %o', (value, decoded) => {
    expect(decodeProductState(value)).toEqual(decoded);
  });
});
