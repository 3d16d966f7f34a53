import type { AgentState } from '../contract';
import type { SecretStorage } from './ports';

// Ctrl+Alt+H everywhere. Not CommandOrControl: on a Mac that is Cmd+Option+H, the system's "Hide Others".
export const DEFAULT_REPORT_SHORTCUT = 'Control+Alt+H';

/** What the UI shows before anything is known: no contact yet, nothing measured, Dutch. */
export function initialState(app: { appVersion: string; platform: string; secretStorage?: SecretStorage | undefined }): AgentState {
  return {
    overall: 'checking', // nothing measured, nothing heard: neither "ok" nor "no contact" yet
    app: { version: app.appVersion, platform: app.platform, secretStorage: app.secretStorage ?? 'file' },
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
    settings: { languagePreference: 'system', language: 'nl', reportShortcut: DEFAULT_REPORT_SHORTCUT },
    tickets: {
      categories: [],
      maxDescriptionChars: 2000,
      maxAttachmentBytes: 2 * 1024 * 1024,
      contact: { name: '', phone: '', email: '' },
      report: null,
      outbox: [],
      damaged: [],
      list: [],
      listUpdatedAt: null,
    },
  };
}
