import type { Browser, Page } from '@playwright/test';
import type { ScreenCapture, Screenshot } from '../agent/ports';
import { launchHeadlessChromium } from './headless-chromium';

/** A typical laptop window: what a technician would see of the employee's screen. */
export const PREVIEW_CAPTURE_SIZE = { width: 1280, height: 800 };

const PAGE_TIMEOUT_MS = 15_000;

export interface PreviewScreenCapture extends ScreenCapture {
  close(): Promise<void>;
}

/**
 * The preview has no desktop to photograph, so its "screen" is the preview page itself, rendered
 * by a headless Chromium that starts on the first capture. The page stays open, live on the
 * bridge like any other client, so later captures are just a screenshot of what it shows now.
 * Opening it is only a page load (no report is started by it): a capture cannot set off another.
 * Without Chromium the capture is null (the form then has no screenshot) and the reason is logged.
 */
export function createPreviewScreenCapture(opts: {
  /** The preview's own URL; known only once its server listens. */
  url: () => string | null;
  warn: (msg: string, data?: Record<string, unknown>) => void;
  executablePath?: string;
}): PreviewScreenCapture {
  let browser: Browser | null = null;
  let page: Page | null = null;
  let inFlight: Promise<Screenshot | null> | null = null;
  let closed = false;

  const openPage = async (url: string): Promise<Page> => {
    browser ??= await launchHeadlessChromium(opts.executablePath);
    const opened = await browser.newPage({ viewport: PREVIEW_CAPTURE_SIZE });
    await opened.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    // The UI draws once the bridge has delivered the state; a page that never does is still a picture.
    await opened.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 5_000 }).catch(() => {});
    return opened;
  };

  const shutdown = async () => {
    const open = browser;
    browser = null;
    page = null;
    await open?.close().catch(() => {});
  };

  const take = async (): Promise<Screenshot | null> => {
    const url = opts.url();
    if (closed || url === null) return null;
    try {
      if (!page || page.isClosed()) page = await openPage(url);
      const png = await page.screenshot({ type: 'png' });
      return { png: new Uint8Array(png), ...PREVIEW_CAPTURE_SIZE };
    } catch (error) {
      // Start afresh at the next capture rather than keep a broken browser.
      await shutdown();
      opts.warn('preview screen capture failed', { error: String(error) });
      return null;
    }
  };

  return {
    capture() {
      // Captures asked for at the same time share one picture.
      inFlight ??= take().finally(() => (inFlight = null));
      return inFlight;
    },
    async close() {
      closed = true;
      await inFlight?.catch(() => null);
      await shutdown();
    },
  };
}
