import { describe, expect, it } from 'vitest';
import { createDnfProvider } from '../../../../electron/agent/updates/providers/dnf';
import { fakeIo, recorded } from '../fixtures';

const now = () => Date.parse('2026-12-07T09:00:00Z');
const DNF = '/usr/bin/dnf check-update';
const NR = '/usr/bin/needs-restarting -r';

describe('dnf provider', () => {
  it('exit 100 lists the updates; needs-restarting exit 1 names the packages', async () => {
    const io = fakeIo({
      [DNF]: { code: 100, stdout: recorded('fedora-25/dnf-check-update.en.txt') },
      [NR]: { code: 1, stdout: recorded('almalinux-8/needs-restarting-r.reboot.en.txt') },
    });
    const check = await createDnfProvider(io, now).check();
    expect(check).toMatchObject({ provider: 'dnf', pending: { value: { total: 10, security: null } } });
    expect(check.restart).toEqual({ value: [{ code: 'core-libraries', soft: false, packages: ['glibc', 'linux-firmware'] }] });
  });

  it('exit 0 with nothing printed is no updates; needs-restarting exit 0 is no restart', async () => {
    const check = await createDnfProvider(fakeIo({ [DNF]: { code: 0 }, [NR]: { code: 0, stdout: recorded('rocky-linux/needs-restarting-r.no-reboot.en.txt') } }), now).check();
    expect(check).toMatchObject({ pending: { value: { total: 0 } }, restart: { value: [] } });
  });

  it('falls back to dnf 5’s needs-restarting subcommand; exit 1 is a restart even when its words are unknown', async () => {
    const io = fakeIo({ [DNF]: { code: 0 }, '/usr/bin/dnf needs-restarting -r': { code: 1, stdout: 'Neustart erforderlich.' } });
    const check = await createDnfProvider(io, now).check();
    expect(check.restart).toEqual({ value: [{ code: 'core-libraries', soft: false }] });
    expect(io.ran).toContain('/usr/bin/dnf needs-restarting -r');
  });

  it('dnf exit 1 is a failure with its message; a missing needs-restarting is said as missing', async () => {
    const check = await createDnfProvider(fakeIo({ [DNF]: { code: 1, stderr: "Error: Failed to download metadata for repo 'fedora'" } }), now).check();
    expect(check.pending).toEqual({ problem: { code: 'failed', tool: 'dnf', detail: "exit 1: Error: Failed to download metadata for repo 'fedora'" } });
    expect(check.restart).toMatchObject({ problem: { code: 'missing', tool: 'dnf needs-restarting' } });
  });
});
