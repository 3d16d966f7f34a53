import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';

export interface RunningPreview {
  url: string;
  /** Each window's page (READY's `windows`): `popup`, `restart`. */
  windows: Record<string, string>;
  api: { url: string; portalToken: string; enrollmentCode: string };
  /** The preview's process (the agent, with the bundled reference API): for the bench's CPU figures. */
  pid: number;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  /** Runs on the fresh data dir before the agent starts, e.g. to make the outbox unwritable. */
  prepare?: (dataDir: string) => Promise<void>;
  /** More environment for the agent, e.g. HALLO_ENROLLMENT_CODE with `--api`. */
  env?: Record<string, string>;
}

const STOP_GRACE_MS = 30_000;

/** Starts `electron/preview/main.ts` as its own process (the way `npm run preview` does) and waits for READY. */
export async function startPreviewProcess(args: string[] = [], options: PreviewOptions = {}): Promise<RunningPreview> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-e2e-'));
  await options.prepare?.(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/preview/main.ts', '--port', '0', '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HALLO_API_URL: '', ...options.env } },
  );
  const ready = await new Promise<{ url: string; windows: RunningPreview['windows']; api: RunningPreview['api'] }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('preview did not print READY within 60 s')), 60_000);
    lines.on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)));
    });
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}`)));
  });
  return {
    ...ready,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        // The preview says on stderr which step of closing hangs; the next test must not wait for it.
        const hard = setTimeout(() => {
          console.error(`preview (pid ${child.pid}) had not exited ${STOP_GRACE_MS / 1000} s after SIGTERM: killed`);
          child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        await exited;
        clearTimeout(hard);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls a portal endpoint of the reference API, as a hallo, technician's tools would. */
export async function portal(api: RunningPreview['api'], method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(api.url + path, {
    method,
    headers: { authorization: `Bearer ${api.portalToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The tickets that reached the reference API, as a technician sees them in the portal. */
export async function portalTickets(api: RunningPreview['api']): Promise<PortalTicket[]> {
  return (await (await portal(api, 'GET', '/portal/tickets')).json()) as PortalTicket[];
}

export interface PortalTicket {
  ticketId: string;
  number: number;
  subject: string;
  description: string;
  category: string;
  urgency: string;
  status: string;
  contact?: { name: string; email?: string; phone?: string };
  diagnostics?: Record<string, unknown>;
  attachments: { name: string; contentType: string; bytes: number }[];
}

export interface RunningApi {
  url: string;
  portalToken: string;
  enrollmentCode: string;
  /** Off the network (the port refuses connections); all data kept. */
  stop(): Promise<void>;
  /** Listening again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `npm run reference-api -- --control` as its own process: an API that can really go down and come back. */
export async function startApiProcess(): Promise<RunningApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/reference-api/main.ts', '--port', '0', '--control'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reference API did not print ${prefix} within 30 s`)), 30_000);
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        clearTimeout(timer);
        lines.off('line', onLine);
        resolve(line);
      };
      lines.on('line', onLine);
    });
  const ready = JSON.parse((await next('READY ')).slice(6)) as { url: string; portalToken: string; enrollmentCode: string };
  const command = async (word: 'stop' | 'start', answer: string) => {
    const done = next(answer);
    child.stdin!.write(`${word}\n`);
    await done;
  };
  return {
    ...ready,
    stop: () => command('stop', 'STOPPED'),
    start: () => command('start', 'STARTED'),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}


/** An API that can really go down (`startApiProcess`) and a preview whose agent uses it, as `npm run preview -- --api URL`. */
export async function startPreviewOnApiProcess(): Promise<{ api: RunningApi; preview: RunningPreview; close(): Promise<void> }> {
  const api = await startApiProcess();
  const preview = await startPreviewProcess(['--language', 'nl-NL', '--api', api.url], { env: { HALLO_ENROLLMENT_CODE: api.enrollmentCode } }).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  return {
    api,
    preview,
    async close() {
      await preview.stop();
      await api.close();
    },
  };
}

/** This PC's device id, as an admin reads it in the popup's admin view (the page is the popup). */
export async function deviceIdOf(page: Page): Promise<string> {
  await page.getByRole('button', { name: catalogs.nl.footer.admin }).click();
  const deviceId = (await page.getByText(/^dev_/).first().textContent())!.trim();
  await page.getByRole('button', { name: catalogs.nl.admin.back }).click();
  return deviceId;
}

/** The reference server's technician console for a session, the portal token in its fragment. */
export function consoleUrl(api: RunningPreview['api'], sessionId: string): string {
  return `${new URL(api.url).origin}/portal/console/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(api.portalToken)}`;
}
