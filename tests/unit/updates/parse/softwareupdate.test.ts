import { describe, expect, it } from 'vitest';
import { parseSoftwareUpdateList } from '../../../../electron/agent/updates/parse/softwareupdate';
import { GARBAGE, recorded } from '../fixtures';

const value = (text: string) => {
  const parsed = parseSoftwareUpdateList(text);
  if (!('value' in parsed)) throw new Error(`unreadable: ${parsed.unreadable}`);
  return parsed.value;
};

describe('softwareupdate -l', () => {
  it('reads the current format (macOS 10.15): titles, versions, sizes, and which ask for a restart', () => {
    const pending = value(recorded('macos-10.15/softwareupdate-l.en.txt'));
    expect(pending.updates.map((u) => [u.package, u.title, u.version, u.reboot])).toEqual([
      ['Command Line Tools beta 5 for Xcode-11.0', 'Command Line Tools beta 5 for Xcode', '11.0', 'never'],
      ['macOS Catalina Developer Beta-6', 'macOS Catalina Public Beta', '5', 'always'],
      ['BridgeOSUpdateCustomer', 'BridgeOSUpdateCustomer', '10.15.0.1.1.1560926689', 'always'], // shut down
      ['iCal-1.0.2', 'iCal', '1.0.2', 'never'],
    ]);
    expect(pending.updates[1]!.sizeBytes).toBe(3084292 * 1024);
  });

  it('reads the older format (macOS 10.14) with [recommended] [restart]', () => {
    const pending = value(recorded('macos-10.14/softwareupdate-l.en.txt'));
    expect(pending.updates.map((u) => [u.title, u.version, u.reboot])).toEqual([
      ['Command Line Tools (macOS Mojave version 10.14) for Xcode', '10.3', 'never'],
      ['macOS 10.14.1 Update', '10.14.1', 'always'],
      ['BridgeOSUpdateCustomer', '10.14.4.1.1.1555388607', 'always'],
      ['iCal', '1.0.2', 'never'],
    ]);
  });

  it('a localised title is read as it is: the keys are not translated', () => {
    const text = '* Label: Sicherheitsupdate-2024-004\n\tTitle: Sicherheitsupdate 2024-004 (Ventura), Version: 2024-004, Size: 1598346KiB, Recommended: YES, Action: restart,\n';
    expect(value(text).updates).toEqual([
      { title: 'Sicherheitsupdate 2024-004 (Ventura)', package: 'Sicherheitsupdate-2024-004', version: '2024-004', sizeBytes: 1598346 * 1024, classification: 'update', reboot: 'always' },
    ]);
  });

  it('"No new software available." is no updates', () => {
    expect(value('Software Update Tool\n\nFinding available software\nNo new software available.\n')).toEqual({ updates: [], total: 0, security: null });
  });

  it.each(GARBAGE)('%j is unreadable', (text) => {
    expect(parseSoftwareUpdateList(text)).toHaveProperty('unreadable');
  });
});
