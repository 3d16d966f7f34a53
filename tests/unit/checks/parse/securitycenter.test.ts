import { describe, expect, it } from 'vitest';
import { parseSecurityCenterAv } from '../../../../electron/agent/checks/parse/securitycenter';
import { GARBAGE } from '../../updates/fixtures';
import { recorded } from '../fixtures';

const product = (name: string, state: string, signaturesUpToDate: boolean) => ({
  name,
  state,
  signaturesUpToDate,
  signatureAgeDays: null,
  lastScan: null,
  source: 'securitycenter',
});

describe('Security Center’s antivirus products', () => {
  it('Windows 10: Get-CimInstance’s list with Defender on and up to date', () => {
    expect(parseSecurityCenterAv(recorded('windows-10-22h2/securitycenter-av.defender-on.en.txt'))).toEqual({
      value: { expected: true, products: [product('Windows Defender', 'on', true)] },
    });
  });

  it('Windows Server has no Security Center: unsupported, not “no antivirus” (wmic’s French error)', () => {
    expect(parseSecurityCenterAv(recorded('windows-server-2022/securitycenter-av.no-securitycenter-wmic.fr.txt'))).toEqual({
      unknown: 'unsupported',
      detail: expect.stringContaining('ERREUR'),
    });
  });

  it('nothing printed: Security Center did not answer as it should (a workstation always lists Defender): unknown, because …', () => {
    for (const empty of ['', '\r\n\r\n', 'null', '[]']) {
      expect(parseSecurityCenterAv(empty), JSON.stringify(empty)).toEqual({ unknown: 'error', detail: expect.stringContaining('lists no antivirus product') });
    }
  });

  // Composed, not recorded (no whole real output of these forms was found; see the fixtures README):
  // the shapes ConvertTo-Json and Get-WmiObject print, with productStates from the README's table.
  it('ConvertTo-Json: one object, or an array of several products (composed)', () => {
    const one = '{\n    "displayName":  "Windows Defender",\n    "productState":  397568,\n    "PSComputerName":  null\n}';
    expect(parseSecurityCenterAv(one)).toEqual({ value: { expected: true, products: [product('Windows Defender', 'on', true)] } });
    const two = JSON.stringify([
      { displayName: 'Bitdefender Antivirus', productState: 266240, timestamp: 'Wed, 15 Dec 2021 12:40:10 GMT' },
      { displayName: 'Windows Defender', productState: 393472, timestamp: 'Fri, 15 Oct 2021 22:32:01 GMT' },
    ]);
    expect(parseSecurityCenterAv(two)).toEqual({
      value: { expected: true, products: [product('Bitdefender Antivirus', 'on', true), product('Windows Defender', 'off', true)] },
    });
  });

  it('Get-WmiObject’s list with its system properties, a wrapped value, and a product out of date (composed)', () => {
    const text = [
      '',
      '__GENUS                  : 2',
      '__RELPATH                : AntiVirusProduct.instanceGuid="{D68DDC3A-831F-4fae-9E44-DA',
      '                           132C1ACF46}"',
      'displayName              : Windows Defender',
      'productState             : 397584',
      '',
      '__GENUS                  : 2',
      'displayName              : Symantec Endpoint Protection',
      'productState             : 262144',
      '',
    ].join('\r\n');
    expect(parseSecurityCenterAv(text)).toEqual({
      value: { expected: true, products: [product('Windows Defender', 'on', false), product('Symantec Endpoint Protection', 'off', true)] },
    });
  });

  it('wmic’s /format:list, Name=Value (composed)', () => {
    const text = '\r\n\r\ndisplayName=F-Secure Client Security 12.00\r\nproductState=266240\r\n\r\n\r\ndisplayName=Windows Defender\r\nproductState=393472\r\n';
    expect(parseSecurityCenterAv(text)).toEqual({
      value: { expected: true, products: [product('F-Secure Client Security 12.00', 'on', true), product('Windows Defender', 'off', true)] },
    });
  });

  it('a product whose state cannot be read makes the answer unreadable, rather than leaving it out', () => {
    expect(parseSecurityCenterAv('displayName  : Windows Defender\nproductState : 397568\n\ndisplayName  : Other AV\nproductState :\n')).toEqual({
      unknown: 'unreadable',
      detail: 'Security Center: no productState for Other AV',
    });
  });

  it('Get-CimInstance’s error on Server says so by its code in any language; garbage is unreadable, never a throw', () => {
    const cim = 'Get-CimInstance : Ungültiger Namespace\n    + FullyQualifiedErrorId : HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand';
    expect(parseSecurityCenterAv(cim)).toMatchObject({ unknown: 'unsupported' });
    for (const text of GARBAGE.filter((garbage) => garbage.trim() !== '')) {
      expect(parseSecurityCenterAv(text)).toMatchObject({ unknown: 'unreadable' });
    }
    expect(parseSecurityCenterAv('[1, 2]')).toMatchObject({ unknown: 'unreadable' });
    expect(parseSecurityCenterAv('{"displayName": "X", "productState": -1}')).toMatchObject({ unknown: 'unreadable' });
  });
});
