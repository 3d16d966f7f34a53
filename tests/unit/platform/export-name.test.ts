import { describe, expect, it } from 'vitest';
import { diagnoseFileName, reportFileName } from '../../../electron/agent/platform/export-name';

// The names an export is offered under: the hostname reduced to [A-Za-z0-9-], the office's wall clock.

describe('export file names', () => {
  const at = Date.parse('2026-07-01T22:45:00Z'); // 00:45 the next day in Amsterdam (summer time)
  it.each([
    ['PC-01', 'Europe/Amsterdam', 'hallo-diagnose-PC-01-20260702-0045.zip'],
    ['jan’s laptop.local', 'Europe/Amsterdam', 'hallo-diagnose-jan-s-laptop-local-20260702-0045.zip'],
    ['', 'Europe/Amsterdam', 'hallo-diagnose-pc-20260702-0045.zip'],
    ['PC-01', 'Not/AZone', 'hallo-diagnose-PC-01-20260701-2245.zip'],
  ])('%s in %s → %s', (host, zone, name) => {
    expect(diagnoseFileName(host, at, zone)).toBe(name);
  });
  it('names a report by its day', () => {
    expect(reportFileName('PC-01', at, 'Europe/Amsterdam', 'pdf')).toBe('hallo-rapport-PC-01-20260702.pdf');
    expect(reportFileName('PC-01', at, 'Europe/Amsterdam', 'html')).toBe('hallo-rapport-PC-01-20260702.html');
  });
});
