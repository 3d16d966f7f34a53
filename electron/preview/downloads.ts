import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SaveTarget } from '../agent/ports';

/**
 * The preview's SaveTarget: a browser has no save dialog the agent could open, so an export or a
 * report is kept in memory and offered once at `/downloads/<token>/<name>`; the page starts the
 * download with an `<a download>`. The token (128 random bits) is the only key: it reaches the page
 * through the bridge, like everything else the agent tells it. Served once, then gone; unfetched
 * files go after `DOWNLOAD_KEEP_MS`, and only the newest `DOWNLOADS_KEPT` are kept, so a preview
 * left running never holds more than a few exports.
 */
export const DOWNLOAD_KEEP_MS = 10 * 60_000;
export const DOWNLOADS_KEPT = 5;
export const DOWNLOADS_PATH = '/downloads/';

interface Held {
  name: string;
  contentType: string;
  bytes: Uint8Array;
  until: number;
}

export interface PreviewDownloads {
  target: SaveTarget;
  /** Answers a request under /downloads/ (true), or leaves it to the next handler (false). */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

/** `now` is the preview's clock (the tests hand their own, so that expiry needs no waiting). */
export function createPreviewDownloads(now: () => number): PreviewDownloads {
  const held = new Map<string, Held>();

  function forget(): void {
    for (const [token, file] of held) if (file.until <= now()) held.delete(token);
    // Map keeps insertion order: the oldest go first.
    while (held.size > DOWNLOADS_KEPT) held.delete(held.keys().next().value as string);
  }

  return {
    target: {
      async save({ suggestedName, contentType, bytes }) {
        const token = randomBytes(16).toString('hex');
        const name = safeName(suggestedName);
        held.set(token, { name, contentType, bytes, until: now() + DOWNLOAD_KEEP_MS });
        forget();
        return { outcome: 'download', url: `${DOWNLOADS_PATH}${token}/${encodeURIComponent(name)}`, name, bytes: bytes.byteLength };
      },
    },
    serve(req, res) {
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      if (!pathname.startsWith(DOWNLOADS_PATH)) return false;
      forget();
      const token = /^\/downloads\/([0-9a-f]{32})\/[^/]+$/.exec(pathname)?.[1];
      const file = token === undefined || req.method !== 'GET' ? undefined : held.get(token);
      if (!file || token === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end('not found');
        return true;
      }
      held.delete(token); // once: a second GET finds nothing
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': String(file.bytes.byteLength),
        'content-disposition': `attachment; filename="${file.name}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
      return true;
    },
  };
}

/** A file name safe in a header and a URL: the agent's names already are; anything else is replaced. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '').slice(0, 120);
  return cleaned === '' ? 'download' : cleaned;
}
