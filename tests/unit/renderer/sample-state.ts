import type { AgentState, RemoteRequestView, RemoteSessionView, SupportState, TicketPreview } from '../../../electron/contract';
import type { AdminActions } from '../../../renderer/src/components/admin/actions';
import { urgentAdviceByImpact } from '../../../electron/agent/support/advice';
import { INITIAL_REMOTE } from '../../../electron/agent/remote/capability';
import { INITIAL_CHECKS } from '../../../electron/agent/checks/capability';
import { INITIAL_MAINTENANCE } from '../../../electron/agent/maintenance/capability';
import { INITIAL_SELF_UPDATE } from '../../../electron/agent/selfupdate/capability';
import { INITIAL_BRANDING } from '../../../electron/agent/branding/capability';
import { ticketBody } from '../../reference-api/testing';

/** The servicedesk with a change the agent would make, and the advice it would work out for it. */
export function desk(support: SupportState, patch: Partial<SupportState>): SupportState {
  const next = { ...support, ...patch };
  return { ...next, urgentAdvice: urgentAdviceByImpact(next) };
}

/** A plausible state of a Windows laptop, for renderer tests. */
export function sampleState(): AgentState {
  return {
    overall: 'attention',
    headline: 'attention',
    app: { version: '0.1.0', platform: 'win32', sizeUnits: 'binary', secretStorage: 'encrypted' },
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
      urgentAdvice: { 'can-work': null, 'cannot-work': 'call', 'several-cannot-work': 'call' },
    },
    config: { files: [], problems: [], policySource: 'api', policyEtag: '"e1"' },
    settings: { languagePreference: 'system', language: 'nl', reportShortcut: 'Control+Alt+H', remoteEndShortcut: 'Control+Alt+E' },
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
      thread: null,
      waitingForYou: 0,
    },
    updates: {
      checking: false,
      lastCheckedAt: '2026-12-07T08:00:00.000Z',
      pending: { total: 0, security: 0, byClass: { security: 0, critical: 0, update: 0, upgrade: 0, 'service-pack': 0, driver: 0, definition: 0 }, updates: [] },
      pendingProblem: null,
      installed: null,
      restart: { needed: false, reasons: [], source: null, halloReason: null, requestId: null, deadline: null, deferralsUsed: 0, deferralsLeft: 0, step: null, problem: null },
      upToDate: false,
      items: [
        { id: 'updates', check: 'updates', severity: 'ok', code: 'health.updates.none', params: {} },
        { id: 'restart', check: 'restart', severity: 'ok', code: 'health.restart.none', params: {} },
      ],
      lastOutcome: null,
    },
    remote: INITIAL_REMOTE,
    checks: INITIAL_CHECKS,
    maintenance: INITIAL_MAINTENANCE,
    selfUpdate: INITIAL_SELF_UPDATE,
    branding: INITIAL_BRANDING,
  };
}

/** What "Bekijk wat er wordt meegestuurd" gets from the agent for that laptop: the API's body, the picture as its size. */
export function samplePreview(): TicketPreview {
  const body = ticketBody({
    description: 'Printen lukt niet\nsinds vanochtend',
    category: 'printing',
    urgency: 'high',
    contact: { name: 'Anna de Vries', email: 'anna@korenschoof.nl' },
  });
  const { device, health } = body.diagnostics;
  return {
    ...body,
    diagnostics: {
      ...body.diagnostics,
      device: { ...device, hostname: 'LAPTOP-ANNA', manufacturer: 'Dell Inc.', model: 'Latitude 5440', serialNumber: 'ABC1234', os: { platform: 'win32', distro: 'Windows 11 Pro', release: '10.0.22631', build: '22631' } },
      health: { ...health, cpuLoadPercent: 12, history: [...health.history, { at: '2026-11-25T10:00:00Z', cpuLoadPercent: 12, memoryUsedPercent: 55 }] },
      checks: sampleState().health.items,
      recentErrors: [{ at: '2026-11-25T09:59:00Z', level: 'warn', scope: 'health', msg: 'smart probe timed out' }],
      processes: {
        byCpu: [{ name: 'Teams.exe', pid: 1, cpuPercent: 31.5, memoryBytes: 812e6 }],
        byMemory: [{ name: 'chrome.exe', pid: 2, cpuPercent: 3, memoryBytes: 1.2e9 }],
      },
    },
    attachments: [{ name: 'screenshot.png', contentType: 'image/png', bytes: 312_000 }],
  };
}

/** Jan's request for view, ticket 1042, code 482913, asked at 14:20 Amsterdam time, a minute to answer. */
export function sampleRemoteRequest(over: Partial<RemoteRequestView> = {}): RemoteRequestView {
  return {
    sessionId: 's-1',
    technicianName: 'Jan',
    reason: 'Outlook start niet op',
    ticketNumber: 1042,
    ticketId: 't-1042',
    modeRequested: 'view',
    controlOffered: false,
    code: '482913',
    shownAt: '2026-12-07T13:20:00Z',
    answerableAt: '2026-12-07T13:20:00.500Z',
    expiresAt: '2026-12-07T13:21:00Z',
    ...over,
  };
}

/** Jan watching since 14:20 Amsterdam time. */
export function sampleRemoteSession(over: Partial<RemoteSessionView> = {}): RemoteSessionView {
  return {
    sessionId: 's-1',
    technicianName: 'Jan',
    ticketNumber: 1042,
    mode: 'view',
    phase: 'live',
    grantedAt: '2026-12-07T13:19:50Z',
    startedAt: '2026-12-07T13:20:00Z',
    endsAt: '2026-12-07T14:20:00Z',
    ...over,
  };
}

/** The admin view's card actions, each answering as an agent with nothing to show would. */
export function quietAdminActions(): AdminActions {
  return {
    'selfUpdate.check': async () => undefined,
    'admin.readLog': async () => ({ lines: [], file: '' }),
    'admin.diagnosticsContents': async () => ({ entries: [], suggestedName: 'hallo-diagnose.zip' }),
    'admin.exportDiagnostics': async () => ({ outcome: 'cancelled' }),
    'admin.readPolicy': async () => ({ policy: {}, source: 'defaults', etag: null }),
    'report.make': async () => ({ outcome: 'cancelled' }),
  };
}
