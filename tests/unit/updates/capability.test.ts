import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { Policy, RestartOutcome } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import type { RestartResult } from '../../../electron/agent/platform/restart';
import { INITIAL_REMOTE } from '../../../electron/agent/remote/capability';
import { AgentStore } from '../../../electron/agent/store';
import { FIRST_CHECK_DELAY_MS, updatesCapability } from '../../../electron/agent/updates/capability';
import { RESTART_FILE } from '../../../electron/agent/updates/restart-file';
import type { RestartReason, UpdatesCheck } from '../../../electron/agent/updates/types';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';

// The updates capability as the employee and hallo, meet it: what the popup and the restart window
// would show (state.updates), the notices, what reaches the API; on the one fake clock, with a
// fake provider, a fake restart port and a data folder on disk that outlives each "restart".

const MONDAY_10H = Date.parse('2026-12-07T09:00:00Z'); // 10:00 in Amsterdam
const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

interface Machine {
  reasons: RestartReason[];
  fail: boolean;
  restartAnswer: RestartResult;
  restarts: number;
  idleSeconds: number;
  outcomes: { body: RestartOutcome; key: string }[];
  apiDown: boolean;
}

async function machine(over: Partial<Machine> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-updates-'));
  dirs.push(dataDir);
  const m: Machine = { reasons: [], fail: false, restartAnswer: { outcome: 'accepted' }, restarts: 0, idleSeconds: 0, outcomes: [], apiDown: false, ...over };
  return { dataDir, m, clock: createFakeClock(MONDAY_10H) };
}

/** One run of the agent's updates capability on the machine: stop it and boot again for a "restart". */
async function boot(env: { dataDir: string; m: Machine; clock: FakeClock; shift?: { ms: number }; policy?: Policy; firstCheckDelayMs?: number }) {
  const { m, dataDir } = env;
  const clock = env.shift ? { ...env.clock, now: () => env.clock.now() - env.shift!.ms } : env.clock;
  const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'linux' }));
  const notices: Notice[] = [];
  const api = {
    async reportRestartOutcome(body: RestartOutcome, key: string) {
      if (m.apiDown) throw new Error('network');
      m.outcomes.push({ body, key });
    },
  } as unknown as HalloApi;
  const ctx = {
    ports: {
      clock,
      idle: { idleSeconds: () => m.idleSeconds },
      updates: {
        restart: { restart: async () => (m.restarts++, m.restartAnswer) },
        provider: {
          id: 'apt',
          async check(): Promise<UpdatesCheck> {
            const checkedAt = new Date(clock.now()).toISOString();
            if (m.fail) {
              const problem = { code: 'unreadable' as const, tool: 'apt-get', detail: 'garbage' };
              return { provider: 'apt', checkedAt, pending: { problem }, restart: { problem } };
            }
            const updates = [{ title: 'openssl', classification: 'security' as const, package: 'openssl', reboot: 'unknown' as const }];
            return { provider: 'apt', checkedAt, pending: { value: { updates, total: 3, security: 1 } }, restart: { value: m.reasons } };
          },
        },
      },
    },
    clock,
    options: { updates: { firstCheckDelayMs: env.firstCheckDelayMs ?? 0 } },
    log: createLogger({ file: null, clock }),
    dataDir,
    policy: () => env.policy ?? DEFAULT_POLICY,
    api: () => api,
    notify: (notice: Notice) => notices.push(notice),
  } as unknown as CapabilityContext;
  const capability = updatesCapability.create(ctx, sliceStore(store, 'updates', updatesCapability.slices));
  await capability.start?.();
  const state = () => store.get().updates;
  if (env.firstCheckDelayMs) return { capability, state, notices, store, stop: () => capability.stop?.() };
  await vi.waitFor(() => expect(state()).toMatchObject({ checking: false, lastCheckedAt: expect.any(String) }));
  return { capability, state, notices, store, stop: () => capability.stop?.() };
}

/**
 * Moves the clock in steps shorter than the planner's "the PC was off" gap, letting each run's file
 * writes land: one big jump would be a PC that slept through it (and gets its grace again).
 */
async function walk(clock: FakeClock, ms: number) {
  for (let done = 0; done < ms; done += 5 * 60_000) {
    await clock.advance(Math.min(5 * 60_000, ms - done));
    await new Promise((landed) => setTimeout(landed, 25)); // real file writes, not a timed assertion
  }
}

const hard: RestartReason = { code: 'packages', soft: false, packages: ['linux-image-amd64'] };

describe('updates capability: what is pending', () => {
  it('shows what is pending by class, when it last checked, and sends it in the heartbeat', async () => {
    const env = await machine();
    const run = await boot(env);
    expect(run.state()).toMatchObject({
      checking: false,
      lastCheckedAt: '2026-12-07T09:00:00.000Z',
      pending: { total: 3, security: 1, updates: [{ title: 'openssl', classification: 'security', kb: [] }] },
      pendingProblem: null,
      restart: { needed: false, step: null },
    });
    expect(run.capability.heartbeat?.()).toMatchObject({
      updates: { pendingCount: 3, rebootRequired: false, lastCheckedAt: '2026-12-07T09:00:00.000Z', pendingByClass: { security: 1, other: 2 }, unknownReason: null },
    });
    await run.stop();
  });

  it('a provider that prints garbage gives "unknown, because …" and keeps the last good list', async () => {
    const env = await machine();
    const run = await boot(env);
    env.m.fail = true;
    await run.capability.actions['updates.check']();
    await vi.waitFor(() => expect(run.state().pendingProblem).not.toBeNull());
    expect(run.state().pendingProblem).toEqual({ code: 'unreadable', tool: 'apt-get', detail: 'garbage', keptFrom: '2026-12-07T09:00:00.000Z' });
    expect(run.state().pending?.total).toBe(3);
    expect((await run.capability.heartbeat?.())?.updates?.unknownReason).toBe('garbage');
    await run.stop();
  });
});

describe('updates capability: when it checks', () => {
  it('the check at login waits two minutes, so that login stays light; every 4 hours after', async () => {
    const env = { ...(await machine()), firstCheckDelayMs: FIRST_CHECK_DELAY_MS };
    const run = await boot(env);
    await settle(50);
    expect(run.state().lastCheckedAt).toBeNull();
    await env.clock.advance(FIRST_CHECK_DELAY_MS);
    await vi.waitFor(() => expect(run.state()).toMatchObject({ checking: false, lastCheckedAt: '2026-12-07T09:02:00.000Z' }));
    await env.clock.advance(4 * HOUR);
    await vi.waitFor(() => expect(run.state().lastCheckedAt).toBe('2026-12-07T13:02:00.000Z'));
    await run.stop();
  });

  it('after a restart it made, the agent checks at once to say whether the reason cleared', async () => {
    const env = await machine({ reasons: [hard] });
    const run = await boot(env);
    await run.capability.actions['updates.restartNow']();
    await run.stop();
    env.m.reasons = [];
    const back = await boot({ ...env, firstCheckDelayMs: FIRST_CHECK_DELAY_MS });
    await vi.waitFor(() => expect(back.state().upToDate).toBe(true));
    await back.stop();
  });
});

describe('updates capability: the restart', () => {
  it('a hard local reason asks for a restart with exact times to put it off; a soft one alone never', async () => {
    const soft = await machine({ reasons: [{ code: 'file-rename', soft: true }] });
    const quiet = await boot(soft);
    expect(quiet.state().restart).toMatchObject({ needed: false, reasons: [{ code: 'file-rename', soft: true }], step: null });
    await quiet.stop();

    const env = await machine({ reasons: [hard] });
    const run = await boot(env);
    const { restart } = run.state();
    expect(restart).toMatchObject({ needed: true, source: 'local', deadline: '2026-12-10T09:00:00.000Z', deferralsUsed: 0, deferralsLeft: 3 });
    expect(restart.step).toMatchObject({ kind: 'prompt', plugIn: false });
    const options = restart.step?.kind === 'prompt' ? restart.step.options : [];
    expect(options.slice(0, 3)).toEqual([
      { kind: 'in', at: '2026-12-07T10:00:00.000Z', minutes: 60 },
      { kind: 'in', at: '2026-12-07T13:00:00.000Z', minutes: 240 },
      { kind: 'in', at: '2026-12-07T17:00:00.000Z', minutes: 480 },
    ]);
    expect(options).toContainEqual({ kind: 'pick', at: '2026-12-07T11:30:00.000Z', minutes: null }); // 12:30 lunch, in Amsterdam
    expect((await run.capability.heartbeat?.())?.updates).toMatchObject({ rebootRequired: true, restartReasons: ['packages'], restartDeadline: '2026-12-10T09:00:00.000Z', deferralsUsed: 0 });
    await run.stop();
  });

  it('holds its prompts while a remote session runs, and asks again once it ended', async () => {
    const env = await machine({ reasons: [hard] });
    const run = await boot(env);
    expect(run.state().restart.step).toMatchObject({ kind: 'prompt' });
    const session = {
      sessionId: 'rs_1',
      technicianName: 'Jan',
      ticketNumber: null,
      mode: 'view' as const,
      phase: 'live' as const,
      grantedAt: '2026-12-07T09:00:00.000Z',
      startedAt: '2026-12-07T09:00:01.000Z',
      endsAt: '2026-12-07T10:00:00.000Z',
    };
    run.store.set('remote', { ...INITIAL_REMOTE, session }); // what the remote capability writes while a session runs
    await vi.waitFor(() => expect(run.state().restart.step).toMatchObject({ kind: 'wait', why: 'remote-session' }));
    run.store.set('remote', INITIAL_REMOTE);
    await vi.waitFor(() => expect(run.state().restart.step).toMatchObject({ kind: 'prompt' }));
    await run.stop();
  });

  it('a deferral moves the prompt to the time it said, uses one, and survives an agent restart', async () => {
    const env = await machine({ reasons: [hard] });
    const run = await boot(env);
    expect(await run.capability.actions['updates.defer']({ at: '2026-12-07T12:00:00.000Z' })).toEqual({ outcome: 'not-offered' });
    expect(await run.capability.actions['updates.defer']({ at: '2026-12-07T13:00:00.000Z' })).toEqual({ outcome: 'deferred' });
    expect(run.state().restart).toMatchObject({ deferralsUsed: 1, deferralsLeft: 2, step: { kind: 'wait', why: 'snoozed', until: '2026-12-07T13:00:00.000Z' } });

    // The prompt was heard once as a notification with its two answers, not again at each re-plan.
    expect(run.notices).toEqual([{ code: 'restart-needed', params: {}, actions: ['restart-now', 'remind-later'] }]);
    await run.stop();

    const again = await boot(env); // the app restarted: nothing reset
    expect(again.state().restart).toMatchObject({ deferralsUsed: 1, step: { kind: 'wait', why: 'snoozed', until: '2026-12-07T13:00:00.000Z' } });
    expect(again.notices).toEqual([]);
    await walk(env.clock, 4 * HOUR);
    await vi.waitFor(() => expect(again.state().restart.step?.kind).toBe('prompt'));
    expect(again.state().restart.deferralsLeft).toBe(2);
    expect(again.notices.map((n) => n.code)).toEqual(['restart-needed']); // back at the time it said
    await again.stop();
  });

  it('after the restart the reason is gone: the employee hears once that the PC is up to date, hallo, gets the outcome once', async () => {
    const env = await machine({ reasons: [hard] });
    const run = await boot(env);
    expect(await run.capability.actions['updates.restartNow']()).toEqual({ outcome: 'restarting' });
    expect(await run.capability.actions['updates.restartNow']()).toEqual({ outcome: 'restarting' }); // pressed twice
    expect(env.m.restarts).toBe(1);
    expect(run.state().restart.step).toEqual({ kind: 'restarting' });
    await run.stop();

    env.m.reasons = []; // what the restart cleared
    const back = await boot(env);
    expect(back.state()).toMatchObject({ upToDate: true, lastOutcome: { outcome: 'performed' }, restart: { needed: false } });
    expect(back.notices).toEqual([{ code: 'updates-up-to-date', params: {} }]);
    await vi.waitFor(() => expect(env.m.outcomes).toHaveLength(1));
    expect(env.m.outcomes[0]!.body).toMatchObject({ outcome: 'performed', by: 'user', reasons: ['packages'], deferralsUsed: 0, stillPending: false, restartedAt: '2026-12-07T09:00:00.000Z' });
    await back.capability.actions['updates.acknowledge']();
    expect(back.state().upToDate).toBe(false);
    await back.stop();

    const later = await boot(env);
    expect(later.notices).toEqual([]);
    expect(later.state().upToDate).toBe(false);
    await settle(50);
    expect(env.m.outcomes).toHaveLength(1);
    await later.stop();
  });

  it('an outcome hallo, could not take stays on disk with its key and goes after the next start', async () => {
    const env = await machine({ reasons: [hard], apiDown: true });
    const run = await boot(env);
    await run.capability.actions['updates.restartNow']();
    await run.stop();
    env.m.reasons = [];
    const back = await boot(env);
    await settle(50);
    expect(env.m.outcomes).toEqual([]);
    await back.stop();
    env.m.apiDown = false;
    const online = await boot(env);
    await vi.waitFor(() => expect(env.m.outcomes).toHaveLength(1));
    expect(online.notices).toEqual([]); // told once, in the run that saw it
    await online.stop();
  });

  it('a restart the OS refuses is told, reported, and the need stays', async () => {
    const env = await machine({ reasons: [hard], restartAnswer: { outcome: 'refused', detail: '/usr/bin/systemctl: exit 1: Access denied' } });
    const run = await boot(env);
    expect(await run.capability.actions['updates.restartNow']()).toEqual({ outcome: 'refused' });
    expect(run.state().restart).toMatchObject({
      needed: true,
      problem: { code: 'os-refused', detail: '/usr/bin/systemctl: exit 1: Access denied' },
      step: { kind: 'prompt' },
    });
    expect(run.notices.map((n) => n.code)).toEqual(['restart-needed', 'restart-refused']);
    await vi.waitFor(() => expect(env.m.outcomes).toHaveLength(1));
    expect(env.m.outcomes[0]!.body).toMatchObject({ outcome: 'refused', by: 'user', restartedAt: null, stillPending: true });
    await run.stop();
  });

  it('after the deadline, a refused restart is not tried again before an hour', async () => {
    const policy = { ...DEFAULT_POLICY, restart: { ...DEFAULT_POLICY.restart, deadlineHours: 1, graceHours: 0 } };
    const env = { ...(await machine({ reasons: [hard], restartAnswer: { outcome: 'refused', detail: 'no' }, idleSeconds: 3600 })), policy };
    const run = await boot(env);
    await walk(env.clock, HOUR); // the deadline: the employee is away, so the agent restarts
    await vi.waitFor(() => expect(env.m.restarts).toBe(1));
    await vi.waitFor(() => expect(run.state().restart.step).toMatchObject({ kind: 'wait', why: 'refused' }));
    await walk(env.clock, 55 * 60_000);
    expect(env.m.restarts).toBe(1);
    await walk(env.clock, 10 * 60_000);
    await vi.waitFor(() => expect(env.m.restarts).toBe(2));
    await run.stop();
  });

  it('a damaged planner file is a problem to tell, not a crash; the need starts over', async () => {
    const env = await machine({ reasons: [hard] });
    await mkdir(join(env.dataDir, 'updates'), { recursive: true });
    await writeFile(join(env.dataDir, RESTART_FILE), '{"version":1,"memory":{"need"');
    const run = await boot(env);
    expect(run.state().restart).toMatchObject({ needed: true, problem: { code: 'memory-damaged' }, step: { kind: 'prompt' } });
    await run.stop();
  });

  it('the clock going back makes no wait longer than it could have been', async () => {
    const env = { ...(await machine({ reasons: [hard] })), shift: { ms: 0 } };
    const run = await boot(env);
    await run.capability.actions['updates.defer']({ at: '2026-12-07T17:00:00.000Z' }); // 8 hours
    env.shift.ms = 24 * HOUR; // the clock jumps back a day
    await walk(env.clock, 10 * 60_000);
    // Without the planner's care it would wait 32 hours; it waits at most the longest deferral.
    const now = () => env.clock.now() - env.shift.ms;
    await vi.waitFor(() => {
      const step = run.state().restart.step;
      expect(step).toMatchObject({ kind: 'wait', why: 'snoozed' });
      expect(Date.parse(step?.kind === 'wait' ? step.until! : '') - now()).toBeLessThanOrEqual(8 * HOUR);
    });
    await run.stop();
  });
});

describe('updates capability: hallo,’s restart request', () => {
  const request = (deadline: unknown, requestId: unknown = 'rr_1') => ({ id: '1', type: 'restart.requested' as const, data: { requestId, reason: 'Beveiligingsupdate', deadline } as never });

  it('shows hallo,’s reason and deadline; one already passed gets the grace period', async () => {
    const env = await machine();
    const run = await boot(env);
    run.capability.onServerEvent?.(request('2026-12-01T09:00:00Z'));
    await vi.waitFor(() => expect(run.state().restart.needed).toBe(true));
    expect(run.state().restart).toMatchObject({ source: 'hallo', halloReason: 'Beveiligingsupdate', requestId: 'rr_1', deadline: '2026-12-07T13:00:00.000Z' });
    expect((await run.capability.heartbeat?.())?.updates).toMatchObject({ rebootRequired: true, restartRequestId: 'rr_1', restartReasons: ['hallo-request'] });
    await run.stop();
  });

  it.each([
    ['more than 30 days ahead', request('2027-02-01T09:00:00Z', 'rr_far'), 'rr_far'],
    ['a deadline that is no date', request('next thursday', 'rr_bad'), 'rr_bad'],
    ['no request id', request('2026-12-08T09:00:00Z', 42), null],
  ])('refuses a request %s: logged, told to hallo, where it can be, nothing crashes', async (_, event, requestId) => {
    const env = await machine();
    const run = await boot(env);
    run.capability.onServerEvent?.(event);
    await vi.waitFor(() => expect(run.state().restart.problem?.code).toBe('request-refused'));
    expect(run.state().restart.needed).toBe(false);
    if (requestId) {
      await vi.waitFor(() => expect(env.m.outcomes).toHaveLength(1));
      expect(env.m.outcomes[0]!.body).toMatchObject({ outcome: 'refused', requestId, by: null });
    } else {
      await settle(50);
      expect(env.m.outcomes).toEqual([]);
    }
    await run.stop();
  });
});
