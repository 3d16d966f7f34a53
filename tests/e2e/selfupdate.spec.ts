import { test, expect, type Page } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';
import type { ReleaseRequest } from '../reference-api/update-host';
import { startPreviewProcess, type RunningPreview } from './preview';
import { expectNoAxeViolations, openPopup } from './report-helpers';

// The agent keeping itself current, as an on-site admin sees it in Chromium through the preview
// (the real agent, its updater reading the bundled reference server's feed): a release published
// on the update host, "Nu zoeken" in the admin view, the new version ready and when it installs;
// a file whose hash does not match, in words; axe on the card. The employee's view says nothing.
// (That a ready update installs at the next quit and the agent then reports the new version is
// tested in tests/integration/selfupdate.test.ts: a quit of the preview's process ends the test.)
const { nl } = catalogs;

let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

/** Publishes a release on the reference server's update host, as hallo,'s release pipeline would. */
async function publish(release: ReleaseRequest): Promise<void> {
  const response = await fetch(`${new URL(preview.api.url).origin}/updates/releases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${preview.api.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(release),
  });
  expect(response.status).toBe(201);
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

async function openCard(page: Page) {
  await openPopup(page, preview);
  await page.getByRole('button', { name: nl.footer.admin }).click();
  return page.getByRole('region', { name: nl.selfUpdate.title });
}

test('a bad download is refused and said in words; a good release is found, downloaded and ready to install at quit', async ({ page }) => {
  await openPopup(page, preview);
  // The employee's own view: nothing about the agent's updates.
  await expect(page.getByText(nl.selfUpdate.title)).toHaveCount(0);

  const card = await openCard(page);
  await expect(card.getByText(nl.selfUpdate.phase.idle)).toBeVisible();
  await expect(card.getByText(nl.selfUpdate.source.config)).toBeVisible();

  await publish({ version: '9.9.0', fault: 'bad-hash' });
  await card.getByRole('button', { name: nl.selfUpdate.check }).click();
  await expect(card.getByText(nl.selfUpdate.error['hash-mismatch'])).toBeVisible();
  await expect(card.getByText(fill(nl.selfUpdate.phase.ready, { version: '9.9.0' }))).toHaveCount(0);

  await publish({ version: '9.9.0' });
  await card.getByRole('button', { name: nl.selfUpdate.check }).click();
  await expect(card.getByText(fill(nl.selfUpdate.phase.ready, { version: '9.9.0' }))).toBeVisible();
  await expect(card.getByText(nl.selfUpdate.installWhen['at-quit'])).toBeVisible();
  await expect(card.getByText(nl.selfUpdate.lastError)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: nl.admin.back }).click();
  await expect(page.getByText(/9\.9\.0/)).toHaveCount(0);
});

test('"Nu zoeken" from the keyboard: a feed offering an older version is refused, in words', async ({ page }) => {
  const card = await openCard(page);
  await publish({ version: '9.9.1', fault: 'older' });
  await card.getByRole('button', { name: nl.selfUpdate.check }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByText(nl.selfUpdate.error['older-version'])).toBeVisible();
  await expectNoAxeViolations(page);
});
