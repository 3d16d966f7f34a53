import { test, expect } from '@playwright/test';
import { portal, portalTickets, startPreviewProcess, type RunningPreview } from './preview';
import { fillForm, nl, openForm, openPopup, send, sentNumber } from './report-helpers';

// The reference API goes down while the employee sends: the UI says "queued" (never "sent"), and
// once the API is back the ticket arrives exactly once and the UI shows its number.
let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

test('sent while the API is down: queued, then delivered once when it is back', async ({ page }) => {
  await openPopup(page, preview);
  await portal(preview.api, 'POST', '/portal/faults', { faults: [{ kind: 'reset', times: 1000 }] });
  try {
    await openForm(page);
    await fillForm(page, { text: 'Internet valt steeds weg in de vergaderzaal.', name: 'Anna de Vries' });
    await send(page);

    await expect(page.getByText(nl.result.queued)).toBeVisible();
    await expect(page.getByRole('link', { name: /Bel de servicedesk: 088 - 123 45 67/ })).toHaveAttribute('href', 'tel:0881234567');
    await expect(page.getByText(/^Verzonden/)).toHaveCount(0);
    expect(await portalTickets(preview.api)).toHaveLength(0);
  } finally {
    await portal(preview.api, 'DELETE', '/portal/faults');
  }

  const number = await sentNumber(page);
  const tickets = await portalTickets(preview.api);
  expect(tickets.map((t) => t.number)).toEqual([number]);
  expect(tickets[0]!.description).toBe('Internet valt steeds weg in de vergaderzaal.');
});
