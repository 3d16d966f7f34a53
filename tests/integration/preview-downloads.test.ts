import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPreviewDownloads, DOWNLOAD_KEEP_MS, DOWNLOADS_KEPT, type PreviewDownloads } from '../../electron/preview/downloads';

// The preview's SaveTarget (electron/preview/downloads.ts) over real HTTP, as the browser fetches
// what the page's <a download> points at.

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
});

async function serving(downloads: PreviewDownloads): Promise<string> {
  server = createServer((req, res) => {
    if (!downloads.serve(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const zip = { suggestedName: 'hallo-diagnose-pc-1-20261207-0930.zip', contentType: 'application/zip', bytes: new Uint8Array([80, 75, 5, 6, 1, 2, 3]) };

describe('the preview’s downloads', () => {
  it('serves a saved file once, as an attachment with its name and type; a second GET is 404', async () => {
    const downloads = createPreviewDownloads(() => Date.now());
    const base = await serving(downloads);
    const outcome = await downloads.target.save(zip);
    expect(outcome).toMatchObject({ outcome: 'download', name: zip.suggestedName, bytes: 7 });
    if (outcome.outcome !== 'download') throw new Error('not a download');
    expect(outcome.url).toMatch(/^\/downloads\/[0-9a-f]{32}\/hallo-diagnose-pc-1-20261207-0930\.zip$/);

    const first = await fetch(base + outcome.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="hallo-diagnose-pc-1-20261207-0930.zip"');
    expect(first.headers.get('content-type')).toBe('application/zip');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(zip.bytes);

    expect((await fetch(base + outcome.url)).status).toBe(404);
  });

  it('forgets a file not fetched within ten minutes, and keeps only the newest few', async () => {
    let now = 1_000_000;
    const downloads = createPreviewDownloads(() => now);
    const base = await serving(downloads);
    const late = await downloads.target.save(zip);
    now += DOWNLOAD_KEEP_MS;
    if (late.outcome !== 'download') throw new Error('not a download');
    expect((await fetch(base + late.url)).status).toBe(404);

    const urls: string[] = [];
    for (let i = 0; i <= DOWNLOADS_KEPT; i++) {
      const saved = await downloads.target.save(zip);
      if (saved.outcome === 'download') urls.push(saved.url);
    }
    expect((await fetch(base + urls[0])).status).toBe(404); // the oldest made room
    expect((await fetch(base + urls[urls.length - 1])).status).toBe(200);
  });

  it('answers 404 to a guessed or malformed token and leaves other paths to the page server', async () => {
    const downloads = createPreviewDownloads(() => Date.now());
    const base = await serving(downloads);
    const saved = await downloads.target.save(zip);
    if (saved.outcome !== 'download') throw new Error('not a download');
    expect((await fetch(`${base}/downloads/${'0'.repeat(32)}/x.zip`)).status).toBe(404);
    expect((await fetch(`${base}/downloads/../index.html`)).status).toBe(418); // normalised by fetch: not ours
    expect((await fetch(`${base}/downloads/abc`)).status).toBe(404);
    expect((await fetch(`${base}/index.html`)).status).toBe(418);
    expect((await fetch(base + saved.url)).status).toBe(200); // the guesses did not take it
  });

  it('makes a name safe for the header and the URL', async () => {
    const downloads = createPreviewDownloads(() => Date.now());
    const saved = await downloads.target.save({ ...zip, suggestedName: '../we"ird naam.zip' });
    expect(saved).toMatchObject({ name: '-we-ird-naam.zip' });
  });
});
