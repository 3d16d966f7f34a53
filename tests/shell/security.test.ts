import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, app, session, shell, __reset } from '../doubles/electron';
import { isAllowedExternal, httpsHost } from '../../electron/agent/platform/links';
import { installSecurity, openExternalSafely } from '../../electron/main/security';

function navigate(window: BrowserWindow, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  window.webContents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('security baseline', () => {
  beforeEach(() => __reset());

  it('navigation away from app://hallo is prevented, within it allowed', () => {
    installSecurity(['app://hallo']);
    const window = new BrowserWindow({ show: false });
    expect(navigate(window, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(window, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(window, 'will-redirect', 'http://localhost:5173/')).toBe(true);
    expect(navigate(window, 'will-navigate', 'app://hallo/index.html#/details')).toBe(false);
  });

  it('new windows are denied and webviews are not attached', () => {
    installSecurity(['app://hallo']);
    const window = new BrowserWindow({ show: false });
    expect(window.webContents.windowOpenHandler?.({ url: 'https://hallo.eu/' })).toEqual({ action: 'deny' });
    let prevented = false;
    window.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('every permission request and check is denied', async () => {
    installSecurity(['app://hallo']);
    new BrowserWindow({ show: false });
    app.__ready();
    await app.whenReady();
    await Promise.resolve();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.defaultSession.permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
      answers.push(session.defaultSession.permissionCheckHandler!({}, permission, 'app://hallo'));
    }
    expect(answers).toHaveLength(10);
    expect(answers.every((granted) => granted === false)).toBe(true);
  });
});

describe('openExternal', () => {
  beforeEach(() => __reset());

  it('opens https links to hallo.eu, its subdomains and the policy portal host', async () => {
    const portal = httpsHost('https://portal.example-msp.nl/tickets');
    expect(await openExternalSafely('https://hallo.eu/support', portal)).toBe(true);
    expect(await openExternalSafely('https://mijn.hallo.eu/', portal)).toBe(true);
    expect(await openExternalSafely('https://portal.example-msp.nl/tickets/42', portal)).toBe(true);
    expect(shell.opened).toEqual(['https://hallo.eu/support', 'https://mijn.hallo.eu/', 'https://portal.example-msp.nl/tickets/42']);
  });

  it('refuses http, other hosts, look-alikes, credentials and non-URLs', async () => {
    for (const url of [
      'http://hallo.eu/',
      'https://evil.example/',
      'https://hallo.eu.evil.example/',
      'https://evilhallo.eu/',
      'https://user:pw@hallo.eu/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternal(url, []), url).toBe(false);
      expect(await openExternalSafely(url, [])).toBe(false);
    }
    expect(httpsHost('http://portal.example/')).toEqual([]);
    expect(shell.opened).toEqual([]);
  });
});
