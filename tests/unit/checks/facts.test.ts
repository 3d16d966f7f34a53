import { describe, expect, it } from 'vitest';
import { factsOf } from '../../../electron/agent/checks/facts';
import type { AntivirusProduct } from '../../../electron/agent/checks/types';

const before = { lastTimeSyncAt: '2026-12-01T08:00:00Z', lastScan: { at: '2026-12-01T02:00:00Z', kind: 'full' as const, product: 'Microsoft Defender Antivirus' } };
const product = (name: string, lastScan: AntivirusProduct['lastScan']): AntivirusProduct => ({ name, state: 'on', signaturesUpToDate: true, signatureAgeDays: 0, lastScan, source: 'defender' });

describe('the facts the maintenance timeline records', () => {
  it('takes the last sync and the newest scan of any product', () => {
    const facts = factsOf(
      {
        time: { value: { synchronised: true, source: 'pool.ntp.org', lastSyncAt: '2026-12-07T07:00:00Z', offsetSeconds: null } },
        antivirus: { value: { expected: true, products: [product('A', { at: '2026-12-06T02:00:00Z', kind: 'full' }), product('B', { at: '2026-12-07T03:00:00Z', kind: 'quick' }), product('C', null)] } },
      },
      before,
    );
    expect(facts).toEqual({ lastTimeSyncAt: '2026-12-07T07:00:00Z', lastScan: { at: '2026-12-07T03:00:00Z', kind: 'quick', product: 'B' } });
  });

  it('keeps what the last good round knew when a probe failed, a check is off, or no date is given', () => {
    expect(factsOf({ time: { unknown: 'timeout', detail: 'w32tm hung' }, antivirus: { unknown: 'blocked', detail: 'no PowerShell' } }, before)).toEqual(before);
    expect(factsOf({}, before)).toEqual(before);
    expect(factsOf({ antivirus: { value: { expected: true, products: [product('Sophos', null)] } }, time: { value: { synchronised: false, source: null, lastSyncAt: null, offsetSeconds: null } } }, before)).toEqual(before);
  });
});
