import { describe, expect, it } from 'vitest';
import type { StatusItem } from '../../../electron/contract';
import { cleanupItemIds, systemMounts } from '../../../electron/agent/checks/cleanup-offer';

const disk = (mount: string, state: 'ok' | 'low' | 'critical'): StatusItem => ({
  id: `disk-space:${mount}`,
  check: 'disk-space',
  severity: state === 'ok' ? 'ok' : state === 'low' ? 'attention' : 'problem',
  code: `health.disk-space.${state}`,
  params: { mount, freeGb: 1, freePercent: 3, sizeGb: 40 },
});
const temp = (severity: 'ok' | 'attention'): StatusItem => ({ id: 'temp-files', check: 'temp-files', severity, code: severity === 'ok' ? 'health.temp-files.ok' : 'health.temp-files.large', params: { sizeGb: 3 } });

describe('where "Tijdelijke bestanden opruimen" is offered', () => {
  it.each([
    ['temp files large', [temp('attention')], [disk('C:', 'ok')], 'win32', ['temp-files']],
    ['temp files fine, system disk low', [temp('ok')], [disk('C:', 'low'), disk('D:', 'low')], 'win32', ['disk-space:C:']],
    ['both', [temp('attention')], [disk('c:', 'critical')], 'win32', ['temp-files', 'disk-space:c:']],
    ['a data disk full: cleaning temp files does not help there', [temp('ok')], [disk('/', 'ok'), disk('/home', 'critical')], 'linux', []],
    ['macOS data volume low', [], [disk('/System/Volumes/Data', 'low')], 'darwin', ['disk-space:/System/Volumes/Data']],
    ['nothing to clean', [temp('ok')], [disk('/', 'ok')], 'linux', []],
  ] as const)('%s', (_, checks, health, platform, ids) => {
    expect(cleanupItemIds(checks, health, systemMounts(platform, { SystemDrive: 'C:' }))).toEqual(ids);
  });
});
