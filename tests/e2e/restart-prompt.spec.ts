import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { catalogs } from '../../electron/contract/messages';
import { deviceIdOf, portal, startPreviewProcess, type RunningPreview } from './preview';

// The restart after updates, as the employee meets it: the Updates section in the popup, the
// prompt in its own window (a page of its own in the preview), a deferral that says its time,
// "Nu opnieuw opstarten", the agent back saying the PC is up to date once, and the portal's outcome.
// The preview restarts the agent, not this machine (--pending-restart simulates the reason).

const nl = catalogs.nl;
const r = nl.restartPrompt;

async function axeClean(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id} (${colorScheme})`)).toEqual([]);
  }
}

test.describe('a PC that must restart after updates', () => {
  let preview: RunningPreview;
  test.beforeEach(async () => {
    preview = await startPreviewProcess(['--language', 'nl-NL', '--pending-restart', 'packages']);
  });
  test.afterEach(async () => {
    await preview?.stop();
  });

  test('the popup says it, and the prompt says why, by when, and the exact time of each deferral', async ({ page, context }) => {
    await page.goto(preview.url);
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(/^Je computer moet opnieuw opstarten, uiterlijk .+ om \d\d:\d\d\.$/)).toBeVisible({ timeout: 45_000 });
    await expect(updates.getByText(nl.updates.reason.packages)).toBeVisible();
    await expect(updates.getByText(/^Laatst gecontroleerd /)).toBeVisible({ timeout: 45_000 });
    await axeClean(page);

    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    await expect(prompt.getByRole('heading', { name: r.title })).toBeVisible();
    await expect(prompt.getByText(/^Dat moet uiterlijk .+ om \d\d:\d\d\.$/)).toBeVisible();
    await expect(prompt.getByText(r.saveWork)).toBeVisible();
    const remind = prompt.getByRole('group', { name: r.laterGroup }).getByRole('button');
    await expect(remind.first()).toHaveText(/^Herinner me (om|morgen om|\S+ om) \d\d:\d\d$/);
    await expect(prompt.getByRole('button', { name: r.restartNow })).toBeVisible();
    await axeClean(prompt);

  });

  test('a deferral uses one and moves the prompt to the time it said', async ({ page, context }) => {
    await page.goto(preview.url);
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(/^Je computer moet opnieuw opstarten, uiterlijk/)).toBeVisible({ timeout: 45_000 });
    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    const remind = prompt.getByRole('group', { name: r.laterGroup }).getByRole('button');
    const left = (await prompt.getByText(/^Je kunt de herstart nog \d+ keer uitstellen\.$/).textContent())!;
    await remind.first().click();
    await expect(prompt.getByRole('heading', { name: r.nothingTitle })).toBeVisible();
    const after = Number(/\d+/.exec(left)![0]) - 1;
    await expect(updates.getByText(after === 0 ? nl.updatesSection.deferralsLeft_zero : new RegExp(`nog ${after} keer`))).toBeVisible();
  });

  test('"Nu opnieuw opstarten" restarts; the agent comes back saying the PC is up to date once, and the portal has the outcome', async ({ page, context }) => {
    await page.goto(preview.url);
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(/^Je computer moet opnieuw opstarten, uiterlijk/)).toBeVisible({ timeout: 45_000 });
    const deviceId = await deviceIdOf(page);

    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    await prompt.getByRole('button', { name: r.restartNow }).click();

    // The agent restarts (the page and bridge stay) and its first check finds the reason cleared.
    await expect(updates.getByText(nl.updatesSection.upToDate)).toBeVisible({ timeout: 60_000 });
    await expect(updates.getByText(/^Je computer moet opnieuw opstarten/)).toHaveCount(0);
    await axeClean(page);
    await updates.getByRole('button', { name: nl.updatesSection.acknowledge }).click();
    await expect(updates.getByText(nl.updatesSection.upToDate)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('region', { name: nl.updatesSection.title })).toBeVisible();
    await expect(page.getByText(nl.updatesSection.upToDate)).toHaveCount(0); // said once

    await expect
      .poll(async () => {
        const device = (await (await portal(preview.api, 'GET', `/portal/devices/${deviceId}`)).json()) as { restartOutcomes: { outcome: string }[] };
        return device.restartOutcomes.map((o) => o.outcome);
      }, { timeout: 30_000 })
      .toContain('performed');
  });
});
