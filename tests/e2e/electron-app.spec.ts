import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';

// The real Electron app, started as `npm start` would start the built shell. It runs only where
// an Electron binary is installed; everywhere else it is skipped, and says so. Everything it
// touches is also covered without Electron by tests/shell (the test double) and the preview e2e.

/**
 * The Electron executable that node_modules/electron would run, or null when none is installed.
 * This mirrors the package's index.js without requiring it: since electron 42 that require
 * downloads the binary when it is missing, which cannot work here (and should not happen in a test).
 */
function installedElectron(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron'));
  } catch {
    return null;
  }
  // path.txt (written by the package's install step) names the executable inside dist/.
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const overrideDist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = overrideDist ? join(overrideDist, executable || 'electron') : executable ? join(packageDir, 'dist', executable) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

const electronPath = installedElectron();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipped = !electronPath
  ? 'Electron binary not present on this machine (cannot be downloaded here): the Electron app smoke test was skipped'
  : noDisplay
    ? 'No display on this machine (DISPLAY unset; run under xvfb-run): the Electron app smoke test was skipped'
    : null;
const projectDir = resolve('.');
let app: ElectronApplication;
let home: string;

// The list reporter shows a skipped test without its reason: the reason is printed as well.
if (skipped) {
  test('the Electron app (Playwright _electron)', () => {
    console.log(skipped);
    test.skip(true, skipped);
  });
}

test.describe('the Electron app (Playwright _electron)', () => {
  test.skip(skipped !== null, skipped ?? '');

  test.beforeAll(async () => {
    const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
    if (!existsSync(join(projectDir, pkg.main)) || !existsSync(join(projectDir, 'out/renderer/index.html'))) {
      execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: projectDir, stdio: 'inherit' });
    }
    home = mkdtempSync(join(tmpdir(), 'hallo-electron-e2e-'));
    // The project folder, not the file: Electron then runs package.json's main (out/main/index.js)
    // with the project as app path, where the shell finds out/renderer, out/preload and resources.
    app = await _electron.launch({
      executablePath: electronPath!,
      args: [projectDir],
      cwd: projectDir,
      // A fresh profile; no HALLO_* configuration and no dev server from the caller's shell.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(HALLO_|ELECTRON_RENDERER_URL$)/.test(name))),
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        APPDATA: join(home, 'AppData'),
      } as Record<string, string>,
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('starts: ready, one hidden popup loaded from app://, sandboxed', async () => {
    await expect.poll(() => app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    const popup = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      // Electron has no documented getter for a window's webPreferences; this undocumented one
      // is what Electron's own IPC code reads them with. Should it go, this test says so.
      const contents = window!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      if (typeof contents.getLastWebPreferences !== 'function') throw new Error('webContents.getLastWebPreferences() is gone');
      const prefs = contents.getLastWebPreferences() ?? {};
      return {
        visible: window!.isVisible(),
        url: window!.webContents.getURL(),
        sandbox: prefs.sandbox,
        contextIsolation: prefs.contextIsolation,
        nodeIntegration: prefs.nodeIntegration,
      };
    });
    // A tray app: nothing shows until the tray icon is clicked.
    expect(popup).toEqual({ visible: false, url: 'app://hallo/index.html', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  test('the popup shows its status when opened, and the page has no Node', async () => {
    // What the tray click does (popup.show) is also what a second start does: Electron offers no
    // list of tray icons to click, so the single-instance path opens it.
    await app.evaluate(({ app: electronApp }) => {
      electronApp.emit('second-instance');
    });
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);

    const page = app.windows().find((candidate) => candidate.url().startsWith('app://hallo/')) ?? (await app.firstWindow());
    await expect(page.locator('h1')).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });
});
