import { join } from 'node:path';
import { app, desktopCapturer, net, powerMonitor, safeStorage, screen, type BrowserWindow } from 'electron';
import type { AdminPorts, AgentPorts, AppUpdater, CaptureHost, RemotePorts, ScreenCapture, Screenshot, SecretStorage, SecretStore } from '../agent/ports';
import { managedConfigSources } from '../agent/config/managed-path';
import { createOsRestart } from '../agent/platform/restart';
import { createFileSecretStore } from '../agent/secrets-file';

/** The agent's ports, backed by Electron. Call after the app is ready. */
export function createElectronPorts(opts: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Our popup, kept out of screenshots (it exists only after the agent is made). */
  ownWindow?: () => OwnWindow | null;
  /** The view engine's hidden capture window (windows/capture.ts). */
  capture?: CaptureHost;
  /** electron-updater behind updater.ts; absent where the app cannot update itself (index.ts decides). */
  updater?: AppUpdater | undefined;
  /** The save dialog (save-target.ts) and printToPDF (pdf.ts) for exports and reports. */
  admin?: AdminPorts;
}): AgentPorts {
  const dataDir = app.getPath('userData');
  return {
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    // net.fetch: the system proxy and the OS certificate store, as IT departments configure them.
    http: { fetch: (url, init) => net.fetch(url, init) },
    secrets: electronSecrets(join(dataDir, 'secrets')),
    idle: { idleSeconds: () => powerMonitor.getSystemIdleTime(), locked: () => powerMonitor.getSystemIdleState(60) === 'locked' },
    screen: primaryScreenCapture({ ownWindow: opts.ownWindow }),
    paths: { dataDir, configFiles: managedConfigSources(opts.platform, opts.env) },
    // The computer's own restart; busy is not known yet (ports.ts: notBusy until the PowerShell host asks).
    updates: {
      restart: createOsRestart({ platform: opts.platform, env: opts.env }),
      onResume(listener) {
        powerMonitor.on('resume', listener);
        return () => powerMonitor.off('resume', listener);
      },
    },
    remote: electronRemote(opts.capture),
    ...(opts.updater ? { updater: opts.updater } : {}),
    ...(opts.admin ? { admin: opts.admin } : {}),
  };
}

/**
 * The remote capability's ports: the view engine's capture host; whether this desktop session is
 * the one in front (macOS fast user switching says when it is not; elsewhere the agent runs in
 * the user's session, so someone is there; a locked screen is `idle.locked`); no control engine
 * yet, so a control request is offered as view.
 */
export function electronRemote(capture: CaptureHost | undefined): RemotePorts {
  let active = true;
  powerMonitor.on('user-did-resign-active', () => (active = false));
  powerMonitor.on('user-did-become-active', () => (active = true));
  return { ...(capture ? { capture } : {}), userPresent: () => active, controlEngine: false };
}

/**
 * safeStorage (DPAPI, Keychain, libsecret) seals each secret into a 0600 file. A Linux desktop
 * without a keyring has no encryption: the secret is then kept as the 0600 file alone (what
 * ARCHITECTURE.md allows), and the admin view says so. A leading marker byte says which form a
 * file holds.
 */
const SEALED = 0x53; // 'S'
const PLAIN = 0x50; // 'P'
export function electronSecrets(dir: string, platform: NodeJS.Platform = process.platform): SecretStore {
  const storage = (): SecretStorage => (osEncrypts(platform) ? 'encrypted' : 'file');
  return createFileSecretStore(dir, {
    get storage() {
      return storage();
    },
    seal: (plain) =>
      storage() === 'encrypted'
        ? Buffer.concat([Buffer.of(SEALED), safeStorage.encryptString(plain)])
        : Buffer.concat([Buffer.of(PLAIN), Buffer.from(plain, 'utf8')]),
    open: (stored) => {
      const body = Buffer.from(stored.subarray(1));
      if (stored[0] === SEALED) return safeStorage.decryptString(body);
      if (stored[0] === PLAIN) return body.toString('utf8');
      throw new Error('secret file in an unknown format');
    },
  });
}

/**
 * Whether safeStorage really encrypts. On Linux without a keyring Chromium falls back to
 * `basic_text`: "encryption" with a password hard-coded in Chromium, available and worthless, so
 * it counts as none.
 */
function osEncrypts(platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export type OwnWindow = Pick<BrowserWindow, 'isVisible' | 'isDestroyed' | 'hide' | 'show' | 'focus'>;

// After hide() the compositor may still show the window for a frame or two (fade-out animations);
// 120 ms is a generous margin for that and too short for the employee to notice.
export const HIDE_SETTLE_MS = 120;

/**
 * A full-size PNG of the primary display, or null where capture is refused or fails. The picture
 * is of the employee's screen, not of us: a visible popup (its own "Meld een probleem" button) is
 * hidden for the capture and shown again afterwards.
 */
export function primaryScreenCapture(opts: { ownWindow?: (() => OwnWindow | null) | undefined } = {}): ScreenCapture {
  return {
    async capture() {
      const own = opts.ownWindow?.() ?? null;
      const hideOwn = own !== null && !own.isDestroyed() && own.isVisible();
      try {
        if (hideOwn) {
          own.hide();
          await new Promise((settled) => setTimeout(settled, HIDE_SETTLE_MS));
        }
        return await captureScreen();
      } finally {
        if (hideOwn && !own.isDestroyed()) {
          own.show();
          own.focus();
        }
      }
    },
  };
}

async function captureScreen(): Promise<Screenshot | null> {
  try {
    const display = screen.getPrimaryDisplay();
    const thumbnailSize = {
      width: Math.round(display.size.width * display.scaleFactor),
      height: Math.round(display.size.height * display.scaleFactor),
    };
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize });
    const source = sources.find((s) => s.display_id === String(display.id)) ?? sources[0];
    if (!source || source.thumbnail.isEmpty()) return null;
    const { width, height } = source.thumbnail.getSize();
    return { png: new Uint8Array(source.thumbnail.toPNG()), width, height };
  } catch {
    return null;
  }
}
