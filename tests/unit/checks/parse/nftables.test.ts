import { describe, expect, it } from 'vitest';
import { parseNftRuleset } from '../../../../electron/agent/checks/parse/nftables';
import { GARBAGE, recorded } from '../fixtures';

const firewall = (enabled: boolean) => ({ value: { tool: 'nftables', profiles: [], enabled } });

describe('nft list ruleset', () => {
  it('filters: an input chain that drops by policy, whether hand-made or ufw\'s on iptables-nft', () => {
    expect(parseNftRuleset(recorded('debian-12/nftables.policy-drop.en.txt'))).toEqual(firewall(true));
    expect(parseNftRuleset(recorded('debian-12/nftables.ufw-active.en.txt'))).toEqual(firewall(true));
  });

  it('filters nothing: no ruleset at all (no output), or Debian\'s stock chains that accept everything', () => {
    expect(parseNftRuleset(recorded('debian-12/nftables.empty.en.txt'))).toEqual(firewall(false));
    expect(parseNftRuleset(recorded('debian-12/nftables.debian-default-accept.en.txt'))).toEqual(firewall(false));
  });

  it('without root: denied, with nft\'s own words', () => {
    expect(parseNftRuleset(recorded('debian-12/nftables.denied.en.txt'))).toEqual({ unknown: 'denied', detail: '“Operation not permitted (you must be root)”' });
  });

  it('garbage is unreadable (an empty output is nft\'s real "no ruleset", recorded above)', () => {
    for (const text of GARBAGE.filter((t) => t.trim() !== '')) {
      expect(parseNftRuleset(text), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});
