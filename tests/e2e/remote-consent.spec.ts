import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { createSigner } from '../reference-api/remote';
import { forgeRequest } from '../reference-api/forgery';
import { remoteAsk, technician, type Technician } from '../reference-api/testing';
import { deviceIdOf, portal, startPreviewProcess, type RunningPreview } from './preview';

// The consent page as the employee meets it, through `npm run preview` (in the app the shell opens
// it; here it is a page at READY's windows.consent): the technician asks through the reference
// API's portal, the page says who, why, which ticket and what, in Dutch, and the portal hears the
// employee's answer. Also: the timeout, a forged request that never reaches the screen, control
// offered as view only, the first 500 ms, the bar, the popup's "Hulp op afstand", and axe.

const REASON = 'Outlook start niet op';
const TITLE = 'Jan van hallo, wil meekijken op je scherm';

async function axeClean(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id} (${colorScheme})`)).toEqual([]);
  }
}

/** Clicks once the page takes answers (the first 500 ms after the request showed are ignored). */
async function answer(consent: Page, name: string) {
  const button = consent.getByRole('button', { name });
  await expect(async () => {
    if (await button.isVisible()) await button.click();
    await expect(button).toBeHidden({ timeout: 1_000 });
  }).toPass();
}

test.describe('the consent page', () => {
  let preview: RunningPreview;
  let deviceId: string;
  let jan: Technician;
  test.beforeEach(async ({ page }) => {
    preview = await startPreviewProcess(['--language', 'nl-NL']);
    await page.goto(preview.url);
    deviceId = await deviceIdOf(page);
    jan = technician(preview.api, 'Jan');
  });
  test.afterEach(async () => {
    await preview?.stop();
  });

  const sessionOf = async (sessionId: string) => (await jan.device(deviceId)).remoteSessions.find((s) => s.sessionId === sessionId);

  test('says who, why and what in Dutch with the code; "Weigeren" reaches hallo, as denied by the user; axe clean in light and dark', async ({ context }) => {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    await expect(consent.getByText('Er is nu geen verzoek om hulp op afstand.')).toBeVisible();
    await axeClean(consent);

    const asked = await jan.askRemote({ deviceId, reason: REASON, mode: 'view' });
    await expect(consent.getByRole('heading', { name: TITLE })).toBeVisible();
    await expect(consent.getByText(REASON)).toBeVisible();
    await expect(consent.getByText('Meekijken: Jan ziet je scherm, maar kan niets aanklikken of typen.')).toBeVisible();
    const code = (await jan.device(deviceId)).remoteSessions.find((s) => s.sessionId === asked.sessionId)?.code;
    await expect(consent.getByText(/^Code: \d{3} \d{3} — de medewerker van hallo, noemt deze code aan de telefoon$/)).toBeVisible();
    if (typeof code === 'string') await expect(consent.getByText(`Code: ${code.replace(/^(\d{3})(\d{3})$/, '$1 $2')}`, { exact: false })).toBeVisible();
    await expect(consent.getByRole('timer', { name: 'Tijd om te antwoorden' })).toBeVisible();
    await axeClean(consent);

    await answer(consent, 'Weigeren');
    await expect(consent.getByText('Er is nu geen verzoek om hulp op afstand.')).toBeVisible();
    await expect.poll(async () => (await sessionOf(asked.sessionId))?.state).toBe('denied');
    expect((await sessionOf(asked.sessionId))?.consent).toMatchObject({ decision: 'denied', reason: 'user' });
  });

  test('a click in the first 500 ms does nothing; the ticket is named; "Ik heb hier niet om gevraagd" tells hallo, so', async ({ context }) => {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    // The click lands the moment the button is drawn, inside the guard: it is ignored, the prompt
    // stays. It is made by the page itself: Playwright's click first waits for the button to hold
    // still over animation frames, which on a loaded machine can outlast the 500 ms.
    await consent.evaluate(() => {
      const flags = window as unknown as { denyClicked?: boolean };
      const observer = new MutationObserver(() => {
        const deny = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Weigeren');
        if (!deny) return;
        deny.click();
        flags.denyClicked = true;
        observer.disconnect();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    const asked = await jan.askRemote({ deviceId, reason: REASON, ticketNumber: 4711 });
    await consent.waitForFunction(() => (window as unknown as { denyClicked?: boolean }).denyClicked === true);
    await expect(consent.getByRole('heading', { name: /Jan van hallo/ })).toBeVisible();
    expect((await sessionOf(asked.sessionId))?.state).toBe('pending');
    await expect(consent.getByText('Melding 4711')).toBeVisible();

    await answer(consent, 'Ik heb hier niet om gevraagd');
    await expect.poll(async () => (await sessionOf(asked.sessionId))?.consent).toMatchObject({ decision: 'denied', reason: 'not-requested' });
  });

  test('without an answer the request expires at the policy\'s timeout, and hallo, hears "expired"', async ({ context }) => {
    const { policy } = (await (await portal(preview.api, 'GET', '/portal/policy')).json()) as { policy: { remote: Record<string, unknown> } };
    await portal(preview.api, 'PUT', '/portal/policy', { ...policy, remote: { ...policy.remote, consentTimeoutSeconds: 10 } });
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    // The agent takes the new policy from policy.changed; a request before that would get the old timeout.
    await expect.poll(async () => {
      const asked = await jan.askRemote({ deviceId, reason: REASON });
      await expect(consent.getByRole('heading', { name: TITLE })).toBeVisible();
      const text = await consent.getByRole('timer').textContent();
      if (!/00:(0\d|10)/.test(text ?? '')) {
        await answer(consent, 'Weigeren');
        return 'old policy';
      }
      await expect(consent.getByText('Er is nu geen verzoek om hulp op afstand.')).toBeVisible({ timeout: 15_000 });
      return (await sessionOf(asked.sessionId))?.consent;
    }, { timeout: 40_000 }).toMatchObject({ decision: 'expired', reason: 'timeout' });
  });

  test('a request signed by another key never reaches the screen, and hallo, has the refusal in the device\'s audit', async ({ context }) => {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    const forged = await forgeRequest(await createSigner(), 'unknown-kid', remoteAsk({ deviceId, reason: REASON }, 'Jan'), Date.now());
    await jan.sendRequest(deviceId, forged.request);
    await expect
      .poll(async () => (await jan.device(deviceId)).remoteAudit.filter((entry) => entry.kind === 'request-refused').map((entry) => entry.params))
      .toEqual([expect.objectContaining({ reason: 'unknown-kid' })]);
    await expect(consent.getByText('Er is nu geen verzoek om hulp op afstand.')).toBeVisible();
    await expect(consent.getByRole('heading', { name: TITLE })).toHaveCount(0);
    expect((await jan.device(deviceId)).remoteSessions.find((s) => s.sessionId === forged.sessionId)).toBeUndefined();
  });

  test('control asked where no control engine exists: offered as view only, said why, and hallo, hears mode view; the bar and the popup show the session, Beëindigen in the bar ends it', async ({ context, page }) => {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    const asked = await jan.askRemote({ deviceId, reason: REASON, mode: 'control' });
    await expect(consent.getByRole('heading', { name: 'Jan van hallo, wil je computer overnemen' })).toBeVisible();
    await expect(consent.getByText('Alleen meekijken: overnemen kan op deze pc nog niet.')).toBeVisible();
    await answer(consent, 'Toestaan');
    await expect.poll(async () => (await sessionOf(asked.sessionId))?.consent).toMatchObject({ decision: 'granted', mode: 'view' });

    // The bar (a page of its own in the preview) says who watches; axe clean in light and dark.
    const bar = await context.newPage();
    await bar.goto(preview.windows['session-bar']!);
    await expect(bar.getByRole('button', { name: /beëindigen/i })).toBeVisible();
    await expect(bar.getByRole('status')).toHaveText(/^Jan van hallo, (maakt verbinding…|kijkt mee sinds \d\d:\d\d)$/);
    await axeClean(bar);

    // The popup's "Hulp op afstand" has the running session with its own Beëindigen; the bar's ends it.
    const section = page.getByRole('region', { name: 'Hulp op afstand' });
    await expect(section.getByText(/^Jan van hallo, (maakt verbinding…|kijkt mee sinds \d\d:\d\d\.)$/)).toBeVisible();
    await expect(section.getByRole('button', { name: 'Beëindigen' })).toBeVisible();
    await bar.getByRole('button', { name: /beëindigen/i }).click();
    await expect(bar.getByText('Er loopt nu geen sessie.')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Beëindigen' })).toHaveCount(0);
    await expect(section.getByText(/^Sessie met Jan van hallo, beëindigd om \d\d:\d\d, \d+ minuten?\.$/)).toBeVisible();
    await expect.poll(async () => (await sessionOf(asked.sessionId))?.ended).toMatchObject({ by: 'user' });
    await section.getByRole('button', { name: 'Oké' }).click();
    await expect(section.getByText(/^Sessie met Jan/)).toHaveCount(0);
    // The history keeps it: who, why, what was decided, who ended it.
    await section.getByText('Eerdere verzoeken').click();
    await expect(section.getByText(REASON)).toBeVisible();
    await expect(section.getByText(/Toegestaan, meekijken.*Beëindigd door jou/)).toBeVisible();
  });
});
