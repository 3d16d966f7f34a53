import { describe, expect, it } from 'vitest';
import { createSupportService } from '../../../electron/agent/support/service';
import { AgentStore } from '../../../electron/agent/store';
import { initialState } from '../../../electron/agent/capabilities';
import { createFakeClock } from '../../doubles/fake-clock';

const office = {
  phone: '088 - 123 45 67',
  email: 'servicedesk@hallo.eu',
  slaTier: 'standaard' as const,
  hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' }],
  timeZone: 'Europe/Amsterdam',
};

describe('support service', () => {
  it('flips "open now" at opening and closing time without anyone asking', async () => {
    const clock = createFakeClock(Date.parse('2026-11-25T06:59:00Z')); // Wednesday 07:59 in Amsterdam
    const store = new AgentStore(initialState({ appVersion: '1', platform: 'linux' }));
    const service = createSupportService({ store, clock });
    service.apply(office);
    expect(store.get().support).toMatchObject({ openNow: false, nextChangeAt: '2026-11-25T07:00:00.000Z' });

    await clock.advance(60_000);
    expect(store.get().support).toMatchObject({ openNow: true, nextChangeAt: '2026-11-25T16:30:00.000Z' });

    await clock.advance(9.5 * 60 * 60_000);
    expect(store.get().support.openNow).toBe(false);
    service.stop();
    expect(clock.pending()).toEqual([]);
  });
});
