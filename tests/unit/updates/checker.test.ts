import { describe, expect, it } from 'vitest';
import { CHECK_TIMEOUT_MS, DEFAULT_UPDATES_INTERVAL_MS, MIN_GAP_MS, createUpdatesChecker } from '../../../electron/agent/updates/checker';
import type { UpdatesCheck, UpdatesProvider } from '../../../electron/agent/updates/types';
import { createFakeClock, settle } from '../../doubles/fake-clock';

type Answer = 'ok' | 'fail' | 'throw' | 'hang';

/** A provider whose next answers the test decides; it counts its checks. */
function scripted(clock: { now(): number }, answers: Answer[]): UpdatesProvider & { checks: number } {
  const provider = {
    id: 'apt' as const,
    checks: 0,
    check(): Promise<UpdatesCheck> {
      provider.checks++;
      const answer = answers.shift() ?? 'ok';
      const checkedAt = new Date(clock.now()).toISOString();
      if (answer === 'throw') return Promise.reject(new Error('boom'));
      if (answer === 'hang') return new Promise(() => {});
      if (answer === 'fail') {
        const problem = { code: 'unreadable' as const, tool: 'apt-get', detail: '“Segmentation fault”' };
        return Promise.resolve({ provider: 'apt', checkedAt, pending: { problem }, restart: { problem } });
      }
      return Promise.resolve({ provider: 'apt', checkedAt, pending: { value: { updates: [], total: 2, security: 1 } }, restart: { value: [] } });
    },
  };
  return provider;
}

describe('updates checker', () => {
  it('checks once at start, then every interval, and says when it last checked', async () => {
    const clock = createFakeClock();
    const provider = scripted(clock, []);
    const seen: string[] = [];
    const checker = createUpdatesChecker({ provider, clock, onCheck: (check, trigger) => seen.push(`${trigger} ${check.checkedAt}`) });
    checker.start();
    await settle();
    expect(provider.checks).toBe(1);
    await clock.advance(DEFAULT_UPDATES_INTERVAL_MS);
    await clock.advance(DEFAULT_UPDATES_INTERVAL_MS);
    expect(seen).toEqual(['start 2025-03-03T09:00:00.000Z', 'interval 2025-03-03T13:00:00.000Z', 'interval 2025-03-03T17:00:00.000Z']);
    checker.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('a resume or login soon after a check does not check again; an admin’s ask does', async () => {
    const clock = createFakeClock();
    const provider = scripted(clock, []);
    const checker = createUpdatesChecker({ provider, clock });
    await checker.checkNow('login');
    await clock.advance(MIN_GAP_MS - 1);
    await checker.checkNow('resume');
    expect(provider.checks).toBe(1);
    await checker.checkNow('admin');
    expect(provider.checks).toBe(2);
    await clock.advance(MIN_GAP_MS);
    await checker.checkNow('resume');
    expect(provider.checks).toBe(3);
  });

  it('asks made while a check runs join it', async () => {
    const clock = createFakeClock();
    const provider = scripted(clock, []);
    const checker = createUpdatesChecker({ provider, clock });
    const [a, b] = await Promise.all([checker.checkNow('admin'), checker.checkNow('admin')]);
    expect(a).toBe(b);
    expect(provider.checks).toBe(1);
  });

  it('a failing check keeps the last good state beside its problem', async () => {
    const clock = createFakeClock();
    const checker = createUpdatesChecker({ provider: scripted(clock, ['ok', 'fail', 'fail']), clock });
    await checker.checkNow('admin');
    await clock.advance(60_000);
    await checker.checkNow('admin');
    await clock.advance(60_000);
    const third = await checker.checkNow('admin');
    expect(third.pending).toEqual({
      problem: { code: 'unreadable', tool: 'apt-get', detail: '“Segmentation fault”' },
      kept: { value: { updates: [], total: 2, security: 1 }, checkedAt: '2025-03-03T09:00:00.000Z' },
    });
    expect(third.checkedAt).toBe('2025-03-03T09:02:00.000Z');
  });

  it('a provider that throws or hangs becomes a problem, never a crash, and the timer goes on', async () => {
    const clock = createFakeClock();
    const checker = createUpdatesChecker({ provider: scripted(clock, ['throw', 'hang', 'ok']), clock });
    expect((await checker.checkNow('admin')).pending).toMatchObject({ problem: { code: 'failed' } });
    const hung = checker.checkNow('admin');
    await clock.advance(CHECK_TIMEOUT_MS);
    expect((await hung).restart).toMatchObject({ problem: { code: 'timeout' } });
    expect((await checker.checkNow('admin')).pending).toEqual({ value: { updates: [], total: 2, security: 1 } });
  });

  it('takes the policy’s interval', async () => {
    const clock = createFakeClock();
    const provider = scripted(clock, []);
    const checker = createUpdatesChecker({ provider, clock });
    checker.start();
    await settle();
    checker.setInterval(60 * 60_000);
    await clock.advance(60 * 60_000);
    expect(provider.checks).toBe(2);
    checker.stop();
  });
});
