import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSupportService } from '../../../electron/agent/support/service';
import { AgentStore } from '../../../electron/agent/store';
import { initialState } from '../../../electron/agent/initial-state';
import { timerClock } from '../health/helpers';

const office = {
  phone: '088 - 123 45 67',
  email: 'servicedesk@hallo.eu',
  slaTier: 'standaard' as const,
  hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' }],
  timeZone: 'Europe/Amsterdam',
};

describe('support service', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('flips "open now" at opening and closing time without anyone asking', async () => {
    vi.setSystemTime(new Date('2026-11-25T06:59:00Z')); // Wednesday 07:59 in Amsterdam
    const store = new AgentStore(initialState({ appVersion: '1', platform: 'linux' }));
    const service = createSupportService({ store, clock: timerClock });
    service.apply(office);
    expect(store.get().support).toMatchObject({ openNow: false, nextChangeAt: '2026-11-25T07:00:00.000Z' });

    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.get().support).toMatchObject({ openNow: true, nextChangeAt: '2026-11-25T16:30:00.000Z' });

    await vi.advanceTimersByTimeAsync(9.5 * 60 * 60_000);
    expect(store.get().support.openNow).toBe(false);
    service.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
