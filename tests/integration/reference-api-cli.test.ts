import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { call, enrol, openEvents } from '../reference-api/testing';

// `npm run reference-api -- --port N` as a launcher uses it: wait for READY, use it, stop it.

const TSX = resolve('node_modules/.bin/tsx');
const MAIN = resolve('tests/reference-api/main.ts');
const PREVIEW = resolve('electron/preview/main.ts');

function launch(...args: string[]) {
  return launchMain(MAIN, ...args);
}

function launchMain(main: string, ...args: string[]) {
  const child = spawn(TSX, [main, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<{ url: string; portalToken: string; enrollmentCode: string }>((done, fail) => {
    child.stdout.on('data', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('READY '));
      if (line) done(JSON.parse(line.slice('READY '.length)));
    });
    void exited.then((code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run reference-api', () => {
  it('prints its URL, portal token and code, serves them, and stops cleanly on SIGTERM', async () => {
    const run = launch('--port', '0');
    const info = await run.ready;
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const { stdout } = run.output();
    expect(stdout).toContain(`hallo, reference API on ${info.url}`);
    expect(stdout).toContain(`portal token: ${info.portalToken}`);
    expect(stdout).toContain(`enrollment code: ${info.enrollmentCode}`);

    await enrol(info.url, info.enrollmentCode);
    expect((await call(info.url, 'GET', '/portal/tickets', { token: info.portalToken })).status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with --control, `forge KIND DEVICE_ID` puts a forged request on the device’s stream', async () => {
    const run = launch('--port', '0', '--control');
    const info = await run.ready;
    const { deviceId, deviceToken } = await enrol(info.url, info.enrollmentCode);
    const stream = await openEvents(info.url, deviceToken);
    const answer = (prefix: string) =>
      new Promise<string>((done) => {
        const look = () => {
          const line = run.output().stdout.split('\n').find((l) => l.startsWith(prefix));
          if (line) done(line);
          else run.child.stdout.once('data', look);
        };
        look();
      });
    run.child.stdin.write('forge nonsense x\n');
    expect(await answer('forge: ')).toMatch(/^forge: KIND is one of bad-signature, unknown-kid, /);
    run.child.stdin.write(`forge expired ${deviceId}\n`);
    const forged = JSON.parse((await answer('FORGED ')).slice('FORGED '.length)) as { kind: string; sessionId: string; eventId: string };
    const event = await stream.next('remote-session.requested');
    expect(event.id).toBe(forged.eventId);
    const claims = decodeJwt((JSON.parse(event.data) as { request: string }).request);
    expect(claims).toMatchObject({ aud: deviceId, jti: forged.sessionId });
    expect(claims.exp! * 1000).toBeLessThan(Date.now());
    stream.close();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses to listen beyond loopback unless asked to', async () => {
    const run = launch('--port', '0', '--host', '0.0.0.0');
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/only loopback/);
    await run.ready.catch(() => undefined);
  });

  // A port another program holds: one line that says so and what to do, no EADDRINUSE stack trace.
  it.each([
    ['reference-api', MAIN, []],
    ['preview', PREVIEW, ['--data-dir', resolve('tests/.tmp/busy-port')]],
  ])('npm run %s -- --port N on a busy port says so in one line', async (command, main, more) => {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const port = (holder.address() as { port: number }).port;
    try {
      const run = launchMain(main, '--port', String(port), ...more);
      expect(await run.exited).toBe(1);
      await run.ready.catch(() => undefined);
      const lines = run.output().stderr.trim().split('\n');
      expect(lines).toEqual([`${command}: port ${port} on 127.0.0.1 is already in use; stop what uses it or choose another with --port N (0 picks a free one).`]);
    } finally {
      holder.close();
    }
  });
});
