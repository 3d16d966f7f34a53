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

export interface Paths {
  /** Per-user writable folder: policy cache, settings, outbox, logs. */
  dataDir: string;
  /** Managed configuration files, most important last (e.g. the per-OS machine-wide file). */
  configFiles: string[];
}

export interface AgentPorts {
  clock: Clock;
  http: HttpTransport;
  secrets: SecretStore;
  idle: IdleSource;
  screen: ScreenCapture;
  paths: Paths;
}

export interface AgentOptions {
  appVersion: string;
  /** The OS's preferred languages, most preferred first (BCP 47). */
  systemLanguages: string[];
  /** Environment variables for development configuration (HALLO_*). */
  env: Record<string, string | undefined>;
  /** Set when the shell or the preview started the bundled reference API itself. */
  demo?: { apiUrl: string; enrollmentCode: string } | undefined;
  /** Faster failure for tests that inject faults by the hundred; the app keeps the defaults. */
  api?: { timeoutMs?: number; backoffBaseMs?: number } | undefined;
}
