import { test, expect, type Page } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';
import { startPreviewProcess, type RunningPreview } from './preview';
import { expectNoAxeViolations } from './report-helpers';
import { screenshotPath } from './screenshots';

// The popup in a browser through the preview host (real agent, reference API), as a user sees it:
// the status sentence in Dutch, then English after choosing it; light and dark; keyboard; axe.
let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

async function open(page: Page) {
  await page.goto(preview.url);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`status in Dutch, ${colorScheme}`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', viewport: { width: 380, height: 900 } });
    const page = await context.newPage();
    await open(page);
    const headlines = Object.values(catalogs.nl.headline);
    await expect(page.locator('[aria-live="polite"] h1')).toHaveText(new RegExp(headlines.map(escape).join('|')));
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByText(catalogs.nl.header.demo)).toBeVisible();
    await page.getByText(catalogs.nl.details.title, { exact: true }).click();
    await expect(page.getByText(catalogs.nl.details.cpu, { exact: true }).first()).toBeVisible();
    // The servicedesk comes with the policy, fetched right after a new PC enrols.
    await expect(page.getByRole('link', { name: /^Bel / })).toHaveAttribute('href', /^tel:/);
    await expectNoAxeViolations(page);
    // The README shows these (npm run screenshots): the flyout itself, as it sits next to the tray.
    await page.locator('.flyout').screenshot({ path: screenshotPath(`popup-nl-${colorScheme}.png`) });
    await context.close();
  });
}

test('every control is reachable by keyboard, with a visible focus ring', async ({ page }) => {
  await open(page);
  const reached: string[] = [];
  const focused = page.locator(':focus');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if ((await focused.count()) === 0) break; // past the last control
    await expect(focused).toHaveCSS('outline-style', 'solid');
    reached.push((await focused.textContent())?.trim() ?? '');
  }
  expect(reached).toContain(catalogs.nl.footer.refresh);
  expect(reached).toContain(catalogs.nl.footer.admin);
});

test('choosing English in the admin view switches the whole popup', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: catalogs.nl.footer.admin }).click();
  await expect(page.getByRole('heading', { level: 1, name: catalogs.nl.admin.title })).toBeFocused();
  await page.getByLabel(catalogs.nl.admin.language).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: catalogs.en.admin.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: catalogs.en.admin.back }).click();
  await expect(page.getByRole('button', { name: catalogs.en.footer.admin })).toBeFocused();
  const headlines = Object.values(catalogs.en.headline);
  await expect(page.locator('[aria-live="polite"] h1')).toHaveText(new RegExp(headlines.map(escape).join('|')));
  await page.locator('.flyout').screenshot({ path: screenshotPath('popup-en-light.png') });
  // Back to Dutch, so that the order of the tests does not matter.
  await page.getByRole('button', { name: catalogs.en.footer.admin }).click();
  await page.getByLabel(catalogs.en.admin.language).selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('a wrong enrolment code is refused in words', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: catalogs.nl.footer.admin }).click();
  await page.getByLabel(catalogs.nl.admin.enroll.code).fill('WRONG-CODE-1234');
  await page.getByRole('button', { name: catalogs.nl.admin.enroll.submit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: catalogs.nl.errors['enroll-rejected'] })).toBeVisible();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
