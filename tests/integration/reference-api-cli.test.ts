import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, enrol } from '../reference-api/testing';

// `npm run reference-api -- --port N` as a launcher uses it: wait for READY, use it, stop it.

const TSX = resolve('node_modules/.bin/tsx');
const MAIN = resolve('tests/reference-api/main.ts');

function launch(...args: string[]) {
  const child = spawn(TSX, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('refuses to listen beyond loopback unless asked to', async () => {
    const run = launch('--port', '0', '--host', '0.0.0.0');
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/only loopback/);
    await run.ready.catch(() => undefined);
  });
});
