import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindow} from '../doubles/electron';
import { __reset } from '../doubles/electron';
import type { RestartStep } from '../../electron/contract';
import { createRestartWindow, restartWindowMode } from '../../electron/main/windows/restart';
import { windowNameOf } from '../../electron/main/windows/registry';
import { fakeAgent, flush } from '../doubles/fake-agent';

const PROMPT: RestartStep = { kind: 'prompt', plugIn: false, options: [{ kind: 'in', at: '2026-12-07T13:30:00Z', minutes: 60 }] };
const COUNTDOWN: RestartStep = { kind: 'countdown', endsAt: '2026-12-07T12:05:00Z', plugIn: false };

function start() {
  const { agent, store, invoked } = fakeAgent();
  const restart = createRestartWindow({ agent, preloadPath: '/app/out/preload/restart.cjs', isPackaged: true, platform: 'win32' });
  const step = async (next: RestartStep | null) => {
    store.update('updates', (updates) => ({ ...updates, restart: { ...updates.restart, needed: next !== null, step: next } }));
    await flush();
  };
  const window = () => restart.current() as unknown as BrowserWindow | null;
  return { restart, step, window, invoked };
}

describe('the restart window', () => {
  beforeEach(() => __reset());

  it('follows the planner: shown for prompt and countdown only', () => {
    expect(restartWindowMode(PROMPT)).toBe('prompt');
    expect(restartWindowMode(COUNTDOWN)).toBe('countdown');
    expect(restartWindowMode({ kind: 'wait', why: 'snoozed', until: null })).toBe('hidden');
    expect(restartWindowMode({ kind: 'restarting' })).toBe('hidden');
    expect(restartWindowMode(null)).toBe('hidden');
  });

  it('opens its own page with its own preload and the security baseline when the agent asks, and is known to the IPC door as "restart"', async () => {
    const { step, window } = start();
    expect(window()).toBeNull(); // nothing to ask: no window at all
    await step(PROMPT);
    const shown = window()!;
    expect(shown.visible).toBe(true);
    expect(shown.webContents.getURL()).toBe('app://hallo/restart.html');
    expect(shown.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/restart.cjs',
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(shown.options.movable).toBe(true); // never a trap: it can be moved and closed
    expect(shown.alwaysOnTop.flag).toBe(false); // a prompt does not cover the employee's work
    expect(windowNameOf(shown.webContents as never)).toBe('restart');
  });

  it('closing it is "remind later", and the agent decides what comes next', async () => {
    const { step, window, invoked } = start();
    await step(PROMPT);
    let prevented = false;
    window()!.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(window()!.visible).toBe(false);
    expect(invoked).toEqual([{ name: 'updates.remindLater', request: {} }]);
    await step({ kind: 'wait', why: 'snoozed', until: '2026-12-07T13:00:00Z' });
    expect(window()!.visible).toBe(false);
  });

  it('in the final countdown it is on top and comes back to the front when hidden or minimised', async () => {
    const { step, window } = start();
    await step(COUNTDOWN);
    const shown = window()!;
    expect(shown.visible).toBe(true);
    expect(shown.alwaysOnTop.flag).toBe(true);
    shown.hide();
    expect(shown.visible).toBe(true);
    shown.minimize();
    expect(shown.visible).toBe(true);
    expect(shown.isMinimized()).toBe(false);
    expect(shown.movedTop).toBeGreaterThanOrEqual(3);
    // After the countdown (restarting) it goes away and stays away.
    await step({ kind: 'restarting' });
    expect(shown.visible).toBe(false);
  });

  it('a click on the restart notification brings it back to the front while the agent asks, and not after', async () => {
    const { restart, step, window } = start();
    await step(PROMPT);
    const shown = window()!;
    shown.hide();
    expect(shown.visible).toBe(false); // a prompt may be put away
    expect(restart.show()).toBe(true);
    expect(shown.visible).toBe(true);
    await step({ kind: 'wait', why: 'snoozed', until: '2026-12-07T13:00:00Z' });
    expect(restart.show()).toBe(false);
    expect(shown.visible).toBe(false);
  });
});
