import type { AgentState } from '../contract';

/** What the UI shows before anything is known: no contact yet, nothing measured, Dutch. */
export function initialState(app: { appVersion: string; platform: string }): AgentState {
  return {
    overall: 'offline',
    app: { version: app.appVersion, platform: app.platform },
    device: null,
    health: { collectedAt: null, items: [], figures: null, history: [] },
    connection: {
      status: 'starting',
      demo: false,
      apiUrl: null,
      deviceId: null,
      tenantName: null,
      lastContactAt: null,
      nextAttemptAt: null,
      lastError: null,
    },
    support: {
      phone: '',
      email: '',
      portalUrl: null,
      emergencyPhone: null,
      slaTier: 'standaard',
      hours: [],
      timeZone: 'Europe/Amsterdam',
      openNow: false,
      nextChangeAt: null,
    },
    config: { files: [], problems: [], policySource: 'defaults', policyEtag: null },
    settings: { languagePreference: 'system', language: 'nl' },
  };
}
