import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createPowerShellHost, framedCall, windowsPowerShellPath, type PowerShellHost } from '../../../electron/agent/platform/powershell-host';
import { createFakeClock } from '../../doubles/fake-clock';

// The host against a stand-in process that speaks its framing (tests/doubles/powershell-stand-in.mjs):
// the same pipes, the same one line per call, a real process that can hang, die or print garbage.
const STAND_IN = fileURLToPath(new URL('../../doubles/powershell-stand-in.mjs', import.meta.url));

let host: PowerShellHost | null = null;
afterEach(() => host?.stop());

function standIn(extra: { timeoutMs?: number; maxOutputBytes?: number } = {}) {
  const clock = createFakeClock();
  host = createPowerShellHost({ clock, file: process.execPath, args: [STAND_IN], timeoutMs: 5000, ...extra });
  return { clock, host };
}

const pidOf = async (h: PowerShellHost) => {
  const result = await h.run('pid');
  if (!result.ok) throw new Error(result.detail);
  return (result.json as { pid: number }).pid;
};

describe('PowerShell host', () => {
  it('runs one script and gives back the JSON document it printed', async () => {
    const { host } = standIn();
    expect(await host.run('json {"title":"2024-04 Kumulatives Update (KB5036980)","kb":["5036980"]}')).toEqual({
      ok: true,
      json: { title: '2024-04 Kumulatives Update (KB5036980)', kb: ['5036980'] },
    });
  });

  it('starts once and keeps the same process for call after call', async () => {
    const { host } = standIn();
    const first = await pidOf(host);
    expect(await pidOf(host)).toBe(first);
    expect(await pidOf(host)).toBe(first);
    expect(host.starts).toBe(1);
  });

  it('queues calls made at the same time and answers each in order', async () => {
    const { host } = standIn();
    const answers = await Promise.all([1, 2, 3, 4].map((n) => host.run(`json {"n":${n}}`)));
    expect(answers).toEqual([1, 2, 3, 4].map((n) => ({ ok: true, json: { n } })));
    expect(host.starts).toBe(1);
  });

  it('a call that hangs is ended at its deadline, and the calls behind it still get answers', async () => {
    const { host, clock } = standIn();
    const before = await pidOf(host);
    const hung = host.run('hang', { timeoutMs: 30_000 });
    const behind = host.run('json {"after":true}');
    await clock.advance(30_000);
    expect(await hung).toMatchObject({ ok: false, error: 'timeout' });
    expect(await behind).toEqual({ ok: true, json: { after: true } });
    expect(await pidOf(host)).not.toBe(before); // the hung process was killed, a fresh one answers
    expect(host.starts).toBe(2);
  });

  it('a process that dies during a call is reported and started again for the next call', async () => {
    const { host } = standIn();
    expect(await host.run('die')).toMatchObject({ ok: false, error: 'died' });
    expect(await host.run('json [1,2]')).toEqual({ ok: true, json: [1, 2] });
    expect(host.starts).toBe(2);
  });

  it('output that is not one JSON document is garbage, and the process stays usable', async () => {
    const { host } = standIn();
    expect(await host.run('garbage')).toMatchObject({ ok: false, error: 'garbage', detail: expect.stringContaining('WARNING') });
    expect(await host.run('json {"ok":1}')).toEqual({ ok: true, json: { ok: 1 } });
    expect(host.starts).toBe(1);
  });

  it('a script that throws gives its message, not a crash', async () => {
    const { host } = standIn();
    expect(await host.run('throw Zugriff verweigert (0x80070005)')).toEqual({ ok: false, error: 'script-error', detail: 'Zugriff verweigert (0x80070005)' });
  });

  it('stops a process that floods its output', async () => {
    const { host } = standIn({ maxOutputBytes: 16 * 1024 });
    expect(await host.run('flood')).toMatchObject({ ok: false, error: 'too-large' });
    expect(await host.run('json 7')).toEqual({ ok: true, json: 7 });
  });

  it('a program that cannot start answers every call as died', async () => {
    host = createPowerShellHost({ clock: createFakeClock(), file: '/no/such/powershell', timeoutMs: 5000 });
    expect(await host.run('json 1')).toMatchObject({ ok: false, error: 'died' });
    expect(await host.run('json 1')).toMatchObject({ ok: false, error: 'died' });
  });

  it('stop answers the running call and the waiting ones, and refuses new ones', async () => {
    const { host } = standIn();
    const running = host.run('hang');
    const waiting = host.run('json 1');
    host.stop();
    expect(await running).toMatchObject({ ok: false, error: 'stopped' });
    expect(await waiting).toMatchObject({ ok: false, error: 'stopped' });
    expect(await host.run('json 1')).toMatchObject({ ok: false, error: 'stopped' });
  });
});

describe('PowerShell framing', () => {
  it('puts a script of many lines, quotes and non-ASCII on one line', () => {
    const script = "$s = 'Geräte'\n\"quote\" | Out-Null\nConvertTo-Json @{ a = 1 }";
    const line = framedCall(script, 'abc');
    expect(line.endsWith("[Console]::Out.WriteLine('END-abc')\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const encoded = /FromBase64String\('([^']*)'\)/.exec(line)![1]!;
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe(script);
  });

  it('finds Windows PowerShell under the system root', () => {
    expect(windowsPowerShellPath({ SystemRoot: 'D:\\Windows' })).toBe('D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});
