import { chromium } from '@playwright/test';
import { deviceIdOf, portal, startPreviewProcess } from '../e2e/preview';
import { round } from './cpu';

// consentPromptMs: from the technician's request leaving the portal (just before POST
// /portal/remote-sessions, so the server's signing and the event stream are in it) until the
// consent page, already open as the shell keeps it, has the prompt on screen (its performance mark
// hallo:consent-prompt-shown, read on the wall clock as timeOrigin + startTime). The first request
// after start is timed apart (consentPromptColdMs): the agent loads jose and node:crypto then.
// The median of RUNS warm ones is the figure; each is denied once the 500 ms guard is past.

const RUNS = 5;
const MARK = 'hallo:consent-prompt-shown';

export async function consentPromptFigures(chromiumArgs: string[]): Promise<Record<string, number>> {
  const preview = await startPreviewProcess(['--language', 'nl-NL']);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext();
    const popup = await context.newPage();
    await popup.goto(preview.url);
    const deviceId = await deviceIdOf(popup);
    const consent = await context.newPage();
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      // A fresh document each run (the same URL again would only move to its fragment, keeping the mark).
      await consent.goto('about:blank');
      await consent.goto(preview.windows.consent!);
      await consent.getByText('Er is nu geen verzoek om hulp op afstand.').waitFor();
      const sentAt = Date.now();
      await portal(preview.api, 'POST', '/portal/remote-sessions', { deviceId, technician: { id: 'bench', name: 'Bench' }, reason: 'consentPromptMs', mode: 'view' });
      const shownAt = (await (
        await consent.waitForFunction((mark) => {
          const entry = performance.getEntriesByName(mark)[0];
          return entry ? performance.timeOrigin + entry.startTime : undefined;
        }, MARK, { timeout: 30_000 })
      ).jsonValue()) as number;
      times.push(shownAt - sentAt);
      process.stderr.write(`bench: consent prompt ${i === 0 ? "cold" : `warm ${i}`}: ${round(shownAt - sentAt)} ms\n`);
      await consent.waitForTimeout(600); // past the guard, so that "Weigeren" counts
      await consent.getByRole('button', { name: 'Weigeren' }).click();
      await consent.getByText('Er is nu geen verzoek om hulp op afstand.').waitFor();
    }
    const [cold, ...warm] = times;
    warm.sort((a, b) => a - b);
    return { consentPromptColdMs: round(cold!), consentPromptMs: round(warm[Math.floor(RUNS / 2)]!) };
  } finally {
    await browser.close();
    await preview.stop();
  }
}
