import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app, protocol, __reset } from '../doubles/electron';
import { CONTENT_SECURITY_POLICY } from '../../electron/contract/csp';
import { registerAppScheme, rendererResponse, serveRenderer } from '../../electron/main/protocol';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hallo-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>hallo,</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'secret.txt'), 'device token');
});

describe('app:// protocol', () => {
  beforeEach(() => __reset());

  it('registers app as a standard, secure scheme before ready, and serves it after', async () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    app.__ready();
    serveRenderer(rendererDir);
    const handler = protocol.handlers.get('app')!;
    const response = (await handler(new Request('app://hallo/index.html'))) as Response;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>hallo,</title>');
  });

  it('serves files with their MIME type and the strict CSP', async () => {
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
    ]) {
      const response = await rendererResponse('GET', `app://hallo${path}`, rendererDir);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('refuses path traversal, other hosts and other schemes', async () => {
    for (const url of [
      'app://hallo/../secret.txt',
      'app://hallo/%2e%2e/secret.txt',
      'app://hallo/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://hallo/..%5csecret.txt',
      'app://hallo/%00index.html',
      'app://hallo/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const response = await rendererResponse('GET', url, rendererDir);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('device token');
    }
  });

  it('missing files are 404 with the CSP; only GET and HEAD are answered', async () => {
    const missing = await rendererResponse('GET', 'app://hallo/nope.js', rendererDir);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CSP);
    expect((await rendererResponse('POST', 'app://hallo/index.html', rendererDir)).status).toBe(405);
  });
});
