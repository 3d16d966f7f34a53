import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPreview, type Preview } from '../../electron/preview/host';
import { createPreviewScreenCapture, PREVIEW_CAPTURE_SIZE } from '../../electron/preview/screen-capture';

// The page the preview serves here is a stand-in for the built renderer with a colour we can look
// for: the picture must be of this page, rendered, at a window's size.
const PAGE_COLOUR = [18, 120, 200] as const;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.runIf(existsSync(chromium))('the preview ScreenCapture: a real picture of the preview page', () => {
  let dir: string;
  let preview: Preview;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallo-preview-capture-'));
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(
      join(rendererDir, 'index.html'),
      '<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body><div id="root"><p>hallo,</p></div></body></html>',
    );
    await writeFile(join(rendererDir, 'style.css'), `html, body { margin: 0; height: 100%; background: rgb(${PAGE_COLOUR.join(',')}); }`);
    preview = await startPreview({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      rendererDir,
      systemLanguages: ['nl-NL'],
      configFiles: [],
      appVersion: '0.1.0',
    });
  });
  afterAll(async () => {
    await preview?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns a PNG of the page at a typical window size, and again on the next capture', async () => {
    for (let i = 0; i < 2; i++) {
      const shot = await preview.screen.capture();
      expect(shot).not.toBeNull();
      const png = PNG.sync.read(Buffer.from(shot!.png));
      expect({ width: png.width, height: png.height }).toEqual(PREVIEW_CAPTURE_SIZE);
      expect({ width: shot!.width, height: shot!.height }).toEqual(PREVIEW_CAPTURE_SIZE);
      const centre = (png.width * (png.height >> 1) + (png.width >> 1)) * 4;
      expect([...png.data.subarray(centre, centre + 3)]).toEqual([...PAGE_COLOUR]);
    }
  });

  it('"Meld een probleem" in the preview opens the report with that picture as its screenshot', async () => {
    await preview.agent.invoke('tickets.startReport', { relatedItemId: null });
    // The form opens at once; the picture follows once it is fitted to the policy's limit.
    await vi.waitFor(() => expect(preview.agent.state().tickets.report?.screenshotNote).toBeNull(), { timeout: 10_000 });
    const report = preview.agent.state().tickets.report;
    expect(report?.screenshot).not.toBeNull();
    const thumbnail = PNG.sync.read(Buffer.from(report!.screenshot!.thumbnail.replace(/^data:image\/png;base64,/, ''), 'base64'));
    const centre = (thumbnail.width * (thumbnail.height >> 1) + (thumbnail.width >> 1)) * 4;
    expect([...thumbnail.data.subarray(centre, centre + 3)]).toEqual([...PAGE_COLOUR]);
    expect(report!.screenshot!.width / report!.screenshot!.height).toBeCloseTo(PREVIEW_CAPTURE_SIZE.width / PREVIEW_CAPTURE_SIZE.height, 1);
    await preview.agent.invoke('tickets.cancelReport', {});
  });

  it('captures asked for at once share one picture', async () => {
    const [a, b] = await Promise.all([preview.screen.capture(), preview.screen.capture()]);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
  });
});

describe('the preview ScreenCapture without a usable Chromium', () => {
  it('answers null and logs why; it does not throw', async () => {
    const warnings: unknown[] = [];
    const capture = createPreviewScreenCapture({
      url: () => 'http://127.0.0.1:9/',
      warn: (msg, data) => warnings.push({ msg, ...data }),
      executablePath: '/nonexistent/chromium',
    });
    expect(await capture.capture()).toBeNull();
    expect(warnings).toEqual([{ msg: 'preview screen capture failed', error: expect.stringContaining('/nonexistent/chromium') }]);
    await capture.close();
  });

  it('before the preview listens, there is nothing to capture yet', async () => {
    const capture = createPreviewScreenCapture({ url: () => null, warn: () => {} });
    expect(await capture.capture()).toBeNull();
    await capture.close();
  });
});
