import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { portalTickets, startPreviewProcess, type RunningPreview } from './preview';
import { description, fillForm, nl, openForm, openPopup, send, sentNumber } from './report-helpers';

// What an employee may type, paste or run into: each gets a clear answer at its field, nothing
// is sent that should not be, and what they typed is never lost.
let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

test('an empty description, one over the limit and a 1 MB paste are refused at the field', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  await fillForm(page, { text: '   \n  ', name: 'Anna de Vries' });
  await send(page);
  await expect(page.getByText(nl.draft.problem.required).first()).toBeVisible();
  await expect(description(page)).toBeFocused();
  await expect(description(page)).toHaveAttribute('aria-invalid', 'true');

  await description(page).fill('a'.repeat(2001));
  await expect(page.getByText('2.001 / 2.000')).toHaveClass(/over/);
  await send(page);
  await expect(page.getByText('Dit is te lang: maximaal 2.000 tekens.').first()).toBeVisible();

  await description(page).fill('x'.repeat(1_000_000));
  await expect(page.getByText('1.000.000 / 2.000')).toBeVisible();
  await send(page);
  await expect(page.getByText('Dit is te lang: maximaal 2.000 tekens.').first()).toBeVisible();
  await expect(description(page)).toBeFocused();
  // Still the whole paste: nothing cut off behind the employee's back.
  expect(await description(page).evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(1_000_000);

  expect(await portalTickets(preview.api)).toHaveLength(0);
  await page.getByRole('button', { name: nl.report.cancel }).click();
});

test('a 1 MB paste: what fits goes in, the rest is said at once to be still on the clipboard', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  await description(page).fill('Outlook: ');
  // A real paste event, as Ctrl+V gives it, with a megabyte of text on the clipboard.
  await description(page).evaluate((el: HTMLTextAreaElement) => {
    el.setSelectionRange(el.value.length, el.value.length);
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(1_000_000));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Je plakte 1.000.000 tekens, maar er passen er 2.000.' })).toBeVisible();
  await expect(page.getByText('2.000 / 2.000')).toBeVisible();
  const value = await description(page).inputValue();
  expect(value.startsWith('Outlook: x')).toBe(true);
  expect(value).toHaveLength(2000);
  await page.getByRole('button', { name: nl.report.cancel }).click();
});

test('an invalid phone number and e-mail address are explained next to their fields', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  await fillForm(page, { text: 'Inloggen lukt niet.', name: 'Anna de Vries', phone: 'bel me maar', email: 'anna@' });
  await send(page);
  const phone = page.getByLabel(nl.report.phone);
  const email = page.getByLabel(nl.report.email);
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toBeFocused(); // the first problem, in the order of the form
  await expect(phone).toHaveAccessibleDescription(nl.draft.problem['invalid-phone']);
  await expect(email).toHaveAccessibleDescription(nl.draft.problem['invalid-email']);
  await expect(description(page)).toHaveValue('Inloggen lukt niet.');
  expect(await portalTickets(preview.api)).toHaveLength(0);
  await page.getByRole('button', { name: nl.report.cancel }).click();
});

test('control characters go; emoji and right-to-left text arrive as they were typed', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  const typed = 'Scherm 🖥️ wordt zwart 👩🏽‍💻\u0007\u001b[31m\nשלום עולם — مرحبا بالعالم\tklaar';
  await fillForm(page, { text: typed, name: 'Anna de Vries' });
  await send(page);
  const number = await sentNumber(page);
  const ticket = (await portalTickets(preview.api)).find((t) => t.number === number)!;
  expect(ticket.description).toBe('Scherm 🖥️ wordt zwart 👩🏽‍💻[31m\nשלום עולם — مرحبا بالعالم\tklaar');
  expect(ticket.subject).toBe('Scherm 🖥️ wordt zwart 👩🏽‍💻[31m');
});

test('an outbox the disk refuses: "could not be saved", and the draft stays in the form', async ({ page }) => {
  const broken = await startPreviewProcess(['--language', 'nl-NL'], {
    // A file where the outbox folder should be: every write into it fails.
    prepare: (dataDir) => writeFile(join(dataDir, 'outbox'), 'not a folder'),
  });
  try {
    await openPopup(page, broken);
    await openForm(page);
    await fillForm(page, { text: 'Teams valt uit tijdens gesprekken.', name: 'Anna de Vries' });
    await send(page);
    await expect(page.getByRole('alert').getByText(nl.errors['not-saved'])).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bel de servicedesk: 088 - 123 45 67' })).toBeVisible();
    await expect(description(page)).toHaveValue('Teams valt uit tijdens gesprekken.');
    await expect(page.getByRole('button', { name: nl.report.send, exact: true })).toBeEnabled();
    expect(await portalTickets(broken.api)).toHaveLength(0);
  } finally {
    await broken.stop();
  }
});
