import { describe, expect, it } from 'vitest';
import { createMacProvider } from '../../../../electron/agent/updates/providers/macos';
import { fakeIo, recorded } from '../fixtures';

const now = () => Date.parse('2026-12-07T09:00:00Z');
const SU = '/usr/sbin/softwareupdate -l';

describe('macOS provider', () => {
  it('lists softwareupdate’s updates; a restart pending now is not something macOS says', async () => {
    const check = await createMacProvider(fakeIo({ [SU]: { code: 0, stdout: recorded('macos-10.15/softwareupdate-l.en.txt') } }), now).check();
    expect(check).toMatchObject({ provider: 'macos', pending: { value: { total: 4 } }, restart: { problem: { code: 'unsupported' } } });
  });

  it('"No new software available." on stderr is no updates', async () => {
    const check = await createMacProvider(fakeIo({ [SU]: { code: 0, stdout: 'Software Update Tool\n\nFinding available software\n', stderr: 'No new software available.\n' } }), now).check();
    expect(check.pending).toEqual({ value: { updates: [], total: 0, security: null } });
  });

  it('a hang is a timeout', async () => {
    const check = await createMacProvider(fakeIo({ [SU]: 'hang' }), now).check();
    expect(check.pending).toMatchObject({ problem: { code: 'timeout', tool: 'softwareupdate' } });
  });
});
