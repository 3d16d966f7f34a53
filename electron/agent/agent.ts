import { join } from 'node:path';
import type { ActionRequest, ActionResult, AgentActionName, AgentState, Notice } from '../contract';
import { loadManagedConfig, type LoadedConfig } from './config/managed-config';
import { DEFAULT_POLICY } from './config/policy-defaults';
import { createConnectionService, type ConnectionService } from './connection/service';
import type { EnrollmentDevice, HeartbeatBody, Policy } from './hallo-api/types';
import { createHealthService } from './health/service';
import { healthSummary, resolveThresholds } from './health/rules';
import { initialState } from './initial-state';
import { createLogger, type Logger } from './log';
import type { AgentOptions, AgentPorts } from './ports';
import { createSettingsService } from './settings/service';
import { AgentStore, type StatePatch } from './store';
import { createSupportService } from './support/service';
import { createTicketsService } from './tickets/service';

/** What the shell, the preview and the tests hold: the whole agent behind one object. */
export interface Agent {
  state(): AgentState;
  /** `request` has already passed the action's schema (see door.ts). */
  invoke<K extends AgentActionName>(name: K, request: ActionRequest<K>): Promise<ActionResult<K>>;
  subscribe(listener: (patch: StatePatch) => void): () => void;
  /** Notices for OS notifications (the shell shows them; the preview ignores them). */
  onNotice(listener: (notice: Notice) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  log: Logger;
}

type Handlers = { [K in AgentActionName]: (request: ActionRequest<K>) => Promise<ActionResult<K>> | ActionResult<K> };

/**
 * The composition root: wires the capabilities to the ports and to one store. Each capability
 * owns its slices; this file only says who feeds whom (policy → health, support; health →
 * heartbeat; connection → overall).
 */
export function createAgent(ports: AgentPorts, options: AgentOptions): Agent {
  const { clock } = ports;
  const log = createLogger({ file: join(ports.paths.dataDir, 'logs', 'agent.log'), clock });
  const store = new AgentStore(initialState({ appVersion: options.appVersion, platform: process.platform, secretStorage: ports.secrets.storage }));
  let policy: Policy = DEFAULT_POLICY;
  let config: LoadedConfig = { config: {}, files: [], problems: [] };
  let connection: ConnectionService | null = null;

  const settings = createSettingsService({
    store,
    log: log.child('settings'),
    dataDir: ports.paths.dataDir,
    managedLanguage: () => config.config.language,
    managedShortcut: () => config.config.reportShortcut,
    systemLanguages: options.systemLanguages,
  });
  const health = createHealthService({
    store,
    log,
    clock,
    thresholds: () => resolveThresholds(policy.health.thresholds),
    sampleSeconds: () => policy.health.sampleSeconds,
  });
  const support = createSupportService({ store, clock });
  const noticeListeners = new Set<(notice: Notice) => void>();
  const tickets = createTicketsService({
    store,
    log,
    clock,
    screen: ports.screen,
    dataDir: ports.paths.dataDir,
    appVersion: options.appVersion,
    api: () => connection?.api() ?? null,
    device: () => health.device(),
    onNotice: (notice) => {
      for (const listener of noticeListeners) listener(notice);
    },
    backoff: options.api?.backoffBaseMs === undefined ? undefined : { baseMs: options.api.backoffBaseMs },
  });

  function onPolicy(next: Policy): void {
    const thresholdsChanged = JSON.stringify(next.health.thresholds) !== JSON.stringify(policy.health.thresholds);
    policy = next;
    support.apply(next.support);
    tickets.applyPolicy(next.tickets);
    if (thresholdsChanged) void health.refresh(); // judge the PC by the new rules now, not in a minute
  }

  let firstSample: Promise<void> = Promise.resolve();

  async function heartbeatBody(): Promise<HeartbeatBody> {
    await firstSample; // bounded by the probes' timeouts
    const state = store.get();
    return {
      at: new Date(clock.now()).toISOString(),
      health: healthSummary(state),
      checks: state.health.items,
      updates: { pendingCount: null, rebootRequired: null, lastCheckedAt: null },
      agentVersion: options.appVersion,
    };
  }

  async function enrollmentDevice(): Promise<EnrollmentDevice> {
    const device = await health.device();
    return {
      hostname: device.hostname,
      serialNumber: device.serialNumber,
      manufacturer: device.manufacturer,
      model: device.model,
      os: { platform: device.os.platform, distro: device.os.distro, release: device.os.release, build: device.os.build },
      agentVersion: options.appVersion,
    };
  }

  const handlers: Handlers = {
    'state.get': () => store.get(),
    'health.refresh': () => health.refresh(),
    'settings.setLanguage': ({ language }) => settings.setLanguage(language),
    'admin.enroll': ({ code }) => {
      if (!connection) throw new Error('agent not started');
      return connection.enroll(code);
    },
    'tickets.startReport': ({ relatedItemId }) => tickets.startReport(relatedItemId),
    'tickets.cancelReport': () => tickets.cancelReport(),
    'tickets.removeScreenshot': () => tickets.removeScreenshot(),
    'tickets.preview': ({ draft }) => tickets.preview(draft),
    'tickets.submit': ({ draft }) => tickets.submit(draft),
    'tickets.reopen': ({ id }) => tickets.reopen(id),
    'tickets.dismiss': ({ id }) => tickets.dismiss(id),
    'tickets.refresh': () => tickets.refresh(),
  };

  return {
    log,
    state: () => store.get(),
    subscribe: (listener) => store.subscribe(listener),
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    invoke: (name, request) => Promise.resolve(handlers[name](request as never)) as never,
    async start() {
      config = await loadManagedConfig(ports.paths.configFiles, options.env);
      for (const problem of config.problems) log.warn('configuration problem', { ...problem });
      await settings.load();
      support.apply(policy.support);
      health.start();
      firstSample = health.refresh(); // joins the sample start() began
      connection = createConnectionService({
        store,
        log,
        ports,
        options,
        config,
        device: enrollmentDevice,
        heartbeatBody,
        onPolicy,
        onServerEvent: (event) => tickets.onServerEvent(event),
      });
      await connection.start();
      await tickets.start(); // after the stored enrolment is known: a waiting ticket goes at once
    },
    async stop() {
      tickets.stop();
      await connection?.stop();
      health.stop();
      support.stop();
    },
  };
}
