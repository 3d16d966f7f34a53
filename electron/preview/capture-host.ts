import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureHost } from '../agent/ports';
import type { CaptureCommand, RemoteState } from '../contract';
import type { WindowPages } from './bridge';

// The view engine's host in the preview: no desktop and no Electron, so the capture page runs in
// a headless Chromium of its own and streams its painted stand-in (renderer/src/capture/fake-source.ts).

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** A page that has not reached the bridge in this time will not: open fails (capture-failed). */
export const CAPTURE_OPEN_TIMEOUT_MS = 15_000;
/** After "stop" the page's tracks are stopped; the process gets this long to exit before it is killed hard. */
export const CAPTURE_EXIT_GRACE_MS = 1_000;

/**
 * A throwaway profile, nothing in the background, and autoplay allowed (no one is there to click).
 * WebRTC's mDNS names for host candidates are off: the technician's browser could not resolve
 * them without multicast, and the preview's candidates are this machine's own addresses anyway.
 */
export function chromiumArgs(userDataDir: string, url: string): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    `--user-data-dir=${userDataDir}`,
    url,
  ];
}

export interface PreviewCaptureOptions {
  /** The capture page's URL for a page key (`…/capture.html#key=…`); null until the preview listens. */
  pageUrl(key: string): string | null;
  pages: WindowPages;
  /** `--chromium <path>`, else HALLO_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string | undefined;
  warn(message: string, data?: Record<string, unknown>): void;
  /** Tests hand a stand-in for Chromium. */
  spawn?: (file: string, args: string[]) => ChildProcess;
}

/**
 * What the warm capture page does for the remote slice: `prepare` while a request waits for the
 * employee; `discard` once it ended without a session; else `keep`. An answer clears the request
 * before its outcome is known (the consent POST): the newest history entry says whether it is
 * still on its way to a session (`pending`, `granted`).
 */
export function warmStep(remote: Pick<RemoteState, 'request' | 'session' | 'history'>): 'prepare' | 'discard' | 'keep' {
  if (remote.request) return 'prepare';
  if (remote.session) return 'keep';
  const outcome = remote.history[0]?.outcome;
  return outcome === 'pending' || outcome === 'granted' ? 'keep' : 'discard';
}

/** A capture page in its own Chromium, listening (once `ready`), for a session or not yet. */
interface Launched {
  sessionId: string | null;
  page: ReturnType<WindowPages['admit']>;
  child: ChildProcess;
  exited: Promise<void>;
  profile: string;
  /** Resolves once the page listens; rejects when Chromium cannot start or the page never comes. */
  ready: Promise<void>;
}

export interface PreviewCaptureHost extends CaptureHost {
  /**
   * Starts a capture page before it is needed (a request is waiting for the employee's answer), so
   * that "Toestaan" does not wait for Chromium to start (about 2 s here; the app's hidden window
   * opens in a fraction of that). The page captures nothing until a session's `start`.
   */
  prepare(): void;
  /** The warmed page is not needed after all (denied, expired, withdrawn): it ends. */
  discard(): Promise<void>;
  closeAll(): Promise<void>;
}

export function createPreviewCaptureHost(opts: PreviewCaptureOptions): PreviewCaptureHost {
  const chromium = opts.chromium ?? DEFAULT_CHROMIUM;
  const spawn = opts.spawn ?? ((file: string, args: string[]) => spawnProcess(file, args, { stdio: 'ignore' }));
  let current: Launched | null = null;
  let warm: Launched | null = null;

  const shut = async (launched: Launched) => {
    if (current === launched) current = null;
    if (warm === launched) warm = null;
    if (launched.sessionId !== null) launched.page.send('remote.capture', { command: 'stop', sessionId: launched.sessionId } satisfies CaptureCommand);
    launched.page.revoke();
    launched.child.kill('SIGTERM');
    const hard = setTimeout(() => launched.child.kill('SIGKILL'), CAPTURE_EXIT_GRACE_MS);
    await launched.exited;
    clearTimeout(hard);
    await rm(launched.profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  };

  const launch = async (): Promise<Launched> => {
    try {
      accessSync(chromium, constants.X_OK);
    } catch {
      throw new Error(`no Chromium at ${chromium} to capture with (give --chromium <path> or HALLO_CHROMIUM)`);
    }
    const page = opts.pages.admit('capture');
    const url = opts.pageUrl(page.key);
    if (url === null) {
      page.revoke();
      throw new Error('the preview does not listen yet');
    }
    const profile = await mkdtemp(join(tmpdir(), 'hallo-capture-'));
    const child = spawn(chromium, chromiumArgs(profile, url));
    const exited = new Promise<void>((done) => {
      child.once('exit', () => done());
      child.once('error', () => done());
    });
    let timer: NodeJS.Timeout | undefined;
    const ready = Promise.race([
      page.connected,
      new Promise<never>((_, fail) => {
        child.once('error', (error) => fail(new Error(`Chromium did not start: ${error.message}`)));
        child.once('exit', (code) => fail(new Error(`Chromium ended before the capture page listened (exit ${code})`)));
        timer = setTimeout(() => fail(new Error('the capture page did not reach the bridge')), CAPTURE_OPEN_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    ready.catch(() => undefined); // a warm page that fails is found out by open()
    const launched: Launched = { sessionId: null, page, child, exited, profile, ready };
    page.onGone(() => {
      if (current === launched) opts.warn('preview capture: the capture page went away', { sessionId: launched.sessionId });
    });
    return launched;
  };

  let warming: Promise<void> | null = null;
  return {
    prepare() {
      if (warm || warming || current) return;
      warming = launch()
        .then((launched) => {
          warm = launched;
        })
        .catch((error: unknown) => opts.warn('preview capture: could not warm a capture page', { error: String(error) }))
        .finally(() => (warming = null));
    },
    async discard() {
      await warming;
      if (warm) await shut(warm);
    },
    async open(sessionId) {
      if (current) await shut(current);
      await warming;
      const launched = warm ?? (await launch());
      warm = null;
      launched.sessionId = sessionId;
      current = launched;
      try {
        await launched.ready;
      } catch (error) {
        await shut(launched);
        throw error;
      }
    },
    send(command) {
      if (!current || current.sessionId !== command.sessionId || !current.page.send('remote.capture', command)) {
        opts.warn('preview capture: command for a session without a capture page', { command: command.command });
      }
    },
    async close(sessionId) {
      if (current && current.sessionId === sessionId) await shut(current);
    },
    async closeAll() {
      await warming;
      if (warm) await shut(warm);
      if (current) await shut(current);
    },
  };
}
