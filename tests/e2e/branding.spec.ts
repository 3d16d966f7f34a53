import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portal, startPreviewProcess, type RunningPreview } from './preview';

// The customer's look, as an employee and an on-site admin meet it through `npm run preview`: the
// policy's branding set through the reference API's portal (PUT /portal/policy), the logo fetched
// by the real agent from an https server of this spec's own. Its certificate is made by openssl
// for 127.0.0.1 when the spec starts and trusted by the preview's agent through
// NODE_EXTRA_CA_CERTS (node:https, which the preview's HTTP port uses for https, reads it at
// start), so the agent's https-only rule is exercised as it is, with no test switch in the agent.
// The intranet's host is allowed by a managed configuration file (`--config`: allowedLinkHosts).

const ACCENT = '#0b5cad';
const ACCENT_RGB = 'rgb(11, 92, 173)';
const INTRANET = 'https://intranet.acme.nl/';
const files = mkdtempSync(join(tmpdir(), 'hallo-branding-e2e-'));
let logoServer: Server;
let logoOrigin: string;

test.beforeAll(async () => {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-keyout', join(files, 'key.pem'), '-out', join(files, 'cert.pem'),
  ], { stdio: 'ignore' });
  const served: Record<string, { type: string; body: Buffer }> = {
    '/logo.png': { type: 'image/png', body: readFileSync('tests/fixtures/branding/logo-160x48.png') },
    '/huge.png': { type: 'image/png', body: readFileSync('tests/fixtures/branding/noise-200x200.png') },
    '/logo.html': { type: 'image/png', body: Buffer.from('<!doctype html><h1>Welkom bij Acme</h1>') },
  };
  logoServer = createServer({ key: readFileSync(join(files, 'key.pem')), cert: readFileSync(join(files, 'cert.pem')) }, (request, response) => {
    const file = served[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' }).end(file?.body);
  });
  await new Promise<void>((resolve) => logoServer.listen(0, '127.0.0.1', resolve));
  logoOrigin = `https://127.0.0.1:${(logoServer.address() as AddressInfo).port}`;
  writeFileSync(join(files, 'config.json'), JSON.stringify({ allowedLinkHosts: ['intranet.acme.nl'] }));
});
test.afterAll(async () => {
  await new Promise((resolve) => logoServer?.close(resolve));
  rmSync(files, { recursive: true, force: true });
});

async function axeClean(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id} (${colorScheme}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The policy every device gets now, with this branding (a technician's change in the portal). */
async function setBranding(preview: RunningPreview, branding: Record<string, unknown>) {
  const { policy } = (await (await portal(preview.api, 'GET', '/portal/policy')).json()) as { policy: Record<string, unknown> };
  await portal(preview.api, 'PUT', '/portal/policy', { ...policy, branding });
}

test.describe('the customer’s look from the policy', () => {
  let preview: RunningPreview;
  test.beforeEach(async ({ page }) => {
    preview = await startPreviewProcess(['--language', 'nl-NL', '--config', join(files, 'config.json')], {
      env: { NODE_EXTRA_CA_CERTS: join(files, 'cert.pem') },
    });
    await page.goto(preview.url);
    await expect(page.getByRole('button', { name: 'Voor beheerders' })).toBeVisible();
  });
  test.afterEach(async () => {
    await preview?.stop();
  });

  test('the customer’s logo beside hallo,, its colour on the buttons and its intranet in the footer; axe clean in light and dark', async ({ page, context }) => {
    const report = page.getByRole('button', { name: 'Meld een probleem' });
    const ownAccent = await report.evaluate((button) => getComputedStyle(button).backgroundColor);
    await setBranding(preview, {
      accentColor: ACCENT,
      logoUrl: `${logoOrigin}/logo.png`,
      links: [{ id: 'intranet', label: { nl: 'Ons intranet', en: 'Our intranet' }, url: INTRANET, where: 'both' }],
    });

    const logo = page.getByRole('img', { name: 'Logo van Demo BV' });
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([160, 48]);
    await expect(page.locator('header').getByText('hallo', { exact: false }).first()).toBeVisible();
    expect(ownAccent).not.toBe(ACCENT_RGB);
    await expect.poll(() => report.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(ACCENT_RGB);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await report.evaluate((button) => [getComputedStyle(button).backgroundColor, getComputedStyle(button).color])).toEqual([ACCENT_RGB, 'rgb(255, 255, 255)']);
    await page.emulateMedia({ colorScheme: 'light' });

    // The link opens in a tab of its own (in the app the shell opens the browser); nothing leaves the test.
    await context.route(INTRANET, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Acme intranet</title>' }));
    const links = page.getByRole('navigation', { name: 'Links van je organisatie' });
    const [tab] = await Promise.all([page.waitForEvent('popup'), links.getByRole('button', { name: 'Ons intranet' }).click()]);
    expect(tab.url()).toBe(INTRANET);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();

    await axeClean(page);
    await page.getByRole('button', { name: 'Voor beheerders' }).click();
    const card = page.getByRole('region', { name: 'Huisstijl en links' });
    await expect(card.getByText('Niets weggelaten.')).toBeVisible();
    await expect(card.getByText('160 × 48 pixels')).toBeVisible();
    await axeClean(page);
  });

  test('a logo that is too large or not an image: hallo,’s own shows, and the admin sees why', async ({ page }) => {
    await setBranding(preview, { accentColor: ACCENT, logoUrl: `${logoOrigin}/huge.png` });
    await page.getByRole('button', { name: 'Voor beheerders' }).click();
    const card = page.getByRole('region', { name: 'Huisstijl en links' });
    await expect(card.getByText('Het logo is te groot (meer dan 100 kB of 1024 × 1024 pixels): het logo van hallo, wordt getoond.')).toBeVisible();
    await expect(card.getByText('more than 102400 bytes')).toBeVisible();
    await expect(page.locator('header img')).toHaveCount(0);

    await setBranding(preview, { accentColor: '#ffd700', logoUrl: `${logoOrigin}/logo.html` });
    await expect(card.getByText('Het logo is geen PNG-, JPEG- of WebP-afbeelding: het logo van hallo, wordt getoond.')).toBeVisible();
    await expect(card.getByText(/^De accentkleur is geen #rrggbb of witte tekst is er slecht op te lezen/)).toBeVisible();
    await expect(card.getByText('white text on #ffd700 has a contrast of 1.40:1, below 4.5:1')).toBeVisible();
    await expect(page.locator('header img')).toHaveCount(0);
    await axeClean(page);
  });
});
