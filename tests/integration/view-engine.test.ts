import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright, type Browser } from '@playwright/test';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureSignal } from '../../electron/contract';
import { attachBridge, createWindowPages } from '../../electron/preview/bridge';
import { createPreviewCaptureHost } from '../../electron/preview/capture-host';
import { serveStatic } from '../../electron/preview/static';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, openEvents, type EventStream } from '../reference-api/testing';
import { fakeAgent } from '../doubles/fake-agent';
import { until } from './fixtures/until';

// The view engine on its own, as the agent uses it: the preview's capture host starts the capture
// page (bundled here from renderer/src/capture, as the build would) in a headless Chromium of its
// own, and the page streams to the technician's
// console through the reference server's relay. The agent's part (relaying signals, reporting
// the session) is played here by a few lines, so that the engine's contract is held whatever the
// session logic does; the whole journey with the real agent is remote-session.spec.ts.

interface Relay {
  statuses: string[];
  /** The agent reports the session's end (by the user) once the capture has stopped. */
  end(): Promise<unknown>;
  close(): Promise<void>;
  capture: ReturnType<typeof createPreviewCaptureHost>;
  sessionId: string;
  consoleUrl: string;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The capture page as the build makes it: its script in a file of its own, no inline script (the app's CSP). */
async function capturePage(dir: string): Promise<string> {
  await build({ entryPoints: ['renderer/src/capture/main.ts'], bundle: true, format: 'esm', outfile: join(dir, 'capture.js'), logLevel: 'silent' });
  await writeFile(join(dir, 'capture.html'), '<!doctype html><html><head><script type="module" src="./capture.js"></script></head><body></body></html>');
  return dir;
}

async function relay(api: ReferenceApi, rendererDir: string): Promise<Relay> {
  const { deviceToken, deviceId } = await enrol(api.url, api.enrollmentCode);
  const technician = { id: 'tech-jan', name: 'Jan' };
  const asked = await call<{ sessionId: string }>(api.url, 'POST', '/portal/remote-sessions', { token: api.portalToken, body: { deviceId, technician, reason: 'Outlook', mode: 'view' } });
  const { sessionId } = asked.body;
  const device = (method: string, path: string, body: unknown) => call(api.url, method, path, { token: deviceToken, body });
  const granted = await device('POST', `/remote-sessions/${sessionId}/consent`, { decision: 'granted', mode: 'view', decidedAt: new Date().toISOString() });
  const { connection } = granted.body as { connection: { iceServers?: { urls: string | string[] }[] } };

  // The agent's side: the capture page's signals go to the API; the technician's come back on the event stream.
  const statuses: string[] = [];
  const fake = fakeAgent();
  fake.agent.invoke = (async (name: string, request: { sessionId: string; signal?: CaptureSignal; status?: string }) => {
    if (name === 'remote.captureSignal') await device('POST', `/remote-sessions/${request.sessionId}/signal`, request.signal);
    if (name === 'remote.captureStatus') {
      statuses.push(request.status!);
      if (request.status === 'first-frame') await device('POST', `/remote-sessions/${sessionId}/events`, { type: 'started', by: 'user', at: new Date().toISOString() });
    }
    return undefined;
  }) as never;
  const pages = createWindowPages();
  const server: Server = createServer(serveStatic(rendererDir));
  attachBridge(server, fake.agent, { 'popup.hide': () => undefined, 'remote.showTicket': () => undefined, 'support.openPortal': () => ({ openInPage: null }), 'links.open': () => ({ openInPage: null }) }, 'unused-run-key', pages);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const capture = createPreviewCaptureHost({ pageUrl: (key) => `${base}capture.html#key=${key}`, pages, warn: () => undefined });
  const events: EventStream = await openEvents(api.url, deviceToken);
  void (async () => {
    for (;;) {
      const event = await events.next('remote-session.signal').catch(() => null);
      if (!event) return;
      capture.send({ command: 'signal', sessionId, signal: (JSON.parse(event.data) as { signal: CaptureSignal }).signal });
    }
  })();
  await capture.open(sessionId);
  capture.send({ command: 'start', sessionId, iceServers: connection.iceServers ?? [] });
  return {
    statuses,
    capture,
    sessionId,
    consoleUrl: api.consoleUrl(sessionId),
    end: () => device('POST', `/remote-sessions/${sessionId}/events`, { type: 'ended', by: 'user', at: new Date().toISOString(), reason: 'ended' }),
    async close() {
      await capture.closeAll();
      events.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

describe.runIf(existsSync(chromium))('the view engine, capture page to technician console', () => {
  let dir: string;
  let api: ReferenceApi;
  let browser: Browser;
  beforeAll(async () => {
    dir = await capturePage(await mkdtemp(join(tmpdir(), 'hallo-view-engine-')));
    api = await startReferenceApi({ port: 0 });
    browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the painted screen to the technician, drops the technician’s input, and stops on close', async () => {
    const engine = await relay(api, dir);
    const page = await browser.newPage();
    try {
      await page.goto(engine.consoleUrl);
      const frames = async () => Number(await page.locator('#screen').getAttribute('data-frames'));
      const state = () => page.locator('#state').textContent();
      await until('Live in the console', async () => (await state()) === 'Live');
      const seen = await frames();
      await until('frames to keep coming', async () => (await frames()) > seen + 10); // moving
      expect(engine.statuses.slice(0, 3)).toEqual(['capturing', 'connected', 'first-frame']);

      await page.getByRole('button', { name: 'Klik' }).click();
      await until('the click dropped', () => engine.statuses.at(-1) === 'input-dropped');

      await engine.capture.close(engine.sessionId);
      await engine.end();
      await until('the end in the console', async () => /^Beëindigd door de gebruiker om \d\d:\d\d$/.test((await state()) ?? ''));
      expect(await frames()).toBe(0);
    } finally {
      await page.close();
      await engine.close();
    }
  });
});
