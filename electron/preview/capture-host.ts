import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureHost } from '../agent/ports';
import type { CaptureCommand } from '../contract';
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

interface Open {
  sessionId: string;
  page: ReturnType<WindowPages['admit']>;
  child: ChildProcess;
  exited: Promise<void>;
  profile: string;
}

export function createPreviewCaptureHost(opts: PreviewCaptureOptions): CaptureHost & { closeAll(): Promise<void> } {
  const chromium = opts.chromium ?? DEFAULT_CHROMIUM;
  const spawn = opts.spawn ?? ((file: string, args: string[]) => spawnProcess(file, args, { stdio: 'ignore' }));
  let current: Open | null = null;

  const shut = async (open: Open) => {
    if (current === open) current = null;
    open.page.send('remote.capture', { command: 'stop', sessionId: open.sessionId } satisfies CaptureCommand);
    open.page.revoke();
    open.child.kill('SIGTERM');
    const hard = setTimeout(() => open.child.kill('SIGKILL'), CAPTURE_EXIT_GRACE_MS);
    await open.exited;
    clearTimeout(hard);
    await rm(open.profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  };

  return {
    async open(sessionId) {
      if (current) await shut(current);
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
      const open: Open = { sessionId, page, child, exited, profile };
      current = open;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          page.connected,
          new Promise<never>((_, fail) => {
            child.once('error', (error) => fail(new Error(`Chromium did not start: ${error.message}`)));
            child.once('exit', (code) => fail(new Error(`Chromium ended before the capture page listened (exit ${code})`)));
            timer = setTimeout(() => fail(new Error('the capture page did not reach the bridge')), CAPTURE_OPEN_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        await shut(open);
        throw error;
      } finally {
        clearTimeout(timer);
      }
      page.onGone(() => {
        if (current === open) opts.warn('preview capture: the capture page went away', { sessionId });
      });
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
      if (current) await shut(current);
    },
  };
}
