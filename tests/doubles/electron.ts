import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A test double for the parts of Electron that electron/main and electron/preload use. It keeps
// the real call shapes and records what the shell did, so a test can assert on it. Everything
// is reset by __reset(); vitest aliases `electron` here, setup-electron.ts does the same for
// CommonJS dependencies.

type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---------------------------------------------------------------- nativeImage

export class NativeImage {
  private template = false;
  constructor(
    readonly source: string,
    private readonly buffer: Buffer = Buffer.alloc(0),
    private readonly size = { width: 16, height: 16 },
  ) {}
  isEmpty(): boolean {
    return this.source === '' && this.buffer.length === 0;
  }
  getSize(): { width: number; height: number } {
    return { ...this.size };
  }
  toPNG(): Buffer {
    return this.buffer;
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  resize(size: { width?: number; height?: number }): NativeImage {
    return new NativeImage(this.source, this.buffer, {
      width: size.width ?? this.size.width,
      height: size.height ?? this.size.height,
    });
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new NativeImage(path),
  createFromBuffer: (buffer: Buffer) => new NativeImage('', buffer),
  createEmpty: () => new NativeImage(''),
};

// ---------------------------------------------------------------- session & webContents

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details?: unknown) => boolean;

type DisplayMediaRequestHandler = (request: unknown, callback: (streams: unknown) => void) => void;

export class Session extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  displayMediaRequestHandler: DisplayMediaRequestHandler | null = null;
  displayMediaOptions: unknown = null;
  /** A partition's own protocol handlers (the default session's are `protocol.handlers`). */
  readonly ownHandlers = new Map<string, Listener>();
  constructor(readonly partition: string | null = null) {
    super();
  }
  readonly protocol = {
    handle: (scheme: string, handler: Listener) => (this.partition === null ? protocolHandlers : this.ownHandlers).set(scheme, handler),
  };
  setDisplayMediaRequestHandler(handler: DisplayMediaRequestHandler | null, options?: unknown): void {
    this.displayMediaRequestHandler = handler;
    this.displayMediaOptions = options ?? null;
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  top: FakeFrame | null;
  processId?: number;
  routingId?: number;
}

let nextWebContentsId = 1;
export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session: Session;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** The page zoom (the user's text size); tests set it. */
  zoomFactor = 1;
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  readonly loaded: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  mainFrame: FakeFrame = { url: '', parent: null, top: null, processId: 100 + this.id, routingId: 1 };
  private destroyed = false;
  constructor(session: Session = defaultSession) {
    super();
    this.session = session;
    this.mainFrame.top = this.mainFrame;
    allWebContents.add(this);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.mainFrame.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    allWebContents.delete(this);
  }
  openDevTools(): void {}
  /** Each printToPDF's options, in order; `pdf` is what it answers (a test may make it throw). */
  readonly printed: Record<string, unknown>[] = [];
  pdf: () => Promise<Buffer> = async () => Buffer.from(`%PDF-1.7 printed ${this.mainFrame.url}`);
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printed.push(options);
    return this.pdf();
  }
}

const allWebContents = new Set<WebContents>();
export const webContents = {
  getAllWebContents: () => [...allWebContents],
  fromId: (id: number) => [...allWebContents].find((wc) => wc.id === id),
};

// ---------------------------------------------------------------- BrowserWindow

let nextWindowId = 1;
export class BrowserWindow extends EventEmitter {
  static readonly all = new Set<BrowserWindow>();
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all];
  }
  static fromWebContents(wc: unknown): BrowserWindow | null {
    return [...BrowserWindow.all].find((w) => w.webContents === wc) ?? null;
  }

  readonly id = nextWindowId++;
  readonly options: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly webContents: WebContents;
  bounds: Rect;
  visible = false;
  focused = false;
  private destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const partition = (options.webPreferences as { partition?: string } | undefined)?.partition;
    this.webContents = new WebContents(partition === undefined ? defaultSession : session.fromPartition(partition));
    this.bounds = { x: 0, y: 0, width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    this.visible = options.show !== false;
    BrowserWindow.all.add(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
    this.focused = true;
    this.emit('show');
    this.emit('focus');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
  close(): void {
    this.emit('close', { preventDefault: () => {} });
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    BrowserWindow.all.delete(this);
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getSize(): [number, number] {
    return [this.bounds.width, this.bounds.height];
  }
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  setPosition(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
  }
  setSize(width: number, height: number): void {
    this.bounds = { ...this.bounds, width, height };
  }
  getPosition(): [number, number] {
    return [this.bounds.x, this.bounds.y];
  }
  /** What the shell asked for last: on top or not, and at which level. */
  alwaysOnTop: { flag: boolean; level?: string } = { flag: false };
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alwaysOnTop = level === undefined ? { flag } : { flag, level };
  }
  setVisibleOnAllWorkspaces(): void {}
  /** Kept out of screen captures (setContentProtection). */
  contentProtected = false;
  setContentProtection(on: boolean): void {
    this.contentProtected = on;
  }
  showInactive(): void {
    this.visible = true;
    this.emit('show');
  }
  minimized = false;
  minimize(): void {
    this.minimized = true;
    this.visible = false;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  /** Counts how often the window was raised above the others. */
  movedTop = 0;
  moveTop(): void {
    this.movedTop++;
  }
}

// ---------------------------------------------------------------- Menu & Tray

export interface MenuItemOptions {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItemOptions[] | Menu;
  click?: (...args: unknown[]) => void;
  role?: string;
}

export class MenuItem {
  readonly label: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly checked: boolean;
  readonly id: string | undefined;
  readonly submenu: Menu | undefined;
  readonly click: (...args: unknown[]) => void;
  constructor(options: MenuItemOptions) {
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.checked = options.checked ?? false;
    this.id = options.id;
    this.submenu =
      options.submenu instanceof Menu ? options.submenu : options.submenu ? Menu.buildFromTemplate(options.submenu) : undefined;
    this.click = options.click ?? (() => {});
  }
}

export class Menu {
  static readonly built: { template: MenuItemOptions[]; menu: Menu }[] = [];
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    const menu = new Menu();
    for (const options of template) menu.items.push(new MenuItem(options));
    Menu.built.push({ template, menu });
    return menu;
  }
  static setApplicationMenu(_menu: Menu | null): void {}
  readonly items: MenuItem[] = [];
  popup(): void {}
  getMenuItemById(id: string): MenuItem | null {
    return this.items.find((item) => item.id === id) ?? null;
  }
}

export class Tray extends EventEmitter {
  static readonly all: Tray[] = [];
  image: NativeImage | string;
  tooltip = '';
  contextMenu: Menu | null = null;
  bounds: Rect = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;
  constructor(image: NativeImage | string) {
    super();
    this.image = image;
    Tray.all.push(this);
  }
  setImage(image: NativeImage | string): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  popUpContextMenu(): void {}
  setIgnoreDoubleClickEvents(): void {}
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

// ---------------------------------------------------------------- app

class App extends EventEmitter {
  isPackaged = false;
  name = 'hallo, agent';
  hasLock = true;
  quitCalled = false;
  loginItemSettings: Record<string, unknown> | null = null;
  /** What app.exit() was called with (null: not called). */
  exitCode: number | null = null;
  preferredLanguages = ['nl-NL'];
  readonly userData = mkdtempSync(join(tmpdir(), 'hallo-electron-double-'));
  readonly dock = { hide: () => {}, show: () => Promise.resolve() };
  private ready = false;

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quitCalled = true;
    this.emit('before-quit', { preventDefault: () => {} });
  }
  exit(code = 0): void {
    this.quitCalled = true;
    this.exitCode = code;
  }
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.once('ready', () => resolve()));
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test hook: fire `ready` as Electron would once it has started. */
  __ready(): void {
    this.ready = true;
    this.emit('ready');
  }
  getPath(name: string): string {
    return name === 'userData' ? this.userData : join(this.userData, name);
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return this.name;
  }
  getLocale(): string {
    return this.preferredLanguages[0] ?? 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredLanguages];
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    this.loginItemSettings = settings;
  }
  getLoginItemSettings(): Record<string, unknown> {
    return this.loginItemSettings ?? { openAtLogin: false };
  }
  setAppUserModelId(): void {}
}
export const app = new App();

// ---------------------------------------------------------------- IPC & preload

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test hook: call a handler as a renderer's invoke would. */
  async __invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}
export const ipcMain = new IpcMain();

class IpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** What invoke answers; tests replace it. */
  answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: undefined });
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.invoked.push({ channel, args });
  }
  /** Test hook: deliver a message from main as webContents.send would. */
  __emitFromMain(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0 }, ...args);
  }
}
export const ipcRenderer = new IpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  },
};

// ---------------------------------------------------------------- protocol, net, shell

const protocolHandlers = new Map<string, Listener>();
export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: protocolHandlers,
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: Listener): void {
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme);
  },
};

export const net = {
  /** Tests replace it; by default it is the real fetch (e.g. against the reference API). */
  fetch: (input: string | Request, init?: RequestInit): Promise<Response> => globalThis.fetch(input, init),
  isOnline: () => true,
  /**
   * electron-updater's ElectronHttpExecutor: Electron's ClientRequest, here node:http's (http:
   * only, for a feed on 127.0.0.1). Both emit `socket`, `response` (statusCode, headers, a
   * readable body), `error`; Electron's own session and `redirect: manual` are not played.
   */
  request: (options: { protocol?: string; hostname?: string; port?: string | number; path?: string; method?: string; headers?: Record<string, string> }): ClientRequest => {
    if (options.protocol !== undefined && options.protocol !== 'http:') throw new Error(`the double's net.request speaks http: only, not ${options.protocol}`);
    const { hostname, port, path, method, headers } = options;
    return httpRequest({ hostname, port, path, method: method ?? 'GET', headers });
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    this.opened.push(path);
    return '';
  },
  showItemInFolder(path: string): void {
    this.opened.push(path);
  },
};

const defaultSession = new Session();
const partitions = new Map<string, Session>();
export const session = {
  defaultSession,
  /** One session per partition name, as Electron keeps them; '' is the default session. */
  fromPartition: (partition: string): Session => {
    if (partition === '') return defaultSession;
    if (!partitions.has(partition)) partitions.set(partition, new Session(partition));
    return partitions.get(partition)!;
  },
};

// ---------------------------------------------------------------- OS services

// Reversible and visibly not plain text, so tests can see that secrets went through it.
export const safeStorage = {
  available: true,
  /** Linux only in Electron; `basic_text` is Chromium's fallback without a keyring (a fixed password). */
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('ENC:'), Buffer.from(text, 'utf8').reverse()]);
  },
  decryptString(buffer: Buffer): string {
    if (!this.available) throw new Error('Encryption is not available.');
    if (buffer.subarray(0, 4).toString() !== 'ENC:') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(buffer.subarray(4)).reverse().toString('utf8');
  },
};

class PowerMonitor extends EventEmitter {
  idleSeconds = 0;
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
  getSystemIdleState(threshold: number): 'active' | 'idle' {
    return this.idleSeconds >= threshold ? 'idle' : 'active';
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}
export const powerMonitor = new PowerMonitor();

export interface FakeDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
  size: { width: number; height: number };
  scaleFactor: number;
}
const defaultDisplay = (): FakeDisplay => ({
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  size: { width: 1920, height: 1080 },
  scaleFactor: 1,
});
class Screen extends EventEmitter {
  displays: FakeDisplay[] = [defaultDisplay()];
  cursor = { x: 0, y: 0 };
  getPrimaryDisplay(): FakeDisplay {
    return this.displays[0]!;
  }
  getAllDisplays(): FakeDisplay[] {
    return [...this.displays];
  }
  getCursorScreenPoint(): { x: number; y: number } {
    return { ...this.cursor };
  }
  getDisplayNearestPoint(point: { x: number; y: number }): FakeDisplay {
    return this.displays.find((d) => contains(d.bounds, point)) ?? this.getPrimaryDisplay();
  }
  getDisplayMatching(rect: Rect): FakeDisplay {
    return this.getDisplayNearestPoint({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  }
}
function contains(r: Rect, p: { x: number; y: number }): boolean {
  return p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height;
}
export const screen = new Screen();

export const desktopCapturer = {
  /** Tests replace the sources; thumbnails are NativeImages. */
  sources: [] as { id: string; name: string; display_id: string; thumbnail: NativeImage }[],
  requests: [] as unknown[],
  async getSources(options: unknown): Promise<{ id: string; name: string; display_id: string; thumbnail: NativeImage }[]> {
    this.requests.push(options);
    return [...this.sources];
  },
};

class NativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';
}
export const nativeTheme = new NativeTheme();

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  /** Test hook: false as on a Linux desktop without a notification daemon. */
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
    this.emit('show');
  }
  close(): void {
    this.emit('close');
  }
}

// Electron's accelerator grammar: modifiers joined by '+', then exactly one key code.
const MODIFIERS = new Set(
  ['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta'],
);
const NAMED_KEYS = new Set(
  [
    'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
    'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'volumeup', 'volumedown',
    'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause', 'printscreen',
    'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
    'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ],
);
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!.toLowerCase();
  const modifiersOk = parts.every((part) => MODIFIERS.has(part.toLowerCase()));
  const punctuation = key.length === 1 && ")!@#$%^&*(:;=<,_-.>?/~`{][|\\}\"'".includes(key);
  const keyOk = /^[a-z0-9]$/.test(key) || /^f([1-9]|1\d|2[0-4])$/.test(key) || punctuation || NAMED_KEYS.has(key);
  return accelerator !== '' && modifiersOk && keyOk;
}

export const globalShortcut = {
  /** What this app holds now, accelerator → callback. */
  registered: new Map<string, () => void>(),
  /** Test hook: combinations another application holds; register() answers false for them. */
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    // Electron's argument conversion throws on a string that is not an accelerator.
    if (typeof accelerator !== 'string' || !isAccelerator(accelerator)) {
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${String(accelerator)}`);
    }
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  },
  /** Test hook: the user presses the combination anywhere on the desktop. */
  __press(accelerator: string): void {
    this.registered.get(accelerator)?.();
  },
};

type SaveAnswer = { canceled: boolean; filePath?: string };
export const dialog = {
  shown: [] as unknown[],
  /** Each showSaveDialog's parent window and options; `saveAnswer` is what the admin picks. */
  saveRequests: [] as { window: BrowserWindow | null; options: Record<string, any> }[], // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The admin's answer, or a function that answers while the dialog is open (it may blur its window). */
  saveAnswer: { canceled: true } as SaveAnswer | (() => SaveAnswer),
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const [window, options] = args[0] instanceof BrowserWindow ? [args[0], args[1]] : [null, args[0]];
    dialog.saveRequests.push({ window, options: (options ?? {}) as Record<string, unknown> });
    window?.blur(); // the dialog takes the focus from its window
    await Promise.resolve();
    const answer = typeof dialog.saveAnswer === 'function' ? dialog.saveAnswer() : dialog.saveAnswer;
    return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.shown.push(args);
    return { response: 0, checkboxChecked: false };
  },
  showErrorBox(...args: unknown[]): void {
    dialog.shown.push(args);
  },
};

// electron-updater reads these through `require('electron')`; keep them present.
export const autoUpdater = new EventEmitter();

// ---------------------------------------------------------------- reset

/** Back to a freshly started Electron: no windows, handlers, trays or records. */
export function __reset(): void {
  for (const w of [...BrowserWindow.all]) w.destroy();
  for (const wc of [...allWebContents]) wc.destroy();
  Tray.all.length = 0;
  Menu.built.length = 0;
  app.removeAllListeners();
  Object.assign(app, {
    isPackaged: false,
    hasLock: true,
    quitCalled: false,
    loginItemSettings: null,
    preferredLanguages: ['nl-NL'],
  });
  (app as unknown as { ready: boolean }).ready = false;
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.removeAllListeners();
  ipcRenderer.answer = () => ({ ok: true, value: undefined });
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocolHandlers.clear();
  net.fetch = (input, init) => globalThis.fetch(input, init);
  shell.opened.length = 0;
  partitions.clear();
  defaultSession.displayMediaRequestHandler = null;
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  defaultSession.removeAllListeners();
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  powerMonitor.idleSeconds = 0;
  powerMonitor.removeAllListeners();
  screen.displays = [defaultDisplay()];
  screen.cursor = { x: 0, y: 0 };
  screen.removeAllListeners();
  desktopCapturer.sources = [];
  desktopCapturer.requests.length = 0;
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.themeSource = 'system';
  nativeTheme.removeAllListeners();
  Notification.shown.length = 0;
  Notification.supported = true;
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
  dialog.shown.length = 0;
  dialog.saveRequests.length = 0;
  dialog.saveAnswer = { canceled: true };
  autoUpdater.removeAllListeners();
}

const electron = {
  app,
  autoUpdater,
  BrowserWindow,
  contextBridge,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  MenuItem,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  webContents,
  __reset,
};
export default electron;
