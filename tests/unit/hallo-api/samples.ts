import openapi from '../../../electron/agent/hallo-api/openapi.json';
import type { EnrollmentDevice, HeartbeatBody, Policy } from '../../../electron/agent/hallo-api/types';

/** The example policy of openapi.json: valid by construction of that file. */
export function samplePolicy(): Policy {
  return structuredClone(openapi.components.schemas.Policy.examples[0]) as Policy;
}

export const sampleDevice: EnrollmentDevice = {
  hostname: 'PC-RECEPTIE',
  serialNumber: 'SN123',
  manufacturer: 'Lenovo',
  model: 'ThinkCentre',
  os: { platform: 'win32', distro: 'Windows 11 Pro', release: '10.0.22631', build: '22631' },
  agentVersion: '0.1.0',
};

export function sampleHeartbeat(at = '2025-03-03T09:00:00.000Z'): HeartbeatBody {
  return {
    at,
    health: { overall: 'ok', cpuLoadPercent: 12, memoryUsedPercent: 40, disks: [], uptimeSeconds: 3600, battery: null },
    checks: [{ id: 'memory', check: 'memory', severity: 'ok', code: 'health.memory.ok', params: { usedPercent: 40, minutes: 0 } }],
    updates: { pendingCount: null, rebootRequired: null, lastCheckedAt: null },
    agentVersion: '0.1.0',
  };
}

export const sampleEnrolled = { deviceId: 'dev-1', deviceToken: 'tok-0123456789abcdef', tenant: { id: 't1', name: 'Bakkerij Jansen' } };
