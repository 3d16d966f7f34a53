import { test, expect } from '@playwright/test';
import { technician, type Technician } from '../reference-api/testing';
import { startPreviewProcess, type RunningPreview } from './preview';
import { expectNoAxeViolations, nl } from './report-helpers';
import { conversation, openMainView, openThread, replyField, reportProblem } from './thread-helpers';
import { screenshotPath } from './screenshots';

// The conversation on a ticket, in Chromium through the preview (the real agent) against the
// reference API, played by the employee in the page and by a technician in the portal.
let preview: RunningPreview;
let desk: Technician;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
  desk = technician(preview.api, 'Sanne (hallo,)');
});
test.afterAll(async () => {
  await preview?.stop();
});

const QUESTION = 'Kun je Outlook een keer afsluiten en opnieuw starten? Laat je weten of het dan wel lukt?';

async function employeeMessages(ticketId: string) {
  return (await desk.thread(ticketId)).filter((m) => m.author === 'employee' && m.seq !== 1);
}

test('the technician asks, the employee is told, opens the conversation and replies with a screenshot; it arrives once', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce', viewport: { width: 380, height: 900 } });
  const page = await context.newPage();
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'Outlook start niet.');
  await desk.reply(ticketId, QUESTION, 'waiting');

  // The preview's stand-in for the OS notification: who answered, the first words, "Beantwoorden".
  const notices = page.getByRole('region', { name: nl.previewNotice.label });
  const notice = notices.locator('.preview-notice', { hasText: `Sanne (hallo,) reageerde op melding ${number}` });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('Kun je Outlook een keer afsluiten');
  // …and the count on "Mijn meldingen"; the stand-in is no part of the popup.
  await expect(page.getByRole('button', { name: /^Mijn meldingen \(\d+\) , 1 wacht op jou$/ })).toBeVisible();
  await expect(page.locator('.flyout .preview-notice')).toHaveCount(0);

  await notice.getByRole('button', { name: nl.notice['ticket-answered'].action }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Melding ${number}` })).toBeFocused();
  const thread = conversation(page);
  await expect(thread.getByRole('listitem')).toHaveText([/^Jij .*Outlook start niet\./, new RegExp(`^Sanne \\(hallo,\\) .*${QUESTION.replace(/[?.()]/g, '\\$&')}`), /Status: Wacht op jouw reactie/]);
  await expectNoAxeViolations(page);

  await replyField(page).fill('Nee, na opnieuw starten blijft hij hangen op "Profiel laden".');
  await page.getByRole('button', { name: nl.reply.addScreenshot }).click();
  await expect(page.getByRole('img', { name: nl.reply.screenshotAlt })).toBeVisible();
  await page.getByRole('button', { name: nl.reply.send, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: nl.reply.saved })).toBeVisible();
  await expect(replyField(page)).toHaveValue('');
  await expect(replyField(page)).toBeFocused();
  const mine = thread.getByRole('listitem').filter({ hasText: 'Profiel laden' });
  await expect(mine).toContainText(nl.thread.delivery.sent);
  await expect(mine).toContainText(/Bijlage: .+\.png/);

  // The technician sees it once, with the picture.
  const arrived = await employeeMessages(ticketId);
  expect(arrived.map((m) => m.text)).toEqual(['Nee, na opnieuw starten blijft hij hangen op "Profiel laden".']);
  expect(arrived[0]!.attachments).toEqual([expect.objectContaining({ contentType: 'image/png' })]);
  await expect(page.getByRole('button', { name: /^Mijn meldingen/ })).toHaveCount(0); // still in the conversation

  // Back: "Mijn meldingen", focus on the ticket it came from.
  await page.getByRole('button', { name: nl.thread.back }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Open het gesprek over melding ${number}:`) })).toBeFocused();
  await context.close();
});

test('"Het is nog niet opgelost" asks for a sentence and reopens; "Het is opgelost" closes it, at the portal too', async ({ page }) => {
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'De printer print niets.');
  await desk.reply(ticketId, 'De printer is opnieuw gestart. Werkt het nu?', 'resolved');
  await openThread(page, number);
  await expect(page.getByText(nl.reply.resolvedQuestion)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: nl.reply.notSolved, exact: true }).click();
  const why = page.getByLabel(nl.reply.notSolvedLabel);
  await expect(why).toBeFocused();
  await page.getByRole('button', { name: nl.reply.sendNotSolved }).click();
  await expect(why).toHaveAttribute('aria-invalid', 'true'); // a sentence is needed
  await expect(page.getByText(`${nl.draft.field.text}: ${nl.draft.problem.required}`)).toBeVisible();
  await why.fill('Er komt nog steeds niets uit.');
  await page.getByRole('button', { name: nl.reply.sendNotSolved }).click();
  await expect(page.getByRole('status').filter({ hasText: nl.reply.saved })).toBeVisible();
  await expect.poll(async () => (await desk.tickets()).find((t) => t.ticketId === ticketId)?.status).toBe('open');

  await desk.reply(ticketId, 'Toner vervangen. Nu goed?', 'resolved');
  await expect(page.getByRole('button', { name: nl.reply.solved, exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: nl.reply.solved, exact: true }).click();
  await expect.poll(async () => (await desk.tickets()).find((t) => t.ticketId === ticketId)?.status).toBe('closed');
  await expect(page.getByText(nl.thread.closed)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: nl.reply.send, exact: true })).toHaveCount(0);
});

test('a message with HTML and markdown is shown as text, never as markup', async ({ page }) => {
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'Mijn scherm flikkert.');
  const html = '<b>Vet?</b> <img src=x onerror="document.title=\'pwned\'"> **markdown** [klik](https://evil.example)';
  await desk.reply(ticketId, html);
  await openThread(page, number);
  const message = conversation(page).getByRole('listitem').filter({ hasText: '**markdown**' });
  await expect(message.locator('.message-text')).toHaveText(html, { timeout: 30_000 });
  await expect(message.locator('b, img, a')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
});

test('a reply to a ticket deleted at the portal is told and kept in the box', async ({ page }) => {
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'Teams valt weg.');
  await openThread(page, number);
  await desk.deleteTicket(ticketId);
  const text = 'Het gebeurt vooral in de middag.';
  await replyField(page).fill(text);
  await page.getByRole('button', { name: nl.reply.send, exact: true }).click();
  await expect(page.getByText(nl.thread.gone)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`${nl.draft.field.ticket}: ${nl.draft.problem.gone}`)).toBeVisible();
  await expect(replyField(page)).toHaveValue(text);
});

test('a reply that is empty, over the limit or a megabyte paste is refused at its field, and nothing is sent', async ({ page }) => {
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'De scanner doet niets.');
  await openThread(page, number);
  const send = page.getByRole('button', { name: nl.reply.send, exact: true });
  await replyField(page).fill('  \n ');
  await send.click();
  await expect(page.getByText(`${nl.draft.field.text}: ${nl.draft.problem.required}`)).toBeVisible();
  await expect(replyField(page)).toBeFocused();
  await expect(replyField(page)).toHaveAttribute('aria-invalid', 'true');

  await replyField(page).fill('a'.repeat(2001));
  await expect(page.getByText('2.001 / 2.000')).toHaveClass(/over/);
  await send.click();
  await expect(page.getByText(`${nl.draft.field.text}: Dit is te lang: maximaal 2.000 tekens.`)).toBeVisible();
  await expect(replyField(page)).toHaveValue('a'.repeat(2001)); // kept, to shorten

  // A real paste of a megabyte: what fits goes in, the rest is said to be still on the clipboard.
  await replyField(page).fill('Scanner: ');
  await replyField(page).evaluate((el: HTMLTextAreaElement) => {
    el.setSelectionRange(el.value.length, el.value.length);
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(1_000_000));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Je plakte 1.000.000 tekens, maar er passen er 2.000.' })).toBeVisible();
  expect(await replyField(page).inputValue()).toHaveLength(2000);
  expect(await employeeMessages(ticketId)).toEqual([]);
});

test('the conversation passes axe, light and dark', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce', viewport: { width: 380, height: 900 } });
  const page = await context.newPage();
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, preview.api, 'Outlook blijft hangen bij het openen van een bijlage.');
  await desk.reply(ticketId, QUESTION, 'waiting');
  await openThread(page, number);
  await expect(conversation(page).getByText(QUESTION)).toBeVisible({ timeout: 30_000 });
  await replyField(page).fill('Dat heb ik gedaan, maar het blijft hangen.');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(page);
    // The README shows these (npm run screenshots).
    await page.locator('.flyout').screenshot({ path: screenshotPath(`thread-nl-${colorScheme}.png`) });
  }
  await context.close();
});
