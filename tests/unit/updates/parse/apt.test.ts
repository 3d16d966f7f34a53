import { describe, expect, it } from 'vitest';
import { parseAptOutput } from '../../../../electron/agent/updates/parse/apt';
import { GARBAGE, recorded } from '../fixtures';

const value = (text: string) => {
  const parsed = parseAptOutput(text);
  if (!('value' in parsed)) throw new Error(`unreadable: ${parsed.unreadable}`);
  return parsed.value;
};
const names = (text: string) => value(text).updates.map((u) => u.package);

describe('apt: apt-get -s upgrade', () => {
  it('lists every package to upgrade on Debian 12, security ones by their Debian-Security origin', () => {
    const pending = value(recorded('debian-12/apt-get-s-upgrade.en.txt'));
    expect(pending.total).toBe(144); // "144 upgraded" in the same output
    expect(pending.updates.find((u) => u.package === 'bash')).toEqual({ title: 'bash', package: 'bash', version: '5.2.15-2+b13', classification: 'update', reboot: 'unknown' });
    expect(pending.updates.find((u) => u.package === 'libgcrypt20')).toMatchObject({ version: '1.10.1-3+deb12u1', classification: 'security' });
    expect(pending.updates.find((u) => u.package === 'zstd')).toMatchObject({ classification: 'security' });
    expect(pending.security).toBe(pending.updates.filter((u) => u.classification === 'security').length);
    expect(pending.security).toBeGreaterThan(0);
  });

  it('reads the German output the same way: the Inst lines are not translated', () => {
    expect(value(recorded('debian-12/apt-get-s-upgrade.de.txt'))).toEqual(value(recorded('debian-12/apt-get-s-upgrade.en.txt')));
  });

  it('reads a Dutch dist-upgrade', () => {
    const pending = value(recorded('debian-12/apt-get-s-dist-upgrade.nl.txt'));
    expect(pending.total).toBeGreaterThanOrEqual(144);
    expect(names(recorded('debian-12/apt-get-s-dist-upgrade.nl.txt'))).toContain('openssl');
  });

  it('a simulation with nothing to do is no updates, in any language', () => {
    expect(value('Reading package lists...\nBuilding dependency tree...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n')).toEqual({ updates: [], total: 0, security: 0 });
    expect(value('Paketlisten werden gelesen…\n0 aktualisiert, 0 neu installiert, 0 zu entfernen und 0 nicht aktualisiert.\n')).toMatchObject({ total: 0 });
  });
});

describe('apt: apt list --upgradable', () => {
  it('reads Ubuntu 20.04, none of them security', () => {
    const pending = value(recorded('ubuntu-20.04/apt-list-upgradable.en.txt'));
    expect(pending.total).toBe(12);
    expect(pending.security).toBe(0);
    expect(pending.updates[0]).toMatchObject({ package: 'apport', version: '2.20.11-0ubuntu27.14' });
  });

  it('reads Ubuntu 22.04: a package from jammy-security is a security update', () => {
    const pending = value(recorded('ubuntu-22.04/apt-list-upgradable.en.txt'));
    expect(pending.updates.map((u) => [u.package, u.classification])).toEqual([
      ['libruby3.0', 'security'],
      ['ruby3.0', 'security'],
      ['update-notifier-common', 'update'],
    ]);
  });

  it('reads the Dutch list of Debian 12 (the bracketed words are translated)', () => {
    const pending = value(recorded('debian-12/apt-list-upgradable.nl.txt'));
    expect(pending.total).toBe(144);
    expect(pending.updates.find((u) => u.package === 'apt')).toMatchObject({ version: '2.6.2', classification: 'security' });
    expect(pending.updates.find((u) => u.package === 'appstream')).toMatchObject({ classification: 'update' });
  });
});

describe('apt: update-notifier message of the day', () => {
  it('counts what Ubuntu 22.04 says can be applied, and how many are security updates', () => {
    expect(value(recorded('ubuntu-22.04/motd.en.txt'))).toEqual({ updates: [], total: 2, security: 2 });
  });
});

describe('apt: what it cannot read', () => {
  it.each(GARBAGE)('%j is unreadable, not "no updates"', (text) => {
    expect(parseAptOutput(text)).toHaveProperty('unreadable');
  });

  it('an error from apt is unreadable', () => {
    expect(parseAptOutput('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)')).toEqual({
      unreadable: expect.stringContaining('E: Could not open lock file'),
    });
  });
});
