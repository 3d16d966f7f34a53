import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { __reset, app, BrowserWindow, session, type Session, type WebContents } from '../doubles/electron';
import { ActionError } from '../../electron/contract';
import { createPdfRenderer, PDF_TIMEOUT_MS, REPORT_CSP, REPORT_PARTITION } from '../../electron/main/pdf';
import { installSecurity } from '../../electron/main/security';

// "Rapport maken" as PDF in the app: the agent's HTML printed by Chromium in a hidden window of
// its own, which is gone afterwards, whatever happened.

const REPORT = '<!doctype html><html lang="nl"><head><style>@page { size: A4 }</style></head><body><h1>Gezondheidsrapport</h1></body></html>';
const reportSession = () => session.fromPartition(REPORT_PARTITION) as Session;
const serve = (method: string, url: string) => reportSession().ownHandlers.get('app')!({ method, url }) as Response;

/** Each window the renderer makes, as it is made. */
let made: WebContents[] = [];
beforeEach(() => {
  __reset();
  made = [];
  app.on('web-contents-created', (_event: unknown, contents: WebContents) => made.push(contents));
});
afterEach(() => vi.useRealTimers());

describe('the app prints the report to PDF', () => {
  it('loads the HTML from app://report in a session of its own, prints A4 with backgrounds, returns the bytes and destroys the window', async () => {
    const renderer = createPdfRenderer();
    let servedWhilePrinting: Response | null = null;
    app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
      contents.pdf = async () => {
        servedWhilePrinting = serve('GET', contents.getURL());
        return Buffer.from('%PDF-1.7 report');
      };
    });
    const pdf = await renderer.render(REPORT);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 report');
    const [contents] = made;
    expect(contents!.getURL()).toMatch(/^app:\/\/report\/[^/]+\.html$/);
    expect(contents!.session).toBe(reportSession());
    expect(contents!.printed).toEqual([
      { pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: { top: 0, bottom: 0, left: 0, right: 0 }, generateTaggedPDF: true },
    ]);
    expect(servedWhilePrinting!.status).toBe(200);
    expect(await servedWhilePrinting!.text()).toBe(REPORT);
    expect(servedWhilePrinting!.headers.get('Content-Security-Policy')).toBe(REPORT_CSP);
    expect(servedWhilePrinting!.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    // Gone afterwards: the window, and the page from its session.
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    expect(serve('GET', contents!.getURL()).status).toBe(404);
  });

  it('the window is hidden, without preload or scripts, offscreen, with the security baseline', async () => {
    let options: Record<string, unknown> | null = null;
    app.on('web-contents-created', () => (options = BrowserWindow.getAllWindows()[0]!.options));
    await createPdfRenderer().render(REPORT);
    expect(options).toMatchObject({ show: false, skipTaskbar: true, focusable: false });
    expect(options!.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      javascript: false,
      offscreen: true,
      partition: REPORT_PARTITION,
    });
  });

  it('its page may not navigate, open windows or get permissions (the baseline for every webContents)', async () => {
    installSecurity(['app://hallo']);
    let contents: WebContents | null = null;
    app.on('web-contents-created', (_event: unknown, made: WebContents) => {
      contents = made;
      made.pdf = async () => {
        const navigation = { prevented: false, preventDefault: () => (navigation.prevented = true) };
        made.emit('will-navigate', navigation, 'https://example.com/');
        expect(navigation.prevented).toBe(true);
        expect(made.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
        const granted = await new Promise((answer) => made.session.permissionRequestHandler!(made, 'media', answer));
        expect(granted).toBe(false);
        return Buffer.from('%PDF');
      };
    });
    await createPdfRenderer().render(REPORT);
    expect(contents).not.toBeNull();
  });

  it("the report session answers only the page being printed: not the popup's pages, not another method", async () => {
    createPdfRenderer();
    for (const url of ['app://hallo/index.html', 'app://report/1.html', 'app://report/../index.html', 'not a url']) {
      expect(serve('GET', url).status).toBe(404);
    }
    let asPost: number | null = null;
    app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
      contents.pdf = async () => {
        asPost = serve('POST', contents.getURL()).status;
        return Buffer.from('%PDF');
      };
    });
    await createPdfRenderer().render(REPORT);
    expect(asPost).toBe(404);
  });

  it('a print that fails is render-failed, and the window is gone', async () => {
    app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
      contents.pdf = () => Promise.reject(new Error('Failed to generate PDF'));
    });
    const error = await createPdfRenderer().render(REPORT).then(() => null, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe('render-failed');
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });

  it('a page that does not load is render-failed, and nothing is printed', async () => {
    app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
      contents.loadURL = () => Promise.reject(new Error('ERR_FAILED (-2) loading app://report/1.html'));
    });
    const error = await createPdfRenderer().render(REPORT).then(() => null, (failure: unknown) => failure);
    expect((error as ActionError).code).toBe('render-failed');
    expect(made[0]!.printed).toEqual([]);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });

  it('a print that never ends is given up after PDF_TIMEOUT_MS: render-failed, the window gone', async () => {
    vi.useFakeTimers();
    app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
      contents.pdf = () => new Promise(() => undefined);
    });
    const rendering = createPdfRenderer().render(REPORT).then(() => null, (failure: unknown) => failure);
    await vi.advanceTimersByTimeAsync(PDF_TIMEOUT_MS);
    expect(((await rendering) as ActionError).code).toBe('render-failed');
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });
});
