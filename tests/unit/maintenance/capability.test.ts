import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChecksFacts } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { MaintenanceItem } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { MAINTENANCE_REFRESH_MS, maintenanceCapability } from '../../../electron/agent/maintenance/capability';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';

// "Onderhoud" as the popup gets it (state.maintenance): hallo,'s list fetched and kept for
// offline, the PC's own observations kept across restarts, both files surviving a crash between
// their writes and a damaged file. One data folder outlives each run ("restart").

const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const DAY = 24 * 3_600_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

interface Hallo {
  entries: MaintenanceItem[];
  down: boolean;
  asked: number;
}

async function pc() {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-maintenance-'));
  dirs.push(dataDir);
  const hallo: Hallo = { entries: [], down: false, asked: 0 };
  return { dataDir, hallo, clock: createFakeClock(NOW) };
}

/** One run of the capability on the PC's data folder; `online` as the connection says it. */
async function boot(env: { dataDir: string; hallo: Hallo; clock: FakeClock }, opts: { online?: boolean; deviceId?: string; facts?: Partial<ChecksFacts>; followUpSpreadMs?: number } = {}) {
  const { clock, hallo } = env;
  const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'win32' }));
  const connection = () => store.get().connection;
  store.set('connection', { ...connection(), status: opts.online === false ? 'offline' : 'online', deviceId: opts.deviceId ?? 'dev_A' });
  if (opts.facts) store.set('checks', { ...store.get().checks, facts: { ...store.get().checks.facts, ...opts.facts } });
  const api = {
    async maintenance() {
      hallo.asked++;
      if (hallo.down) throw new ApiError('network', 'ECONNREFUSED');
      return { entries: hallo.entries };
    },
  } as unknown as HalloApi;
  const log = createLogger({ file: null, clock });
  // The first fetch at once (the app spreads it when a list from before is shown: its own test below).
  const options = { connection: { followUpSpreadMs: opts.followUpSpreadMs ?? 0 } };
  const ctx = { clock, log, dataDir: env.dataDir, options, policy: () => DEFAULT_POLICY, api: () => api } as unknown as CapabilityContext;
  const capability = maintenanceCapability.create(ctx, sliceStore(store, 'maintenance', maintenanceCapability.slices));
  await capability.start?.();
  await settle();
  const ids = () => store.get().maintenance.entries.map((e) => e.id);
  return { capability, store, log, ids, state: () => store.get().maintenance, stop: async () => capability.stop?.() };
}

describe('maintenance capability', () => {
  it('fetches hallo,’s list once online and every 6 hours; shows it with the time it was fetched', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'disk', at: ago(2), kind: 'disk-checked', note: 'Schijf C: gecontroleerd' }];
    const run = await boot(env);
    expect(run.state()).toEqual({
      entries: [{ id: 'disk', at: ago(2), kind: 'disk-checked', source: 'hallo', params: {}, note: 'Schijf C: gecontroleerd' }],
      fetchedAt: new Date(NOW).toISOString(),
      stale: false,
    });
    env.hallo.entries.push({ id: 'patch', at: ago(1), kind: 'updates-installed', count: 7, failed: 0 });
    await env.clock.advance(MAINTENANCE_REFRESH_MS - 1);
    expect(env.hallo.asked).toBe(1);
    await env.clock.advance(1);
    await settle();
    expect([env.hallo.asked, run.ids()]).toEqual([2, ['patch', 'disk']]);
    await run.stop();
  });

  it('with the list of the last run on screen, the first fetch waits its share of the 30-minute spread (a fleet starting at 08:30 asks apart)', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'disk', at: ago(2), kind: 'disk-checked' }];
    await (await boot(env)).stop(); // a first run: nothing to show, so it asked at once
    expect(env.hallo.asked).toBe(1);
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const run = await boot(env, { followUpSpreadMs: 30 * 60_000 });
      expect(run.ids()).toEqual(['disk']); // the copy, at once
      await env.clock.advance(15 * 60_000 - 1);
      expect(env.hallo.asked).toBe(1);
      await env.clock.advance(1);
      await settle();
      expect(env.hallo.asked).toBe(2);
      await run.stop();
    } finally {
      random.mockRestore();
    }
  });

  it('keeps showing hallo,’s list, stale, when a fetch fails; the next good one clears stale', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'disk', at: ago(2), kind: 'disk-checked' }];
    const run = await boot(env);
    env.hallo.down = true;
    await run.capability.actions['maintenance.refresh']();
    expect(run.state()).toMatchObject({ stale: true, fetchedAt: new Date(NOW).toISOString() });
    expect(run.ids()).toEqual(['disk']);
    expect(run.log.recent().map((l) => l.msg)).toEqual(["hallo,'s maintenance list could not be fetched: the cached one is shown"]);
    env.hallo.down = false;
    await env.clock.advance(MAINTENANCE_REFRESH_MS);
    await settle();
    expect(run.state().stale).toBe(false);
    await run.stop();
  });

  it('starts offline with the list of the last run, and says stale once a refresh fails', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'password', at: ago(9), kind: 'admin-password-changed' }];
    await (await boot(env)).stop();

    env.hallo.down = true;
    const offline = await boot(env, { online: false });
    expect(env.hallo.asked).toBe(1); // offline: not asked at start
    expect(offline.state()).toMatchObject({ fetchedAt: new Date(NOW).toISOString(), stale: false });
    expect(offline.ids()).toEqual(['password']);
    await offline.capability.actions['maintenance.refresh']();
    expect(offline.state()).toMatchObject({ stale: true });
    expect(offline.ids()).toEqual(['password']);
    await offline.stop();
  });

  it('offline, still every 6 hours: an entry that passed 30 days leaves the list, and hallo, is asked again', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'edge', at: ago(29.9), kind: 'disk-checked' }];
    await (await boot(env)).stop();
    env.hallo.down = true;
    const offline = await boot(env, { online: false });
    expect([env.hallo.asked, offline.ids()]).toEqual([1, ['edge']]);
    await env.clock.advance(MAINTENANCE_REFRESH_MS);
    await settle();
    expect([env.hallo.asked, offline.ids(), offline.state().stale]).toEqual([2, [], true]);
    await offline.stop();
  });

  it('records the PC’s own upkeep and keeps it across a restart after the source forgot it', async () => {
    const env = await pc();
    const scan = { at: ago(3), kind: 'full' as const, product: 'Microsoft Defender Antivirus' };
    const first = await boot(env, { facts: { lastScan: scan } });
    first.store.set('checks', { ...first.store.get().checks, cleanup: { itemIds: [], running: false, last: { at: ago(1), freedBytes: 5e8, removed: 120, skipped: 3 } } });
    await settle();
    expect(first.ids()).toEqual([`temp-files-removed:${ago(1)}`, `antivirus-scan:${ago(3)}`]);
    await first.stop();

    const again = await boot(env, { online: false });
    expect(again.state().entries).toEqual([
      { id: `temp-files-removed:${ago(1)}`, at: ago(1), kind: 'temp-files-removed', source: 'agent', params: { freedBytes: 5e8, removed: 120 }, note: null },
      { id: `antivirus-scan:${ago(3)}`, at: ago(3), kind: 'antivirus-scan', source: 'agent', params: { scan: 'full', product: 'Microsoft Defender Antivirus' }, note: null },
    ]);
    await again.stop();
  });

  it('a crash between the two files’ writes: each file old or new, every entry once, a half-written temp file ignored', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'disk', at: ago(2), kind: 'disk-checked' }];
    await (await boot(env, { facts: { lastScan: { at: ago(3), kind: 'quick', product: 'Defender' } } })).stop();
    const folder = join(env.dataDir, 'maintenance');
    await cp(join(folder, 'hallo.json'), join(env.dataDir, 'hallo-before.json'));

    // The next run fetched a new list and saw a new scan; both files were written...
    env.hallo.entries = [{ id: 'patch', at: ago(1), kind: 'updates-installed', count: 3 }, ...env.hallo.entries];
    await (await boot(env, { facts: { lastScan: { at: ago(0.5), kind: 'full', product: 'Defender' } } })).stop();
    // ...but the power went before hallo.json's rename landed: the old one is there, and the temp file half written.
    await cp(join(env.dataDir, 'hallo-before.json'), join(folder, 'hallo.json'));
    await writeFile(join(folder, `.${process.pid}-crash-1.tmp`), '{"version":1,"deviceId":"dev_A","fetchedAt":"2026-12-07T09:00:00.000Z","entries":[{"id":"pat');

    const after = await boot(env, { online: false, facts: { lastScan: { at: ago(0.5), kind: 'full', product: 'Defender' } } });
    expect(after.ids()).toEqual([`antivirus-scan:${ago(0.5)}`, 'disk', `antivirus-scan:${ago(3)}`]);
    expect(after.log.recent()).toEqual([]);
    await after.stop();
    expect(JSON.parse(await readFile(join(folder, 'observed.json'), 'utf8')).entries).toHaveLength(2);
  });

  it.each([
    ['hallo.json', 'cut off', '{"version":1,"deviceId":"dev_A","fetchedAt":"2026-12-0', 'maintenance/hallo.json cannot be read: it starts empty'],
    ['hallo.json', 'not its shape', '{"version":1,"entries":"all of them"}', 'maintenance/hallo.json is not valid: it starts empty'],
    ['observed.json', 'cut off', '{"version":1,"entries":[{"id":"time-', 'maintenance/observed.json cannot be read: it starts empty'],
  ])('a damaged %s (%s) starts empty with one log line; the other file and the agent go on', async (name, _, content, line) => {
    const env = await pc();
    env.hallo.entries = [{ id: 'disk', at: ago(2), kind: 'disk-checked' }];
    await (await boot(env, { facts: { lastTimeSyncAt: ago(1) } })).stop();
    await writeFile(join(env.dataDir, 'maintenance', name), content);

    const run = await boot(env, { online: false });
    expect(run.ids()).toEqual(name === 'hallo.json' ? [`time-synchronised:${ago(1)}`] : ['disk']);
    expect(run.log.recent().map((l) => l.msg)).toEqual([line]);
    await run.stop();
  });

  it('after enrolling again as another device, the old device’s list is not shown', async () => {
    const env = await pc();
    env.hallo.entries = [{ id: 'old-device', at: ago(2), kind: 'disk-checked' }];
    await (await boot(env, { deviceId: 'dev_A' })).stop();
    env.hallo.down = true;
    const same = await boot(env, { deviceId: 'dev_A', online: false });
    expect(same.ids()).toEqual(['old-device']);
    await same.stop();
    const run = await boot(env, { deviceId: 'dev_B', online: false });
    expect(run.state()).toEqual({ entries: [], fetchedAt: null, stale: false });
    await run.stop();
  });

  it('writes nothing once stopped: a fetch that answers late is dropped', async () => {
    const env = await pc();
    const run = await boot(env);
    env.hallo.entries = [{ id: 'late', at: ago(1), kind: 'disk-checked' }];
    const refresh = run.capability.actions['maintenance.refresh']();
    await run.stop();
    await refresh;
    expect(run.ids()).toEqual([]);
    expect(await readdir(join(env.dataDir, 'maintenance'))).toEqual(['hallo.json']);
    expect(JSON.parse(await readFile(join(env.dataDir, 'maintenance', 'hallo.json'), 'utf8')).entries).toEqual([]);
  });
});
