import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureCommand, Notice } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { ConsentRequest, Policy, SessionEventRequest } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import type { CaptureHost } from '../../../electron/agent/ports';
import { remoteCapability } from '../../../electron/agent/remote/capability';
import { validateSchema } from '../../../electron/agent/hallo-api/validator';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';
import { useDataFolders } from './folders';
import { claimsFor, createTestSigner } from './signer';

// The remote capability on its own, as the consent window, the bar and hallo, meet it: requests
// arrive as server events, answers and ends as actions; a fake hallo, records what it is told, a
// fake capture page records its commands. The fake clock drives the 500 ms guard, the grace after
// a disconnect and the maximum length.

const dataDir = useDataFolders('remote-capability');
const DEVICE = 'dev_1';

interface Hallo {
  consents: { sessionId: string; body: ConsentRequest }[];
  events: { sessionId: string; body: SessionEventRequest }[];
  audit: string[];
}

async function boot(opts: { dir?: string; clock?: FakeClock; capture?: boolean; locked?: boolean; userPresent?: boolean; restartStep?: 'countdown' | 'restarting'; policy?: Partial<Policy['remote']> } = {}) {
  const dir = opts.dir ?? (await dataDir());
  const clock = opts.clock ?? createFakeClock();
  const signer = await createTestSigner();
  const state = initialState({ appVersion: '1.0.0', platform: 'linux' });
  state.connection = { ...state.connection, deviceId: DEVICE };
  if (opts.restartStep) state.updates = { ...state.updates, restart: { ...state.updates.restart, needed: true, step: opts.restartStep === 'countdown' ? { kind: 'countdown', endsAt: '2026-12-07T10:00:00Z' } : { kind: 'restarting' } } } as never;
  const store = new AgentStore(state);
  const hallo: Hallo = { consents: [], events: [], audit: [] };
  const api = {
    async consent(sessionId: string, body: ConsentRequest) {
      hallo.consents.push({ sessionId, body });
      return body.decision === 'granted' ? { connection: { engine: 'view', iceServers: [] } } : {};
    },
    async sessionEvent(sessionId: string, body: SessionEventRequest) {
      hallo.events.push({ sessionId, body });
    },
    async sendRemoteSignal() {},
    async sendRemoteAudit(entries: { kind: string }[]) {
      hallo.audit.push(...entries.map((e) => e.kind));
    },
  } as unknown as HalloApi;
  const commands: CaptureCommand[] = [];
  const closed: string[] = [];
  const capture: CaptureHost = {
    open: async () => {},
    send: (command) => void commands.push(command),
    close: async (sessionId) => void closed.push(sessionId),
  };
  const policy: Policy = { ...DEFAULT_POLICY, remote: { ...DEFAULT_POLICY.remote, signingKeys: [signer.publicJwk], ...opts.policy } };
  const notices: Notice[] = [];
  const ctx = {
    ports: {
      clock,
      idle: { idleSeconds: () => 0, locked: () => opts.locked ?? false },
      remote: { ...(opts.capture === false ? {} : { capture }), userPresent: () => opts.userPresent ?? true },
    },
    clock,
    options: {},
    log: createLogger({ file: null, clock }),
    dataDir: dir,
    policy: () => policy,
    api: () => api,
    notify: (notice: Notice) => notices.push(notice),
  } as unknown as CapabilityContext;
  const capability = remoteCapability.create(ctx, sliceStore(store, 'remote', remoteCapability.slices));
  await capability.start?.();
  const remote = () => store.get().remote;
  /** Sends a request signed by hallo, over the "event stream" and waits until it is judged. */
  const ask = async (more: Parameters<typeof claimsFor>[2] = {}) => {
    const claims = claimsFor(DEVICE, clock.now(), more);
    const before = remote().history.length + remote().audit.lines.length;
    capability.onServerEvent?.({ id: null, type: 'remote-session.requested', data: { request: await signer.sign(claims) } });
    await until(() => remote().history.length + remote().audit.lines.length > before && remote().history[0]?.outcome !== undefined);
    await until(() => remote().history.find((h) => h.sessionId === claims.jti)?.outcome !== 'pending' || remote().request?.sessionId === claims.jti);
    return claims.jti;
  };
  const allow = async (sessionId: string) => {
    await clock.advance(500);
    return capability.actions['remote.answer']({ sessionId, answer: 'allow' });
  };
  return { capability, clock, remote, hallo, commands, closed, notices, ask, allow, dir, stop: () => capability.stop?.() };
}

/** Waits for real disk writes (the clock is fake; nothing is timed). */
async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(check()).toBe(true);
}

describe('the remote capability', () => {
  it.each([
    ['in the final restart countdown', { restartStep: 'countdown' as const }, 'restarting'],
    ['while the restart is under way', { restartStep: 'restarting' as const }, 'restarting'],
    ['with the screen locked', { locked: true }, 'locked'],
    ['with nobody logged on', { userPresent: false }, 'no-user'],
  ])('a request %s is denied at once, without a prompt, told and audited', async (_name, opts, reason) => {
    const run = await boot(opts);
    const sessionId = await run.ask();
    expect(run.remote().request).toBeNull();
    expect(run.remote().history[0]).toMatchObject({ sessionId, outcome: 'denied', denial: reason });
    await until(() => run.hallo.consents.length === 1);
    expect(run.hallo.consents[0]).toMatchObject({ sessionId, body: { decision: 'denied', reason } });
    expect(run.remote().audit.lines.map((l) => [l.kind, l.params.reason ?? null])).toEqual([
      ['consent', reason],
      ['request-received', null],
    ]);
    await run.stop();
  });

  it('control asked, no control engine: the window offers view, and view is granted', async () => {
    const run = await boot();
    const sessionId = await run.ask({ mode: 'control' });
    expect(run.remote().request).toMatchObject({ modeRequested: 'control', controlOffered: false });
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow', mode: 'control' })).toEqual({ outcome: 'too-early' });
    await run.clock.advance(500);
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow', mode: 'control' })).toEqual({ outcome: 'invalid-mode' });
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow' })).toEqual({ outcome: 'accepted' });
    expect(run.hallo.consents[0]?.body).toMatchObject({ decision: 'granted', mode: 'view' });
    await run.stop();
  });

  it('no capture port: a granted session ends at once as capture-failed, and the receipt says so', async () => {
    const run = await boot({ capture: false });
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.remote().receipt !== null);
    expect(run.remote()).toMatchObject({ session: null, receipt: { sessionId, by: 'agent', reason: 'capture-failed' } });
    await until(() => run.hallo.events.length === 1);
    expect(run.hallo.events[0]?.body).toMatchObject({ type: 'ended', by: 'agent', reason: 'capture-failed' });
    await run.stop();
  });

  it('the technician side gone: 10 s to come back, then ended as connection-lost; a reconnect keeps it', async () => {
    const run = await boot();
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.commands.some((c) => c.command === 'start'));
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'first-frame' });
    expect(run.remote().session?.phase).toBe('live');
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'disconnected' });
    await run.clock.advance(9_000);
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'connected' });
    await run.clock.advance(5_000);
    expect(run.remote().session?.phase).toBe('live');
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'disconnected' });
    await run.clock.advance(10_000);
    await until(() => run.remote().receipt !== null);
    expect(run.closed).toEqual([sessionId]);
    expect(run.remote().receipt).toMatchObject({ by: 'agent', reason: 'connection-lost' });
    await run.stop();
  });

  it('ends by itself at the policy\'s maximum length', async () => {
    const run = await boot({ policy: { maxSessionMinutes: 5 } });
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.commands.some((c) => c.command === 'start'));
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'first-frame' });
    await run.clock.advance(5 * 60_000);
    await until(() => run.remote().receipt !== null);
    expect(run.remote().receipt).toMatchObject({ by: 'timeout', reason: 'max-length', minutes: 5 });
    expect(run.closed).toEqual([sessionId]);
    await run.stop();
  });

  it('puts the audit into a ticket\'s diagnostics, checked again: an edit since the start shows there and in the popup', async () => {
    const run = await boot();
    await run.ask();
    const part = await run.capability.diagnostics?.((text) => text);
    expect(part?.remote).toMatchObject({ chain: 'intact', brokenAtSeq: null, lines: [{ seq: 1, kind: 'request-received' }] });
    expect(validateSchema('DiagnosticsRemote', part?.remote).ok).toBe(true);

    const file = join(run.dir, 'remote', 'audit.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"Jan van hallo,"', '"Piet"'));
    const after = await run.capability.diagnostics?.((text) => text);
    expect(after?.remote).toMatchObject({ chain: 'broken', brokenAtSeq: 1, lines: [{ kind: 'chain-broken' }] });
    expect(run.remote().audit).toMatchObject({ chain: 'broken', brokenAtSeq: 1 });
    await run.stop();
  });

  it('a session the agent was killed in is reported ended by agent-stopped at the next start', async () => {
    const dir = await dataDir();
    const clock = createFakeClock();
    const first = await boot({ dir, clock });
    const sessionId = await first.ask();
    await first.allow(sessionId);
    await until(() => first.remote().session !== null && first.remote().history[0]?.outcome === 'granted');
    await settle(); // killed: no stop(), the history on disk says it was granted and not ended

    const next = await boot({ dir, clock });
    await until(() => next.remote().receipt !== null);
    expect(next.remote().receipt).toMatchObject({ sessionId, by: 'agent', reason: 'agent-stopped' });
    expect(next.remote().history[0]).toMatchObject({ sessionId, endedBy: 'agent' });
    await until(() => next.hallo.events.some((e) => e.body.type === 'ended'));
    expect(next.hallo.events.find((e) => e.body.type === 'ended')?.body).toMatchObject({ by: 'agent', reason: 'agent-stopped' });
    await next.stop();
    await first.stop();
  });
});
