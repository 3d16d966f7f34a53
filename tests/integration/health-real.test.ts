import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { StatusItem } from '../../electron/contract';
import { createHealthService } from '../../electron/agent/health/service';
import { DEFAULT_THRESHOLDS } from '../../electron/agent/health/rules';
import { createLogger } from '../../electron/agent/log';
import { AgentStore } from '../../electron/agent/store';
import { createFakeClock } from '../doubles/fake-clock';
import { testState } from '../unit/health/helpers';

describe('health on this machine (real systeminformation)', () => {
  it('samples once and gives the checks and the device', async () => {
    const store = new AgentStore(testState());
    const clock = createFakeClock({ realTime: true }); // real probes take real time
    const log = createLogger({ file: null, clock });
    const service = createHealthService({ store, log, clock, thresholds: () => DEFAULT_THRESHOLDS, sampleSeconds: () => 60 });
    await service.refresh();
    const { health, device } = store.get();

    for (const item of health.items) expect(StatusItem.safeParse(item).success).toBe(true);
    const checks = new Set(health.items.map((i) => i.check));
    for (const check of ['disk-space', 'memory', 'uptime'] as const) expect(checks).toContain(check);
    expect(health.figures?.disks.length).toBeGreaterThan(0);
    expect(health.figures?.memory?.totalBytes).toBeGreaterThan(0);
    expect(health.history).toHaveLength(1);
    expect(device?.hostname).toBe(hostname());
    expect(device?.memoryBytes).toBeGreaterThan(0);
  });
});
