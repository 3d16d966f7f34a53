import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AgentState } from '../../../electron/contract';
import { initialState } from '../../../electron/agent/capabilities';
import type { HealthProbes } from '../../../electron/agent/health/probes';
import { createHistoryFile } from '../../../electron/agent/health/history-file';
import { DEFAULT_THRESHOLDS } from '../../../electron/agent/health/rules';
import { createHealthService } from '../../../electron/agent/health/service';
import { createLogger } from '../../../electron/agent/log';
import type { Clock } from '../../../electron/agent/ports';
import { AgentStore } from '../../../electron/agent/store';

export type Fixture = { [K in keyof HealthProbes]: Awaited<ReturnType<HealthProbes[K]>> };

export function loadFixture(name: 'linux-debian12' | 'windows11-laptop'): Fixture {
  return JSON.parse(readFileSync(resolve('tests/fixtures/health', `${name}.json`), 'utf8')) as Fixture;
}

/** Probes that answer from a recorded fixture, counting calls; `override` replaces single probes. */
export function fakeProbes(fixture: Fixture, override: Partial<HealthProbes> = {}) {
  const calls: Record<string, number> = {};
  const probes = {} as Record<keyof HealthProbes, () => Promise<unknown>>;
  for (const key of Object.keys(fixture).filter((k) => !k.startsWith('_')) as (keyof HealthProbes)[]) {
    probes[key] = () => {
      calls[key] = (calls[key] ?? 0) + 1;
      const replaced = override[key];
      return replaced ? (replaced as () => Promise<unknown>)() : Promise.resolve(structuredClone(fixture[key]));
    };
  }
  return { probes: probes as unknown as HealthProbes, calls };
}

export function testState(): AgentState {
  const state = initialState({ appVersion: '1.0.0', platform: 'linux' });
  return { ...state, overall: 'ok', connection: { ...state.connection, status: 'online' } };
}

/**
 * The health service as the capability wires it, on the recorded Windows laptop, keeping its
 * history in `dataDir` (`write`: how the file is written, to count the writes).
 */
export function laptopWithHistory(opts: { dataDir: string; clock: Clock; sampleSeconds: number; write?: (path: string, data: string) => Promise<void> }) {
  const { clock } = opts;
  const state = testState();
  const store = new AgentStore({ ...state, app: { ...state.app, platform: 'win32' } });
  const log = createLogger({ file: null, clock });
  const historyFile = createHistoryFile({ dataDir: opts.dataDir, log: log.child('health'), clock, write: opts.write });
  const service = createHealthService({
    store,
    log,
    clock,
    probes: fakeProbes(loadFixture('windows11-laptop')).probes,
    thresholds: () => DEFAULT_THRESHOLDS,
    sampleSeconds: () => opts.sampleSeconds,
    historyFile,
  });
  return { store, log, service, historyFile };
}
