import { describe, expect, it } from 'vitest';
import { parseFirewallProfile } from '../../../../electron/agent/checks/parse/firewall-profile';
import { GARBAGE, recorded } from '../fixtures';

describe('parseFirewallProfile', () => {
  it('reads the active store of a server whose firewall Group Policy sets (table): every profile on', () => {
    expect(parseFirewallProfile(recorded('windows-server-2025/firewall-profile.active-gpo-on.en.txt'))).toEqual({
      value: {
        tool: 'windows',
        profiles: [
          { name: 'domain', enabled: true },
          { name: 'private', enabled: true },
          { name: 'public', enabled: true },
        ],
        enabled: true,
      },
    });
  });

  it('reads the whole list of a PC with every profile off', () => {
    expect(parseFirewallProfile(recorded('windows-unknown-version/firewall-profile.list-all-off.en.txt'))).toEqual({
      value: {
        tool: 'windows',
        profiles: [
          { name: 'domain', enabled: false },
          { name: 'private', enabled: false },
          { name: 'public', enabled: false },
        ],
        enabled: false,
      },
    });
  });

  it('reads one profile asked by name', () => {
    expect(parseFirewallProfile(recorded('windows-unknown-version/firewall-profile.list-domain-on.en.txt'))).toEqual({
      value: { tool: 'windows', profiles: [{ name: 'domain', enabled: true }], enabled: true },
    });
  });

  it('never calls the persistent store’s NotConfigured "off": unreadable, and the detail says to read the active store', () => {
    const parsed = parseFirewallProfile(recorded('windows-server-2025/firewall-profile.persistent-not-configured.en.txt'));
    expect(parsed).toEqual({ unknown: 'unreadable', detail: expect.stringContaining('ActiveStore') });
  });

  // Composed (no JSON form was found recorded): the script's strings, and Windows PowerShell
  // 5.1's ConvertTo-Json, which writes the GpoBoolean as its number (0 False, 1 True, 2 NotConfigured).
  it.each([
    ['the script’s strings', '[{"Name":"Domain","Enabled":"True"},{"Name":"Private","Enabled":"False"},{"Name":"Public","Enabled":"True"}]'],
    ['5.1’s enum numbers', '[{"Name":"Domain","Enabled":1},{"Name":"Private","Enabled":0},{"Name":"Public","Enabled":1}]'],
  ])('reads the JSON form with %s and names the profile that is off (composed)', (_, json) => {
    expect(parseFirewallProfile(json)).toEqual({
      value: {
        tool: 'windows',
        profiles: [
          { name: 'domain', enabled: true },
          { name: 'private', enabled: false },
          { name: 'public', enabled: true },
        ],
        enabled: false,
      },
    });
  });

  it.each([...GARBAGE, '[]', '{"Name":"Domain"}', 'Name Enabled\n---- -------\n'])('%j is unreadable, with a one-line reason', (text) => {
    const parsed = parseFirewallProfile(text);
    expect(parsed).toMatchObject({ unknown: 'unreadable' });
    expect((parsed as { detail: string }).detail).not.toContain('\n');
  });
});
