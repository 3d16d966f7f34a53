import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, desktopCapturer, nativeImage, net, powerMonitor, safeStorage, __reset } from '../doubles/electron';
import { HIDE_SETTLE_MS, createElectronPorts, electronRemote, electronSecrets, primaryScreenCapture } from '../../electron/main/ports';
import { createPopup } from '../../electron/main/windows/popup';

describe('Electron-backed ports', () => {
  beforeEach(() => __reset());

  it('remote: the capture host handed in, no control engine, and nobody present while another user is in front (macOS)', () => {
    const capture = { open: async () => undefined, send: () => undefined, close: async () => undefined };
    const remote = electronRemote(capture);
    expect(remote.capture).toBe(capture);
    expect(remote.controlEngine).toBe(false);
    expect(remote.userPresent?.()).toBe(true);
    powerMonitor.emit('user-did-resign-active');
    expect(remote.userPresent?.()).toBe(false);
    powerMonitor.emit('user-did-become-active');
    expect(remote.userPresent?.()).toBe(true);
  });

  it('secrets are sealed by safeStorage into a 0600 file and read back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallo-secrets-'));
    const secrets = electronSecrets(dir);
    await secrets.set('device-token', 'tok-123');
    const file = join(dir, 'device-token.secret');
    expect(readFileSync(file).toString('latin1')).not.toContain('tok-123');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await secrets.get('device-token')).toBe('tok-123');
    await secrets.delete('device-token');
    expect(await secrets.get('device-token')).toBeNull();
  });

  it('without OS encryption (Linux, no keyring) the secret still round-trips in its 0600 file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallo-secrets-'));
    safeStorage.available = false;
    const secrets = electronSecrets(dir);
    await secrets.set('device-token', 'tok-456');
    expect(await secrets.get('device-token')).toBe('tok-456');
    safeStorage.available = true; // a keyring that comes up later still reads the old file
    expect(await electronSecrets(dir).get('device-token')).toBe('tok-456');
  });

  it('Linux without a keyring (backend basic_text, a fixed password): kept as a plain 0600 file, and said so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallo-secrets-'));
    safeStorage.backend = 'basic_text'; // Chromium reports encryption as available here
    const secrets = electronSecrets(dir, 'linux');
    expect(secrets.storage).toBe('file');
    await secrets.set('device-token', 'tok-789');
    const file = join(dir, 'device-token.secret');
    expect(readFileSync(file).toString('latin1')).toBe('Ptok-789'); // not dressed up as sealed
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await secrets.get('device-token')).toBe('tok-789');
    // The same backend name means nothing elsewhere, and a real keyring encrypts.
    expect(electronSecrets(dir, 'win32').storage).toBe('encrypted');
    safeStorage.backend = 'gnome_libsecret';
    expect(electronSecrets(dir, 'linux').storage).toBe('encrypted');
    safeStorage.available = false;
    expect(electronSecrets(dir, 'darwin').storage).toBe('file');
  });

  it('screen capture returns the primary display as PNG, or null when there is none', async () => {
    const capture = primaryScreenCapture();
    expect(await capture.capture()).toBeNull();
    const png = Buffer.from('89504e47', 'hex');
    const thumbnail = nativeImage.createFromBuffer(png).resize({ width: 1920, height: 1080 });
    desktopCapturer.sources = [{ id: 'screen:1:0', name: 'Screen 1', display_id: '1', thumbnail }];
    const shot = await capture.capture();
    expect(shot).toEqual({ png: new Uint8Array(png), width: 1920, height: 1080 });
    expect(desktopCapturer.requests).toContainEqual({ types: ['screen'], thumbnailSize: { width: 1920, height: 1080 } });
  });

  it('wires clock, net.fetch, idle time, userData and the managed config sources', async () => {
    const seen: string[] = [];
    net.fetch = async (input) => {
      seen.push(String(input));
      return new Response('{}');
    };
    powerMonitor.idleSeconds = 42;
    const ports = createElectronPorts({ platform: 'linux', env: {} });
    await ports.http.fetch('https://agent.hallo.eu/v1/policy', { method: 'GET', headers: {}, redirect: 'manual' });
    expect(seen).toEqual(['https://agent.hallo.eu/v1/policy']);
    expect(ports.idle.idleSeconds()).toBe(42);
    expect(ports.paths).toEqual({ dataDir: app.getPath('userData'), configFiles: ['/etc/hallo-agent/config.json'] });
    const win = createElectronPorts({ platform: 'win32', env: { ProgramData: 'D:\\ProgramData' } });
    // Then what central management sets: the MSI's (Group Policy's) registry key, an MDM profile.
    expect(win.paths.configFiles).toEqual(['D:\\ProgramData\\hallo\\agent\\config.json', 'HKLM\\SOFTWARE\\Policies\\hallo\\agent']);
    const mac = createElectronPorts({ platform: 'darwin', env: {} });
    expect(mac.paths.configFiles).toEqual(['/Library/Application Support/hallo/agent/config.json', '/Library/Managed Preferences/eu.hallo.agent.plist']);
  });

  describe('a screenshot asked for from inside the popup', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    // Records what the capture saw: was our popup on screen at the moment the picture was taken?
    function recordCaptures(popupVisible: () => boolean, timeline: string[]) {
      const thumbnail = nativeImage.createFromBuffer(Buffer.from('89504e47', 'hex')).resize({ width: 1920, height: 1080 });
      desktopCapturer.sources = [{ id: 'screen:1:0', name: 'Screen 1', display_id: '1', thumbnail }];
      const original = desktopCapturer.getSources.bind(desktopCapturer);
      vi.spyOn(desktopCapturer, 'getSources').mockImplementation(async (options) => {
        timeline.push(popupVisible() ? 'capture with popup on screen' : 'capture without popup');
        return original(options);
      });
    }

    it('hides the visible popup, waits for it to be gone, captures, and shows it again', async () => {
      vi.useFakeTimers();
      const popup = createPopup({ preloadPath: 'p', isPackaged: true });
      const timeline: string[] = [];
      popup.window.on('hide', () => timeline.push('hide'));
      popup.window.on('show', () => timeline.push('show'));
      recordCaptures(() => popup.window.isVisible(), timeline);
      const ports = createElectronPorts({ platform: 'linux', env: {}, ownWindow: () => popup.window });
      popup.show();
      timeline.length = 0;

      const shot = ports.screen.capture();
      await vi.advanceTimersByTimeAsync(HIDE_SETTLE_MS - 1);
      expect(timeline).toEqual(['hide']); // a hidden window can linger a frame: not yet
      await vi.advanceTimersByTimeAsync(1);
      expect(await shot).toMatchObject({ width: 1920, height: 1080 });
      expect(timeline).toEqual(['hide', 'capture without popup', 'show']);
      expect(popup.window.isVisible()).toBe(true);
      expect(popup.window.isFocused()).toBe(true);
    });

    it('a hidden popup (tray menu, shortcut) stays hidden, and no time is lost', async () => {
      const popup = createPopup({ preloadPath: 'p', isPackaged: true });
      const timeline: string[] = [];
      popup.window.on('show', () => timeline.push('show'));
      recordCaptures(() => popup.window.isVisible(), timeline);
      const capture = primaryScreenCapture({ ownWindow: () => popup.window });
      expect(await capture.capture()).not.toBeNull();
      expect(timeline).toEqual(['capture without popup']);
      expect(popup.window.isVisible()).toBe(false);
    });

    it('the popup comes back even when the capture fails', async () => {
      vi.useFakeTimers();
      const popup = createPopup({ preloadPath: 'p', isPackaged: true });
      vi.spyOn(desktopCapturer, 'getSources').mockRejectedValue(new Error('screen recording not permitted'));
      const capture = primaryScreenCapture({ ownWindow: () => popup.window });
      popup.show();
      const shot = capture.capture();
      await vi.advanceTimersByTimeAsync(HIDE_SETTLE_MS);
      expect(await shot).toBeNull();
      expect(popup.window.isVisible()).toBe(true);
    });
  });
});
