import { test, expect } from '@playwright/test';
import { portal, portalTickets, startPreviewOnApiProcess, type RunningApi, type RunningPreview } from './preview';
import { fillForm, nl, openForm, openPopup, send, sentNumber } from './report-helpers';

// The hallo, API really goes down (its port refuses connections) while the employee sends: the
// UI says "queued" (never "sent"); once the API listens again the ticket arrives exactly once and
// the UI shows its number. The agent runs behind `--api`, as with `npm run preview -- --api URL`.
let api: RunningApi;
let preview: RunningPreview;
let close: () => Promise<void>;
test.beforeAll(async () => {
  ({ api, preview, close } = await startPreviewOnApiProcess());
});
test.afterAll(async () => {
  await close?.();
});

test('sent while the API is down: queued, then delivered once when it is back', async ({ page }) => {
  await openPopup(page, preview);
  await expect(page.locator('.demo-badge')).toHaveCount(0); // a configured API is no demo
  // A servicedesk open around the clock: "call the servicedesk" is then the advice, whatever the
  // hour this runs (at night a standaard desk is closed, and the agent advises no call).
  const { policy } = (await (await portal(api, 'GET', '/portal/policy')).json()) as { policy: { support: Record<string, unknown> } };
  await portal(api, 'PUT', '/portal/policy', { ...policy, support: { ...policy.support, slaTier: '24x7', emergencyPhone: '088 - 123 45 99' } });
  await openForm(page);
  await expect(page.getByText(nl.desk.always)).toBeVisible(); // the new policy has arrived
  await api.stop();
  try {
    await fillForm(page, { text: 'Internet valt steeds weg in de vergaderzaal.', name: 'Anna de Vries' });
    await send(page);

    await expect(page.getByText(nl.result.queued)).toBeVisible();
    await expect(page.getByRole('link', { name: /Bel de servicedesk: 088 - 123 45 67/ })).toHaveAttribute('href', 'tel:0881234567');
    await expect(page.getByText(/^Verzonden/)).toHaveCount(0);
  } finally {
    await api.start();
  }

  const number = await sentNumber(page);
  const tickets = await portalTickets(api);
  expect(tickets.map((t) => t.number)).toEqual([number]);
  expect(tickets[0]!.description).toBe('Internet valt steeds weg in de vergaderzaal.');
});
