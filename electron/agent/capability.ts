import type { ActionRequest, ActionResult, ActionsOf, AgentState, AppInfo, CapabilityName, DeviceInfo, Notice, SliceName } from '../contract';
import type { LoadedConfig } from './config/managed-config';
import type { HalloApi } from './hallo-api/client';
import type { HeartbeatBody, Policy, ServerEvent } from './hallo-api/types';
import type { Logger } from './log';
import type { Diagnostics } from './tickets/diagnostics';
import type { Masker } from './platform/mask';
import type { PowerShellHost } from './platform/powershell-host';
import type { AgentOptions, AgentPorts, Clock } from './ports';
import type { AgentStore, StatePatch } from './store';

// The template every capability follows (health, connection, tickets, and the ones to come).
// A capability is a folder under electron/agent/ whose `capability.ts` exports one definition,
//   export const xCapability = defineCapability({ name: 'x', slices: ['x'], initial, create })
// and one entry in CAPABILITY_LIST (capabilities.ts). Its actions are the contract's entries whose `handler`
// is its name: `ActionHandlers` does not compile until each has a handler, and no other
// capability can answer them. It writes only the slices it names; everything else it reads.
// See electron/agent/README.md for the recipes.

/** The handlers of the contract's actions that capability N answers: exactly those, typed. */
export type ActionHandlers<N extends CapabilityName> = {
  [K in ActionsOf<N>]: (request: ActionRequest<K>) => Promise<ActionResult<K>> | ActionResult<K>;
};

/** What a capability adds to each heartbeat (the agent adds `at` and `agentVersion`). */
export type HeartbeatPart = Partial<Omit<HeartbeatBody, 'at' | 'agentVersion'>>;

/** What a capability adds to a ticket's diagnostics; strings that may name the user are masked with `mask`. */
export type DiagnosticsPart = Partial<Pick<Diagnostics, 'device' | 'health' | 'checks' | 'updates' | 'remote'>>;

/** A running capability: what `create` returns. */
export interface Capability<N extends CapabilityName = CapabilityName> {
  readonly actions: ActionHandlers<N>;
  /**
   * Called in list order once the managed configuration is loaded. Timers and subscriptions
   * start here, not in the factory, so that a test can build a capability without running it.
   */
  start?(): Promise<void> | void;
  /** Called in reverse list order; once it resolves, no timer of this capability fires and nothing it started writes. */
  stop?(): Promise<void> | void;
  /**
   * Each policy the agent works from: the cached one (or the defaults) at start, then every new
   * one from the API. The only way policy arrives; `ctx.policy()` reads the current one.
   */
  onPolicy?(policy: Policy, previous: Policy): void;
  /** Every event from the API's event stream, already validated. */
  onServerEvent?(event: ServerEvent): void;
  /** Its part of the heartbeat; may wait (bounded) for a first measurement. */
  heartbeat?(): HeartbeatPart | Promise<HeartbeatPart>;
  /** Its part of a ticket's diagnostics. */
  diagnostics?(mask: Masker): DiagnosticsPart | Promise<DiagnosticsPart>;
}

/** A store that writes only the slices a capability owns; it reads the whole state. */
export interface SliceStore<S extends SliceName = SliceName> {
  get(): AgentState;
  set<K extends S>(key: K, value: AgentState[K]): void;
  update<K extends S>(key: K, fn: (previous: AgentState[K]) => AgentState[K]): void;
  subscribe(listener: (patch: StatePatch) => void): () => void;
}

/** What the composition root hands every capability. Cross-capability needs go through here. */
export interface CapabilityContext {
  ports: AgentPorts;
  options: AgentOptions;
  clock: Clock;
  /** The agent's log; a service names its scope with `child()` (e.g. 'tickets'). */
  log: Logger;
  /** Where it keeps its files: the per-user data folder. */
  dataDir: string;
  /** The managed configuration (known before any capability starts). */
  config(): LoadedConfig;
  /** The policy the agent works from now. */
  policy(): Policy;
  /** The hallo, API client while the PC is enrolled, else null (connection capability). */
  api(): HalloApi | null;
  /**
   * Windows: the agent's one long-lived PowerShell (platform/powershell-host.ts), made at first use
   * and stopped after every capability stopped. Updates, the busy source and the checks share it.
   */
  powershell(): PowerShellHost;
  /** The PC as its probes describe it (health capability). */
  device(): Promise<DeviceInfo>;
  /** Every capability's part of a ticket's diagnostics (tickets capability). */
  diagnostics(mask: Masker): Promise<DiagnosticsPart>;
  /** Something the employee should hear with the popup closed: an OS notification. */
  notify(notice: Notice): void;
  /** The heartbeat with every capability's part (sent by the connection capability). */
  heartbeat(): Promise<HeartbeatBody>;
  /** A policy to work from: every capability's onPolicy hears it (the connection receives them). */
  receivePolicy(policy: Policy): void;
  /** An event from the API's stream: every capability's onServerEvent hears it. */
  receiveEvent(event: ServerEvent): void;
}

/**
 * What a capability is: its name (the contract's `handler` for its actions), the state slices it
 * owns with their values before anything is known, and how to make it from the context.
 */
export interface CapabilityDefinition<N extends CapabilityName, S extends SliceName, C extends Capability<N>> {
  readonly name: N;
  readonly slices: readonly S[];
  /** What the UI shows before the capability has measured or heard anything. */
  initial(app: AppInfo): Pick<AgentState, S>;
  create(ctx: CapabilityContext, store: SliceStore<S>): C;
}

/** Keeps the literal types of a definition (its name and slices) for the composition root. */
export function defineCapability<N extends CapabilityName, S extends SliceName, C extends Capability<N>>(
  definition: CapabilityDefinition<N, S, C>,
): CapabilityDefinition<N, S, C> {
  return definition;
}

/** A store view that lets a capability write only its own slices: a slip shows at once, in tests. */
export function sliceStore<S extends SliceName>(store: AgentStore, owner: string, slices: readonly S[]): SliceStore<S> {
  const owned = new Set<SliceName>(slices);
  const check = (key: SliceName) => {
    if (!owned.has(key)) throw new Error(`${owner} does not own the state slice "${key}"`);
  };
  return {
    get: () => store.get(),
    set(key, value) {
      check(key);
      store.set(key, value);
    },
    update(key, fn) {
      check(key);
      store.update(key, fn);
    },
    subscribe: (listener) => store.subscribe(listener),
  };
}
