import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { consoleUrl, deviceIdOf, portal, startPreviewProcess, type RunningPreview } from './preview';

// Remote support as the employee and the technician meet it, through `npm run preview`: the
// technician asks in the portal and opens the console; the consent page says who, why, which
// ticket and what, in Dutch; the employee allows; the console shows the employee's (painted)
// screen moving; the employee ends it in the session bar and the console's stream stops; the
// API has granted, started, ended by the user. Also: the technician's click is dropped and
// audited, and a technician's browser that vanishes ends the session, and the employee is told.

const TECHNICIAN = { id: 'tech-jan', name: 'Jan' };
const REASON = 'Outlook start niet op';

interface DeviceView {
  remoteSessions: { sessionId: string; state: string; consent: { decision: string; mode: string } | null; startedAt: string | null; ended: { by: string; reason?: string } | null }[];
  remoteAudit: { kind: string; sessionId: string | null }[];
}

async function deviceView(preview: RunningPreview, deviceId: string): Promise<DeviceView> {
  return (await (await portal(preview.api, 'GET', `/portal/devices/${deviceId}`)).json()) as DeviceView;
}

/** The technician's console, in a browser of its own (another person's, on another machine). */
async function openConsole(browser: Browser, preview: RunningPreview, sessionId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(consoleUrl(preview.api, sessionId));
  const frames = async () => Number(await page.locator('#screen').getAttribute('data-frames'));
  return { context, page, state: page.locator('#state'), frames };
}

/** The employee allows the request in the consent page (its buttons take no clicks in the first 500 ms). */
async function allow(consent: Page) {
  const button = consent.getByRole('button', { name: 'Toestaan' });
  await expect(button).toBeEnabled();
  await expect(async () => {
    if (await button.isVisible()) await button.click();
    await expect(button).toBeHidden({ timeout: 1_000 });
  }).toPass();
}

test.describe('remote support with the view engine', () => {
  // A preview, the capture page's Chromium and the technician's browser at once, on two busy cores.
  test.setTimeout(120_000);
  let preview: RunningPreview;
  let deviceId: string;
  test.beforeEach(async ({ page }) => {
    preview = await startPreviewProcess(['--language', 'nl-NL']);
    await page.goto(preview.url);
    deviceId = await deviceIdOf(page);
  });
  test.afterEach(async () => {
    await preview?.stop();
  });

  async function ask(): Promise<string> {
    const asked = await portal(preview.api, 'POST', '/portal/remote-sessions', { deviceId, technician: TECHNICIAN, reason: REASON, mode: 'view' });
    return ((await asked.json()) as { sessionId: string }).sessionId;
  }

  test('the technician sees the screen move until the employee ends it in the bar', async ({ page, browser, context }) => {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    const sessionId = await ask();
    const technician = await openConsole(browser, preview, sessionId);
    await expect(technician.state).toHaveText('Wacht op toestemming');

    await expect(consent.getByRole('heading', { name: 'Jan van hallo, wil meekijken op je scherm' })).toBeVisible();
    await expect(consent.getByText(REASON)).toBeVisible();
    await expect(consent.getByText('Meekijken: Jan ziet je scherm, maar kan niets aanklikken of typen.')).toBeVisible();
    await allow(consent);

    // Moving video: frames keep being decoded.
    await expect(technician.state).toHaveText('Live');
    const before = await technician.frames();
    await expect.poll(technician.frames).toBeGreaterThan(before + 10);
    const bar = await context.newPage();
    await bar.goto(preview.windows['session-bar']!);
    await expect(bar.getByText(/^Jan van hallo, kijkt mee sinds \d\d:\d\d$/)).toBeVisible();
    const end = bar.getByRole('button', { name: 'Sessie met Jan van hallo, beëindigen' });
    await expect(end).toHaveText('Beëindigen');
    await end.click();

    await expect(technician.state).toHaveAttribute('data-state', 'ended');
    await expect(technician.state).toHaveText(/^Beëindigd door de gebruiker om \d\d:\d\d$/);
    expect(await technician.frames()).toBe(0); // the stream is gone from the console
    const session = (await deviceView(preview, deviceId)).remoteSessions.find((s) => s.sessionId === sessionId)!;
    expect(session).toMatchObject({ state: 'ended', consent: { decision: 'granted', mode: 'view' }, ended: { by: 'user', reason: 'ended' } });
    expect(session.startedAt).not.toBeNull();
    await expect(page.getByText(/^Sessie met Jan van hallo, beëindigd om \d\d:\d\d/)).toBeVisible();
    await technician.context.close();
  });

  /** A session the employee allowed and the technician watches. */
  async function live(browser: Browser, context: BrowserContext) {
    const consent = await context.newPage();
    await consent.goto(preview.windows.consent!);
    const sessionId = await ask();
    const technician = await openConsole(browser, preview, sessionId);
    await allow(consent);
    await expect(technician.state).toHaveText('Live');
    return { sessionId, technician };
  }

  test("the technician's click does nothing on the PC, and the audit says so", async ({ browser, context }) => {
    const { sessionId, technician } = await live(browser, context);
    await technician.page.getByRole('button', { name: 'Klik' }).click();
    await expect.poll(async () => (await deviceView(preview, deviceId)).remoteAudit.filter((e) => e.kind === 'input-dropped' && e.sessionId === sessionId).length).toBeGreaterThan(0);
    await expect(technician.state).toHaveText('Live'); // dropped, not ended

    // The technician ends it in the console.
    await technician.page.getByRole('button', { name: 'Beëindigen' }).click();
    await expect(technician.state).toHaveText(/^Beëindigd door de technicus om \d\d:\d\d$/);
    await technician.context.close();
  });

  test("a technician's browser that vanishes ends the session, and the employee is told", async ({ page, browser, context }) => {
    const { sessionId, technician } = await live(browser, context);
    await technician.context.close(); // the technician's browser is gone, without a word

    await expect
      .poll(async () => (await deviceView(preview, deviceId)).remoteSessions.find((s) => s.sessionId === sessionId)?.ended ?? null, { timeout: 60_000 })
      .toMatchObject({ by: 'agent', reason: 'connection-lost' });
    await expect(page.getByText('De verbinding met hallo, viel weg.')).toBeVisible();
  });
});
