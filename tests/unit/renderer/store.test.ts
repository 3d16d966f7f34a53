import { describe, expect, it, vi } from 'vitest';
import { ActionError } from '../../../electron/contract/errors';
import type { AgentState, EventPayload } from '../../../electron/contract';
import { createMirror, mergePatch } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { sampleState } from './sample-state';

/** A bridge whose state.get answers are controlled by the test, and whose events it can push. */
function fakeBridge() {
  const stateListeners = new Set<(patch: EventPayload<'state'>) => void>();
  const reconnectListeners = new Set<() => void>();
  const answers: (() => Promise<AgentState>)[] = [];
  const bridge = {
    kind: 'socket',
    actions: { 'state.get': () => (answers.shift() ?? (() => Promise.reject(new ActionError('unavailable'))))() },
    on: (_event: 'state', listener: (patch: EventPayload<'state'>) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onReconnect: (listener: () => void) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  } as unknown as PopupBridge;
  return {
    bridge,
    answers,
    push: (patch: unknown) => stateListeners.forEach((l) => l(patch as EventPayload<'state'>)),
    reconnect: () => reconnectListeners.forEach((l) => l()),
  };
}

describe('the state mirror', () => {
  it('starts loading, then holds the snapshot from state.get', async () => {
    const fake = fakeBridge();
    fake.answers.push(async () => sampleState());
    const mirror = createMirror(fake.bridge);
    expect(mirror.store.getState()).toEqual({ status: 'loading', state: null });
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('ready'));
    expect(mirror.store.getState().state?.device?.hostname).toBe('LAPTOP-ANNA');
  });

  it('replaces whole slices from pushed patches and leaves the others alone', async () => {
    const fake = fakeBridge();
    fake.answers.push(async () => sampleState());
    const mirror = createMirror(fake.bridge);
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('ready'));
    const before = mirror.store.getState().state!;
    fake.push({ overall: 'ok', support: { ...before.support, openNow: false } });
    const after = mirror.store.getState().state!;
    expect(after.overall).toBe('ok');
    expect(after.support.openNow).toBe(false);
    expect(after.health).toBe(before.health);
  });

  it('ignores patches before the first snapshot, and keys that are not slices', async () => {
    const fake = fakeBridge();
    let answer!: (s: AgentState) => void;
    fake.answers.push(() => new Promise((resolve) => (answer = resolve)));
    const mirror = createMirror(fake.bridge);
    fake.push({ overall: 'problem' });
    expect(mirror.store.getState().state).toBeNull();
    answer(sampleState());
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('ready'));
    expect(mirror.store.getState().state!.overall).toBe('attention');
    fake.push({ evil: 1, __proto__: { overall: 'ok' } });
    expect(mirror.store.getState().state).not.toHaveProperty('evil');
    expect(mirror.store.getState().state!.overall).toBe('attention');
  });

  it('says it failed when the first snapshot cannot be had, and recovers after a reconnect', async () => {
    const fake = fakeBridge();
    const mirror = createMirror(fake.bridge);
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('failed'));
    fake.answers.push(async () => ({ ...sampleState(), overall: 'ok' }));
    fake.reconnect();
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('ready'));
    expect(mirror.store.getState().state!.overall).toBe('ok');
  });

  it('keeps the last snapshot when a later sync fails', async () => {
    const fake = fakeBridge();
    fake.answers.push(async () => sampleState());
    const mirror = createMirror(fake.bridge);
    await vi.waitFor(() => expect(mirror.store.getState().status).toBe('ready'));
    await mirror.sync(); // no answer queued: rejects with unavailable
    expect(mirror.store.getState().status).toBe('ready');
    expect(mirror.store.getState().state!.device?.hostname).toBe('LAPTOP-ANNA');
  });

  it('mergePatch ignores non-objects', () => {
    const state = sampleState();
    expect(mergePatch(state, null)).toBe(state);
    expect(mergePatch(state, 'x')).toBe(state);
  });
});
