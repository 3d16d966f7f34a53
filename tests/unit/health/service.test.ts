import { beforeEach, describe, expect, it } from 'vitest';
import { createHealthService } from '../../../electron/agent/health/service';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../../electron/agent/health/rules';
import type { HealthProbes } from '../../../electron/agent/health/probes';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { statusCapability } from '../../../electron/agent/status/capability';
import { createFakeClock, type FakeClock } from '../../doubles/fake-clock';
import { fakeProbes, loadFixture, testState } from './helpers';

let clock: FakeClock;
const never = () => new Promise<never>(() => undefined);

function make(override: Partial<HealthProbes> = {}, opts: { sampleSeconds?: number; probeTimeoutMs?: number; thresholds?: () => typeof DEFAULT_THRESHOLDS } = {}) {
  const store = new AgentStore(testState());
  const log = createLogger({ file: null, clock });
  const { probes, calls } = fakeProbes(loadFixture('windows11-laptop'), override);
  const service = createHealthService({
    store,
    log,
    clock,
    probes,
    thresholds: opts.thresholds ?? (() => DEFAULT_THRESHOLDS),
    sampleSeconds: () => opts.sampleSeconds ?? 60,
    probeTimeoutMs: opts.probeTimeoutMs,
  });
  // The overall word is the status capability's, judged from what health writes.
  const status = statusCapability.create({} as CapabilityContext, sliceStore(store, 'status', statusCapability.slices));
  const start = service.start.bind(service);
  const stop = service.stop.bind(service);
  service.start = () => {
    start();
    void status.start?.();
  };
  service.stop = () => {
    stop();
    void status.stop?.();
  };
  return { store, log, service, calls };
}
const items = (store: AgentStore) => store.get().health.items;
const item = (store: AgentStore, id: string) => items(store).find((i) => i.id === id);

describe('health service', () => {
  beforeEach(() => {
    clock = createFakeClock(Date.parse('2026-03-02T09:00:00Z'));
  });

  it('writes items, figures, history, device and overall to the store', async () => {
    const { store, service } = make();
    service.start();
    await clock.advance(0);
    const state = store.get();
    expect(state.health.collectedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(items(store).map((i) => [i.id, i.severity])).toEqual([
      ['disk-space:C:', 'attention'], // 8 % free
      ['disk-space:D:', 'ok'],
      ['memory', 'ok'],
      ['uptime', 'attention'], // 19 days
      ['smart:0', 'ok'],
      ['smart:1', 'problem'],
      ['battery', 'attention'],
    ]);
    expect(state.health.figures?.disks.map((d) => d.mount)).toEqual(['C:', 'D:']);
    expect(state.health.history).toHaveLength(1);
    expect(state.device?.hostname).toBe('LAPTOP-HALLO01');
    expect(state.overall).toBe('problem');
    service.stop();
  });

  it('a probe that throws makes its item unknown (error); a hung one unknown (timeout) after 5 s; the rest still show', async () => {
    const { store, service, log } = make({
      battery: () => Promise.reject(new Error('WMI broken')),
      diskLayout: never,
    });
    const done = service.refresh();
    await clock.advance(4999);
    expect(store.get().health.collectedAt).toBeNull(); // still waiting for the hung probe
    await clock.advance(1);
    await done;
    expect(item(store, 'battery')).toMatchObject({ severity: 'unknown', code: 'health.unknown', params: { reason: 'error' } });
    expect(item(store, 'smart')).toMatchObject({ severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } });
    expect(item(store, 'disk-space:C:')?.severity).toBe('attention');
    expect(item(store, 'memory')?.severity).toBe('ok');
    expect(item(store, 'uptime')?.severity).toBe('attention');
    expect(log.recent().filter((e) => e.msg === 'health probe failed').map((e) => e.data)).toEqual([
      { id: 'smart', reason: 'timeout' },
      { id: 'battery', reason: 'error' },
    ]);
  });

  it('logs a failing probe once, not on every sample', async () => {
    const { service, log } = make({ battery: () => Promise.reject(new Error('no')) });
    service.start();
    await clock.advance(5 * 60_000);
    service.stop();
    expect(log.recent().filter((e) => e.msg === 'health probe failed')).toHaveLength(1);
  });

  it('samples every sampleSeconds; samples older than an hour become 5-minute means', async () => {
    const { store, service, calls } = make({}, { sampleSeconds: 60 });
    service.start();
    await clock.advance(90 * 60_000);
    service.stop();
    const history = store.get().health.history;
    expect(calls.currentLoad).toBe(91); // at 0 and every minute for 90 minutes
    // 09:00–09:29 as six means (09:00, 09:05, ... 09:25), then every sample from 09:30 to 10:30.
    expect(history.slice(0, 7).map((p) => p.at.slice(11, 16))).toEqual(['09:00', '09:05', '09:10', '09:15', '09:20', '09:25', '09:30']);
    expect(history).toHaveLength(6 + 61);
    expect(history.at(-1)!.at).toBe('2026-03-02T10:30:00.000Z');
  });

  it('collects static data once, dynamic data every sample', async () => {
    const { service, calls } = make();
    service.start();
    await clock.advance(10 * 60_000);
    service.stop();
    expect(calls.mem).toBeGreaterThan(5);
    expect([calls.osInfo, calls.system, calls.cpu, calls.diskLayout, calls.blockDevices]).toEqual([1, 1, 1, 1, 1]);
  });

  it('does not start a sample while one is still running', async () => {
    // A probe that takes 30 s against a 5 s interval: the ticks in between are skipped.
    const { service, calls } = make({ fsSize: never }, { sampleSeconds: 5, probeTimeoutMs: 30_000 });
    const first = service.refresh();
    expect(service.refresh()).toBe(first);
    service.start(); // its own first sample joins the running one
    await clock.advance(29_999);
    expect(calls.currentLoad).toBe(1);
    await clock.advance(6_000);
    expect(calls.currentLoad).toBe(2);
    service.stop();
  });

  it('a new policy threshold applies from the next sample', async () => {
    let thresholds = DEFAULT_THRESHOLDS;
    const { store, service } = make({}, { thresholds: () => thresholds });
    service.start();
    await clock.advance(0);
    expect(item(store, 'disk-space:D:')?.severity).toBe('ok'); // 60 % free
    thresholds = resolveThresholds({ diskAttentionPercent: 70 });
    await clock.advance(60_000);
    expect(item(store, 'disk-space:D:')?.code).toBe('health.disk-space.low');
    service.stop();
  });

  it('claims nothing before the first sample: checking, then the verdict', async () => {
    const { store, service } = make({ diskLayout: never }); // the first sample waits 5 s for SMART
    service.start();
    await clock.advance(1_000);
    expect(store.get().health.collectedAt).toBeNull();
    expect(store.get().overall).toBe('checking');
    await clock.advance(4_000);
    expect(store.get().overall).toBe('attention');
    service.stop();
  });

  it('every probe failing is attention, not ok', async () => {
    const fail = () => Promise.reject(new Error('WMI broken'));
    const { store, service } = make({ currentLoad: fail, mem: fail, fsSize: fail, time: fail, battery: fail, diskLayout: fail });
    service.start();
    await clock.advance(0);
    expect(items(store).every((i) => i.severity === 'unknown')).toBe(true);
    expect(store.get().overall).toBe('attention');
    service.stop();
  });

  it('overall follows the connection: offline unless a problem outranks it', async () => {
    const { store, service } = make({ diskLayout: async () => [] }); // no failing disk: worst is attention
    service.start();
    await clock.advance(0);
    expect(store.get().overall).toBe('attention');
    store.update('connection', (c) => ({ ...c, status: 'offline' }));
    await clock.advance(0);
    expect(store.get().overall).toBe('offline');
    service.stop();
  });
});
