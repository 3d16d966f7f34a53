import type { CaptureCommand, SaveOutcome, SelfUpdateChannel } from '../contract';
import type { RestartPort } from './platform/restart';
import type { UpdatesProvider } from './updates/types';
import type { ChecksSource } from './checks/types';

// The agent reaches the outside world only through these. The shell hands it Electron-backed
// ones, the preview and the tests hand it Node-backed ones or fakes.

export interface Clock {
  now(): number; // epoch ms
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * `fetch` semantics, of which the agent uses this much: in the app Electron's net.fetch (system
 * proxy, OS certificate store); in the preview and the bench node:http (preview/node-http.ts),
 * since fetch and its Request, Response and Headers load undici, about 4 MB the idle agent
 * would carry for good. A failed connection rejects as fetch does (the reason in `error.cause`).
 */
export interface HttpTransport {
  fetch(url: string, init: HttpRequest): Promise<HttpResponse>;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
  /** The API does not redirect; following one would carry the token elsewhere. */
  redirect: 'manual';
}

/** What the agent reads of an answer; a fetch Response is one. */
export interface HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as a stream (GET /events), read instead of text(). */
  readonly body: ByteStream | null;
}

/**
 * A body read as it arrives; a web ReadableStream is one. The preview's is made on the socket
 * itself: Node's web streams are about 2 MB more to keep.
 */
export interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>; cancel(reason?: unknown): Promise<void> };
  cancel(reason?: unknown): Promise<void>;
}

/** Small secrets (the device token). In the app: safeStorage; elsewhere a 0600 file. */
export interface SecretStore {
  /**
   * `encrypted`: sealed by the OS (DPAPI, Keychain, a Linux keyring); `file`: the 0600 file alone,
   * readable by this user and root. Shown to admins. Absent means `file`.
   */
  readonly storage?: SecretStorage;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export type SecretStorage = 'encrypted' | 'file';

/** How long the user has been idle; used to time restarts and heavy work. */
export interface IdleSource {
  idleSeconds(): number;
  /** The screen is locked (powerMonitor's idle state); absent: never known to be locked. */
  locked?(): boolean;
}

/**
 * Whether the user is presenting, in a call, in a full-screen app or has do-not-disturb on: a
 * due restart prompt waits (capped) while they are. The updates capability makes this machine's
 * own (updates/busy/source.ts: the PowerShell host on Windows, pmset on macOS, none on Linux)
 * unless the ports hand one (`notBusy` in tests that want no look at the machine).
 */
export interface BusySource {
  busy(): Promise<boolean>;
}
export const notBusy: BusySource = { busy: async () => false };

/** What the updates capability needs beyond the common ports. */
export interface UpdatesPorts {
  /** Restarts the computer (platform/restart.ts); the preview and the tests restart the agent instead. */
  restart: RestartPort;
  busy?: BusySource;
  /** This machine's provider by default (updates/provider.ts); tests hand a fake. */
  provider?: UpdatesProvider;
  /** The shell's resume-from-sleep event: the agent looks for updates again. */
  onResume?(listener: () => void): () => void;
}

/** What the checks capability needs beyond the common ports; every field has this machine's default. */
export interface ChecksPorts {
  /** This machine's probes (checks/sources/); tests and the preview's `--checks` hand recorded ones. */
  source?: ChecksSource;
  /**
   * The temp folders: `user` is sized and cleaned (the employee's own files), `system` only sized.
   * Default: os.tmpdir(); on Windows also %SystemRoot%\Temp as system, on Linux and macOS /var/tmp.
   */
  tempDirs?: { user: string[]; system: string[] };
}

/**
 * Where a granted view session's screen is captured and streamed: the app's hidden capture window
 * (desktopCapturer, no OS picker), the preview's headless Chromium page (a fake video source).
 * The page talks back through the capture window's actions (remote.captureSignal, remote.captureStatus).
 */
export interface CaptureHost {
  /** Opens the capture page for this session; resolves once it listens for commands. */
  open(sessionId: string): Promise<void>;
  /** A command for the open page (start with the ICE servers, a technician's signal, stop): the `remote.capture` event. */
  send(command: CaptureCommand): void;
  /** Closes the page: its tracks stop with it. Resolves once it is gone. */
  close(sessionId: string): Promise<void>;
}

/** What the remote capability needs beyond the common ports. */
export interface RemotePorts {
  /** Absent: no view engine here; a granted session ends at once with `capture-failed`, and the user is told. */
  capture?: CaptureHost;
  /** A user is logged on and this desktop session is the active one; absent: assumed so. */
  userPresent?(): boolean;
  /** A control engine exists (a later issue); until then a control request is offered as view only. */
  controlEngine?: boolean;
}

export interface Screenshot {
  png: Uint8Array;
  width: number;
  height: number;
}
/** Takes a picture of the user's screen(s); null where it is not possible or not allowed. */
export interface ScreenCapture {
  capture(): Promise<Screenshot | null>;
}

/**
 * electron-updater's part of self-update, adapted by the shell (electron/main/updater.ts:
 * autoUpdater with the generic provider, autoDownload off) and by the preview (a feed reader of
 * its own on the agent's HTTP). It checks, downloads and installs when told; when and whether is
 * the agent's (electron/agent/selfupdate/). Failures reject with `SelfUpdateError` (its code).
 */
export interface AppUpdater {
  /** Reads the feed (`<url>/latest.yml`, `beta.yml`, per platform): the newest version it offers for the channel. */
  check(feed: { url: string; channel: SelfUpdateChannel }): Promise<OfferedUpdate>;
  /** Downloads the version the last check offered and verifies it (sha512; on Windows the signature of `publisherName`). */
  download(): Promise<void>;
  /** Whether a downloaded update is installed when the app quits (electron-updater's autoInstallOnAppQuit). */
  setInstallAtQuit(on: boolean): void;
  /**
   * Quits, installs and starts again now (quitAndInstall; on a per-machine Windows install, the
   * update task). Rejects when it could not be started.
   */
  installNow(): void | Promise<void>;
}
export interface OfferedUpdate {
  version: string;
  releaseDate: string | null;
}

/**
 * Where an export or a report goes. The app asks the admin (a save dialog starting at
 * `suggestedName`) and writes the file there whole or not at all; the preview offers a download.
 * A full disk rejects with ActionError('disk-full'), any other failed write with 'not-written'.
 */
export interface SaveTarget {
  save(file: { suggestedName: string; contentType: string; bytes: Uint8Array }): Promise<SaveOutcome>;
}

/** Prints a self-contained HTML page (no scripts, nothing fetched) to an A4 PDF: Electron's printToPDF, Chromium's in the preview. */
export interface PdfRenderer {
  render(html: string): Promise<Uint8Array>;
}

/** What the admin and report capabilities need; absent: exports and reports fail with `unavailable`. */
export interface AdminPorts {
  save?: SaveTarget;
  pdf?: PdfRenderer;
}

export interface Paths {
  /** Per-user writable folder: policy cache, settings, outbox, logs. */
  dataDir: string;
  /**
   * Managed configuration sources, most important last (e.g. the per-OS machine-wide file): JSON
   * files, or the Windows policy key and macOS managed preferences (config/managed-sources.ts).
   */
  configFiles: string[];
}

export interface AgentPorts {
  clock: Clock;
  http: HttpTransport;
  secrets: SecretStore;
  idle: IdleSource;
  screen: ScreenCapture;
  paths: Paths;
  /** Absent: nothing restarts the computer (a restart is refused and said), busy is never known. */
  updates?: UpdatesPorts;
  /** Absent: remote requests are still verified, asked and audited, but no screen can be shared. */
  remote?: RemotePorts;
  checks?: ChecksPorts;
  /** Absent: self-update is `disabled` (development, tests that do not look at it). */
  updater?: AppUpdater;
  admin?: AdminPorts;
}

export interface AgentOptions {
  appVersion: string;
  /** The OS's preferred languages, most preferred first (BCP 47). */
  systemLanguages: string[];
  /** Environment variables for development configuration (HALLO_*). */
  env: Record<string, string | undefined>;
  /** Set when the shell or the preview started the bundled reference API itself. */
  demo?: { apiUrl: string; enrollmentCode: string } | undefined;
  /**
   * When the first updates check runs after start (the app: 2 minutes, so that login stays light;
   * the tests and a preview with a simulated pending restart: at once). A restart under way is
   * judged at once whatever this says.
   */
  updates?: { firstCheckDelayMs?: number } | undefined;
  /** When the first protection check runs after start (the app: 30 s, after the login rush; tests and the preview: at once). */
  checks?: { firstCheckDelayMs?: number } | undefined;
  /**
   * How long the first calls of "Mijn meldingen" and "Onderhoud" after start are spread when a copy
   * is there to show (hallo-api/follow-up.ts: the app an hour; the demo, and tests that say so: at once).
   */
  connection?: { followUpSpreadMs?: number } | undefined;
  /** Faster failure for tests that inject faults by the hundred; the app keeps the defaults. */
  api?: { timeoutMs?: number; backoffBaseMs?: number } | undefined;
}
