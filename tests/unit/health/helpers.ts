import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AgentState } from '../../../electron/contract';
import { initialState } from '../../../electron/agent/capabilities';
import type { HealthProbes } from '../../../electron/agent/health/probes';

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
