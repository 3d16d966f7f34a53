import { describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../../../electron/agent/checks/parse/local-date';
import { local } from '../fixtures';

// Dates as Windows prints them in regional formats (the forms seen in tests/fixtures/checks), read at:
const DEC_7 = new Date(2026, 11, 7, 6, 0, 0).getTime();
const JUNE_20 = new Date(2026, 5, 20, 6, 0, 0).getTime();

describe('a local date and time in the regional format', () => {
  it('reads day-month and month-day orders, 12 and 24 hours, and ISO', () => {
    const READINGS: [string, string][] = [
      ['9/16/2023 12:47:56 PM', local(2023, 9, 16, 12, 47, 56)],
      ['11/18/2012 2:26:21 AM', local(2012, 11, 18, 2, 26, 21)],
      ['12/31/2025 12:05:00 AM', local(2025, 12, 31, 0, 5, 0)],
      ['28.09.2026 07:26:42', local(2026, 9, 28, 7, 26, 42)],
      ['25/09/2020 17:14:58', local(2020, 9, 25, 17, 14, 58)],
      ['18-10-2022 09:18:29 AM', local(2022, 10, 18, 9, 18, 29)],
      ['2011-12-05 23:25:18', local(2011, 12, 5, 23, 25, 18)],
    ];
    for (const [text, at] of READINGS) expect(parseLocalDateTime(text, DEC_7)).toBe(at);
  });

  it('when day and month could be either way round, takes the reading that is not in the future', () => {
    // On 7 December both readings are past: the nearer one, 6 December, is the last sync.
    expect(parseLocalDateTime('12/6/2026 10:15:03 AM', DEC_7)).toBe(local(2026, 12, 6, 10, 15, 3));
    expect(parseLocalDateTime('06.12.2026 10:15:03', DEC_7)).toBe(local(2026, 12, 6, 10, 15, 3));
    expect(parseLocalDateTime('06/12/2026 10:15:03', DEC_7)).toBe(local(2026, 12, 6, 10, 15, 3));
    // On 20 June, 6 December is still to come: the date must be 12 June.
    expect(parseLocalDateTime('12/6/2026 10:15:03 AM', JUNE_20)).toBe(local(2026, 6, 12, 10, 15, 3));
    expect(parseLocalDateTime('06.12.2026 10:15:03', JUNE_20)).toBe(local(2026, 6, 12, 10, 15, 3));
  });

  it('what is not a date is null: w32tm’s “unspecified” in any language, Windows’ year 1601, an unknown 12-hour marker', () => {
    for (const text of ['unspecified', 'nicht angegeben', '', '31/02/2026 10:00:00', '12/31/1600 4:00:00 PM', '01.01.1601 6:00:00', '6/4/2024 13:06:27 PM', '6/4/2024 8:06:27 μμ', '6/4/2024']) {
      expect(parseLocalDateTime(text, DEC_7)).toBeNull();
    }
  });
});
