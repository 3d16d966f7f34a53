import { describe, expect, it, vi } from 'vitest';
import { actionNamesFor, type PreloadApi } from '../../electron/contract';
import { actionChannel, eventChannel } from '../../electron/contract';

// A fresh preload per test; the double is re-imported with it (resetModules makes a new one).
const PRELOADS = {
  popup: () => import('../../electron/preload/popup'),
  restart: () => import('../../electron/preload/restart'),
  consent: () => import('../../electron/preload/consent'),
  'session-bar': () => import('../../electron/preload/session-bar'),
};
async function loadPreload(window: keyof typeof PRELOADS = 'popup') {
  vi.resetModules();
  const electron = await import('../doubles/electron');
  await PRELOADS[window]();
  return { api: electron.contextBridge.exposed.get('hallo') as PreloadApi, ...electron };
}

describe('restart preload', () => {
  it('exposes only the prompt’s actions: defer, remind later, restart now and state.get', async () => {
    const { api, contextBridge } = await loadPreload('restart');
    expect([...contextBridge.exposed.keys()]).toEqual(['hallo']);
    expect(Object.keys(api.actions).sort()).toEqual(['state.get', 'updates.defer', 'updates.remindLater', 'updates.restartNow']);
    expect(actionNamesFor('restart').sort()).toEqual(Object.keys(api.actions).sort());
  });
});

describe('remote support preloads', () => {
  it('the consent window can only answer the pending request, open its ticket and read the state', async () => {
    const { api, contextBridge } = await loadPreload('consent');
    expect([...contextBridge.exposed.keys()]).toEqual(['hallo']);
    expect(Object.keys(api.actions).sort()).toEqual(['remote.answer', 'remote.showTicket', 'state.get']);
  });

  it('the session bar can only end the session and read the state', async () => {
    const { api } = await loadPreload('session-bar');
    expect(Object.keys(api.actions).sort()).toEqual(['remote.end', 'state.get']);
  });
});

describe('popup preload', () => {
  it('exposes window.hallo only: exactly the popup actions and on(), each a function, nothing else', async () => {
    const { api, contextBridge, ipcRenderer } = await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['hallo']);
    // Every own property, enumerable or not, and what it is: JSON.stringify would drop functions.
    const popupActions = Object.fromEntries(actionNamesFor('popup').map((name) => [name, 'function']));
    expect(shape(api)).toEqual({ actions: popupActions, on: 'function' });
    // Neither ipcRenderer nor one of its own functions (a generic invoke, send or on) under any name.
    const leaked = new Set<unknown>([ipcRenderer, ...Object.values(ipcRenderer), ...protoFunctions(ipcRenderer)]);
    expect(everyValue(api).filter((value) => leaked.has(value))).toEqual([]);
  });

  it('each action invokes its own channel, the one the main process binds, with the request', async () => {
    const { api, ipcRenderer } = await loadPreload();
    ipcRenderer.answer = () => ({ ok: true, value: 'answer' });
    await expect(api.actions['settings.setLanguage']({ language: 'en' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoked).toEqual([{ channel: actionChannel('settings.setLanguage'), args: [{ language: 'en' }] }]);
    // A generic invoke under an action's name would send its first argument as the channel.
    ipcRenderer.invoked.length = 0;
    const call = api.actions as unknown as Record<string, (request: unknown) => Promise<unknown>>;
    for (const name of actionNamesFor('popup')) await call[name]!({});
    expect(ipcRenderer.invoked.map((i) => i.channel)).toEqual(actionNamesFor('popup').map(actionChannel));
  });

  it('on("state") passes only the payload and unsubscribes', async () => {
    const { api, ipcRenderer } = await loadPreload();
    const seen: unknown[][] = [];
    const off = api.on('state', (...args: unknown[]) => seen.push(args));
    ipcRenderer.__emitFromMain(eventChannel('state'), { overall: 'attention' });
    expect(seen).toEqual([[{ overall: 'attention' }]]);
    off();
    ipcRenderer.__emitFromMain(eventChannel('state'), { overall: 'ok' });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(eventChannel('state'))).toBe(0);
  });
});

type Shape = string | { [key: string]: Shape };

/** What a page could reach on the object: every own property (enumerable or not), by type; objects walked. */
function shape(value: unknown): Shape {
  if (typeof value !== 'object' || value === null) return typeof value;
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype); // no class with methods of its own
  return Object.fromEntries(Reflect.ownKeys(value).map((key) => [String(key), shape((value as Record<PropertyKey, unknown>)[key])]));
}

function everyValue(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return [value, ...Reflect.ownKeys(value).flatMap((key) => everyValue((value as Record<PropertyKey, unknown>)[key]))];
}

/** The methods an object inherits (invoke, send, on, ... up to EventEmitter's), not Object's own. */
function protoFunctions(object: object): unknown[] {
  const found: unknown[] = [];
  for (let proto = Object.getPrototypeOf(object) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Reflect.ownKeys(proto)) if (key !== 'constructor') found.push((object as Record<PropertyKey, unknown>)[key]);
  }
  return found.filter((value) => typeof value === 'function');
}
