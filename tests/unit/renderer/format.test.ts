import { describe, expect, it } from 'vitest';
import { describeWhen, formatGb, localizeParams, uptimeParts, telHref } from '../../../renderer/src/format';

describe('formatting for the popup', () => {
  it('formats numbers in message params per language', () => {
    expect(localizeParams({ mount: 'C:', freeGb: 4.2, freePercent: 3, big: 1234.5 }, 'nl')).toEqual({
      mount: 'C:',
      freeGb: '4,2',
      freePercent: '3',
      big: '1.234,5',
    });
    expect(localizeParams({ freeGb: 4.2, ok: true }, 'en')).toEqual({ freeGb: '4.2', ok: 'true' });
  });

  it('shows bytes as GB, one decimal, in the platform\'s own GB', () => {
    expect(formatGb(4_200_000_000, 'decimal', 'nl')).toBe('4,2');
    expect(formatGb(256_000_000_000, 'decimal', 'en')).toBe('256');
    expect(formatGb(256_000_000_000, 'binary', 'en')).toBe('238.4'); // Windows Explorer's GB
  });

  it('says when the servicedesk opens again in its own time zone, relative to today', () => {
    const now = new Date('2026-11-25T18:00:00Z'); // Wednesday 19:00 in Amsterdam
    expect(describeWhen('2026-11-26T07:00:00Z', now, 'Europe/Amsterdam', 'nl')).toEqual({ key: 'when.tomorrow', params: { time: '08:00' } });
    expect(describeWhen('2026-11-25T20:00:00Z', now, 'Europe/Amsterdam', 'en')).toEqual({ key: 'when.today', params: { time: '21:00' } });
    expect(describeWhen('2026-11-30T07:00:00Z', now, 'Europe/Amsterdam', 'nl')).toEqual({
      key: 'when.weekday',
      params: { day: 'maandag', time: '08:00' },
    });
    expect(describeWhen('2026-12-20T07:00:00Z', now, 'Europe/Amsterdam', 'en')).toEqual({
      key: 'when.date',
      params: { date: '20 December', time: '08:00' },
    });
  });

  it('counts days in the servicedesk zone, not in UTC', () => {
    // 23:30 UTC on the 25th is already the 26th in Amsterdam: opening at 08:00 that day is "today".
    const now = new Date('2026-11-25T23:30:00Z');
    expect(describeWhen('2026-11-26T07:00:00Z', now, 'Europe/Amsterdam', 'nl')?.key).toBe('when.today');
  });

  it('survives a bad time zone or date from the policy', () => {
    const now = new Date('2026-11-25T18:00:00Z');
    expect(describeWhen('2026-11-26T07:00:00Z', now, 'Mars/Olympus', 'nl')).toEqual({ key: 'when.tomorrow', params: { time: '08:00' } });
    expect(describeWhen('not a date', now, 'Europe/Amsterdam', 'nl')).toBeNull();
    expect(describeWhen(null, now, 'Europe/Amsterdam', 'nl')).toBeNull();
  });

  it('splits uptime into days and hours and makes dialable tel: links', () => {
    expect(uptimeParts(3 * 86400 + 5 * 3600 + 59)).toEqual([{ key: 'duration.days', count: 3 }, { key: 'duration.hours', count: 5 }]);
    expect(uptimeParts(5 * 3600 + 59)).toEqual([{ key: 'duration.hours', count: 5 }]);
    expect(uptimeParts(33 * 60)).toEqual([{ key: 'duration.minutes', count: 33 }]);
    expect(uptimeParts(-5)).toEqual([{ key: 'duration.minutes', count: 0 }]);
    expect(telHref('+31 (0)20-123 4567')).toBe('tel:+31201234567');
  });
});
