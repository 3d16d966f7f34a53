import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../doubles/electron';
import { rendererResponse } from '../../electron/main/protocol';
import { serveStatic } from '../../electron/preview/static';

// The popup runs under one policy whether the app serves it (app://) or the preview does (http):
// what passes in the preview's end-to-end tests is what the app allows.

let dir: string;
let server: Server;
let base: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hallo-csp-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>hallo,</title>');
  writeFileSync(join(dir, 'assets', 'index.js'), 'console.log(1)');
  server = createServer((req, res) => void serveStatic(dir)(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('one CSP for the app and the preview', () => {
  it('the app:// protocol and the preview server send the same strict policy for the page and its scripts', async () => {
    for (const path of ['/index.html', '/assets/index.js']) {
      const app = (await rendererResponse('GET', `app://hallo${path}`, dir)).headers.get('content-security-policy');
      const preview = (await fetch(base + path)).headers.get('content-security-policy');
      expect(preview, path).toBe(app);
      expect(app, path).toMatch(/^default-src 'none'; script-src 'self';/);
      expect(app, path).not.toContain('unsafe');
    }
  });
});
