import { ActionError, type ConfigProblem, type ConnectionState } from '../../contract';
import type { LoadedConfig } from '../config/managed-config';
import { readPolicyCache, writePolicyCache } from '../config/policy-cache';
import { DEFAULT_POLICY } from '../config/policy-defaults';
import { ApiError } from '../hallo-api/api-error';
import { Backoff } from '../hallo-api/backoff';
import { createApiClient, type HalloApi } from '../hallo-api/client';
import { streamEvents, type EventStream } from '../hallo-api/events-stream';
import type { EnrollmentDevice, HeartbeatBody, Policy, ServerEvent } from '../hallo-api/types';
import type { Logger } from '../log';
import type { AgentOptions, AgentPorts } from '../ports';
import type { AgentStore } from '../store';
import { readEnrolment, saveEnrolmentDetails, saveEnrolmentSecrets, type Enrolment } from './enrolment';
import { canonicalEnrolmentCode } from './enrolment-code';
import { readLastContact, saveLastContact } from './last-contact';

export interface ConnectionDeps {
  store: AgentStore;
  log: Logger;
  ports: AgentPorts;
  options: AgentOptions;
  config: LoadedConfig;
  /** The PC as enrolment describes it (hostname, serial, OS...), from the health collectors. */
  device: () => Promise<EnrollmentDevice>;
  /** May wait (for the first health sample), so that no heartbeat goes out empty. */
  heartbeatBody: () => HeartbeatBody | Promise<HeartbeatBody>;
  /** Each policy the agent starts working from: the cache or defaults at start, then each new one. */
  onPolicy: (policy: Policy) => void;
  /** Every valid server event, for the capabilities that come later (tickets, remote support). */
  onServerEvent?: (event: ServerEvent) => void;
  /** Keep the SSE connection open (default true). */
  events?: boolean;
  random?: () => number;
}

export interface ConnectionService {
  start(): Promise<void>;
  /**
   * Clears every timer and closes the event stream at once: after it no request is made. The
   * promise settles when the files being written (policy cache, enrolment details) are on disk.
   */
  stop(): Promise<void>;
  /** `admin.enroll`: enrols with a new code and starts over. */
  enroll(code: string): Promise<void>;
  policy(): Policy;
  /** The API client while enrolled, for the services that come later (tickets, remote). */
  api(): HalloApi | null;
}

/** The first contact waits a random part of this, so that PCs starting together do not call together. */
const FIRST_CONTACT_SPREAD_MS = 30_000;

/**
 * The agent's life with the hallo, API: enrolment, the policy (cached, ETag), heartbeats with
 * jitter, backoff on failure (Retry-After honoured), re-enrolment when the token is refused.
 * One step runs at a time; every wait is a single timer on the clock port.
 */
export function createConnectionService(deps: ConnectionDeps): ConnectionService {
  const { store, ports, options } = deps;
  const log = deps.log.child('connection');
  const random = deps.random ?? Math.random;
  const backoff = new Backoff({ random });
  // The policy's own: a policy that fails while heartbeats get through is retried on its own timer.
  const policyBackoff = new Backoff({ random });
  const configured = deps.config.config.apiUrl;
  const apiUrl = configured ?? options.demo?.apiUrl ?? null;
  const demo = !configured && options.demo !== undefined;
  const configuredRaw = deps.config.config.enrollmentCode ?? (demo ? options.demo?.enrollmentCode : undefined);
  const configuredCode = configuredRaw === undefined ? undefined : canonicalEnrolmentCode(configuredRaw);

  let policy: Policy = DEFAULT_POLICY;
  let etag: string | null = null;
  let cacheProblem: ConfigProblem | null = null;
  /** The last policy the API sent that failed its schema: shown to admins until a good one comes. */
  let policyProblem: ConfigProblem | null = null;
  let enrolment: Enrolment | null = null;
  // One client for the whole run; the token is read per call, so a new enrolment applies at once.
  const client: HalloApi | null = apiUrl
    ? createApiClient({
        baseUrl: apiUrl,
        http: ports.http,
        clock: ports.clock,
        token: () => enrolment?.token ?? null,
        timeoutMs: options.api?.timeoutMs,
      })
    : null;
  let stream: EventStream | null = null;
  let running = false;
  let timer: unknown = null;
  let policyTimer: unknown = null; // a policy retry is planned
  let policyDue = true;
  let chain: Promise<unknown> = Promise.resolve();
  let writes: Promise<void> = Promise.resolve();

  /** Disk writes run in order, off the path of the calls: a slow disk never delays a heartbeat. */
  function persist(what: string, write: () => Promise<void>): void {
    writes = writes.then(write).catch((error: unknown) => log.warn(`could not write the ${what}`, { error: String(error) }));
  }

  /** One step at a time: a timer, an event and an admin's action never interleave their calls. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  }

  function connection(patch: Partial<ConnectionState>): void {
    store.update('connection', (previous) => ({ ...previous, ...patch }));
  }

  function publishConfig(source: 'api' | 'cache' | 'defaults'): void {
    store.set('config', {
      files: deps.config.files,
      problems: [...deps.config.problems, ...(cacheProblem ? [cacheProblem] : []), ...(policyProblem ? [policyProblem] : [])],
      policySource: source,
      policyEtag: etag,
    });
  }

  function schedule(ms: number): void {
    ports.clock.clearTimeout(timer);
    timer = ports.clock.setTimeout(() => {
      timer = null;
      if (running) void exclusive(step);
    }, ms);
  }

  /** Running, and not waiting for an admin: a late answer must not undo `reenroll`. */
  function active(): boolean {
    return running && store.get().connection.status !== 'reenroll';
  }

  /** A consumer's bug must not look like an API failure. */
  function applyPolicy(): void {
    try {
      deps.onPolicy(policy);
    } catch (error) {
      log.error('applying the policy failed', { error: String(error) });
    }
  }

  function halt(): void {
    ports.clock.clearTimeout(timer);
    timer = null;
    ports.clock.clearTimeout(policyTimer);
    policyTimer = null;
    stream?.stop();
    stream = null;
  }

  function useEnrolment(value: Enrolment): void {
    enrolment = value;
    connection({ deviceId: value.deviceId, tenantName: value.tenantName });
  }

  async function enrolWith(api: HalloApi, code: string): Promise<void> {
    const device = await deps.device();
    const answer = await api.enroll({ enrollmentCode: code, device });
    const value: Enrolment = {
      deviceId: answer.deviceId,
      token: answer.deviceToken,
      tenantName: answer.tenant.name,
      apiUrl: apiUrl ?? null,
    };
    try {
      await saveEnrolmentSecrets(ports.secrets, value);
    } catch (error) {
      // Still enrolled for this run; the next start enrols again with the configured code.
      log.error('could not store the device token', { error: String(error) });
    }
    persist('enrolment details', () => saveEnrolmentDetails(ports.paths.dataDir, value));
    log.info('enrolled', { deviceId: value.deviceId, tenant: value.tenantName });
    useEnrolment(value);
    policyDue = true;
  }

  async function refreshPolicy(): Promise<void> {
    if (!client || !enrolment) return;
    const result = await client.getPolicy(etag);
    policyProblem = null;
    if (result.notModified) {
      publishConfig(etag ? 'api' : 'defaults');
      return;
    }
    policy = result.policy;
    etag = result.etag;
    const cached = { etag, policy, fetchedAt: new Date(ports.clock.now()).toISOString() };
    persist('policy cache', () => writePolicyCache(ports.paths.dataDir, cached));
    publishConfig('api');
    log.info('new policy', { etag });
    applyPolicy();
  }

  /**
   * The policy, without letting its failure stand for the connection's: the agent keeps working
   * from the policy it has, says what went wrong (log; admin details when the policy itself is
   * broken) and tries again with backoff. Only a refused token is the connection's business.
   */
  async function fetchPolicy(): Promise<void> {
    try {
      await refreshPolicy();
      policyBackoff.reset();
      ports.clock.clearTimeout(policyTimer);
      policyTimer = null;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') throw error;
      policyFailed(error);
    }
  }

  function policyFailed(error: unknown): void {
    const apiError = error instanceof ApiError ? error : null;
    const wait = policyBackoff.next(apiError?.retryAfterMs);
    if (apiError?.code === 'invalid-response' && apiUrl) {
      policyProblem = policyProblemOf(`${apiUrl}/policy`, apiError);
      publishConfig(store.get().config.policySource);
    }
    log.warn('policy not updated: keeping the policy we have', {
      code: apiError?.code ?? 'internal',
      status: apiError?.status,
      detail: apiError?.detail ?? String(error),
      waitMs: wait,
    });
    ports.clock.clearTimeout(policyTimer);
    if (!active()) return; // stopped, or waiting for an admin, while the call was out
    policyTimer = ports.clock.setTimeout(() => {
      policyTimer = null;
      refetchPolicy();
    }, wait);
  }

  /** The policy again, between steps rather than during one; not once stopped or waiting for an admin. */
  function refetchPolicy(): void {
    void exclusive(async () => {
      if (active()) await fetchPolicy().catch(failed);
    });
  }

  /** Enrol if needed, the policy when due, one heartbeat; then the next step is planned. */
  async function step(): Promise<void> {
    if (!active() || !client) return;
    try {
      if (!enrolment) {
        if (!configuredCode) {
          connection({ status: 'not-enrolled', nextAttemptAt: null });
          return;
        }
        await enrolWith(client, configuredCode);
        if (!running) return;
      }
      if (policyDue) {
        policyDue = false;
        await fetchPolicy();
      }
      if (!running) return;
      const answer = await client.heartbeat(await deps.heartbeatBody());
      if (!running) return;
      // A policy that keeps failing is retried on its own timer, not again with every heartbeat.
      if (answer.policyEtag !== etag && policyTimer === null) await fetchPolicy();
      succeeded();
    } catch (error) {
      failed(error);
    }
  }

  function succeeded(): void {
    if (!active()) return;
    backoff.reset();
    const interval = policy.health.heartbeatSeconds * 1000;
    const wait = Math.round(interval * (0.9 + 0.2 * random()));
    const contactAt = new Date(ports.clock.now()).toISOString();
    persist('last contact', () => saveLastContact(ports.paths.dataDir, contactAt));
    connection({
      status: 'online',
      lastContactAt: contactAt,
      nextAttemptAt: new Date(ports.clock.now() + wait).toISOString(),
      lastError: null,
    });
    schedule(wait);
    if (!stream && deps.events !== false) openStream();
  }

  function failed(error: unknown): void {
    if (!active()) return;
    if (!(error instanceof ApiError)) {
      // Our own bug (e.g. the heartbeat body could not be made): retry calmly, say so plainly.
      log.error('connection step failed', { error: String(error) });
      const wait = backoff.next();
      connection({
        status: 'offline',
        nextAttemptAt: new Date(ports.clock.now() + wait).toISOString(),
        lastError: { code: 'internal', detail: String(error) },
      });
      schedule(wait);
      return;
    }
    const apiError = error;
    if (apiError.code === 'unauthorized') {
      if (!enrolment) {
        // The configured code was refused: retrying it will not help, an admin must act.
        log.warn('enrolment code refused', { detail: apiError.detail });
        connection({ status: 'not-enrolled', nextAttemptAt: null, lastError: { code: 'enroll-rejected', detail: apiError.detail } });
        return;
      }
      reenrolNeeded(apiError);
      return;
    }
    // A refused request (400, 413, 422...) is not retried soon: the next heartbeat is a new request.
    const interval = policy.health.heartbeatSeconds * 1000;
    const wait =
      apiError.code === 'http-4xx' ? Math.max(interval, backoff.next()) : backoff.next(apiError.retryAfterMs);
    log.warn('hallo, API call failed', { code: apiError.code, status: apiError.status, detail: apiError.detail, waitMs: wait });
    connection({
      status: 'offline',
      nextAttemptAt: new Date(ports.clock.now() + wait).toISOString(),
      lastError: apiError.toJSON(),
    });
    schedule(wait);
  }

  function reenrolNeeded(error: ApiError): void {
    log.warn('device token refused: re-enrolment needed', { detail: error.detail });
    halt();
    connection({ status: 'reenroll', nextAttemptAt: null, lastError: error.toJSON() });
  }

  function openStream(): void {
    if (!client || !enrolment) return;
    stream = streamEvents({
      api: client,
      clock: ports.clock,
      log: log.child('events'),
      random,
      onEvent: (event) => {
        if (event.type === 'policy.changed' && event.data.etag !== etag) refetchPolicy();
        deps.onServerEvent?.(event);
      },
      onStatus: (status) => {
        if (!status.open && status.error.code === 'unauthorized' && active()) reenrolNeeded(status.error);
      },
    });
    stream.start();
  }

  return {
    async start() {
      if (running) return;
      running = true;
      const cache = await readPolicyCache(ports.paths.dataDir);
      cacheProblem = cache.problem;
      if (cache.problem) log.warn('policy cache unusable, using defaults', { ...cache.problem });
      if (cache.cached) {
        policy = cache.cached.policy;
        etag = cache.cached.etag;
      }
      publishConfig(cache.cached ? 'cache' : 'defaults');
      applyPolicy();

      connection({ status: 'starting', demo, apiUrl, lastError: null, nextAttemptAt: null });
      if (!apiUrl) {
        connection({ status: 'not-enrolled', lastError: { code: 'not-configured', detail: 'no apiUrl' } });
        return;
      }
      let stored: Enrolment | null = null;
      try {
        stored = await readEnrolment(ports.secrets, ports.paths.dataDir);
      } catch (error) {
        log.error('could not read the device token', { error: String(error) });
      }
      if (stored && stored.apiUrl !== null && stored.apiUrl !== apiUrl) {
        log.info('stored enrolment is for another API, enrolling again', { was: stored.apiUrl, now: apiUrl });
        stored = null;
      }
      if (stored) useEnrolment(stored);
      if (stored) connection({ lastContactAt: await readLastContact(ports.paths.dataDir) });
      if (!running) return;
      // A PC that already knows its token and policy spreads its first call; a new one (or the demo)
      // has nothing to show until it has talked to the API, so it calls at once.
      const known = stored !== null && cache.cached !== null && !demo;
      schedule(known ? Math.floor(random() * Math.min(FIRST_CONTACT_SPREAD_MS, policy.health.heartbeatSeconds * 1000)) : 0);
    },

    async stop() {
      running = false;
      halt();
      await writes;
    },

    enroll(code) {
      return exclusive(async () => {
        if (!client) throw new ActionError('unavailable', 'no API URL configured');
        try {
          await enrolWith(client, canonicalEnrolmentCode(code));
        } catch (error) {
          const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
          if (apiError.code === 'unauthorized' || apiError.code === 'http-4xx') {
            throw new ActionError('enroll-rejected', apiError.detail);
          }
          throw new ActionError('unavailable', apiError.detail);
        }
        halt();
        backoff.reset();
        connection({ status: 'starting', lastError: null, nextAttemptAt: null });
        if (running) schedule(0);
      });
    },

    policy: () => policy,
    api: () => (enrolment ? client : null),
  };
}

/**
 * A policy from the API that fails its schema, as a configuration problem for the admin details:
 * where it came from, which field (the first one the validator names), and what is wrong.
 */
function policyProblemOf(file: string, error: ApiError): ConfigProblem {
  const pointer = error.fieldErrors[0]?.field ?? '';
  return { file, field: pointer.split('/').filter(Boolean).join('.'), code: 'invalid-value', detail: error.detail };
}
