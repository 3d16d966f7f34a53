import { describe, expect, it } from 'vitest';
import { parseUfwConf, parseUfwStatus } from '../../../../electron/agent/checks/parse/ufw';
import { GARBAGE, recorded } from '../fixtures';

const firewall = (tool: string, enabled: boolean) => ({ value: { tool, profiles: [], enabled } });

describe('ufw status and firewall-cmd --state', () => {
  it('reads ufw plain and verbose, with and without rules', () => {
    const cases: [string, boolean][] = [
      ['debian-12/ufw-status.inactive.en.txt', false],
      ['debian-12/ufw-status.active.en.txt', true],
      ['debian-12/ufw-status.active-rules.en.txt', true],
      ['debian-12/ufw-status.verbose-active.en.txt', true],
      ['debian-12/ufw-status.verbose-active-rules.en.txt', true],
      ['linux-unknown/ufw-status.active-ssh.en.txt', true],
      ['linux-unknown/ufw-status.verbose-active-forward.en.txt', true],
    ];
    for (const [file, enabled] of cases) expect(parseUfwStatus(recorded(file)), file).toEqual(firewall('ufw', enabled));
  });

  it('reads firewalld running and not running', () => {
    expect(parseUfwStatus(recorded('debian-12/ufw-status.firewalld-running.en.txt'))).toEqual(firewall('firewalld', true));
    expect(parseUfwStatus(recorded('debian-12/ufw-status.firewalld-not-running.en.txt'))).toEqual(firewall('firewalld', false));
  });

  it('ufw without root says denied, with its own words', () => {
    expect(parseUfwStatus(recorded('debian-12/ufw-status.denied.en.txt'))).toEqual({ unknown: 'denied', detail: '“ERROR: You need to be root to run this script”' });
  });

  it('garbage is unreadable', () => {
    for (const text of [...GARBAGE, 'Status: maybe', 'running\nnot running']) {
      expect(parseUfwStatus(text), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});

describe('/etc/ufw/ufw.conf (the answer without root)', () => {
  it('reads ENABLED=yes and ENABLED=no as recorded', () => {
    expect(parseUfwConf(recorded('debian-12/ufw-conf.enabled.en.txt'))).toEqual(firewall('ufw', true));
    expect(parseUfwConf(recorded('debian-12/ufw-conf.disabled.en.txt'))).toEqual(firewall('ufw', false));
  });

  it('a file without the setting is unreadable', () => {
    for (const text of [...GARBAGE, '# ENABLED=yes\nLOGLEVEL=low']) expect(parseUfwConf(text)).toMatchObject({ unknown: 'unreadable' });
  });
});
