import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from '@playwright/test';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportResponse } from '../../electron/main/pdf';

// The app prints the report from app://report under REPORT_CSP with JavaScript off
// (electron/main/pdf.ts). Electron is not here; Chromium is: the same page under the same
// response headers, to see that the policy lets the report look as written (inline styles,
// backgrounds, data: images) while nothing is fetched and nothing runs.

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_URL = 'https://report.invalid/1.html';
/** A 1×1 green PNG, as base64 (the report's logo is inline, as branding caches it). */
function greenPixel(): string {
  const png = new PNG({ width: 1, height: 1 });
  png.data.set([0, 255, 0, 255]);
  return PNG.sync.write(png).toString('base64');
}
const REPORT = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Rapport</title>
<style>@page { size: A4; margin: 16mm } .band { background: rgb(200, 0, 0); height: 40px; } h1 { font-size: 20pt; }</style>
<link rel="stylesheet" href="https://elsewhere.invalid/style.css">
</head><body>
<div class="band"></div>
<h1>Gezondheidsrapport</h1>
<p style="background: rgb(0, 0, 200); color: white">Apparaat PC-042</p>
<img alt="logo" width="40" height="40" src="data:image/png;base64,${greenPixel()}">
<img alt="" src="https://elsewhere.invalid/tracker.png">
<script>document.body.insertAdjacentHTML('beforeend', '<p>script ran</p>')</script>
</body></html>`;

let browser: Browser;
beforeAll(async () => {
  browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

describe.runIf(existsSync(chromium))("the report page under the app's policy, in Chromium", () => {
  it('shows inline styles, backgrounds and data: images; fetches nothing else and runs no script', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 794, height: 600 } });
    // What reached the network (the route), and what Chromium refused and why.
    const requested: string[] = [];
    const refused: string[] = [];
    context.on('requestfailed', (request) => refused.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
    await context.route('**/*', async (route) => {
      requested.push(route.request().url());
      const served = reportResponse('GET', route.request().url() === PAGE_URL ? 'app://report/1.html' : 'app://report/other', new Map([['/1.html', REPORT]]));
      await route.fulfill({ status: served.status, headers: Object.fromEntries(served.headers), body: await served.text() });
    });
    const page = await context.newPage();
    await page.goto(PAGE_URL);
    const png = PNG.sync.read(await page.screenshot({ fullPage: true }));
    const pixel = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    // The class rule's background band at the top, the inline style's blue behind the device line, the data: image.
    expect(pixel(400, 28)).toEqual([200, 0, 0]);
    const logo = await page.getByRole('img', { name: 'logo' }).boundingBox();
    expect(pixel(Math.round(logo!.x + 20), Math.round(logo!.y + 20))).toEqual([0, 255, 0]);
    const device = await page.getByText('Apparaat PC-042').boundingBox();
    expect(pixel(Math.round(device!.x + device!.width - 5), Math.round(device!.y + 2))).toEqual([0, 0, 200]);
    expect(await page.getByText('script ran').count()).toBe(0);
    // Only the page itself was asked for: the stylesheet and the tracker were refused by the policy.
    expect(requested).toEqual([PAGE_URL]);
    expect(refused.sort()).toEqual(['https://elsewhere.invalid/style.css csp', 'https://elsewhere.invalid/tracker.png csp']);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
