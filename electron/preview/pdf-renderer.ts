import type { Browser, BrowserContext } from '@playwright/test';
import type { PdfRenderer } from '../agent/ports';
import { launchHeadlessChromium } from './headless-chromium';

/** A report is a few pages of text and inline SVG; longer than this, the browser is stuck. */
const PRINT_TIMEOUT_MS = 30_000;

export interface PreviewPdfRenderer extends PdfRenderer {
  close(): Promise<void>;
}

interface Printer {
  browser: Browser;
  /** Scripts off, offline, every request refused: the report needs none (its own CSP says so too). */
  context: BrowserContext;
}

/**
 * The preview's printToPDF: the report's HTML printed to A4 by a headless Chromium started at the
 * first report and kept, with its one context, for the next (a context of its own per print cost
 * about half a second here, more than the print). Each print is a page of its own, closed after.
 * A failed print closes the browser, so the next report starts afresh rather than on a broken one.
 */
export function createPreviewPdfRenderer(opts: { executablePath?: string | undefined } = {}): PreviewPdfRenderer {
  let printer: Promise<Printer> | null = null;
  let closed = false;

  const start = async (): Promise<Printer> => {
    const browser = await launchHeadlessChromium(opts.executablePath);
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      return { browser, context };
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  };

  const shutdown = async () => {
    const open = printer;
    printer = null;
    await (await open?.catch(() => null))?.browser.close().catch(() => {});
  };

  return {
    async render(html) {
      if (closed) throw new Error('the preview is closing');
      printer ??= start();
      try {
        const page = await (await printer).context.newPage();
        try {
          await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
          return new Uint8Array(await bounded(page.pdf({ format: 'A4', printBackground: true })));
        } finally {
          await page.close().catch(() => {});
        }
      } catch (error) {
        await shutdown();
        throw error;
      }
    },
    async close() {
      closed = true;
      await shutdown();
    },
  };
}

/** page.pdf takes no timeout of its own. */
async function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no PDF after ${PRINT_TIMEOUT_MS} ms`)), PRINT_TIMEOUT_MS)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
