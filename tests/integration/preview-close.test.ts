import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startPreview } from '../../electron/preview/host';

// Ctrl-C (and every e2e spec's afterEach) closes the preview. server.close() alone waits for every
// connection to end, which is the step that hung CI's remote specs for 30 s and more, and a full
// run here ("closing the page server did not finish within 10 s").

let dir: string | null = null;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('closing the preview', () => {
  it('cuts a connection still in the middle of a request instead of waiting for it (an idle keep-alive one Node closes itself)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallo-preview-close-'));
    const preview = await startPreview({ port: 0, host: '127.0.0.1', rendererDir: dir, systemLanguages: ['nl-NL'], configFiles: [], dataDir: join(dir, 'data'), appVersion: '0.1.0-test' });
    const { port } = new URL(preview.url);
    // A request whose headers never end: the server waits for the rest (headersTimeout, 60 s).
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((connected) => socket.once('connect', () => connected()));
    socket.write('GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const cut = new Promise<void>((closed) => socket.once('close', () => closed()));
    socket.on('error', () => {});
    const said = vi.spyOn(console, 'error');
    try {
      await preview.close();
      expect(said.mock.calls.flat().join('\n')).not.toContain('did not finish');
      await cut;
    } finally {
      said.mockRestore();
      socket.destroy();
    }
  });
});
