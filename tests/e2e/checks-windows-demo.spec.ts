import { test, expect } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';
import { startPreviewProcess, type RunningPreview } from './preview';
import { expectNoAxeViolations, openPopup } from './report-helpers';

// A Windows PC's protection, shown on any machine: the preview reads the composed demo document
// (tests/fixtures/checks/composed-demo, its SOURCE.md says where each value comes from) through the
// agent's own Windows source at each round (`--checks FILE`). What an employee of that PC sees: the
// Public firewall profile off as a problem with what to do, the large temp folder with the cleanup
// offered, and the lines that are fine folded; the same in English.
const { nl, en } = catalogs;
const DOCUMENT = 'tests/fixtures/checks/composed-demo/windows-checks-document.json';

let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL', '--checks', DOCUMENT]);
});
test.afterAll(async () => {
  await preview?.stop();
});

test('a Windows PC with its Public firewall off: the problem in plain Dutch with what to do, the cleanup offered, then in English', async ({ page }) => {
  await openPopup(page, preview);
  const checklist = page.getByRole('region', { name: nl.checks.title });
  const firewall = checklist.getByRole('listitem').filter({ hasText: nl.health.firewall['off-public'].text });
  await expect(firewall).toBeVisible();
  await expect(firewall).toContainText(nl.health.firewall['off-public'].advice);
  await expect(firewall).toContainText(nl.severity.problem);
  await expect(firewall.getByRole('button', { name: /^Meld dit: / })).toBeVisible();
  // 3.3 GB of the user's temp files, above the 2 GB default: attention, and the cleanup on that line.
  const temp = checklist.getByRole('listitem').filter({ hasText: nl.check['temp-files'] });
  await expect(temp.getByRole('button', { name: nl.cleanup.button })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: nl.footer.admin }).click();
  await page.getByLabel(nl.admin.language).selectOption('en');
  await page.getByRole('button', { name: en.admin.back }).click();
  const english = page.getByRole('region', { name: en.checks.title });
  await expect(english.getByRole('listitem').filter({ hasText: en.health.firewall['off-public'].text })).toBeVisible();
  await expect(english.getByRole('button', { name: en.cleanup.button })).toBeVisible();
});
