import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Store } from './store';

// The technician's console: GET /portal/console/{sessionId}, one HTML page (plus its script and
// style) that shows a remote session's stream, for tests and demos. It is the portal's browser
// page, not part of the agent's API: outside /v1 and the OpenAPI file. The page itself needs no
// token (it holds nothing but the session's id and short code, which names the request and is no
// secret); everything else it asks of /v1/portal with the token from its URL fragment.

export const CONSOLE_PREFIX = '/portal/console/';
const ASSETS = { script: `${CONSOLE_PREFIX}console.js`, style: `${CONSOLE_PREFIX}console.css` } as const;

/** No inline script or style; the page talks only to this server; the stream is a MediaStream, no URL. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const here = (file: string) => fileURLToPath(new URL(`./console/${file}`, import.meta.url));
let script: Promise<string> | null = null;

/** The page's script, bundled once at the first request (esbuild is loaded only then). */
function bundledScript(): Promise<string> {
  script ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({ entryPoints: [here('page.ts')], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'chrome120', minify: false }),
    )
    .then((result) => result.outputFiles[0]!.text)
    .catch((error: unknown) => {
      script = null;
      throw error;
    });
  return script;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function consolePage(sessionId: string, code: string): string {
  return `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>hallo, console: ${escape(sessionId)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${ASSETS.style}" />
    <script type="module" src="${ASSETS.script}"></script>
  </head>
  <body>
    <main data-session="${escape(sessionId)}">
      <header>
        <h1>Hulp op afstand: <span id="technician"></span></h1>
        <p>Code: <span class="code" id="code">${escape(code)}</span></p>
        <p id="state" role="status" data-state="loading">Laden…</p>
      </header>
      <video id="screen" autoplay muted playsinline data-frames="0" aria-label="Scherm van de gebruiker"></video>
      <button type="button" id="end">Beëindigen</button>
      <button type="button" id="click">Klik</button>
    </main>
  </body>
</html>
`;
}

/**
 * Answers the console's requests; false for any other path (the caller carries on). GET only.
 */
export async function serveConsole(store: Store, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (!pathname.startsWith(CONSOLE_PREFIX)) return false;
  const headers = { 'content-security-policy': CONSOLE_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  const reply = (status: number, type: string, body: string) => {
    res.writeHead(status, { ...headers, 'content-type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain; charset=utf-8', 'method not allowed'), true;
  if (pathname === ASSETS.script) {
    try {
      reply(200, 'text/javascript; charset=utf-8', await bundledScript());
    } catch (error) {
      reply(500, 'text/plain; charset=utf-8', `console script: ${String(error)}`);
    }
    return true;
  }
  if (pathname === ASSETS.style) return reply(200, 'text/css; charset=utf-8', await readFile(here('console.css'), 'utf8')), true;
  const sessionId = decodeURIComponent(pathname.slice(CONSOLE_PREFIX.length));
  const session = store.sessions.get(sessionId);
  if (!session) return reply(404, 'text/plain; charset=utf-8', `no session ${sessionId}`), true;
  reply(200, 'text/html; charset=utf-8', consolePage(sessionId, session.code));
  return true;
}
