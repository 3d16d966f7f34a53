import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../../electron/contract';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import type { ManagedConfig } from '../../../electron/agent/config/managed-config';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { Policy } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import type { AppUpdater, OfferedUpdate } from '../../../electron/agent/ports';
import { selfUpdateCapability } from '../../../electron/agent/selfupdate/capability';
// Loaded here, so that the capability's import at its first read settles as the fake clock moves.
import '../../../electron/agent/selfupdate/decide';
import { SelfUpdateError } from '../../../electron/agent/selfupdate/errors';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock, settle } from '../../doubles/fake-clock';

// The selfupdate capability on a fake clock and a fake updater, as an admin reads state.selfUpdate:
// when it reads the feed, what it downloads, when it installs, and what it says when a feed lies.

const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const FEED = 'https://updates.hallo.eu/agent';
// Buckets by `printf dev_A | sha256sum` (first 4 bytes mod 100): dev_A 8, dev_B 62.
const DEV_A = { id: 'dev_A', bucket: 8 };
const DEV_B = { id: 'dev_B', bucket: 62 };

/** What the fake updater was asked and answers; `offer` is what the feed says, a function to fail. */
function fakeUpdater() {
  const calls: string[] = [];
  const feed: { offer: OfferedUpdate | Error; download: Error | null; install: Error | null } = {
    offer: { version: '1.5.0', releaseDate: '2026-12-06T12:00:00.000Z' },
    download: null,
    install: null,
  };
  const updater: AppUpdater = {
    async check({ url, channel }) {
      calls.push(`check ${url} ${channel}`);
      if (feed.offer instanceof Error) throw feed.offer;
      return feed.offer;
    },
    async download() {
      calls.push('download');
      if (feed.download) throw feed.download;
    },
    setInstallAtQuit(on) {
      calls.push(`installAtQuit ${on}`);
    },
    async installNow() {
      calls.push('installNow');
      if (feed.install) throw feed.install;
    },
  };
  return { updater, calls, feed };
}

function boot(opts: { config?: ManagedConfig; policy?: Policy; device?: { id: string } | null; updater?: AppUpdater | null; idleSeconds?: () => number } = {}) {
  const clock = createFakeClock(NOW);
  const fake = fakeUpdater();
  const store = new AgentStore(initialState({ appVersion: '1.4.0', platform: 'win32' }));
  if (opts.device !== null) store.set('connection', { ...store.get().connection, deviceId: (opts.device ?? DEV_A).id });
  let policy = opts.policy ?? { ...DEFAULT_POLICY, agentUpdates: { feedUrl: FEED, channel: 'stable', stagingPercentage: 100 } };
  const log = createLogger({ file: null, clock });
  const updater = opts.updater === null ? undefined : (opts.updater ?? fake.updater);
  const ctx = {
    clock,
    log,
    ports: { updater, idle: { idleSeconds: opts.idleSeconds ?? (() => 0) } },
    options: { appVersion: '1.4.0' },
    config: () => ({ config: opts.config ?? {}, files: [], problems: [] }),
    policy: () => policy,
  } as unknown as CapabilityContext;
  const capability = selfUpdateCapability.create(ctx, sliceStore(store, 'selfupdate', selfUpdateCapability.slices));
  const state = () => store.get().selfUpdate;
  return {
    clock,
    store,
    capability,
    state,
    calls: fake.calls,
    feed: fake.feed,
    log,
    setPolicy(next: Policy) {
      policy = next;
      capability.onPolicy?.(next);
    },
    set<K extends 'remote' | 'updates'>(key: K, value: AgentState[K]) {
      store.set(key, value);
    },
    async start() {
      capability.onPolicy?.(policy);
      await capability.start?.();
      await settle();
    },
  };
}

describe('self-update: when the feed is read', () => {
  it('is off without a feed URL in the configuration or the policy: no check, nothing planned', async () => {
    const pc = boot({ policy: DEFAULT_POLICY });
    await pc.start();
    expect(pc.state()).toMatchObject({ phase: 'disabled', feedUrl: null, feedSource: null });
    expect(pc.clock.pending()).toEqual([]);
    await pc.capability.actions['selfUpdate.check']();
    expect(pc.calls).toEqual([]);
  });

  it('is off without an updater (a development start), though the feed is shown', async () => {
    const pc = boot({ updater: null });
    await pc.start();
    expect(pc.state()).toMatchObject({ phase: 'disabled', feedUrl: FEED, feedSource: 'policy' });
    expect(pc.clock.pending()).toEqual([]);
  });

  it('first 10 minutes plus 3 s per bucket place after start, then every 6 hours ± 10 %', async () => {
    const pc = boot({ device: DEV_B });
    await pc.start();
    // The bucket is worked out at the first read (node:crypto is not loaded at start).
    expect(pc.state()).toMatchObject({ phase: 'idle', bucket: null, channel: 'stable', stagingPercentage: 100 });
    await pc.clock.advance(10 * MIN);
    expect(pc.state().bucket).toBe(62);
    await pc.clock.advance(62 * 3_000 - 1);
    expect(pc.calls).toEqual([]);
    await pc.clock.advance(1);
    await settle();
    expect(pc.calls[0]).toBe(`check ${FEED} stable`);
    const next = pc.clock.pending()[0]!;
    expect(next).toBeGreaterThanOrEqual(5.4 * HOUR);
    expect(next).toBeLessThanOrEqual(6.6 * HOUR);
  });

  it('the managed configuration’s feed beats the policy’s; the channel is the policy’s', async () => {
    const pc = boot({
      config: { updateFeedUrl: 'https://mirror.klant.nl/hallo' },
      policy: { ...DEFAULT_POLICY, agentUpdates: { feedUrl: FEED, channel: 'beta', stagingPercentage: 100 } },
    });
    await pc.start();
    await pc.capability.actions['selfUpdate.check']();
    expect(pc.calls[0]).toBe('check https://mirror.klant.nl/hallo beta');
    expect(pc.state()).toMatchObject({ feedUrl: 'https://mirror.klant.nl/hallo', feedSource: 'config', channel: 'beta' });
  });

  it('"Nu zoeken" reads the feed now; a second press joins the read under way', async () => {
    const pc = boot();
    await pc.start();
    await Promise.all([pc.capability.actions['selfUpdate.check'](), pc.capability.actions['selfUpdate.check']()]);
    expect(pc.calls.filter((c) => c.startsWith('check'))).toHaveLength(1);
    expect(pc.state().lastCheckedAt).toBe(new Date(NOW).toISOString());
  });

  it('turns on when a policy with a feed arrives, and off when it goes', async () => {
    const pc = boot({ policy: DEFAULT_POLICY });
    await pc.start();
    pc.setPolicy({ ...DEFAULT_POLICY, agentUpdates: { feedUrl: FEED, channel: 'stable', stagingPercentage: 100 } });
    expect(pc.state()).toMatchObject({ phase: 'idle', feedUrl: FEED });
    expect(pc.clock.pending()).toEqual([10 * MIN]);
    pc.setPolicy(DEFAULT_POLICY);
    expect(pc.state()).toMatchObject({ phase: 'disabled', feedUrl: null });
    expect(pc.clock.pending()).toEqual([]);
  });
});

describe('self-update: what is downloaded', () => {
  it('a newer version for this bucket downloads at once and is ready to install at quit', async () => {
    const pc = boot();
    await pc.start();
    await pc.capability.actions['selfUpdate.check']();
    await settle();
    expect(pc.calls).toEqual([`check ${FEED} stable`, 'download', 'installAtQuit true']);
    expect(pc.state()).toMatchObject({
      phase: 'ready',
      available: { version: '1.5.0', releaseDate: '2026-12-06T12:00:00.000Z' },
      heldBack: false,
      installWhen: 'at-quit',
      waitingFor: null,
      lastError: null,
    });
  });

  it('a staged rollout: a device whose bucket is not below the percentage is held back, another takes it', async () => {
    const staged = { ...DEFAULT_POLICY, agentUpdates: { feedUrl: FEED, channel: 'stable' as const, stagingPercentage: 10 } };
    const held = boot({ device: DEV_B, policy: staged });
    await held.start();
    await held.capability.actions['selfUpdate.check']();
    await settle();
    expect(held.calls).toEqual([`check ${FEED} stable`]);
    expect(held.state()).toMatchObject({ phase: 'idle', bucket: 62, stagingPercentage: 10, heldBack: true, available: { version: '1.5.0' } });

    const taken = boot({ device: DEV_A, policy: staged });
    await taken.start();
    await taken.capability.actions['selfUpdate.check']();
    await settle();
    expect(taken.state()).toMatchObject({ phase: 'ready', bucket: 8, heldBack: false });
  });

  it('the same version is simply up to date', async () => {
    const pc = boot();
    pc.feed.offer = { version: '1.4.0', releaseDate: null };
    await pc.start();
    await pc.capability.actions['selfUpdate.check']();
    await settle();
    expect(pc.calls).toEqual([`check ${FEED} stable`]);
    expect(pc.state()).toMatchObject({ phase: 'idle', available: null, lastError: null });
  });
});

describe('self-update: bad feeds install nothing and the admin is told', () => {
  const rows: [string, (pc: ReturnType<typeof boot>) => void, string][] = [
    ['a garbage feed', (pc) => (pc.feed.offer = new SelfUpdateError('feed-invalid', 'latest.yml: version: Required')), 'feed-invalid'],
    ['an older version offered', (pc) => (pc.feed.offer = { version: '1.3.0', releaseDate: null }), 'older-version'],
    ['a version that is not one', (pc) => (pc.feed.offer = { version: 'latest', releaseDate: null }), 'feed-invalid'],
    ['a file whose hash does not match', (pc) => (pc.feed.download = new SelfUpdateError('hash-mismatch', 'sha512 differs')), 'hash-mismatch'],
    ['no answer from the feed', (pc) => (pc.feed.offer = new TypeError('fetch failed')), 'feed-unreachable'],
  ];
  it.each(rows)('%s', async (_, spoil, code) => {
    const pc = boot();
    spoil(pc);
    await pc.start();
    await pc.capability.actions['selfUpdate.check']();
    await settle();
    expect(pc.calls.filter((c) => c.startsWith('installAtQuit true') || c === 'installNow')).toEqual([]);
    expect(pc.state()).toMatchObject({ phase: 'idle', installWhen: null, lastError: { code } });
    expect(pc.log.recent().map((e) => e.msg)).toContainEqual(expect.stringContaining('nothing installed'));
  });
});

describe('self-update: when it installs', () => {
  const session = { sessionId: 'rs_1' } as unknown as AgentState['remote']['session'];

  async function ready(opts: Parameters<typeof boot>[0] = {}) {
    const pc = boot(opts);
    await pc.start();
    await pc.capability.actions['selfUpdate.check']();
    await settle();
    pc.calls.length = 0;
    return pc;
  }

  it('not at quit while a remote session runs; at quit again once it ended', async () => {
    const pc = await ready();
    pc.set('remote', { ...pc.store.get().remote, session });
    await settle();
    expect(pc.calls).toEqual(['installAtQuit false']);
    expect(pc.state()).toMatchObject({ phase: 'ready', waitingFor: 'remote-session' });
    pc.set('remote', { ...pc.store.get().remote, session: null });
    await settle();
    expect(pc.calls).toEqual(['installAtQuit false', 'installAtQuit true']);
    expect(pc.state()).toMatchObject({ waitingFor: null, installWhen: 'at-quit' });
  });

  it('with the computer’s restart while one is pending; not during its final countdown', async () => {
    const pc = await ready();
    const updates = pc.store.get().updates;
    pc.set('updates', { ...updates, restart: { ...updates.restart, needed: true, step: { kind: 'prompt', options: [], plugIn: false } } });
    await settle();
    expect(pc.state()).toMatchObject({ installWhen: 'with-restart', waitingFor: null });
    pc.set('updates', { ...updates, restart: { ...updates.restart, needed: true, step: { kind: 'countdown', endsAt: '2026-12-07T09:15:00.000Z', plugIn: false } } });
    await settle();
    expect(pc.calls).toEqual(['installAtQuit false']);
    expect(pc.state()).toMatchObject({ installWhen: 'with-restart', waitingFor: 'restart-countdown' });
  });

  it('unasked only after 24 hours ready and with the user away 30 minutes', async () => {
    let idle = 0;
    const pc = await ready({ idleSeconds: () => idle });
    // Later reads of the feed find the same version: it stays ready, nothing new is downloaded.
    await pc.clock.advance(24 * HOUR - MIN);
    expect(pc.calls.filter((c) => c !== `check ${FEED} stable`)).toEqual([]);
    idle = 20 * 60;
    await pc.clock.advance(MIN); // 24 hours ready, away only 20 minutes: looks again in 10
    expect(pc.calls).not.toContain('installNow');
    idle = 30 * 60;
    await pc.clock.advance(10 * MIN);
    await settle();
    expect(pc.calls).toContain('installNow');
    expect(pc.state().phase).toBe('installing');
  });

  it('an install that could not start (the update task refused to run): ready again, the admin told, not again for 24 hours', async () => {
    const pc = await ready({ idleSeconds: () => 3 * 3600 });
    pc.feed.install = new SelfUpdateError('install-failed', 'running \\hallo\\agent-update: exit 1: Access is denied.');
    await pc.clock.advance(24 * HOUR);
    await settle();
    expect(pc.calls.filter((c) => c === 'installNow')).toHaveLength(1);
    expect(pc.state()).toMatchObject({ phase: 'ready', installWhen: 'at-quit', lastError: { code: 'install-failed' } });
    await pc.clock.advance(23 * HOUR);
    await settle();
    expect(pc.calls.filter((c) => c === 'installNow')).toHaveLength(1);
    await pc.clock.advance(2 * HOUR);
    await settle();
    expect(pc.calls.filter((c) => c === 'installNow')).toHaveLength(2);
  });

  it('never unasked during a remote session, however long ready and away', async () => {
    const pc = await ready({ idleSeconds: () => 3 * 3600 });
    pc.set('remote', { ...pc.store.get().remote, session });
    await pc.clock.advance(48 * HOUR);
    await settle();
    expect(pc.calls).not.toContain('installNow');
  });
});
