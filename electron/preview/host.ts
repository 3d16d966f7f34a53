import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAgent } from '../agent/agent';
import { ensurePrivateDir } from '../agent/platform/private-dir';
import type { ShellHandlers } from '../agent/door';
import { brandLinkToOpen, portalToOpen } from '../agent/platform/links';
import { openRequestTicket } from '../agent/remote/request-ticket';
import { WINDOW_NAMES, type WindowName } from '../contract';
import type { ScreenCapture } from '../agent/ports';
import { startReferenceApi, type Policy, type ReferenceApi } from '../../tests/reference-api/server';
import { attachBridge, BRIDGE_KEY_PARAM, windowKey, createWindowPages } from './bridge';
import { createPreviewCaptureHost, warmStep } from './capture-host';
import { createNodePorts } from './node-ports';
import { createFeedUpdater } from './feed-updater';
import { createRelaunchingAgent, type RelaunchingAgent } from './relaunch';
import { simulatedProvider, simulatedRestartPort, writeSimulatedReasons } from './simulated-restart';
import type { RestartReasonCode } from '../contract/updates';
import { providerForThisMachine } from '../agent/updates/provider';
import { windowsChecksFromDocument } from '../agent/checks/sources/windows';
import type { CheckName, ChecksSource } from '../agent/checks/types';
import { createPreviewScreenCapture } from './screen-capture';
import { createPreviewPdfRenderer } from './pdf-renderer';
import { serveStatic } from './static';
import { createPreviewDownloads } from './downloads';

export interface PreviewOptions {
  port: number;
  host: string;
  apiUrl?: string | undefined;
  dataDir: string;
  rendererDir: string;
  systemLanguages: string[];
  configFiles: string[];
  appVersion: string;
  /** Simulates a pending restart with this reason until the simulated restart clears it. */
  pendingRestart?: RestartReasonCode | undefined;
  /** The Chromium that runs the capture page of a remote session and prints reports to PDF (default /usr/bin/chromium). */
  chromium?: string | undefined;
  /** Sections that replace the bundled reference API's demo policy (checked by it against openapi.json). */
  policy?: Partial<Policy> | undefined;
  /** A recorded Windows checks document (the JSON the checks script prints): the checks source instead of this machine's. */
  checksDocument?: unknown;
}

/** A Windows PC's protection on any machine: each round reads the recorded document again, only the checks asked. */
function recordedChecksSource(doc: unknown, now: () => number): ChecksSource {
  return {
    async read(which) {
      const reading = windowsChecksFromDocument(doc, now(), new Date(now()).toISOString(), 0);
      const findings = Object.fromEntries(Object.entries(reading.findings).filter(([name]) => which.has(name as CheckName)));
      return { findings, probes: reading.probes };
    },
  };
}

export interface Preview {
  /** The page, with this run's bridge key in its fragment: whoever has this URL can drive the agent. */
  url: string;
  /**
   * The page of each window (the popup at the root); the READY line lists them. The capture page
   * is listed without a key: the host opens it itself, with a key of its own per session.
   */
  windows: Record<WindowName, string>;
  /** The agent; `relaunch()` stops it and starts it again on the same data folder (a quit and a start). */
  agent: RelaunchingAgent;
  /** The agent's ScreenCapture port: a picture of this preview's page. */
  screen: ScreenCapture;
  api: { url: string; portalToken: string | null; enrollmentCode: string | null };
  close(): Promise<void>;
}

/**
 * The real agent on this machine, its UI served to a browser, the contract over a WebSocket.
 * Without an API URL it brings the reference API along, and the UI says "Demo".
 */
export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  ensurePrivateDir(opts.dataDir); // throws on a planted folder: the preview does not start
  if (opts.pendingRestart) await writeSimulatedReasons(opts.dataDir, [opts.pendingRestart]);
  let reference: ReferenceApi | null = null;
  // The demo device starts with some of hallo,'s upkeep, so that "Onderhoud" shows hallo,'s part too.
  if (!opts.apiUrl) reference = await startReferenceApi({ port: 0, host: '127.0.0.1', policy: opts.policy, demoMaintenance: true });

  let captureUrl: string | null = null;
  const screen = createPreviewScreenCapture({
    url: () => captureUrl,
    warn: (msg, data) => agent.log.warn(msg, data),
  });
  const nodePorts = createNodePorts({ dataDir: opts.dataDir, configFiles: opts.configFiles, screen });
  // This machine's real updates; a restart restarts the agent, not the machine (simulated-restart.ts).
  const provider = simulatedProvider(await providerForThisMachine({ clock: nodePorts.clock }), opts.dataDir);
  const restart = simulatedRestartPort({ dataDir: opts.dataDir, relaunch: () => agent.relaunch(), log: (msg, data) => agent.log.info(msg, data) });
  // The view engine: each granted session's capture page in a headless Chromium of its own.
  const pages = createWindowPages();
  let pageBase: string | null = null;
  const capture = createPreviewCaptureHost({
    pageUrl: (pageKey) => (pageBase === null ? null : `${pageBase}capture.html#${BRIDGE_KEY_PARAM}=${pageKey}`),
    pages,
    chromium: opts.chromium,
    warn: (msg, data) => agent.log.warn(msg, data),
  });
  // Someone is always at the preview's "desktop"; no control engine, so control is offered as view.
  const remote = { capture, userPresent: () => true, controlEngine: false };
  const checks = opts.checksDocument === undefined ? undefined : { source: recordedChecksSource(opts.checksDocument, () => nodePorts.clock.now()) };
  // Exports and reports leave as downloads from this page server (downloads.ts).
  const downloads = createPreviewDownloads(() => nodePorts.clock.now());
  // Reports are printed to PDF by a headless Chromium, as the screen capture takes its pictures.
  const pdf = createPreviewPdfRenderer({ executablePath: opts.chromium });
  const admin = { save: downloads.target, pdf };
  // Self-update reads the bundled reference server's feed (managed configuration's updateFeedUrl, as
  // a site's mirror would be set); "installing" restarts the agent as the new version.
  let appVersion = opts.appVersion;
  const updater = createFeedUpdater({
    http: nodePorts.http,
    clock: nodePorts.clock,
    dataDir: opts.dataDir,
    platform: process.platform,
    arch: process.arch,
    install(version) {
      agent.log.info('simulated install: the agent starts again as the new version', { from: appVersion, to: version });
      appVersion = version;
      setImmediate(() => void agent.relaunch());
    },
  });
  const ports = { ...nodePorts, updates: { restart, provider }, remote, admin, updater, ...(checks ? { checks } : {}) };
  const feedEnv = reference ? { HALLO_UPDATE_FEED_URL: reference.updatesUrl } : {};
  const agent = createRelaunchingAgent(() => {
    // A relaunch is the agent quitting and starting again: a ready update set to install at quit
    // is "installed" then, as electron-updater's autoInstallOnAppQuit would.
    const installed = updater.takeInstalledAtQuit();
    if (installed) appVersion = installed;
    return createAgent(ports, {
      appVersion,
      systemLanguages: opts.systemLanguages,
      env: opts.apiUrl ? { ...process.env, HALLO_API_URL: opts.apiUrl } : { ...filterHallo(process.env), ...feedEnv },
      demo: reference ? { apiUrl: reference.url, enrollmentCode: reference.enrollmentCode } : undefined,
      // With a simulated pending restart the page shows it at once; otherwise the check waits as in
      // the app, so that apt's seconds of CPU do not fall on the first minutes (a report's diagnostics).
      updates: opts.pendingRestart ? { firstCheckDelayMs: 0 } : undefined,
      // The protection checks at once: the page shows them without waiting the app's 30 s.
      checks: { firstCheckDelayMs: 0 },
    });
  });

  // While a request waits for the employee, a capture page is started ahead (capture-host.ts: the
  // preview's Chromium takes seconds to start); it ends when the request ends without a session.
  agent.subscribe(({ remote }) => {
    const step = remote ? warmStep(remote) : 'keep';
    if (step === 'prepare') capture.prepare();
    if (step === 'discard') void capture.discard();
  });

  // The browser has no popup to hide and no shell to open links with: the page opens the portal
  // itself, once the same allow-list as the app's shell has passed it.
  const shell: ShellHandlers = {
    'popup.hide': () => undefined,
    // The popup page (another tab) shows the thread the agent opened.
    'remote.showTicket': async () => void (await openRequestTicket(agent)),
    'support.openPortal': () => ({ openInPage: portalToOpen(agent.state().support.portalUrl) }),
    'links.open': ({ id }) => ({ openInPage: brandLinkToOpen(agent.state().branding.links, id) }),
  };

  // 256 bits per run; it travels only in the URL fragment (never sent to a server) and from the page
  // to /bridge, so a local process that merely connects, or another web page, never learns it.
  const key = randomBytes(32).toString('base64url');
  const statics = serveStatic(resolve(opts.rendererDir));
  const server = createServer((req, res) => void (downloads.serve(req, res) || statics(req, res)));
  // Every socket, upgraded ones too (the server stops tracking those), so that closing can cut them.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const wss = attachBridge(server, agent, shell, key, pages);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, done);
  });
  const { port } = server.address() as AddressInfo;
  const fragment = `#${BRIDGE_KEY_PARAM}=${key}`;
  const url = `http://${opts.host}:${port}/${fragment}`;
  // The bridge admits loopback pages only: a preview listening on all interfaces is shot via 127.0.0.1.
  captureUrl = opts.host === '0.0.0.0' || opts.host === '::' ? `http://127.0.0.1:${port}/${fragment}` : url;
  pageBase = new URL('/', captureUrl).toString();
  await agent.start();

  return {
    url,
    // Each window's page carries the same key; the popup is the root page.
    windows: Object.fromEntries(
      // Each page on its window's own key (bridge.ts windowKey): it can act only as that window.
      WINDOW_NAMES.map((name) => [
        name,
        `http://${opts.host}:${port}/${name === 'popup' ? '' : `${name}.html`}${name === 'capture' ? '' : `#${BRIDGE_KEY_PARAM}=${windowKey(key, name)}`}`,
      ]),
    ) as Record<WindowName, string>,
    agent,
    screen,
    api: {
      url: reference?.url ?? opts.apiUrl ?? '',
      portalToken: reference?.portalToken ?? null,
      enrollmentCode: reference?.enrollmentCode ?? null,
    },
    async close() {
      const since = agent.log.recent().length;
      await closeStep('the agent', () => agent.stop());
      // The agent's own words on a capability that did not stop: the log file goes with the data folder.
      for (const entry of agent.log.recent().slice(since)) if (entry.level === 'error') console.error(`preview: ${entry.msg} ${JSON.stringify(entry.data ?? {})}`);
      await closeStep('the capture pages', () => capture.closeAll());
      await closeStep('the screen capture', () => screen.close());
      await closeStep('the PDF printer', () => pdf.close());
      for (const client of wss.clients) client.terminate();
      // close() waits for every connection to end: one mid-request, or a page's bridge that
      // reconnected after the terminate above, kept it waiting (the step that hung in CI and in a
      // full run here). Once it stops listening, every socket it still has is cut.
      await closeStep('the page server', () =>
        new Promise<void>((done) => {
          server.close(() => done());
          for (const socket of sockets) socket.destroy();
        }),
      );
      await closeStep('the reference API', async () => reference?.close());
    },
  };
}

/** Ctrl-C must end the preview: a step of closing that hangs is said on stderr and left behind. */
const CLOSE_STEP_MS = 10_000;
async function closeStep(what: string, run: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), CLOSE_STEP_MS)));
  const outcome = await Promise.race([run().then(() => 'done' as const, (error: unknown) => (console.error(`preview: closing ${what} failed: ${String(error)}`), 'done' as const)), late]);
  clearTimeout(timer);
  if (outcome === 'late') console.error(`preview: closing ${what} did not finish within ${CLOSE_STEP_MS / 1000} s; going on without it`);
}

// With the bundled API, a stray HALLO_API_URL in the shell must not send the demo elsewhere.
function filterHallo(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'HALLO_API_URL' && key !== 'HALLO_ENROLLMENT_CODE'));
}
