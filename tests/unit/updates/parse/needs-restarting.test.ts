import { describe, expect, it } from 'vitest';
import { parseNeedsRestarting } from '../../../../electron/agent/updates/parse/needs-restarting';
import { GARBAGE, recorded } from '../fixtures';

describe('needs-restarting -r', () => {
  it('a restart is due on AlmaLinux 8: core libraries, with the packages that need it', () => {
    expect(parseNeedsRestarting(recorded('almalinux-8/needs-restarting-r.reboot.en.txt'))).toEqual({
      value: [{ code: 'core-libraries', soft: false, packages: ['glibc', 'linux-firmware'] }],
    });
  });

  it('reads the German answer the same way as the English one', () => {
    const en = parseNeedsRestarting(recorded('dnf-4.14-on-debian-12/needs-restarting-r.reboot.en.txt'));
    expect(en).toEqual({ value: [{ code: 'core-libraries', soft: false, packages: ['glibc'] }] });
    expect(parseNeedsRestarting(recorded('dnf-4.14-on-debian-12/needs-restarting-r.reboot.de.txt'))).toEqual(en);
  });

  it('no restart needed, in English (Rocky Linux) and in German', () => {
    expect(parseNeedsRestarting(recorded('rocky-linux/needs-restarting-r.no-reboot.en.txt'))).toEqual({ value: [] });
    expect(parseNeedsRestarting(recorded('dnf-4.14-on-debian-12/needs-restarting-r.no-reboot.de.txt'))).toEqual({ value: [] });
  });

  it('an old needs-restarting without -r prints its usage: unreadable, not "no restart"', () => {
    // As reported on Fedora 21 in https://github.com/webmin/webmin/issues/1081
    const usage = 'Usage:\n    needs-restarting: Report a list of process ids of programs that started\n                    running before they or some component they use were updated.\n\nneeds-restarting: error: no such option: -r\n';
    expect(parseNeedsRestarting(usage)).toHaveProperty('unreadable');
  });

  it.each(GARBAGE)('%j is unreadable', (text) => {
    expect(parseNeedsRestarting(text)).toHaveProperty('unreadable');
  });
});
