import type { CaptureCommand, Notice } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { ConsentRequest, Policy, SessionEventRequest } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import type { Clock, CaptureHost } from '../../../electron/agent/ports';
import { remoteCapability } from '../../../electron/agent/remote/capability';
import { AgentStore } from '../../../electron/agent/store';
import { claimsFor, createTestSigner } from './signer';

// The remote capability on its own, as the consent window, the bar and hallo, meet it: requests
// arrive as server events, answers and ends as actions; a fake hallo, records what it is told, a
// fake capture page records its commands. Used by capability.test.ts (fake clock) and the bench's
// consentDecisionMs (the real clock).

export const DEVICE = 'dev_1';

export interface Hallo {
  consents: { sessionId: string; body: ConsentRequest }[];
  events: { sessionId: string; body: SessionEventRequest }[];
  audit: string[];
}

export interface BootOptions<C extends Clock = Clock> {
  dir: string;
  /** The fake clock in tests (its `advance` passes the 500 ms guard), the real one in the bench. */
  clock: C;
  capture?: boolean;
  /** The capture page never says it is ready. */
  captureHangs?: boolean;
  locked?: boolean;
  userPresent?: boolean;
  restartStep?: 'countdown' | 'restarting';
  policy?: Partial<Policy['remote']>;
}


export async function bootRemote<C extends Clock & { advance?(ms: number): Promise<void> }>(opts: BootOptions<C>) {
  const { dir, clock } = opts;
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
    open: () => (opts.captureHangs ? new Promise<void>(() => {}) : Promise.resolve()),
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
    capability.onServerEvent?.({ id: null, type: 'remote-session.requested', data: { request: await signer.sign(claims) } });
    await until(() => {
      const entry = remote().history.find((h) => h.sessionId === claims.jti);
      return entry !== undefined && (entry.outcome !== 'pending' || remote().request?.sessionId === claims.jti);
    });
    return claims.jti;
  };
  const allow = async (sessionId: string) => {
    await clock.advance?.(500);
    return capability.actions['remote.answer']({ sessionId, answer: 'allow' });
  };
  return { capability, clock, store, signer, remote, hallo, commands, closed, notices, ask, allow, dir, stop: () => capability.stop?.() };
}

/** Waits for real disk writes (the clock is fake; nothing is timed). */
export async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!check()) throw new Error('the remote capability did not get there');
}

