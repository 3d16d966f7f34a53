import { describe, expect, it } from 'vitest';
import { parseSocketFilterFw } from '../../../../electron/agent/checks/parse/socketfilterfw';
import { GARBAGE, recorded } from '../fixtures';

const firewall = (enabled: boolean) => ({ value: { tool: 'socketfilterfw', profiles: [], enabled } });

describe('socketfilterfw --getglobalstate', () => {
  it('reads every recorded wording by its state number', () => {
    const cases: [string, boolean][] = [
      ['macos-unknown-version/socketfilterfw.set-on.en.txt', true], // State = 1
      ['macos-unknown-version/socketfilterfw.enabled-state2.en.txt', true], // block all, older words
      ['macos-15/socketfilterfw.block-all.en.txt', true], // block all, "blocking all non-essential"
      ['macos-unknown-version/socketfilterfw.set-off.en.txt', false], // State = 0
      // several --get… answers at once: only the global state line counts
      ['macos-unknown-version/socketfilterfw.all-flags-enabled.en.txt', true],
      ['macos-unknown-version/socketfilterfw.all-flags-stealth.en.txt', true],
    ];
    for (const [file, enabled] of cases) expect(parseSocketFilterFw(recorded(file)), file).toEqual(firewall(enabled));
  });

  it('the words without a number (older macOS) still say it', () => {
    expect(parseSocketFilterFw('Firewall is disabled.\n')).toEqual(firewall(false));
    expect(parseSocketFilterFw('Firewall is enabled.\n')).toEqual(firewall(true));
  });

  it('an unknown state number or garbage is unreadable', () => {
    for (const text of [...GARBAGE, 'Firewall is enabled. (State = 7)', 'Firewall has block all state set to disabled.']) {
      expect(parseSocketFilterFw(text), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});
