import type { AgentState } from '../../../electron/contract';

/** A plausible state of a Windows laptop, for renderer tests. */
export function sampleState(): AgentState {
  return {
    overall: 'attention',
    app: { version: '0.1.0', platform: 'win32', secretStorage: 'encrypted' },
    device: {
      hostname: 'LAPTOP-ANNA',
      manufacturer: 'Dell Inc.',
      model: 'Latitude 5440',
      serialNumber: 'ABC1234',
      os: { platform: 'win32', distro: 'Windows 11 Pro', release: '10.0.22631', build: '22631', arch: 'x64' },
      cpu: 'Intel Core i5-1345U',
      memoryBytes: 16e9,
    },
    health: {
      collectedAt: '2026-11-25T10:00:00Z',
      items: [
        { id: 'disk-space:C:', check: 'disk-space', severity: 'attention', code: 'health.disk-space.low', params: { mount: 'C:', freeGb: 4.2, freePercent: 3, sizeGb: 256 } },
        { id: 'memory', check: 'memory', severity: 'ok', code: 'health.memory.ok', params: { usedPercent: 55, minutes: 0 } },
      ],
      figures: null,
      history: [],
    },
    connection: {
      status: 'online',
      demo: true,
      apiUrl: 'http://127.0.0.1:4010/v1',
      deviceId: 'dev-1',
      tenantName: 'Bakkerij De Korenschoof',
      lastContactAt: '2026-11-25T10:00:00Z',
      nextAttemptAt: null,
      lastError: null,
    },
    support: {
      phone: '+31 20 123 4567',
      email: 'servicedesk@hallo.eu',
      portalUrl: 'https://portal.hallo.eu',
      emergencyPhone: null,
      slaTier: 'standaard',
      hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' }],
      timeZone: 'Europe/Amsterdam',
      openNow: true,
      nextChangeAt: '2026-11-25T16:30:00Z',
    },
    config: { files: [], problems: [], policySource: 'api', policyEtag: '"e1"' },
    settings: { languagePreference: 'system', language: 'nl', reportShortcut: 'Control+Alt+H' },
    tickets: {
      categories: [
        { id: 'slow', label: { nl: 'Mijn computer is traag', en: 'My computer is slow' } },
        { id: 'printing', label: { nl: 'Printen lukt niet', en: 'Printing does not work' } },
        { id: 'other', label: { nl: 'Iets anders', en: 'Something else' } },
      ],
      maxDescriptionChars: 2000,
      maxAttachmentBytes: 2 * 1024 * 1024,
      contact: { name: 'Anna de Vries', phone: '06 12345678', email: 'anna@korenschoof.nl' },
      report: null,
      outbox: [],
      damaged: [],
      list: [],
      listUpdatedAt: null,
    },
  };
}
