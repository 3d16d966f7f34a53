import { describe, expect, it } from 'vitest';
import { createAptProvider } from '../../../../electron/agent/updates/providers/apt';
import { fakeIo, recorded } from '../fixtures';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const APT = '/usr/bin/apt-get -s upgrade';

describe('apt provider', () => {
  it('reports what apt-get -s upgrade lists and the packages that asked for a restart', async () => {
    const io = fakeIo(
      { [APT]: { code: 0, stdout: recorded('debian-12/apt-get-s-upgrade.en.txt') } },
      { '/var/run/reboot-required': recorded('ubuntu-generic/reboot-required.en.txt'), '/var/run/reboot-required.pkgs': recorded('ubuntu-generic/reboot-required.pkgs.txt') },
    );
    const check = await createAptProvider(io, () => NOW).check();
    expect(check).toMatchObject({ provider: 'apt', checkedAt: '2026-12-07T09:00:00.000Z', pending: { value: { total: 144 } } });
    expect(check.restart).toEqual({ value: [{ code: 'packages', soft: false, packages: ['libssl1.0.0', 'linux-base', 'libc6'] }] });
    expect(io.ran).toEqual([APT]);
  });

  it('no reboot-required file: no restart; the file without .pkgs: a restart without names', async () => {
    const none = await createAptProvider(fakeIo({ [APT]: { code: 0, stdout: '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.' } }), () => NOW).check();
    expect(none).toMatchObject({ pending: { value: { total: 0 } }, restart: { value: [] } });
    const bare = await createAptProvider(fakeIo({ [APT]: { code: 0, stdout: '' } }, { '/var/run/reboot-required': '' }), () => NOW).check();
    expect(bare.restart).toEqual({ value: [{ code: 'packages', soft: false }] });
  });

  it('apt that fails, hangs, floods, prints garbage or is missing: a problem with a one-line detail, never a throw', async () => {
    const cases = [
      [{ code: 100, stderr: 'E: Could not get lock /var/lib/dpkg/lock-frontend\nE: Unable to acquire the dpkg frontend lock' }, { code: 'failed', detail: 'exit 100: E: Could not get lock /var/lib/dpkg/lock-frontend' }],
      ['hang', { code: 'timeout', detail: 'no answer within 60 s' }],
      ['flood', { code: 'unreadable' }],
      [{ code: 0, stdout: 'Segmentation fault' }, { code: 'unreadable', detail: '“Segmentation fault”' }],
      ['missing', { code: 'missing' }],
    ] as const;
    for (const [answer, problem] of cases) {
      const check = await createAptProvider(fakeIo({ [APT]: answer }), () => NOW).check();
      expect(check.pending, JSON.stringify(answer)).toEqual({ problem: expect.objectContaining({ tool: 'apt-get', ...problem }) });
      expect(check.restart).toEqual({ value: [] }); // the other part is unaffected
    }
  });
});
