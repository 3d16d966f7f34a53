import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createPowerShellHost, type PowerShellHost, type PowerShellResult } from '../../../../electron/agent/platform/powershell-host';
import { createWindowsProvider } from '../../../../electron/agent/updates/providers/windows';
import { WINDOWS_UPDATES_SCRIPT } from '../../../../electron/agent/updates/windows-script';
import { createFakeClock } from '../../../doubles/fake-clock';
import { recorded } from '../fixtures';

const now = () => Date.parse('2026-12-07T09:00:00Z');
const STAND_IN = fileURLToPath(new URL('../../../doubles/powershell-stand-in.mjs', import.meta.url));

/** A host that answers the updates script with `answer`, and records what it was asked. */
function answering(answer: PowerShellResult): PowerShellHost & { scripts: string[] } {
  const scripts: string[] = [];
  return { scripts, run: async (script) => (scripts.push(script), answer), stop() {}, starts: 1 };
}

let host: PowerShellHost | null = null;
afterEach(() => host?.stop());

describe('Windows provider', () => {
  it('runs the one script in the host and reports every part of its document', async () => {
    const fake = answering({ ok: true, json: JSON.parse(recorded('windows-11-23h2/wua-search.de.json')) });
    const check = await createWindowsProvider(fake, now).check();
    expect(fake.scripts).toEqual([WINDOWS_UPDATES_SCRIPT]);
    expect(check).toMatchObject({
      provider: 'windows',
      pending: { value: { total: 4, security: 1 } },
      installed: { value: [{ kb: ['5035853'] }, { result: 'failed' }] },
      office: { value: { channel: 'current' } },
    });
    expect('value' in check.restart && check.restart.value.map((r) => r.code)).toEqual(['servicing', 'windows-update', 'update-agent', 'file-rename']);
  });

  it.each([
    [{ ok: false, error: 'timeout', detail: 'no answer within 120000 ms' }, 'timeout'],
    [{ ok: false, error: 'garbage', detail: 'not JSON: WARNING' }, 'unreadable'],
    [{ ok: false, error: 'died', detail: 'exited (1)' }, 'failed'],
    [{ ok: true, json: { schema: 1, updates: 'nope' } }, 'unreadable'],
  ] as const)('a host answer %j is the problem %s for every part', async (answer, code) => {
    const check = await createWindowsProvider(answering(answer), now).check();
    for (const part of [check.pending, check.restart, check.installed, check.office]) {
      expect(part).toMatchObject({ problem: { code, tool: 'Windows Update Agent' } });
    }
  });

  it('through a real host process that prints garbage: unreadable, and the host is still usable', async () => {
    host = createPowerShellHost({ clock: createFakeClock(), file: process.execPath, args: [STAND_IN] });
    const garbage: PowerShellHost = { ...host, run: (_script, options) => host!.run('garbage', options) };
    const check = await createWindowsProvider(garbage, now).check();
    expect(check.pending).toMatchObject({ problem: { code: 'unreadable', detail: expect.stringContaining('not JSON') } });
    expect(await host.run('json 1')).toEqual({ ok: true, json: 1 });
  });
});
