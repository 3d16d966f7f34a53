import { BrowserWindow, session } from 'electron';
import type { PdfRenderer } from '../agent/ports';
import { ActionError } from '../contract';
import { APP_SCHEME } from './protocol';

// The app's PdfRenderer: the report's HTML (agent/report/, self-contained: no scripts, styles and
// images inline) printed by Chromium in a hidden window made for it and destroyed after.
//
// Where the page comes from: app://report/<random>.html, answered from memory by a handler in an
// in-memory session of its own, not a data: URL. So the page is, like every page of ours, on the
// app:// scheme with its CSP sent as a header (a data: URL carries none; the HTML's own meta
// would be the agent's to get right), no URL-length limit applies to a long report (Chromium
// refuses URLs over 2 MB), and nothing of the popup's origin or session is reachable from it: the
// report session's app:// answers that one page and nothing else, and only while it prints.

/** An in-memory session (no `persist:`): the report page's own, with nothing but that page in it. */
export const REPORT_PARTITION = 'hallo-report';
const REPORT_HOST = 'report';

/**
 * The report page's policy: nothing loads, nothing runs (JavaScript is off in the window too),
 * styles and images inline only, as the agent writes them. 'unsafe-inline' for styles is safe
 * here: without scripts and with every fetch refused, CSS can neither act nor send anything out.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A report that has not printed in this time will not (a page with nothing to fetch loads in
 * milliseconds; printing a few pages takes about a second): the window is destroyed, render-failed.
 */
export const PDF_TIMEOUT_MS = 30_000;

export function createPdfRenderer(): PdfRenderer {
  const pages = new Map<string, string>();
  // Names need only be unique: no page but the report's own ever reaches this session.
  let printedSoFar = 0;
  session.fromPartition(REPORT_PARTITION).protocol.handle(APP_SCHEME, (request) => reportResponse(request.method, request.url, pages));

  return {
    async render(html) {
      const path = `/${++printedSoFar}.html`;
      pages.set(path, html);
      const window = new BrowserWindow({
        show: false,
        // A4 at 96 dpi: the layout width before printing.
        width: 794,
        height: 1123,
        skipTaskbar: true,
        focusable: false,
        title: 'hallo,',
        webPreferences: {
          // The baseline of ARCHITECTURE.md, a literal as in every window (tests/shell hold it).
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
          // No preload: the page talks to nothing. No scripts: the report has none.
          javascript: false,
          // Never on screen, never in the taskbar or a screen capture.
          offscreen: true,
          partition: REPORT_PARTITION,
        },
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        const printed = (async () => {
          await window.loadURL(`${APP_SCHEME}://${REPORT_HOST}${path}`);
          return window.webContents.printToPDF({
            pageSize: 'A4',
            printBackground: true,
            // The page's @page rule (size, margins, the footer's margin boxes) decides, as with
            // Chromium's page.pdf in the preview; no margins of Electron's own on top.
            preferCSSPageSize: true,
            margins: { top: 0, bottom: 0, left: 0, right: 0 },
            // Headings and lists tagged, so that a screen reader can read the report.
            generateTaggedPDF: true,
          });
        })();
        printed.catch(() => undefined); // when the timeout wins, its later failure is no one's
        const timeout = new Promise<never>((_, failed) => {
          timer = setTimeout(() => failed(new Error(`not printed within ${PDF_TIMEOUT_MS} ms`)), PDF_TIMEOUT_MS);
        });
        return new Uint8Array(await Promise.race([printed, timeout]));
      } catch (error) {
        throw new ActionError('render-failed', error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(timer);
        pages.delete(path);
        window.destroy();
      }
    },
  };
}

/** app://report/<path>: the page being printed, with its policy; anything else 404. */
export function reportResponse(method: string, url: string, pages: ReadonlyMap<string, string>): Response {
  const headers = { 'Content-Security-Policy': REPORT_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // not a URL: refused below
  }
  const html = parsed?.host === REPORT_HOST && method === 'GET' ? pages.get(parsed.pathname) : undefined;
  if (html === undefined) return new Response(null, { status: 404, headers });
  return new Response(html, { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
