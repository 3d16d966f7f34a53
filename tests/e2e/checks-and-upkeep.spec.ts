import { mkdir, mkdtemp, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';
import { deviceIdOf, portal, portalTickets, startPreviewProcess, type RunningPreview } from './preview';
import { description, expectNoAxeViolations, fillForm, openPopup, send, sentNumber } from './report-helpers';

// The protection and upkeep checks (issue 13) in Chromium, through the preview (the real agent on
// this machine's probes) against the reference API: the new checks in Dutch and English, "Meld
// dit" on one of them, "Tijdelijke bestanden opruimen" on the preview's own temp folder, the
// admin view's raw probe results, "Onderhoud" from the reference server, axe.
//
// Deterministic without a recorded machine: the temp-files check is measured on every OS, and the
// preview's temp folder is one this spec makes (TMPDIR, which os.tmpdir() follows on Linux and
// macOS), holding a file of 300 MB (sparse: no disk used) whose modified time is two days back.
// The policy's threshold (0.1 GB, the least it allows) puts that line at "attention".
const { nl, en } = catalogs;
const OLD_FILE = 'old-installer.tmp';
const NEW_FILE = 'still-writing.tmp';
const OLD_BYTES = 300 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60_000;

let preview: RunningPreview;
let tempDir: string;
let policyDir: string;
test.beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'hallo-e2e-temp-'));
  await writeFile(join(tempDir, OLD_FILE), '');
  await truncate(join(tempDir, OLD_FILE), OLD_BYTES);
  const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
  await utimes(join(tempDir, OLD_FILE), twoDaysAgo, twoDaysAgo);
  await writeFile(join(tempDir, NEW_FILE), 'half a download');
  // The demo policy with the least temp-files threshold the OpenAPI file allows.
  policyDir = await mkdtemp(join(tmpdir(), 'hallo-e2e-policy-'));
  await writeFile(join(policyDir, 'policy.json'), JSON.stringify({ checks: { tempFilesGb: 0.1 } }));
  preview = await startPreviewProcess(['--language', 'nl-NL', '--policy', join(policyDir, 'policy.json')], { env: { TMPDIR: tempDir }, prepare: writeHistory });
});
test.afterAll(async () => {
  await preview?.stop();
  await rm(tempDir, { recursive: true, force: true });
  await rm(policyDir, { recursive: true, force: true });
});

/**
 * A day of health history from before this start, as the agent keeps it on disk
 * (health/history-file.ts): a point every 5 minutes for the last 23 hours, so that the charts in
 * Details have a day to draw from the first moment.
 */
async function writeHistory(dataDir: string): Promise<void> {
  const now = Date.now();
  const points = Array.from({ length: 23 * 12 }, (_, i) => ({
    at: new Date(now - (23 * 12 - i) * 5 * 60_000).toISOString(),
    cpuLoadPercent: 10 + (i % 12) * 5,
    memoryUsedPercent: 40 + (i % 6),
    diskFreePercent: 31,
  }));
  await mkdir(join(dataDir, 'health'), { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'health', 'history.json'), JSON.stringify({ version: 1, points }), { mode: 0o600 });
}

/** A catalog sentence as a pattern: its placeholders stand for any words. */
function sentence(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{[^}]*\\\}\\\}/g, '.+');
  return new RegExp(escaped);
}
type Catalog = typeof nl;
/** Every sentence that can say a check's state, known or unknown, in one language. */
function sentencesOf(catalog: Catalog, check: 'antivirus' | 'firewall' | 'encryption' | 'time' | 'office' | 'temp-files'): RegExp {
  const states = Object.values(catalog.health[check]).map((state) => state.text);
  const unknown = Object.values(catalog.health.unknown[check]);
  return new RegExp([...states, ...unknown].map((text) => sentence(text).source).join('|'));
}

/** "Nu controleren" in the admin view: the checks run now; back to the main view when they are done. */
async function checkNow(page: Page, words: Catalog = nl): Promise<void> {
  await page.getByRole('button', { name: words.footer.admin }).click();
  const probes = page.getByRole('region', { name: words.admin.probes.title });
  await probes.getByRole('button', { name: words.admin.probes.refresh }).click();
  await expect(probes.getByText(sentence(words.admin.probes.lastChecked))).toBeVisible();
  await page.getByRole('button', { name: words.admin.back }).click();
}

const checklist = (page: Page) => page.getByRole('region', { name: nl.checks.title });

test('the protection and upkeep checks in Dutch and English, and "Meld dit" on the temp-files line reaches hallo, with that line', async ({ page }) => {
  await openPopup(page, preview);
  await checkNow(page);
  // Each check in a sentence of its own, in whatever state this machine is (a line that is fine
  // sits folded under "Al het andere is in orde"); Microsoft 365 only where it is installed.
  for (const check of ['antivirus', 'firewall', 'encryption', 'time', 'temp-files'] as const) {
    await expect(checklist(page).getByText(sentencesOf(nl, check)).first()).toBeAttached();
  }
  // The temp-files line needs attention here (300 MB above 0.1 GB) or says why it could not be
  // measured: either way it offers "Meld dit".
  const line = checklist(page).getByRole('listitem').filter({ hasText: sentencesOf(nl, 'temp-files') });
  await line.getByRole('button', { name: /^Meld dit: / }).click();
  await fillForm(page, { text: 'Mijn schijf loopt vol met tijdelijke bestanden.', name: 'Anna de Vries' });
  await expect(description(page)).toHaveValue('Mijn schijf loopt vol met tijdelijke bestanden.');
  await send(page);
  const number = await sentNumber(page);
  const ticket = (await portalTickets(preview.api)).find((t) => t.number === number)!;
  const diagnostics = ticket.diagnostics as { relatedItemId: string | null; checks: { id: string; check: string }[] };
  expect(diagnostics.relatedItemId).toBe('temp-files');
  expect(diagnostics.checks).toContainEqual(expect.objectContaining({ id: 'temp-files', check: 'temp-files' }));

  // In English: the same checks in English words.
  await page.getByRole('button', { name: nl.footer.admin }).click();
  await page.getByLabel(nl.admin.language).selectOption('en');
  await page.getByRole('button', { name: en.admin.back }).click();
  const english = page.getByRole('region', { name: en.checks.title });
  for (const check of ['antivirus', 'firewall', 'encryption', 'time', 'temp-files'] as const) {
    await expect(english.getByText(sentencesOf(en, check)).first()).toBeAttached();
  }
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: en.footer.admin }).click();
  await page.getByLabel(en.admin.language).selectOption('system');
  await page.getByRole('button', { name: nl.admin.back }).click();
});

// A file this spec makes is new to the cleanup whatever its modified time: the agent goes by the
// newest of a file's times, and its change time (ctime) is always now and cannot be set back.
// Removing old files is tested on a folder with set times in tests/unit/checks/temp/.
test('"Tijdelijke bestanden opruimen" by keyboard says what it did in words, and leaves the files that are new', async ({ page }) => {
  await openPopup(page, preview);
  await checkNow(page);
  const line = checklist(page).getByRole('listitem').filter({ hasText: sentence(nl.health['temp-files'].large.text) });
  const button = line.getByRole('button', { name: nl.cleanup.button });
  await button.focus();
  await page.keyboard.press('Enter');
  // The outcome is said in the live region: nothing freed, and how many files were left.
  const outcome = page.locator('.cleanup-outcome[aria-live="polite"]');
  await expect(outcome).toContainText(nl.cleanup.nothing);
  await expect(outcome).toContainText(sentence(nl.cleanup.skipped_other));
  expect((await stat(join(tempDir, OLD_FILE))).size).toBe(OLD_BYTES);
  expect((await stat(join(tempDir, NEW_FILE))).size).toBeGreaterThan(0);
  await expect(button).toHaveText(nl.cleanup.button);
  await expectNoAxeViolations(page);
});

test('Onderhoud shows hallo,’s upkeep from the reference server, and an entry added in the portal after it opens again', async ({ page }) => {
  await openPopup(page, preview);
  const deviceId = await deviceIdOf(page);
  const summary = page.locator('summary', { hasText: nl.maintenance.title });
  await summary.click();
  const section = page.getByRole('region', { name: nl.maintenance.title });
  // The demo device's own upkeep by hallo, (tests/reference-api/maintenance.ts demoMaintenance).
  await expect(section.getByText(nl.maintenance.kind['admin-password-changed'])).toBeVisible();
  await expect(section.getByText('hallo, schrijft: Schijf C: gecontroleerd: geen fouten gevonden.')).toBeVisible();

  await portal(preview.api, 'POST', `/portal/devices/${deviceId}/maintenance`, {
    kind: 'updates-installed',
    count: 4,
    failed: 0,
    note: 'Patchronde van deze week',
  });
  await summary.click(); // close
  await summary.click(); // open again: the agent fetches hallo,'s list now
  await expect(section.getByRole('listitem').first()).toContainText('4 updates geïnstalleerd');
  await expect(section.getByRole('listitem').first()).toContainText('vandaag');
  await expect(section.getByRole('listitem').first()).toContainText('hallo, schrijft: Patchronde van deze week');
  await expect(section.getByRole('listitem').first()).toContainText(nl.maintenance.byHallo);
  await expectNoAxeViolations(page);
});

test('the admin view shows each probe as it last ran, with its raw output folded', async ({ page }) => {
  await openPopup(page, preview);
  await page.getByRole('button', { name: nl.footer.admin }).click();
  const probes = page.getByRole('region', { name: nl.admin.probes.title });
  await probes.getByRole('button', { name: nl.admin.probes.refresh }).click();
  await expect(probes.getByText(sentence(nl.admin.probes.lastChecked))).toBeVisible();
  const row = probes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'temp-size' }) });
  await expect(row).toContainText(nl.admin.probes.read);
  await expect(row).toContainText(/\d+ ms/);
  // That probe's own output (the row under its figures): other probes', which depend on the
  // machine's tools, stay folded.
  const output = probes.locator('details').filter({ hasText: 'Uitvoer van temp-size' });
  await output.getByText('Uitvoer van temp-size').click();
  await expect(output.locator('pre')).toBeVisible();
  await expect(output.locator('pre')).not.toBeEmpty();
  await expectNoAxeViolations(page);
});

test('Onderhoud and the raw probe results are reachable by keyboard, with headings, and clean for axe', async ({ page }) => {
  await openPopup(page, preview);
  const summary = page.locator('summary', { hasText: nl.maintenance.title });
  await summary.focus();
  await page.keyboard.press('Enter');
  const section = page.getByRole('region', { name: nl.maintenance.title });
  await expect(section.getByRole('heading', { level: 2, name: nl.maintenance.title })).toBeAttached();
  await expect(section.getByText(nl.maintenance.intro)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: nl.footer.admin }).click();
  const probes = page.getByRole('region', { name: nl.admin.probes.title });
  await expect(probes.getByRole('heading', { level: 2, name: nl.admin.probes.title })).toBeVisible();
  await expect(probes.getByRole('button', { name: nl.admin.probes.refresh })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the charts in Details: processor, memory and free space over the last 24 hours, each said in words', async ({ page }) => {
  await openPopup(page, preview);
  await page.locator('summary', { hasText: nl.details.title }).click();
  for (const figure of [nl.history.cpu, nl.history.memory, nl.history.diskFree]) {
    await expect(page.getByRole('img', { name: nl.history.chartLabel.replace('{{figure}}', figure) })).toBeVisible();
    // The caption says the line in words: average, highest and lowest, or that it was not measured.
    await expect(page.getByText(new RegExp(`^${sentence(nl.history.summary.replace('{{figure}}', figure)).source}$|^${sentence(nl.history.notMeasured.replace('{{figure}}', figure)).source}$`))).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
