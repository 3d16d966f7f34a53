import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentState, ConnectionState } from '../../../electron/contract';
import type { SliceStore } from '../../../electron/agent/capability';
import { writePolicyCache } from '../../../electron/agent/config/policy-cache';
import { DEVICE_ID_SECRET, TOKEN_SECRET, saveEnrolmentDetails } from '../../../electron/agent/connection/enrolment';
import { createConnectionService, type ConnectionService } from '../../../electron/agent/connection/service';
import { createLogger } from '../../../electron/agent/log';
import { connectionCapability } from '../../../electron/agent/connection/capability';
import type { AgentOptions } from '../../../electron/agent/ports';
import type { StatePatch } from '../../../electron/agent/store';
import { sampleDevice, sampleHeartbeat, samplePolicy } from '../../unit/hallo-api/samples';
import { seededRandom } from '../../doubles/seeded-random';
import { createFleetApi, FLEET_API, POLICY_ETAG, type FleetApi } from './fleet-api';
import { followAsTheAgentDoes } from './followers';
import { createVirtualClock, type VirtualClock } from './virtual-clock';

// A fleet of agents on one virtual clock against one in-memory API (fleet-api.ts). Each agent is
// the real connection service (electron/agent/connection/service.ts: first contact, heartbeats,
// backoff, Retry-After, the event stream, the policy) with the real API client, its timeouts and
// its validators; only the clock, the transport and the state store are stand-ins. What the rest
// of the agent asks of the API when the connection comes online is followers.ts.

export interface FleetRun {
  api: FleetApi;
  clock: VirtualClock;
  /** Seconds since the run's origin, as the API's counters are kept. */
  seconds: number;
  agents: SimAgent[];
}

export interface SimAgent {
  service: ConnectionService;
  state(): { connection: ConnectionState };
}


/** The two slices the connection owns, without the rest of an agent's state (ten thousand of them). */
function miniStore(): SliceStore<'connection' | 'config'> & { listeners: Set<(patch: StatePatch) => void> } {
  let state = connectionCapability.initial({ version: '0.1.0', platform: 'win32', sizeUnits: 'decimal', secretStorage: 'file' });
  const listeners = new Set<(patch: StatePatch) => void>();
  const publish = (patch: StatePatch) => {
    for (const listener of listeners) listener(patch);
  };
  return {
    listeners,
    get: () => state as unknown as AgentState,
    set(key, value) {
      state = { ...state, [key]: value };
      publish({ [key]: value } as StatePatch);
    },
    update(key, fn) {
      const value = fn(state[key] as never);
      state = { ...state, [key]: value };
      publish({ [key]: value } as StatePatch);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A data folder as a PC enrolled yesterday has it: the policy cache and the enrolment details.
 * One folder for the whole fleet (the files are the same and every write is atomic under a name
 * of its own), on /dev/shm where there is one: the agents' writes (last contact) cost little there.
 */
export async function fleetDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = await mkdtemp(join(base, 'hallo-fleet-'));
  await mkdir(dir, { recursive: true });
  await writePolicyCache(dir, { etag: POLICY_ETAG, policy: samplePolicy(), fetchedAt: '2026-03-01T17:00:00.000Z' });
  await saveEnrolmentDetails(dir, { deviceId: 'x', token: 'x', tenantName: 'Bakkerij Jansen', apiUrl: FLEET_API });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Makes the fleet: agent i switches on at `switchOnAt[i]` (ms since `origin`), as a PC enrolled
 * before (its token and cached policy on disk), and runs until it is stopped.
 */
export function createFleet(opts: { origin: number; seconds: number; switchOnAt: number[]; dataDir: string; seed?: number }): FleetRun {
  const clock = createVirtualClock(opts.origin);
  const api = createFleetApi(clock, opts.origin, opts.seconds);
  const options: AgentOptions = { appVersion: '0.1.0', systemLanguages: ['nl-NL'], env: {} };
  // One log for the fleet, errors only (ours, not the API's): ten thousand PCs' warnings are not the point.
  const log = createLogger({ file: null, clock, level: 'error' });
  const agents: SimAgent[] = opts.switchOnAt.map((at, i) => {
    const random = seededRandom((opts.seed ?? 1) * 1_000_003 + i);
    const store = miniStore();
    const secrets = new Map([
      [TOKEN_SECRET, `token-${i}`],
      [DEVICE_ID_SECRET, `device-${i}`],
    ]);
    const service = createConnectionService({
      store,
      log,
      ports: {
        clock,
        http: api.http,
        secrets: {
          get: async (name) => secrets.get(name) ?? null,
          set: async (name, value) => void secrets.set(name, value),
          delete: async (name) => void secrets.delete(name),
        },
        idle: { idleSeconds: () => 0 },
        screen: { capture: async () => null },
        paths: { dataDir: opts.dataDir, configFiles: [] },
      },
      options,
      config: { config: { apiUrl: FLEET_API }, files: [], problems: [] },
      device: async () => sampleDevice,
      heartbeatBody: () => sampleHeartbeat(new Date(clock.now()).toISOString()),
      onPolicy: () => undefined,
      random,
    });
    const agent: SimAgent = { service, state: () => store.get() };
    followAsTheAgentDoes({ store, api: () => service.api(), clock, options, random });
    clock.setTimeout(() => clock.hold(service.start()), at);
    return agent;
  });
  return { api, clock, seconds: opts.seconds, agents };
}

export async function stopFleet(run: FleetRun): Promise<void> {
  await Promise.all(run.agents.map((agent) => agent.service.stop()));
}
