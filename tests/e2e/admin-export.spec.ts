import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { en } from '../../electron/contract/messages/en';
import { nl } from '../../electron/contract/messages/nl';
import { createFileSecretStore } from '../../electron/agent/secrets-file';
import { openPopup } from './report-helpers';
import { startPreviewProcess, type RunningPreview } from './preview';

// The on-site admin in the admin view, through `npm run preview` (the real agent, enrolled at the
// bundled reference API): reads the log with a level filter, then "Diagnose exporteren": the list
// of files first, then "Opslaan…" starts a download (the preview's SaveTarget); the zip holds
// exactly the listed files and neither the device token nor the enrolment code. Axe on the whole
// admin view, light and dark.

let preview: RunningPreview;
let dataDir = '';
let configDir = '';
test.beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'hallo-e2e-admin-config-'));
  const config = join(configDir, 'hallo-agent.json');
  await writeFile(config, JSON.stringify({ language: 'nl', reportShortcut: 'Ctrl+Alt+H' }));
  preview = await startPreviewProcess(['--language', 'nl-NL', '--config', config], { prepare: async (dir) => void (dataDir = dir) });
});
test.afterAll(async () => {
  await preview?.stop();
  await rm(configDir, { recursive: true, force: true });
});

async function openAdmin(page: Page) {
  await openPopup(page, preview);
  await page.getByRole('button', { name: nl.footer.admin }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl.admin.title })).toBeVisible();
}

async function axeClean(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id} (${colorScheme}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
}

test('the admin reads the log, filtered by level, newest at the top', async ({ page }) => {
  await openAdmin(page);
  const card = page.getByRole('region', { name: nl.admin.log.title });
  await expect(card.getByRole('status')).toContainText('nieuwste bovenaan');
  const lines = card.getByRole('list', { name: nl.admin.log.title }).getByRole('listitem');
  expect(await lines.count()).toBeGreaterThan(0);
  await expect(card.locator('.log-level').filter({ hasText: nl.admin.log.level.info }).first()).toBeVisible();

  await card.getByLabel(nl.admin.log.levelLabel).selectOption({ label: nl.admin.log.filter.warn });
  await expect(card.getByRole('status')).not.toHaveText(nl.admin.log.reading);
  // Only warnings and errors are left, said in words.
  for (const level of await card.locator('.log-level').allTextContents()) expect([nl.admin.log.level.warn, nl.admin.log.level.error]).toContain(level);
  await expect(card.locator('.log-level').filter({ hasText: nl.admin.log.level.info })).toHaveCount(0);

  await card.getByLabel(nl.admin.log.levelLabel).selectOption({ label: nl.admin.log.filter.info });
  await card.getByRole('button', { name: nl.admin.log.refresh }).click();
  await expect(card.locator('.log-level').filter({ hasText: nl.admin.log.level.info }).first()).toBeVisible();
  // Newest at the top: the times run down the list.
  const times = await card.locator('.log-line time').evaluateAll((items) => items.map((item) => item.getAttribute('datetime') ?? ''));
  expect(times.length).toBeGreaterThan(1);
  expect(times).toEqual([...times].sort().reverse());
});

test('Diagnose exporteren lists the files, then the download arrives with exactly those files, without the token or the enrolment code; axe clean', async ({ page }) => {
  await openAdmin(page);
  const card = page.getByRole('region', { name: nl.admin.export.title });
  // By keyboard: the focus moves on to "Opslaan…" once the list is there.
  await card.getByRole('button', { name: nl.admin.export.show }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByRole('button', { name: nl.admin.export.save })).toBeFocused();
  const table = card.getByRole('table');
  await expect(table.getByRole('rowheader', { name: 'README.txt' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'logs/agent.log' }).first()).toContainText(nl.admin.export.kind.log);
  await expect(table.getByRole('row').filter({ hasText: 'outbox.json' })).toContainText(nl.admin.export.kind.outbox);
  const listed = await table.getByRole('rowheader').allTextContents();
  expect(listed).toEqual(expect.arrayContaining(['README.txt', 'state.json', 'probes.json', 'outbox.json', 'policy.json', 'config/1-hallo-agent.json', 'config/problems.json', 'logs/agent.log']));
  await axeClean(page);

  const arriving = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await arriving;
  expect(download.suggestedFilename()).toMatch(/^hallo-diagnose-[A-Za-z0-9-]+-\d{8}-\d{4}\.zip$/);
  await expect(card.getByRole('status')).toHaveText(nl.admin.export.downloaded.replace('{{name}}', download.suggestedFilename()));

  const files = Object.fromEntries(Object.entries(unzipSync(await readFile((await download.path())!))).map(([name, bytes]) => [name, strFromU8(bytes)]));
  expect(Object.keys(files)).toEqual(listed);
  expect(files['README.txt']).toContain('hallo, agent: diagnostics');
  expect(JSON.parse(files['config/1-hallo-agent.json']!)).toEqual({ language: 'nl', reportShortcut: 'Ctrl+Alt+H' });
  expect(JSON.parse(files['policy.json']!)).toMatchObject({ source: 'api' });
  const token = await createFileSecretStore(join(dataDir, 'secrets')).get('device-token');
  expect(token).toBeTruthy();
  for (const [name, text] of Object.entries(files)) {
    expect(text, name).not.toContain(token!);
    expect(text, name).not.toContain(preview.api.enrollmentCode);
  }
  // The download was served once: the same address again finds nothing.
  expect(download.url()).toMatch(/\/downloads\/[0-9a-f]{32}\/hallo-diagnose-/);
  expect((await fetch(download.url())).status).toBe(404);
  await axeClean(page);
});

test('in English: the log and the list say the same in English', async ({ page }) => {
  await openAdmin(page);
  await page.getByLabel(nl.admin.language).selectOption('en');
  const log = page.getByRole('region', { name: en.admin.log.title });
  await expect(log.getByRole('status')).toContainText('newest at the top');
  await expect(log.getByLabel(en.admin.log.levelLabel)).toHaveValue('info');
  const card = page.getByRole('region', { name: en.admin.export.title });
  await card.getByRole('button', { name: en.admin.export.show }).click();
  await expect(card.getByRole('row').filter({ hasText: 'README.txt' })).toContainText(en.admin.export.kind.readme);
  await page.getByLabel(en.admin.language).selectOption('system');
});

test('the admin sees where the policy came from and the policy itself, folded', async ({ page }) => {
  await openAdmin(page);
  const card = page.getByRole('region', { name: nl.admin.config });
  await expect(card.getByText(nl.config.source.api)).toBeVisible();
  await card.getByText(nl.admin.policy.show).click();
  const policy = card.getByLabel(nl.admin.policy.show);
  // The reference API's demo policy, as the agent works from it: its servicedesk and its categories.
  await expect(policy).toContainText('"support"');
  await expect(policy).toContainText('"categories"');
  await axeClean(page);
});
