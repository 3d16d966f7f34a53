import { describe, expect, it } from 'vitest';
import { RunError, runCommand } from '../../../electron/agent/platform/run';

const opts = { timeoutMs: 10_000, maxOutputBytes: 64 * 1024 };

describe('runCommand', () => {
  it('runs a program and returns its exit code and output', async () => {
    expect(await runCommand('/bin/echo', ['hallo', 'wereld'], opts)).toEqual({
      code: 0,
      stdout: 'hallo wereld\n',
      stderr: '',
      timedOut: false,
      truncated: false,
    });
  });

  it('passes arguments as they are: no shell interprets them', async () => {
    const tricky = '$(id) `id`; rm -rf / && echo "x" | cat > /tmp/nope *';
    expect((await runCommand('/bin/echo', [tricky], opts)).stdout).toBe(tricky + '\n');
  });

  it('reports a failing exit code and its stderr', async () => {
    const result = await runCommand('/bin/ls', ['/does/not/exist'], opts);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/does/not/exist');
  });

  it('refuses a program that is not an absolute path', async () => {
    await expect(runCommand('echo', ['x'], opts)).rejects.toMatchObject({ name: 'RunError', code: 'not-absolute' });
    await expect(runCommand('./bin/echo', ['x'], opts)).rejects.toBeInstanceOf(RunError);
  });

  it('a program that does not exist is a coded error, not a crash', async () => {
    await expect(runCommand('/no/such/program', [], opts)).rejects.toMatchObject({ code: 'spawn-failed' });
  });

  it('kills a program that runs past its timeout', async () => {
    const result = await runCommand('/bin/sleep', ['30'], { ...opts, timeoutMs: 200 });
    expect(result).toMatchObject({ code: null, timedOut: true, truncated: false });
  });

  it('caps the output and stops a program that floods it', async () => {
    const result = await runCommand('/usr/bin/yes', [], { timeoutMs: 20_000, maxOutputBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(Buffer.byteLength(result.stdout)).toBe(1000);
    expect(result.stdout.startsWith('y\ny\n')).toBe(true);
  });

  it('gives the child only the environment it is handed', async () => {
    const result = await runCommand('/usr/bin/env', [], { ...opts, env: { ONLY_THIS: '1' } });
    expect(result.stdout.trim()).toBe('ONLY_THIS=1');
  });
});
