import { describe, expect, it } from 'vitest';
import { supportState, type PolicySupport } from '../../../electron/agent/support/hours';

const policy = (over: Partial<PolicySupport> = {}): PolicySupport => ({
  phone: '+31 20 123 4567',
  email: 'servicedesk@hallo.eu',
  portalUrl: 'https://portal.hallo.eu',
  slaTier: 'standaard',
  hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' }],
  timeZone: 'Europe/Amsterdam',
  ...over,
});
const at = (iso: string) => Date.parse(iso);
const state = (iso: string, over: Partial<PolicySupport> = {}) => {
  const s = supportState(policy(over), at(iso));
  return { openNow: s.openNow, nextChangeAt: s.nextChangeAt };
};

describe('servicedesk hours (Europe/Amsterdam, Mon-Fri 08:00-17:30)', () => {
  // Monday 2 March 2026, winter time (UTC+1).
  it.each([
    ['2026-03-02T06:59:00Z', false, '2026-03-02T07:00:00.000Z'], // 07:59: just before opening
    ['2026-03-02T07:00:00Z', true, '2026-03-02T16:30:00.000Z'], // 08:00: just opened
    ['2026-03-02T16:29:59Z', true, '2026-03-02T16:30:00.000Z'], // 17:29:59
    ['2026-03-02T16:30:00Z', false, '2026-03-03T07:00:00.000Z'], // 17:30: closed till Tuesday
  ])('at %s open=%s, next change %s', (now, openNow, nextChangeAt) => {
    expect(state(now)).toEqual({ openNow, nextChangeAt });
  });

  it('closed over the weekend, opening Monday morning', () => {
    expect(state('2026-03-07T12:00:00Z')).toEqual({ openNow: false, nextChangeAt: '2026-03-09T07:00:00.000Z' });
  });

  it('spring forward (Sunday 29 March): Monday opens at 08:00 summer time = 06:00 UTC', () => {
    expect(state('2026-03-27T17:00:00Z')).toEqual({ openNow: false, nextChangeAt: '2026-03-30T06:00:00.000Z' });
    expect(state('2026-03-30T06:00:00Z')).toEqual({ openNow: true, nextChangeAt: '2026-03-30T15:30:00.000Z' });
    expect(state('2026-03-30T05:59:00Z').openNow).toBe(false);
  });

  it('fall back (Sunday 25 October): Monday opens at 08:00 winter time = 07:00 UTC', () => {
    expect(state('2026-10-23T16:00:00Z')).toEqual({ openNow: false, nextChangeAt: '2026-10-26T07:00:00.000Z' });
    expect(state('2026-10-26T06:30:00Z').openNow).toBe(false); // 07:30 local, 06:30 UTC would be 08:30 in summer time
  });

  it('hours that include the weekend', () => {
    const hours = [
      { days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' },
      { days: [6], from: '10:00', to: '14:00' },
    ];
    expect(state('2026-03-07T10:00:00Z', { hours })).toEqual({ openNow: true, nextChangeAt: '2026-03-07T13:00:00.000Z' });
    expect(state('2026-03-07T13:00:00Z', { hours })).toEqual({ openNow: false, nextChangeAt: '2026-03-09T07:00:00.000Z' });
  });

  it('a span past midnight stays open into the next day', () => {
    const hours = [{ days: [5], from: '22:00', to: '06:00' }];
    expect(state('2026-03-06T21:30:00Z', { hours })).toEqual({ openNow: true, nextChangeAt: '2026-03-07T05:00:00.000Z' }); // Fri 22:30
    expect(state('2026-03-07T04:00:00Z', { hours }).openNow).toBe(true); // Sat 05:00
    expect(state('2026-03-07T06:00:00Z', { hours })).toEqual({ openNow: false, nextChangeAt: '2026-03-13T21:00:00.000Z' });
  });

  it('24x7 is always open and never changes', () => {
    expect(state('2026-03-07T03:00:00Z', { slaTier: '24x7', emergencyPhone: '+31 20 999 9999' })).toEqual({ openNow: true, nextChangeAt: null });
  });

  it('no opening hours: closed, with no change to announce', () => {
    expect(state('2026-03-02T10:00:00Z', { hours: [] })).toEqual({ openNow: false, nextChangeAt: null });
  });

  it('carries the contact details through', () => {
    expect(supportState(policy(), at('2026-03-02T10:00:00Z'))).toMatchObject({
      phone: '+31 20 123 4567',
      email: 'servicedesk@hallo.eu',
      portalUrl: 'https://portal.hallo.eu',
      emergencyPhone: null,
      slaTier: 'standaard',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('an unknown time zone falls back to Europe/Amsterdam instead of crashing', () => {
    const s = supportState(policy({ timeZone: 'Mars/Olympus_Mons' }), at('2026-03-02T07:00:00Z'));
    expect(s).toMatchObject({ timeZone: 'Europe/Amsterdam', openNow: true, nextChangeAt: '2026-03-02T16:30:00.000Z' });
  });

  it('another zone is read in that zone', () => {
    // 08:00 in New York on Monday 2 March 2026 is 13:00 UTC.
    expect(state('2026-03-02T12:59:00Z', { timeZone: 'America/New_York' })).toEqual({ openNow: false, nextChangeAt: '2026-03-02T13:00:00.000Z' });
  });

  it('malformed times are ignored, not fatal', () => {
    const hours = [{ days: [1], from: '8 uur', to: '17:30' }, { days: [1], from: '09:00', to: '25:00' }];
    expect(state('2026-03-02T10:00:00Z', { hours })).toEqual({ openNow: false, nextChangeAt: null });
  });
});
