import { join } from 'node:path';
import type { ActionRequest, ActionResult, AgentActionName, AgentState, CapabilityName, Notice } from '../contract';
import { sliceStore, type Capability, type CapabilityContext, type DiagnosticsPart } from './capability';
import { CAPABILITY_LIST, initialState } from './capabilities';
import { loadManagedConfig, type LoadedConfig } from './config/managed-config';
import { DEFAULT_POLICY } from './config/policy-defaults';
import type { HeartbeatBody, Policy } from './hallo-api/types';
import { createLogger, type Logger } from './log';
import type { AgentOptions, AgentPorts } from './ports';
import { createPowerShellHost, type PowerShellHost } from './platform/powershell-host';
import { AgentStore, type StatePatch } from './store';

/** What the shell, the preview and the tests hold: the whole agent behind one object. */
export interface Agent {
  state(): AgentState;
  /** `request` has already passed the action's schema (see door.ts). */
  invoke<K extends AgentActionName>(name: K, request: ActionRequest<K>): Promise<ActionResult<K>>;
  subscribe(listener: (patch: StatePatch) => void): () => void;
  /** Notices for OS notifications (the shell shows them; the preview ignores them). */
  onNotice(listener: (notice: Notice) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  log: Logger;
}

type Handlers = { [K in AgentActionName]: (request: ActionRequest<K>) => Promise<ActionResult<K>> | ActionResult<K> };
type Definition = (typeof CAPABILITY_LIST)[number];
type AnyCapability = { [N in CapabilityName]: Capability<N> }[CapabilityName];
type Running = { [D in Definition as D['name']]: ReturnType<D['create']> };

/** Until the updates capability reports: nothing known. */
const UPDATES_UNKNOWN: HeartbeatBody['updates'] = { pendingCount: null, rebootRequired: null, lastCheckedAt: null };

/**
 * How long one capability may take to stop. Quitting (the app, a signed-out session, the preview's
 * Ctrl-C) must never hang on one that waits for a call or a file that does not come back: it is
 * logged by name and left behind; what it had on disk is already there.
 */
export const CAPABILITY_STOP_GRACE_MS = 5_000;

/**
 * The composition root: makes each capability of CAPABILITY_LIST with one context and its own
 * slice of one store, and fans in what they share (actions, policy, server events, heartbeat and
 * diagnostics parts). It decides nothing itself; who feeds whom is in the capabilities.
 */
export function createAgent(ports: AgentPorts, options: AgentOptions): Agent {
  const { clock } = ports;
  const log = createLogger({ file: join(ports.paths.dataDir, 'logs', 'agent.log'), clock });
  const store = new AgentStore(initialState({ appVersion: options.appVersion, platform: process.platform, secretStorage: ports.secrets.storage }));
  let config: LoadedConfig = { config: {}, files: [], problems: [] };
  let policy: Policy = DEFAULT_POLICY;
  const noticeListeners = new Set<(notice: Notice) => void>();
  let powershell: PowerShellHost | null = null;

  /** Each capability's hook in list order; one that throws is logged and the others still hear it. */
  function each(what: string, call: (capability: AnyCapability) => void): void {
    for (const capability of list) {
      try {
        call(capability);
      } catch (error) {
        log.error(`${what} failed`, { error: String(error) });
      }
    }
  }

  /** Each capability's part; one that fails is logged and left out, never the others with it. */
  async function settledParts<T>(what: string, part: (capability: AnyCapability) => T | Promise<T> | undefined): Promise<T[]> {
    const settled = await Promise.allSettled(list.map(async (capability) => (await part(capability)) ?? ({} as T)));
    return settled.flatMap((result) => {
      if (result.status === 'fulfilled') return [result.value];
      log.error(`a ${what} part failed`, { error: String(result.reason) });
      return [];
    });
  }

  const ctx: CapabilityContext = {
    ports,
    options,
    clock,
    log,
    dataDir: ports.paths.dataDir,
    config: () => config,
    policy: () => policy,
    api: () => running.connection.api(),
    powershell: () => (powershell ??= createPowerShellHost({ clock })),
    device: () => running.health.device(),
    async diagnostics(mask) {
      return Object.assign({}, ...(await settledParts('diagnostics', (capability) => capability.diagnostics?.(mask)))) as DiagnosticsPart;
    },
    notify(notice) {
      for (const listener of noticeListeners) listener(notice);
    },
    async heartbeat() {
      const parts = await settledParts('heartbeat', (capability) => capability.heartbeat?.());
      return Object.assign({ at: new Date(clock.now()).toISOString(), updates: UPDATES_UNKNOWN, agentVersion: options.appVersion }, ...parts) as HeartbeatBody;
    },
    receivePolicy(next) {
      const previous = policy;
      policy = next;
      each('applying the policy', (capability) => capability.onPolicy?.(next, previous));
    },
    receiveEvent(event) {
      each(`handling ${event.type}`, (capability) => capability.onServerEvent?.(event));
    },
  };

  const running = Object.fromEntries(
    CAPABILITY_LIST.map((definition) => [definition.name, definition.create(ctx, sliceStore(store, definition.name, definition.slices) as never)]),
  ) as Running;
  const list: AnyCapability[] = CAPABILITY_LIST.map((definition) => running[definition.name]);
  // Complete by construction: each capability's ActionHandlers has exactly its contract actions.
  const handlers = Object.assign({ 'state.get': () => store.get() }, ...list.map((capability) => capability.actions)) as Handlers;

  return {
    log,
    state: () => store.get(),
    subscribe: (listener) => store.subscribe(listener),
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    invoke: (name, request) => Promise.resolve(handlers[name](request as never)) as never,
    async start() {
      config = await loadManagedConfig(ports.paths.configFiles, options.env);
      for (const problem of config.problems) log.warn('configuration problem', { ...problem });
      for (const capability of list) {
        // One that fails to start is logged; the others still start (the tray stays truthful).
        await (async () => capability.start?.())().catch((error: unknown) => log.error('a capability failed to start', { error: String(error) }));
      }
    },
    async stop() {
      for (const definition of [...CAPABILITY_LIST].reverse()) {
        const capability: AnyCapability = running[definition.name];
        const stopped = (async () => capability.stop?.())().then(
          () => true,
          (error: unknown) => (log.error('a capability failed to stop', { capability: definition.name, error: String(error) }), true),
        );
        let timer: unknown;
        const late = new Promise<false>((done) => (timer = clock.setTimeout(() => done(false), CAPABILITY_STOP_GRACE_MS)));
        if (!(await Promise.race([stopped, late]))) log.error('a capability did not stop in time; stopping without it', { capability: definition.name, graceMs: CAPABILITY_STOP_GRACE_MS });
        clock.clearTimeout(timer);
      }
      powershell?.stop();
      log.close();
    },
  };
}
