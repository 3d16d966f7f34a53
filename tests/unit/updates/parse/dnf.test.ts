import { describe, expect, it } from 'vitest';
import { parseDnfCheckUpdate } from '../../../../electron/agent/updates/parse/dnf';
import { GARBAGE, recorded } from '../fixtures';

const value = (text: string) => {
  const parsed = parseDnfCheckUpdate(text);
  if (!('value' in parsed)) throw new Error(`unreadable: ${parsed.unreadable}`);
  return parsed.value;
};

describe('dnf check-update', () => {
  it('lists the packages of Fedora 25 (dnf 2), with their versions; dnf does not say which are security', () => {
    const pending = value(recorded('fedora-25/dnf-check-update.en.txt'));
    expect(pending.total).toBe(10);
    expect(pending.security).toBeNull();
    expect(pending.updates[0]).toEqual({ title: 'PackageKit.x86_64', package: 'PackageKit', version: '1.1.4-2.fc25', classification: 'update', reboot: 'unknown' });
    expect(pending.updates.map((u) => u.title)).toContain('cockpit-shell.noarch');
  });

  it('reads dnf 4.14 in English and in German alike (only the header is translated)', () => {
    const en = value(recorded('dnf-4.14-on-debian-12/dnf-check-update.en.txt'));
    expect(en.updates.map((u) => [u.package, u.version])).toEqual([['hallo-demo', '1.1-1']]);
    expect(value(recorded('dnf-4.14-on-debian-12/dnf-check-update.de.txt'))).toEqual(en);
  });

  it('nothing pending (exit 0, only the translated metadata line) is no updates', () => {
    expect(value(recorded('dnf-4.14-on-debian-12/dnf-check-update.none.de.txt'))).toEqual({ updates: [], total: 0, security: null });
  });

  it('reads a long name whose version dnf 4 put on the next line, and stops at "Obsoleting Packages"', () => {
    const text = [
      'texlive-collection-fontsrecommended.noarch',
      '                                      9:20230311-83.fc40        updates',
      'kernel-core.x86_64                    6.11.0-200.fc40           updates',
      'Obsoleting Packages',
      'grub2-tools.x86_64                    1:2.06-123.fc40           updates',
      '    grub2-tools.x86_64                1:2.06-121.fc40           @updates',
    ].join('\n');
    expect(value(text).updates.map((u) => [u.package, u.version])).toEqual([
      ['texlive-collection-fontsrecommended', '9:20230311-83.fc40'],
      ['kernel-core', '6.11.0-200.fc40'],
    ]);
  });

  it.each(GARBAGE)('%j is unreadable', (text) => {
    expect(parseDnfCheckUpdate(text)).toHaveProperty('unreadable');
  });

  it('an error from dnf is unreadable', () => {
    expect(parseDnfCheckUpdate('Error: Failed to download metadata for repo \'fedora\': Cannot download repomd.xml')).toHaveProperty('unreadable');
  });
});
