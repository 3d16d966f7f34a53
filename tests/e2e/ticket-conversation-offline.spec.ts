import { test, expect } from '@playwright/test';
import { technician } from '../reference-api/testing';
import { startPreviewOnApiProcess, type RunningApi, type RunningPreview } from './preview';
import { nl } from './report-helpers';
import { conversation, openMainView, openThread, replyField, reportProblem } from './thread-helpers';

// A reply written while the hallo, API is really down (its port refuses connections, as in
// report-offline.spec.ts): the conversation shows it waiting, never as sent; once the API listens
// again it arrives exactly once and shows as sent.
let api: RunningApi;
let preview: RunningPreview;
let close: () => Promise<void>;
test.beforeAll(async () => {
  ({ api, preview, close } = await startPreviewOnApiProcess());
});
test.afterAll(async () => {
  await close?.();
});

test('a reply written offline waits in the conversation, then is delivered once when the API is back', async ({ page }) => {
  const desk = technician(api);
  await openMainView(page, preview);
  const { number, ticketId } = await reportProblem(page, api, 'Ik kan niet printen.');
  await desk.reply(ticketId, 'Welke printer is het?', 'waiting');
  await openThread(page, number);
  await expect(conversation(page).getByText('Welke printer is het?')).toBeVisible({ timeout: 30_000 });

  await api.stop();
  const text = 'De HP op de tweede verdieping.';
  try {
    await replyField(page).fill(text);
    await page.getByRole('button', { name: nl.reply.send, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: nl.reply.saved })).toBeVisible();
    const mine = conversation(page).getByRole('listitem').filter({ hasText: text });
    await expect(mine).toContainText(nl.thread.delivery.queued);
    await expect(mine).not.toContainText(nl.thread.delivery.sent);
  } finally {
    await api.start();
  }

  const mine = conversation(page).getByRole('listitem').filter({ hasText: text });
  await expect(mine).toContainText(nl.thread.delivery.sent, { timeout: 45_000 });
  const arrived = (await desk.thread(ticketId)).filter((m) => m.author === 'employee' && m.text === text);
  expect(arrived).toHaveLength(1);
});
