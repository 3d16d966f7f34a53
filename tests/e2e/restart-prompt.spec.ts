import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { catalogs } from '../../electron/contract/messages';
import { deviceIdOf, portal, startPreviewProcess, type RunningPreview } from './preview';
import { screenshotPath } from './screenshots';

// The restart after updates, as the employee meets it: the Updates section in the popup, the
// prompt in its own window (a page of its own in the preview), a deferral that says its time,
// "Nu opnieuw opstarten", the agent back saying the PC is up to date once, and the portal's outcome;
// the last deferral running out and the final countdown, on short policy times (--policy).
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
    // The README shows it (npm run screenshots): the window's own size, light.
    await prompt.emulateMedia({ colorScheme: 'light' });
    await prompt.setViewportSize({ width: 420, height: 460 });
    await prompt.screenshot({ path: screenshotPath('restart-nl.png') });
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

  test('the notification says it with the window\'s two answers; "Later" puts the prompt away without using a deferral', async ({ page, context }) => {
    await page.goto(preview.url);
    // The preview's stand-in for the OS notification, with the buttons macOS shows.
    const notices = page.getByRole('region', { name: nl.previewNotice.label });
    await expect(notices.getByText(nl.notice['restart-needed'].title)).toBeVisible({ timeout: 45_000 });
    await expect(notices.getByRole('button', { name: nl.noticeAction['restart-now'] })).toBeVisible();
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(/^Je kunt de herstart nog 3 keer uitstellen\.$/)).toBeVisible();
    await axeClean(page);

    await notices.getByRole('button', { name: nl.noticeAction['remind-later'] }).click();
    await expect(notices.getByText(nl.notice['restart-needed'].title)).toHaveCount(0);
    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    await expect(prompt.getByRole('heading', { name: r.nothingTitle })).toBeVisible();
    await expect(updates.getByText(/^Je kunt de herstart nog 3 keer uitstellen\.$/)).toBeVisible();
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

/**
 * The demo policy with short restart times (`npm run preview -- --policy FILE`): a deadline one
 * hour after the need is seen (no grace), deferrals of 1 and 240 minutes (the second past the
 * deadline), no picked times and no quiet hours, so nothing depends on the time of day the test runs.
 */
const SHORT_RESTART = { restart: { deadlineHours: 1, graceHours: 0, deferralMinutes: [1, 240], maxDeferrals: 1, finalCountdownMinutes: 5, pickTimes: [] } };

async function withPolicyFile<T>(policy: unknown, run: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hallo-e2e-policy-'));
  try {
    const path = join(dir, 'policy.json');
    await writeFile(path, JSON.stringify(policy));
    return await run(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test.describe('when the time to put it off runs out', () => {
  let preview: RunningPreview | undefined;
  test.afterEach(async () => {
    await preview?.stop();
  });

  test('the last deferral says its time and none past the deadline; when it is used up, only "Nu opnieuw opstarten" is left', async ({ page, context }) => {
    test.setTimeout(180_000);
    preview = await withPolicyFile(SHORT_RESTART, (path) => startPreviewProcess(['--language', 'nl-NL', '--pending-restart', 'packages', '--policy', path]));
    await page.goto(preview.url);
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(/^Je computer moet opnieuw opstarten, uiterlijk (morgen )?om \d\d:\d\d\.$/)).toBeVisible({ timeout: 45_000 });

    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    await expect(prompt.getByText(/^Dat moet uiterlijk (morgen )?om \d\d:\d\d\.$/)).toBeVisible();
    await expect(prompt.getByText(nl.updatesSection.deferralsLeft_one)).toBeVisible();
    // 240 minutes would be past the deadline: only the 1-minute deferral is offered, with its time.
    const remind = prompt.getByRole('group', { name: r.laterGroup }).getByRole('button');
    await expect(remind).toHaveCount(1);
    await expect(remind).toHaveText(/^Herinner me om \d\d:\d\d$/);
    await expect(prompt.getByRole('group', { name: r.pick })).toHaveCount(0);
    await remind.click();
    await expect(prompt.getByRole('heading', { name: r.nothingTitle })).toBeVisible();
    await expect(updates.getByText(nl.updatesSection.deferralsLeft_zero)).toBeVisible();

    // A minute later the prompt is back, with nothing left to put it off.
    await expect(prompt.getByRole('heading', { name: r.title })).toBeVisible({ timeout: 90_000 });
    await expect(prompt.getByText(nl.updatesSection.deferralsLeft_zero)).toBeVisible();
    await expect(prompt.getByRole('group', { name: r.laterGroup })).toHaveCount(0);
    await expect(prompt.getByRole('button', { name: r.restartNow })).toBeVisible();
    await axeClean(prompt);
  });

  test('past the deadline the countdown shows in its window, says the time left in minutes, and "Nu opnieuw opstarten" ends it; the portal has the outcome', async ({ page, context }) => {
    test.setTimeout(180_000);
    // The deadline passed 31 minutes ago while the agent ran (the last run a minute ago, so no grace)
    // and all deferrals are used: past the wait for the employee to walk away, the countdown starts.
    const now = Date.now();
    const memory = {
      need: { source: 'local', requestId: null, reasons: ['packages'], deadline: null },
      firstSeenAt: now - 73 * 3600_000,
      deadline: now - 31 * 60_000,
      deferralsUsed: 3,
      snoozedUntil: null,
      lastSeenAt: now - 60_000,
      busySince: null,
      countdownEndsAt: null,
    };
    const planner = { version: 1, memory, halloReason: null, restarting: null, outbox: [], upToDate: false, lastOutcome: null, doneRequests: [] };
    preview = await withPolicyFile({ restart: { ...SHORT_RESTART.restart, maxDeferrals: 3 } }, (path) =>
      startPreviewProcess(['--language', 'nl-NL', '--pending-restart', 'packages', '--policy', path], {
        async prepare(dataDir) {
          await mkdir(join(dataDir, 'updates'), { mode: 0o700 });
          const file = join(dataDir, 'updates', 'restart.json');
          await writeFile(file, JSON.stringify(planner), { mode: 0o600 });
          await chmod(file, 0o600);
        },
      }),
    );
    await page.goto(preview.url);
    const deviceId = await deviceIdOf(page);

    const prompt = await context.newPage();
    await prompt.goto(preview.windows.restart!);
    await expect(prompt.getByRole('heading', { name: r.countdownTitle })).toBeVisible({ timeout: 45_000 });
    await expect(prompt.getByRole('timer', { name: r.countdownLabel })).toHaveText(/^0[45]:\d\d$/);
    await expect(prompt.getByText(r.saveWork)).toBeVisible();
    // No way to put it off any more, and no "Later".
    await expect(prompt.getByRole('group', { name: r.laterGroup })).toHaveCount(0);
    await expect(prompt.getByRole('button', { name: r.later })).toHaveCount(0);
    // A screen reader hears the time left at whole minutes, not every second.
    await expect(prompt.getByText(/^Je computer start opnieuw over [45] minuten\.$/)).toBeAttached({ timeout: 70_000 });
    await axeClean(prompt);

    await prompt.getByRole('button', { name: r.restartNow }).click();
    const updates = page.getByRole('region', { name: nl.updatesSection.title });
    await expect(updates.getByText(nl.updatesSection.upToDate)).toBeVisible({ timeout: 60_000 });
    await expect(prompt.getByRole('heading', { name: r.nothingTitle })).toBeVisible();

    await expect
      .poll(async () => {
        const device = (await (await portal(preview!.api, 'GET', `/portal/devices/${deviceId}`)).json()) as { restartOutcomes: Record<string, unknown>[] };
        return device.restartOutcomes.map(({ outcome, by, deferralsUsed, reasons, stillPending }) => ({ outcome, by, deferralsUsed, reasons, stillPending }));
      }, { timeout: 30_000 })
      .toEqual([{ outcome: 'performed', by: 'user', deferralsUsed: 3, reasons: ['packages'], stillPending: false }]);
  });
});
