import { test, expect } from '@playwright/test';
import { portal, portalTickets, startPreviewProcess, type RunningPreview } from './preview';
import { description, expectNoAxeViolations, fillForm, nl, openForm, openPopup, send, sentNumber } from './report-helpers';
import { screenshotPath } from './screenshots';

// "Meld een probleem" in Chromium, through the preview (the real agent) against the reference API.
let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

test('a ticket made in Dutch arrives once, with diagnostics and the screenshot, and its number is shown', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce', viewport: { width: 380, height: 900 } });
  const page = await context.newPage();
  await openPopup(page, preview);
  await openForm(page);
  await expect(description(page)).toBeFocused();
  await expect(page.getByRole('img', { name: nl.report.screenshotAlt })).toBeVisible();

  const text = 'De printer op de eerste verdieping print alleen lege pagina’s.\nSinds vanochtend.';
  await fillForm(page, {
    text,
    category: 'Printen lukt niet',
    impact: 'cannot-work',
    name: 'Anna de Vries',
    phone: '06 12345678',
    email: 'anna@korenschoof.nl',
  });
  await expect(page.getByText(`${[...text].length} / 2.000`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator('.flyout').screenshot({ path: screenshotPath('report-nl.png') });

  // "Bekijk wat er wordt meegestuurd": readable sections, the screenshot as its size.
  await page.getByRole('button', { name: nl.report.showPreview }).click();
  const shown = page.getByRole('region', { name: nl.preview.title });
  for (const heading of [nl.preview.device, nl.preview.health, nl.preview.processes, nl.preview.recentErrors, nl.preview.attachments]) {
    await expect(shown.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  await expect(shown.getByText(/\(image\/png, [\d,.]+ (kB|MB)\)/)).toBeVisible();
  await expectNoAxeViolations(page);

  await send(page);
  const number = await sentNumber(page);

  const tickets = await portalTickets(preview.api);
  expect(tickets).toHaveLength(1);
  const [ticket] = tickets;
  expect(ticket!.number).toBe(number);
  expect(ticket!.subject).toBe('De printer op de eerste verdieping print alleen lege pagina’s.');
  expect(ticket!.description).toBe(text);
  expect(ticket!.category).toBe('print');
  expect(ticket!.urgency).toBe('high');
  expect(ticket!.contact).toEqual({ name: 'Anna de Vries', phone: '06 12345678', email: 'anna@korenschoof.nl' });
  expect(ticket!.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', bytes: expect.any(Number) })]);
  expect(ticket!.attachments[0]!.bytes).toBeGreaterThan(1000);
  const diagnostics = ticket!.diagnostics as { device: { hostname: string }; checks: unknown[]; processes: unknown };
  expect(diagnostics.device.hostname).not.toBe('');
  expect(diagnostics.checks.length).toBeGreaterThan(0);
  expect(diagnostics.processes).not.toBeNull();

  // Contact details are remembered for next time.
  await page.getByRole('button', { name: nl.report.open, exact: true }).click();
  await expect(page.getByLabel(nl.report.email)).toHaveValue('anna@korenschoof.nl');
  await page.getByRole('button', { name: nl.report.cancel }).click();
  await expect(page.getByRole('button', { name: nl.report.open, exact: true })).toBeFocused();
  await context.close();
});

test('"Meld dit" opens the form about that status item', async ({ page }) => {
  await openPopup(page, preview);
  // A threshold nobody meets: the disk check turns to attention, with "Meld dit".
  const { policy } = await (await portal(preview.api, 'GET', '/portal/policy')).json();
  await portal(preview.api, 'PUT', '/portal/policy', { ...policy, health: { ...policy.health, thresholds: { diskAttentionPercent: 100, diskAttentionGb: 0 } } });
  const reportItem = page.getByRole('button', { name: /^Meld dit: / }).first();
  await expect(reportItem).toBeVisible();
  const label = (await reportItem.getAttribute('aria-label'))!.replace(/^Meld dit: /, '');
  await reportItem.click();
  await expect(page.getByText(`Over: ${label}`)).toBeVisible();
  await page.getByRole('button', { name: nl.report.cancel }).click();
  await portal(preview.api, 'PUT', '/portal/policy', policy);
});

test('a 422 brings the draft back with the reason', async ({ page }) => {
  await openPopup(page, preview);
  await portal(preview.api, 'POST', '/portal/faults', {
    faults: [{ method: 'POST', path: '/tickets', kind: 'body', status: 422, body: { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ field: '/description', code: 'too-long' }] } }],
  });
  await openForm(page);
  const text = 'Outlook blijft hangen bij het openen van een bijlage.';
  await fillForm(page, { text, name: 'Anna de Vries' });
  await send(page);
  // The form comes back, filled in, with the reason at the field and focus on it.
  await expect(page.getByRole('heading', { level: 1, name: nl.report.title })).toBeVisible();
  await expect(description(page)).toHaveValue(text);
  await expect(description(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(description(page)).toBeFocused();
  await expect(page.getByText(nl.report.problemsTitle)).toBeVisible();
  await expect(page.getByText('Dit is te lang: maximaal 2.000 tekens.').first()).toBeVisible();
  await expect(page.getByText(nl.report.fixing)).toBeVisible();

  // Closed without fixing: nothing is lost, the refused ticket waits in "Meldingen onderweg".
  await page.getByRole('button', { name: nl.report.cancel }).click();
  const outbox = page.getByRole('region', { name: nl.outbox.title });
  await expect(outbox).toContainText(text);
  await expect(outbox).toContainText(nl.outbox.status.rejected);
  await outbox.getByRole('button', { name: nl.outbox.fix }).click();
  await expect(description(page)).toHaveValue(text);

  // Fixed and sent again: it arrives, and the refused one is gone.
  const before = (await portalTickets(preview.api)).length;
  await description(page).fill('Outlook hangt.');
  await send(page);
  const number = await sentNumber(page);
  const tickets = await portalTickets(preview.api);
  expect(tickets).toHaveLength(before + 1);
  expect(tickets.find((t) => t.number === number)?.description).toBe('Outlook hangt.');
  await expect(page.getByRole('region', { name: nl.outbox.title })).toHaveCount(0);
});

test('a status change made in the portal shows up in "Mijn meldingen"', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  await fillForm(page, { text: 'Mijn scherm flikkert.', name: 'Anna de Vries' });
  await send(page);
  const number = await sentNumber(page);
  const ticket = (await portalTickets(preview.api)).find((t) => t.number === number)!;

  // "Mijn meldingen (n)" stays on the row beside "Meld een probleem", on one line, not a row of its own.
  const mine = page.getByRole('button', { name: /^Mijn meldingen \(\d+\)/ });
  await expect(mine).toBeVisible();
  const [report, list] = [await page.getByRole('button', { name: nl.report.open, exact: true }).boundingBox(), await mine.boundingBox()];
  expect(Math.abs(report!.y - list!.y)).toBeLessThan(4);
  expect(list!.height).toBeLessThanOrEqual(report!.height + 1);

  await page.getByRole('button', { name: /^Mijn meldingen/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl.myTickets.title })).toBeFocused();
  const item = page.locator('.ticket', { hasText: `Melding ${number}` });
  await expect(item).toContainText('Mijn scherm flikkert.');
  await expect(item).toContainText(nl.myTickets.status.new);

  await portal(preview.api, 'PATCH', `/portal/tickets/${ticket.ticketId}`, {
    status: 'waiting',
    reply: { from: 'Sanne van hallo,', text: 'Welk merk scherm is het? Stuur gerust een foto.' },
  });
  await expect(item).toContainText(nl.myTickets.status.waiting);
  await expect(item).toContainText('Laatste reactie van Sanne van hallo,');
  await expect(item).toContainText('Welk merk scherm is het?');
  await expectNoAxeViolations(page);
});
