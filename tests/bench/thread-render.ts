import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { actionNamesFor } from '../../electron/contract';
import { serveStatic } from '../../electron/preview/static';
import { sampleState } from '../unit/renderer/sample-state';
import { longThread } from '../unit/renderer/sample-thread';
import { round } from './cpu';

// threadRenderMs: the built popup in Chromium is handed a conversation of 200 messages as the
// agent hands it (one state patch), and the time to the next frame with it on screen is taken.
// The page runs on a stand-in preload (`window.hallo`, as in the app), so that only the renderer
// is timed: no agent, no network. Runs after the first (cold) one are the figure; median of them.
const MESSAGES = 200;
const RUNS = 7;

export async function threadRenderFigures(chromiumArgs: string[]): Promise<Record<string, number>> {
  const server = createServer(serveStatic(resolve('out/renderer')));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 380, height: 720 } });
    const state = sampleState();
    // As a string: tsx would wrap a function's inner names in a helper the page does not have.
    await page.addInitScript(`{
      const state = ${JSON.stringify(state)};
      const names = ${JSON.stringify(actionNamesFor('popup'))};
      const listeners = [];
      const actions = Object.fromEntries(names.map((name) => [name, async () => ({ ok: true, value: name === 'state.get' ? state : null })]));
      window.hallo = { actions, on: (event, listener) => (listeners.push(listener), () => undefined) };
      window.benchPush = (patch) => listeners.forEach((listener) => listener(patch));
    }`);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector('.headline');
    const thread = longThread(MESSAGES);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await page.evaluate(
        async ({ tickets, count }) => {
          const push = (window as unknown as { benchPush: (patch: unknown) => void }).benchPush;
          const start = performance.now();
          push({ tickets });
          // The frame after the commit: the thread is laid out and painted.
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          const elapsed = performance.now() - start;
          const shown = document.querySelectorAll('.thread-entry').length;
          if (shown !== count) throw new Error(`${shown} of ${count} messages on screen`);
          push({ tickets: { ...tickets, thread: null } });
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
          return elapsed;
        },
        { tickets: { ...state.tickets, thread }, count: MESSAGES },
      );
      times.push(ms);
    }
    const cold = times[0]!;
    const warm = times.slice(1).sort((a, b) => a - b);
    return { threadRenderMs: round(warm[Math.floor(warm.length / 2)]!), threadRenderColdMs: round(cold), threadRenderMessages: MESSAGES };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
