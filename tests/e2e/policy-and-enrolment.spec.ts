import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { catalogs } from '../../electron/contract/messages';
import { portal, startPreviewProcess, type RunningPreview } from './preview';

// What hallo, does from afar shows up in the popup: a stricter policy turns the disk check to
// attention, a revoked token asks for re-enrolment; and the popup speaks the OS language.

const nl = catalogs.nl;

/** A catalog sentence as a pattern: its {{placeholders}} stand for any value. */
function sentence(template: string): RegExp {
  const parts = template.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+'));
}

async function open(page: Page, preview: RunningPreview) {
  await page.goto(preview.url);
  await expect(page.locator('[aria-live="polite"] h1')).toBeVisible();
}

test.describe('a Dutch PC', () => {
  let preview: RunningPreview;
  test.beforeAll(async () => {
    preview = await startPreviewProcess(['--language', 'nl-NL']);
  });
  test.afterAll(async () => {
    await preview?.stop();
  });

  test("hallo,'s stricter disk threshold turns the disk check to attention, with advice", async ({ page }) => {
    await open(page, preview);
    const low = sentence(nl.health['disk-space'].low.text);
    await expect(page.getByText(low)).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Bel / })).toBeVisible(); // policy from the API is in

    const { policy: current } = await (await portal(preview.api, 'GET', '/portal/policy')).json();
    await portal(preview.api, 'PUT', '/portal/policy', {
      ...current,
      health: { ...current.health, thresholds: { diskAttentionPercent: 100, diskAttentionGb: 0 } },
    });

    await expect(page.getByText(low).first()).toBeVisible();
    await expect(page.getByText(nl.health['disk-space'].low.advice).first()).toBeVisible();
    await expect(page.locator('[aria-live="polite"] h1')).not.toHaveText(nl.headline.ok);
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  test('a revoked device token: the popup asks for re-enrolment', async ({ page }) => {
    await open(page, preview);
    await page.getByRole('button', { name: nl.footer.admin }).click();
    const deviceId = (await page.getByText(/^dev_/).first().textContent())!.trim();
    await page.getByRole('button', { name: nl.admin.back }).click();

    await portal(preview.api, 'DELETE', `/portal/devices/${deviceId}/token`);
    await expect(page.getByText(nl.banner.reenroll)).toBeVisible();
  });
});

test('an English OS gets the popup in English', async ({ page }) => {
  const preview = await startPreviewProcess(['--language', 'en-GB']);
  try {
    await open(page, preview);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const english = Object.values(catalogs.en.headline).map((text) => sentence(text).source);
    await expect(page.locator('[aria-live="polite"] h1')).toHaveText(new RegExp(`^(${english.join('|')})$`));
  } finally {
    await preview.stop();
  }
});
