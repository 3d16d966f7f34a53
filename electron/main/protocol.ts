import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';

// The renderer is served from app://hallo/, never file:// or the network: a standard, secure
// origin of its own, so CSP 'self', fetch and storage behave as on https.

export const APP_SCHEME = 'app';
const APP_HOST = 'hallo';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready (Electron refuses it later). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * After ready: answer app://hallo/<path> from the built renderer folder, in the default session
 * or (`target`) in a session of its own (the capture window's partition).
 */
export function serveRenderer(rendererDir: string, target: Pick<typeof protocol, 'handle'> = protocol): void {
  target.handle(APP_SCHEME, (request) => rendererResponse(request.method, request.url, rendererDir));
}

/** The file for an app:// URL, confined to `rendererDir`; anything else is refused. */
export async function rendererResponse(method: string, url: string, rendererDir: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405);
  const file = resolveInside(url, rendererDir);
  if (!file) return plain(404);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404);
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' },
  });
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function plain(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

function resolveInside(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // The URL parser already folds `/../`; what is left after decoding (%2e%2e, %2f, backslashes,
  // NUL) is an attempt to step out, not a file we ship.
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((part) => part === '..')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
  return file.startsWith(root + sep) ? file : null;
}
