import type { Browser } from '@playwright/test';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Debian's Chromium, headless, through Playwright: the preview's stand-in for what Electron does
 * with its own Chromium (a picture of the screen: screen-capture.ts; printing a report to PDF:
 * pdf-renderer.ts). `executablePath`, else CHROMIUM_PATH, else /usr/bin/chromium. Playwright is
 * loaded here, at the first use, not when the preview starts.
 */
export async function launchHeadlessChromium(executablePath?: string): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({
    executablePath: executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}
