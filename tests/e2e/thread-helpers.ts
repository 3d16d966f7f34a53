import { expect, type Page } from '@playwright/test';
import { fillForm, nl, openPopup, send, sentNumber } from './report-helpers';
import { portalTickets, type RunningPreview } from './preview';

// How an employee reaches and works a ticket's conversation; shared by ticket-conversation*.spec.ts.

/**
 * The popup on its main view. The agent keeps a conversation open while the page reloads (as the
 * app's popup shows it again): one left open by an earlier test is closed the way the employee would.
 */
export async function openMainView(page: Page, preview: RunningPreview): Promise<void> {
  await page.goto(preview.url);
  await expect(page.locator('.skeleton')).toHaveCount(0);
  const back = page.getByRole('button', { name: nl.thread.back });
  if ((await back.count()) > 0) {
    await back.click();
    await page.getByRole('button', { name: nl.myTickets.back, exact: true }).click();
  }
  await openPopup(page, preview);
}

/** Reports a problem through the form, as the employee does, and returns its number and the API's id for it. */
export async function reportProblem(page: Page, api: RunningPreview['api'], text: string): Promise<{ number: number; ticketId: string }> {
  await page.getByRole('button', { name: nl.report.open, exact: true }).click();
  // The form opens once the screenshot is taken: on a busy machine that takes a while.
  await expect(page.getByRole('heading', { level: 1, name: nl.report.title })).toBeVisible({ timeout: 30_000 });
  await fillForm(page, { text, name: 'Anna de Vries' });
  await expect(page.getByLabel(nl.report.description)).toHaveValue(text);
  await send(page);
  const number = await sentNumber(page);
  const ticket = (await portalTickets(api)).find((t) => t.number === number)!;
  return { number, ticketId: ticket.ticketId };
}

/** "Mijn meldingen" → the ticket: its conversation opens with its title focused. */
export async function openThread(page: Page, number: number): Promise<void> {
  await page.getByRole('button', { name: /^Mijn meldingen/ }).click();
  await page.getByRole('button', { name: new RegExp(`^Open het gesprek over melding ${number}:`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Melding ${number}` })).toBeFocused();
}

export function conversation(page: Page) {
  return page.getByRole('list', { name: nl.thread.conversation });
}

export function replyField(page: Page) {
  return page.getByLabel(nl.reply.label, { exact: true });
}
