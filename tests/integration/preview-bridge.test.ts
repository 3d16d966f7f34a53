import { spawnSync } from 'node:child_process';
import type { Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AgentState, WireResponse } from '../../electron/contract';
import { startPreview, type Preview } from '../../electron/preview/host';

// The preview host as `npm run preview` starts it (reference API, the real agent, the static
// server and the WebSocket bridge), probed the way another web page or a rebinding DNS name would.

let dir: string;
let preview: Preview;
let port: number;
let key: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallo-preview-bridge-'));
  // No page is needed (the bridge is what is probed): the static server gets an empty folder.
  const options = { port: 0, host: '127.0.0.1', rendererDir: dir, systemLanguages: ['nl-NL'], configFiles: [] };
  preview = await startPreview({ ...options, dataDir: join(dir, 'data'), appVersion: '0.1.0-test' });
  port = Number(new URL(preview.url).port);
  key = new URLSearchParams(new URL(preview.url).hash.slice(1)).get('key') ?? '';
  // Enrolled with the bundled reference API, so that nothing is still being written at the end.
  const end = Date.now() + 20_000;
  while (preview.agent.state().connection.status !== 'online' && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => {
  await preview?.close();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

type Attempt = { refused: number | 'closed' } | { open: WebSocket };

/**
 * Tries the upgrade with exactly these headers, and the run's key unless another (or none) is
 * given; a refusal is the HTTP status or a closed socket.
 */
function attempt(opts: { path?: string; origin?: string; host?: string; key?: string | null }): Promise<Attempt> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    if (opts.host) headers.host = opts.host;
    const given = opts.key === undefined ? key : opts.key;
    const query = given === null ? '' : `?key=${encodeURIComponent(given)}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${opts.path ?? '/bridge'}${query}`, {
      ...(opts.origin ? { origin: opts.origin } : {}),
      headers,
      handshakeTimeout: 5_000,
    });
    ws.once('open', () => resolve({ open: ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 'closed' });
      res.resume();
      ws.terminate();
    });
    ws.once('error', () => resolve({ refused: 'closed' }));
  });
}

function refused(result: Attempt): number | 'closed' | 'open' {
  if ('open' in result) {
    result.open.terminate();
    return 'open';
  }
  return result.refused;
}

describe('the preview bridge admits only pages served by this host', () => {
  const self = () => `http://127.0.0.1:${port}`;

  it('refuses a foreign Origin', async () => {
    expect(refused(await attempt({ origin: 'https://evil.example' }))).toBe(403);
    expect(refused(await attempt({ origin: `http://localhost:${port}` }))).toBe(403); // another origin, same machine
    expect(refused(await attempt({ origin: `http://127.0.0.1:${port + 1}` }))).toBe(403);
  });

  it('refuses an upgrade without an Origin (not a browser page of ours)', async () => {
    expect(refused(await attempt({}))).toBe(403);
  });

  it('refuses a non-loopback Host even when the Origin matches it (DNS rebinding)', async () => {
    const host = `evil.example:${port}`;
    expect(refused(await attempt({ host, origin: `http://${host}` }))).toBe(403);
    expect(refused(await attempt({ host: `192.168.1.20:${port}`, origin: `http://192.168.1.20:${port}` }))).toBe(403);
  });

  it('the run has a key, in the page URL fragment only (never sent to a server)', () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(new URL(preview.url).pathname).toBe('/');
  });

  it('refuses a forged same Origin without the run\'s key, or with a wrong one', async () => {
    expect(refused(await attempt({ origin: self(), key: null }))).toBe(403);
    expect(refused(await attempt({ origin: self(), key: '' }))).toBe(403);
    expect(refused(await attempt({ origin: self(), key: key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A') }))).toBe(403);
    expect(refused(await attempt({ origin: self(), key: key + 'x' }))).toBe(403);
  });

  it('refuses any other path', async () => {
    expect(refused(await attempt({ path: '/other', origin: self() }))).toBe(403);
  });

  it('a same-origin page connects and gets the state snapshot', async () => {
    const result = await attempt({ origin: self() });
    expect('open' in result).toBe(true);
    const ws = (result as { open: WebSocket }).open;
    try {
      const state = await stateOver(ws);
      expect(state.app.version).toBe('0.1.0-test');
      expect(state.settings.language).toBe('nl');
      expect(state.connection.apiUrl).toBe(preview.api.url);
      expect(Object.keys(state).sort()).toEqual(Object.keys(preview.agent.state()).sort());
    } finally {
      ws.terminate();
    }
  });
});

describe('each page acts only as its own window', () => {
  /** What the door answers `action` on the page of `window` (its key from READY's windows). */
  async function asPage(window: 'popup' | 'consent' | 'session-bar', action: string, request: unknown): Promise<WireResponse['outcome']> {
    const pageKey = new URLSearchParams(new URL(preview.windows[window]).hash.slice(1)).get('key');
    const result = await attempt({ origin: `http://127.0.0.1:${port}`, key: pageKey });
    if (!('open' in result)) throw new Error(`the ${window} page was not admitted`);
    const ws = result.open;
    try {
      const answer = new Promise<WireResponse>((resolve) => ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Partial<WireResponse>;
        if (message.id === 7) resolve(message as WireResponse);
      }));
      ws.send(JSON.stringify({ id: 7, action, request }));
      return (await answer).outcome;
    } finally {
      ws.terminate();
    }
  }
  const answer = { sessionId: 's-none', answer: 'allow' };

  it('the consent page may answer (nothing is pending here), the popup\'s and the bar\'s may not', async () => {
    expect(await asPage('consent', 'remote.answer', answer)).toEqual({ ok: true, value: { outcome: 'not-pending' } });
    expect(await asPage('popup', 'remote.answer', answer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await asPage('session-bar', 'remote.answer', answer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the bar and the popup may end a session; the consent page may not, nor change the language', async () => {
    expect(await asPage('session-bar', 'remote.end', {})).toEqual({ ok: true, value: { outcome: 'no-session' } });
    expect(await asPage('consent', 'remote.end', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await asPage('consent', 'settings.setLanguage', { language: 'en' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await asPage('consent', 'state.get', {})).ok).toBe(true);
  });

  it('every page has a key of its own', () => {
    const keys = ['popup', 'restart', 'consent', 'session-bar'].map((w) => new URL(preview.windows[w as 'popup']).hash);
    expect(new Set(keys).size).toBe(4);
  });
});

/** Opens an admitted connection and writes one raw frame on its socket, as a hostile local process could. */
async function sendRawFrame(frame: Buffer): Promise<void> {
  const result = await attempt({ origin: `http://127.0.0.1:${port}` });
  if (!('open' in result)) throw new Error('not admitted');
  const ws = result.open;
  const closed = new Promise((done) => ws.once('close', done));
  ws.on('error', () => undefined);
  (ws as unknown as { _socket: Socket })._socket.write(frame);
  await closed;
}

function masked(first: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([first, 0x80 | payload.length]), mask, body]);
}

async function stateVersion(): Promise<string> {
  const result = await attempt({ origin: `http://127.0.0.1:${port}` });
  if (!('open' in result)) throw new Error('the preview no longer admits its own page');
  try {
    return (await stateOver(result.open)).app.version;
  } finally {
    result.open.terminate();
  }
}

/** `state.get` over an admitted connection, as the page asks it. */
async function stateOver(ws: WebSocket): Promise<AgentState> {
  const answer = new Promise<WireResponse>((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Partial<WireResponse>;
      if (message.id === 1) resolve(message as WireResponse);
    });
  });
  ws.send(JSON.stringify({ id: 1, action: 'state.get', request: {} }));
  const { outcome } = await answer;
  expect(outcome.ok).toBe(true);
  return (outcome as { ok: true; value: AgentState }).value;
}

describe('a malformed frame closes that connection only', () => {
  const frames: Record<string, Buffer> = {
    'invalid UTF-8 in a text frame': masked(0x81, Buffer.from([0xff, 0xfe, 0xfd])),
    'an unmasked client frame': Buffer.concat([Buffer.from([0x81, 0x02]), Buffer.from('hi')]),
    'RSV bits set': masked(0xf1, Buffer.from('hi')),
    'a length over 1 MiB': Buffer.concat([
      Buffer.from([0x82, 0x80 | 127]),
      Buffer.from([0, 0, 0, 0, 0, 0x20, 0, 0]), // 2 MiB announced
      Buffer.from([1, 2, 3, 4]),
    ]),
  };
  for (const [name, frame] of Object.entries(frames)) {
    it(`${name}: the connection ends, the preview stays up`, async () => {
      await sendRawFrame(frame);
      expect(await stateVersion()).toBe('0.1.0-test');
    });
  }
});

describe('npm run preview --host', () => {
  it('refuses an address other machines can reach: the bridge admits loopback peers only', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/preview/main.ts', '--port', '0', '--host', '0.0.0.0'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--host must be a loopback address (127.0.0.1, ::1, localhost), got "0.0.0.0"');
  });
});
