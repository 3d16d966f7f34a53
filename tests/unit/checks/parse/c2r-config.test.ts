import { describe, expect, it } from 'vitest';
import { c2rInstallOf, parseC2rConfig } from '../../../../electron/agent/checks/parse/c2r-config';
import { officeChannelOf } from '../../../../electron/agent/checks/parse/office-channel';
import { GARBAGE } from '../fixtures';

// No recorded `reg query` of the ClickToRun Configuration key was found (tests/fixtures/checks/README.md
// lists it as missing): every input here is COMPOSED in reg.exe's layout (four spaces between name,
// type and value), with the channel GUIDs Microsoft documents and reg.exe's own error sentences.
const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration';
const reg = (...values: [string, string][]) => ['', KEY, ...values.map(([name, value]) => `    ${name}    REG_SZ    ${value}`), '', ''].join('\r\n');
const CURRENT = 'http://officecdn.microsoft.com/pr/492350f6-3a01-4f97-b9c0-c7c6ddf67d60';
const MONTHLY_ENTERPRISE = 'http://officecdn.microsoft.com/pr/55336b82-a18d-4dd6-b5f6-9e5095c314a6';

describe('parseC2rConfig (composed inputs)', () => {
  it('reads the version and the channel from the whole key', () => {
    const text = reg(['AudienceData', 'Production::CC'], ['CDNBaseUrl', CURRENT], ['Platform', 'x64'], ['VersionToReport', '16.0.17425.20176']);
    expect(parseC2rConfig(text)).toEqual({ value: { version: '16.0.17425.20176', channel: 'current' } });
  });

  it('takes the channel from UpdateChannel when set: Group Policy changes only that one', () => {
    const text = reg(['CDNBaseUrl', CURRENT], ['UpdateChannel', MONTHLY_ENTERPRISE], ['VersionToReport', '16.0.17928.20114']);
    expect(parseC2rConfig(text)).toEqual({ value: { version: '16.0.17928.20114', channel: 'monthly-enterprise' } });
  });

  it('reads a single /v VersionToReport (channel unknown), and ClientVersionToReport where VersionToReport is missing', () => {
    expect(parseC2rConfig(reg(['VersionToReport', '16.0.19127.20264']))).toEqual({ value: { version: '16.0.19127.20264', channel: 'unknown' } });
    expect(parseC2rConfig(reg(['ClientVersionToReport', '16.0.19127.20264'], ['CDNBaseUrl', CURRENT]))).toEqual({ value: { version: '16.0.19127.20264', channel: 'current' } });
  });

  it('a single /v CDNBaseUrl has no version to judge: unreadable, saying what is missing', () => {
    expect(parseC2rConfig(reg(['CDNBaseUrl', CURRENT]))).toEqual({ unknown: 'unreadable', detail: 'no VersionToReport in the Click-to-Run configuration' });
  });

  it.each([
    'ERROR: The system was unable to find the specified registry key or value.',
    'FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.',
    'FOUT: het systeem kan de opgegeven registersleutel of waarde niet vinden.',
  ])('reg.exe’s "not found" in any language is "not installed": %s', (line) => {
    expect(parseC2rConfig(`${line}\r\n`)).toEqual({ value: null });
  });

  it('access denied is denied, not "not installed"', () => {
    expect(parseC2rConfig('ERROR: Access is denied.\r\n')).toMatchObject({ unknown: 'denied' });
  });

  it.each([...GARBAGE, `${KEY}\r\n`, 'ERROR: Invalid syntax.\r\nType "REG QUERY /?" for usage.\r\n'])('%j is unreadable, with a one-line reason', (text) => {
    const parsed = parseC2rConfig(text);
    expect(parsed).toMatchObject({ unknown: 'unreadable' });
    expect((parsed as { detail: string }).detail).not.toContain('\n');
  });

  it('c2rInstallOf: no key is not installed', () => {
    expect(c2rInstallOf(null)).toEqual({ value: null });
  });
});

describe('officeChannelOf', () => {
  it.each([
    ['492350f6-3a01-4f97-b9c0-c7c6ddf67d60', 'current'],
    ['http://officecdn.microsoft.com/pr/64256afe-f5d9-4f86-8936-8840a6a4f5be', 'current-preview'],
    [MONTHLY_ENTERPRISE, 'monthly-enterprise'],
    ['http://officecdn.microsoft.com/pr/7FFBC6BF-BC32-4F92-8982-F9DD17FD3114', 'semi-annual'],
    ['b8f9b850-328d-4355-9145-c59439a0c4cf', 'semi-annual-preview'],
    ['http://officecdn.microsoft.com/pr/5440fd1f-7ecb-4221-8110-145efaa6372f/', 'beta'],
    ['http://officecdn.microsoft.com/pr/00000000-0000-0000-0000-000000000000', 'unknown'],
    ['Custom', 'unknown'],
  ])('%s is %s', (value, channel) => {
    expect(officeChannelOf(value)).toBe(channel);
  });
});
