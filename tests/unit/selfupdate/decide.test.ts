import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { bucketOf } from '../../../electron/agent/selfupdate/bucket';
import { installPlan, judgeOffer, type InstallInputs } from '../../../electron/agent/selfupdate/decide';
import { firstCheckDelayMs, nextCheckDelayMs } from '../../../electron/agent/selfupdate/schedule';
import { selfUpdateSettings } from '../../../electron/agent/selfupdate/settings';

// The self-update's decision table: which version to take, which device takes it when, when it
// installs, where the feed comes from. Expected values are written out, never computed with the code.

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('which offered version the agent takes', () => {
  const rows: [string, { current: string; offered: string; bucket: number | null; stagingPercentage: number }, ReturnType<typeof judgeOffer>][] = [
    ['a newer version, everyone', { current: '1.4.0', offered: '1.5.0', bucket: 99, stagingPercentage: 100 }, 'download'],
    ['a newer version, bucket below the percentage', { current: '1.4.0', offered: '1.5.0', bucket: 9, stagingPercentage: 10 }, 'download'],
    ['a newer version, bucket at the percentage', { current: '1.4.0', offered: '1.5.0', bucket: 10, stagingPercentage: 10 }, 'held-back'],
    ['a newer version, staged at 0 %', { current: '1.4.0', offered: '1.5.0', bucket: 0, stagingPercentage: 0 }, 'held-back'],
    ['not enrolled (no bucket), staged', { current: '1.4.0', offered: '1.5.0', bucket: null, stagingPercentage: 50 }, 'held-back'],
    ['not enrolled (no bucket), everyone', { current: '1.4.0', offered: '1.5.0', bucket: null, stagingPercentage: 100 }, 'download'],
    ['the same version: up to date, nothing wrong', { current: '1.4.0', offered: '1.4.0', bucket: 0, stagingPercentage: 100 }, 'up-to-date'],
    ['an older version: never a downgrade', { current: '1.4.0', offered: '1.3.9', bucket: 0, stagingPercentage: 100 }, 'older'],
    ['semver, not text: 1.10 is newer than 1.9', { current: '1.9.0', offered: '1.10.0', bucket: 0, stagingPercentage: 100 }, 'download'],
    ['a beta after its release is older', { current: '1.5.0', offered: '1.5.0-beta.2', bucket: 0, stagingPercentage: 100 }, 'older'],
    ['not a version at all', { current: '1.4.0', offered: 'latest', bucket: 0, stagingPercentage: 100 }, 'invalid'],
  ];
  it.each(rows)('%s', (_, offer, verdict) => {
    expect(judgeOffer(offer)).toBe(verdict);
  });
});

describe('the staged rollout bucket', () => {
  it('is the first 4 bytes of SHA-256(deviceId) mod 100', async () => {
    // `printf dev_01HZX3 | sha256sum` → 0b9684d0…: 0x0b9684d0 = 194413776 → 76.
    expect(await bucketOf('dev_01HZX3')).toBe(76);
    // `printf '' | sha256sum` → e3b0c442…: 0xe3b0c442 = 3820012610 → 10.
    expect(await bucketOf('')).toBe(10);
  });

  it('spreads a fleet evenly: 10,000 device ids, every bucket between 60 and 140 devices', async () => {
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 10_000; i++) counts[await bucketOf(`dev_${i.toString(36)}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...counts)).toBeLessThanOrEqual(140);
  });
});

describe('when the feed is read', () => {
  it('first 10 minutes after start plus 3 s per bucket place', () => {
    expect(firstCheckDelayMs(null)).toBe(10 * MIN);
    expect(firstCheckDelayMs(0)).toBe(10 * MIN);
    expect(firstCheckDelayMs(99)).toBe(10 * MIN + 297_000);
  });
  it('then every checkHours ± 10 %', () => {
    expect(nextCheckDelayMs(6, 0)).toBe(5.4 * HOUR);
    expect(nextCheckDelayMs(6, 0.5)).toBe(6 * HOUR);
    expect(nextCheckDelayMs(6, 0.999999)).toBeLessThanOrEqual(6.6 * HOUR);
    expect(nextCheckDelayMs(1, 0)).toBe(0.9 * HOUR);
  });
});

describe('where the feed comes from', () => {
  const policy = (agentUpdates?: (typeof DEFAULT_POLICY)['agentUpdates']) => ({ ...DEFAULT_POLICY, agentUpdates });
  const rows: [string, Parameters<typeof selfUpdateSettings>[0], ReturnType<typeof policy>, ReturnType<typeof selfUpdateSettings>][] = [
    ['neither: disabled', {}, policy(), { feedUrl: null, feedSource: null, channel: 'stable', stagingPercentage: 100, checkHours: 6 }],
    [
      'the policy',
      {},
      policy({ feedUrl: 'https://updates.hallo.eu/agent', channel: 'beta', stagingPercentage: 20, checkHours: 12 }),
      { feedUrl: 'https://updates.hallo.eu/agent', feedSource: 'policy', channel: 'beta', stagingPercentage: 20, checkHours: 12 },
    ],
    [
      'the managed configuration beats the policy; channel and staging stay the policy’s',
      { updateFeedUrl: 'https://mirror.klant.nl/hallo' },
      policy({ feedUrl: 'https://updates.hallo.eu/agent', channel: 'beta', stagingPercentage: 20 }),
      { feedUrl: 'https://mirror.klant.nl/hallo', feedSource: 'config', channel: 'beta', stagingPercentage: 20, checkHours: 6 },
    ],
    [
      'the managed configuration alone',
      { updateFeedUrl: 'https://mirror.klant.nl/hallo' },
      policy(),
      { feedUrl: 'https://mirror.klant.nl/hallo', feedSource: 'config', channel: 'stable', stagingPercentage: 100, checkHours: 6 },
    ],
    ['a policy without a feed URL: still disabled', {}, policy({ channel: 'stable', stagingPercentage: 100 }), { feedUrl: null, feedSource: null, channel: 'stable', stagingPercentage: 100, checkHours: 6 }],
  ];
  it.each(rows)('%s', (_, config, p, expected) => {
    expect(selfUpdateSettings(config, p)).toEqual(expected);
  });
});

describe('when a downloaded update installs', () => {
  const NOW = Date.parse('2026-12-07T09:00:00Z');
  const noRestart = { needed: false, step: null };
  const base: InstallInputs = { remoteSession: false, restart: noRestart, readyAt: NOW, now: NOW, idleSeconds: 0 };
  const countdown = { needed: true, step: { kind: 'countdown' as const, endsAt: '2026-12-07T09:10:00Z', plugIn: false } };
  const prompt = { needed: true, step: { kind: 'prompt' as const, options: [], plugIn: false } };
  const rows: [string, Partial<InstallInputs>, Pick<ReturnType<typeof installPlan>, 'installAtQuit' | 'installWhen' | 'waitingFor' | 'installNow' | 'againInMs'>][] = [
    ['just ready: at the next quit; unasked not before 24 h', {}, { installAtQuit: true, installWhen: 'at-quit', waitingFor: null, installNow: false, againInMs: 24 * HOUR }],
    ['a computer restart pending: with the restart', { restart: prompt }, { installAtQuit: true, installWhen: 'with-restart', waitingFor: null, installNow: false, againInMs: 24 * HOUR }],
    [
      'during a remote session: not even at quit',
      { remoteSession: true, now: NOW + 48 * HOUR, idleSeconds: 3600 },
      { installAtQuit: false, installWhen: 'at-quit', waitingFor: 'remote-session', installNow: false, againInMs: null },
    ],
    [
      'during the restart’s final countdown: not even at quit',
      { restart: countdown, now: NOW + 48 * HOUR, idleSeconds: 3600 },
      { installAtQuit: false, installWhen: 'with-restart', waitingFor: 'restart-countdown', installNow: false, againInMs: null },
    ],
    [
      'the restart under way (the countdown is over): installed as the agent quits with the computer, never started now',
      { restart: { needed: true, step: { kind: 'restarting' as const } }, now: NOW + 48 * HOUR, idleSeconds: 3600 },
      { installAtQuit: true, installWhen: 'with-restart', waitingFor: null, installNow: false, againInMs: null },
    ],
    ['ready 23 h 59 min, user away an hour: not yet', { now: NOW + 24 * HOUR - MIN, idleSeconds: 3600 }, { installAtQuit: true, installWhen: 'at-quit', waitingFor: null, installNow: false, againInMs: MIN }],
    ['ready 24 h, user away 29 min: when away 30', { now: NOW + 24 * HOUR, idleSeconds: 29 * 60 }, { installAtQuit: true, installWhen: 'at-quit', waitingFor: null, installNow: false, againInMs: MIN }],
    ['ready 24 h, user away 30 min: now', { now: NOW + 24 * HOUR, idleSeconds: 30 * 60 }, { installAtQuit: true, installWhen: 'at-quit', waitingFor: null, installNow: true, againInMs: null }],
    [
      'ready 24 h, away, but a session: never',
      { now: NOW + 30 * HOUR, idleSeconds: 7200, remoteSession: true },
      { installAtQuit: false, installWhen: 'at-quit', waitingFor: 'remote-session', installNow: false, againInMs: null },
    ],
  ];
  it.each(rows)('%s', (_, over, expected) => {
    expect(installPlan({ ...base, ...over })).toEqual(expected);
  });
});
