import { describe, expect, it } from 'vitest';
import { linuxFamily, providerForThisMachine } from '../../../electron/agent/updates/provider';
import { createFakeClock } from '../../doubles/fake-clock';
import { fakeIo } from './fixtures';

describe('the provider of a machine', () => {
  it.each([
    ['ID=debian\nVERSION_ID="12"\n', 'apt'],
    ['NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n', 'apt'],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"\n', 'apt'],
    ['ID=fedora\nVERSION_ID=40\n', 'dnf'],
    ['ID="almalinux"\nID_LIKE="rhel centos fedora"\n', 'dnf'],
    ['ID=arch\n', null],
    ['', null],
  ] as const)('/etc/os-release %j: %s', (osRelease, family) => {
    expect(linuxFamily(osRelease)).toBe(family);
  });

  it('picks by platform, and says unsupported where it has none', async () => {
    const clock = createFakeClock();
    const io = fakeIo({}, { '/etc/os-release': 'ID=debian\n' });
    expect((await providerForThisMachine({ clock, io, platform: 'linux' })).id).toBe('apt');
    expect((await providerForThisMachine({ clock, io, platform: 'darwin' })).id).toBe('macos');
    const freebsd = await providerForThisMachine({ clock, io, platform: 'freebsd' });
    expect(await freebsd.check()).toMatchObject({ provider: 'none', pending: { problem: { code: 'unsupported' } } });
  });
});
