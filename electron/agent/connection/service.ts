import { ActionError, type ConnectionState } from '../../contract';
import type { SliceStore } from '../capability';
import type { LoadedConfig } from '../config/managed-config';
import { ApiError } from '../hallo-api/api-error';
import { Backoff, jittered } from '../hallo-api/backoff';
import { createApiClient, type HalloApi } from '../hallo-api/client';
import { streamEvents, type EventStream } from '../hallo-api/events-stream';
import type { EnrollmentDevice, HeartbeatBody, Policy, ServerEvent } from '../hallo-api/types';
import type { Logger } from '../log';
import type { AgentOptions, AgentPorts } from '../ports';
import { readEnrolment, saveEnrolmentDetails, saveEnrolmentSecrets, type Enrolment } from './enrolment';
import { afterFailure } from './next-step';
import { createPolicySync } from './policy-sync';
import { canonicalEnrolmentCode } from './enrolment-code';
import { readLastContact, saveLastContact } from './last-contact';

export interface ConnectionDeps {
  store: SliceStore<'connection' | 'config'>;
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
  /** Every valid server event, handed on to every capability. */
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
  /** The policy it works from (the agent keeps its own copy from onPolicy; tests read this one). */
  policy(): Policy;
  /** The API client while enrolled, for the other capabilities (through the context). */
  api(): HalloApi | null;
}


/**
 * The agent's life with the hallo, API: enrolment, the policy (policy-sync.ts), heartbeats with
 * jitter, backoff on failure (next-step.ts), re-enrolment when the token is refused, the event
 * stream. One step runs at a time; every wait is a single timer on the clock port.
 */
export function createConnectionService(deps: ConnectionDeps): ConnectionService {
  const { store, ports, options } = deps;
  const log = deps.log.child('connection');
  const random = deps.random ?? Math.random;
  const backoff = new Backoff({ random });
  const configured = deps.config.config.apiUrl;
  const apiUrl = configured ?? options.demo?.apiUrl ?? null;
  const demo = !configured && options.demo !== undefined;
  const configuredRaw = deps.config.config.enrollmentCode ?? (demo ? options.demo?.enrollmentCode : undefined);
  const configuredCode = configuredRaw === undefined ? undefined : canonicalEnrolmentCode(configuredRaw);

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
  /** When the event stream, down, tries to open again (epoch ms); null while it is open. */
  let streamRetryAt: number | null = null;
  /** When the last planned step was (or is) due: the PC's place in the fleet's heartbeat rhythm. */
  let slot: number | null = null;
  /** The stream's opening stood in for a heartbeat since the last one tried. */
  let stoodIn = false;
  /** The run's first contact is the stream's opening (a PC that knows its token and policy). */
  let streamFirst = false;
  let running = false;
  let timer: unknown = null;
  let chain: Promise<unknown> = Promise.resolve();
  let writes: Promise<void> = Promise.resolve();

  const policy = createPolicySync({
    store,
    log,
    clock: ports.clock,
    dataDir: ports.paths.dataDir,
    config: deps.config,
    random,
    client: () => (enrolment ? client : null),
    apiUrl,
    onPolicy: deps.onPolicy,
    active,
    retry: () => void exclusive(async () => {
      if (active()) await policy.fetch().catch(failed);
    }),
    persist,
  });

  /** Disk writes run in order, off the path of the calls: a slow disk never delays a heartbeat. */
  function persist(what: string, write: () => Promise<void>): void {
    if (!running) return; // an answer after stop() writes nothing: stop() waits only for `writes` so far
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

  function schedule(ms: number): void {
    ports.clock.clearTimeout(timer);
    slot = ports.clock.now() + ms;
    timer = ports.clock.setTimeout(() => {
      timer = null;
      if (running) void exclusive(step);
    }, ms);
  }

  /** Running, and not waiting for an admin: a late answer must not undo `reenroll`. */
  function active(): boolean {
    return running && store.get().connection.status !== 'reenroll';
  }

  function halt(): void {
    ports.clock.clearTimeout(timer);
    timer = null;
    policy.halt();
    stream?.stop();
    stream = null;
    streamRetryAt = null;
    streamFirst = false;
  }

  function useEnrolment(value: Enrolment): void {
    enrolment = value;
    connection({ deviceId: value.deviceId, tenantName: value.tenantName });
  }

  async function enrolWith(api: HalloApi, code: string): Promise<void> {
    const device = await deps.device();
    const answer = await api.enroll({ enrollmentCode: code, device });
    if (!running) return; // stopped meanwhile: nothing is written; the next start enrols again
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
    policy.markDue();
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
      if (policy.due()) await policy.fetch();
      if (!running) return;
      if (streamFirst) {
        // A PC that knows its token and policy makes its first contact by opening the event stream:
        // the opening says it is alive (streamOpened: online), and the heartbeat follows one
        // interval later. One call per PC at start, not two (tests/bench/fleet/).
        streamFirst = false;
        openStream();
        stoodIn = true;
        nextHeartbeat();
        return;
      }
      stoodIn = false; // a heartbeat tried: the stream may stand in for the next one
      const answer = await client.heartbeat(await deps.heartbeatBody());
      if (!running) return;
      // A policy that keeps failing is retried on its own timer, not again with every heartbeat.
      if (answer.policyEtag === policy.etag()) policy.confirm();
      else if (!policy.retrying()) await policy.fetch();
      succeeded();
    } catch (error) {
      failed(error);
    }
  }

  const heartbeatMs = () => policy.policy().health.heartbeatSeconds * 1000;

  function succeeded(): void {
    if (!active()) return;
    backoff.reset();
    const contactAt = new Date(ports.clock.now()).toISOString();
    persist('last contact', () => saveLastContact(ports.paths.dataDir, contactAt));
    connection({ status: 'online', lastContactAt: contactAt, lastError: null });
    nextHeartbeat();
    if (!stream && deps.events !== false) openStream();
  }

  /** The next heartbeat one interval (±10 %) from now. */
  function nextHeartbeat(): void {
    const wait = jittered(heartbeatMs(), random);
    connection({ nextAttemptAt: new Date(ports.clock.now() + wait).toISOString() });
    schedule(wait);
  }

  function failed(error: unknown): void {
    if (!active()) return;
    const next = afterFailure(error, {
      enrolled: enrolment !== null,
      heartbeatMs: heartbeatMs(),
      // An enrolled PC retries at its heartbeat's pace (pacedDelay: why); enrolling, a PC (one
      // an admin is setting up, not the fleet) tries again within seconds.
      backoff: (retryAfterMs) => (enrolment ? backoff.nextPaced(heartbeatMs(), retryAfterMs) : backoff.next(retryAfterMs)),
    });
    if (next.kind === 'reenroll') return reenrolNeeded(error as ApiError);
    if (next.kind === 'code-refused') {
      log.warn('enrolment code refused', { detail: next.lastError.detail });
      connection({ status: 'not-enrolled', nextAttemptAt: null, lastError: next.lastError });
      return;
    }
    if (error instanceof ApiError) {
      log.warn('hallo, API call failed', { code: error.code, status: error.status, detail: error.detail, waitMs: next.wait });
    } else {
      log.error('connection step failed', { error: String(error) });
    }
    if (streamRetryAt !== null && unreachable(error)) {
      // One probe per PC while the API is away: the stream's next try, not a heartbeat as well.
      // When it opens the PC is back (onStatus), and the heartbeat follows one interval later.
      ports.clock.clearTimeout(timer);
      timer = null;
      connection({ status: 'offline', nextAttemptAt: new Date(streamRetryAt).toISOString(), lastError: next.lastError });
      return;
    }
    connection({ status: 'offline', nextAttemptAt: new Date(ports.clock.now() + next.wait).toISOString(), lastError: next.lastError });
    schedule(next.wait);
  }

  /** The contact the stream's opening makes: back online if the heartbeat had failed; either way the next heartbeat waits an interval. */
  /**
   * The event stream opened: a contact. The API knows this PC is alive, so the opening stands in
   * for the heartbeat due next (or, offline, for the one that would have been due) and the next
   * heartbeat comes a slot later, in the PC's own rhythm. After an outage every PC reopens its
   * stream, and at start every PC opens it: without this each would also send the heartbeat
   * planned, one call more per PC within minutes; and PCs put on a new rhythm by the opening would
   * bunch up one interval later (tests/bench/fleet/).
   */
  function streamOpened(): void {
    streamRetryAt = null;
    if (!active()) return;
    const now = ports.clock.now();
    const interval = heartbeatMs();
    let due = slot ?? now;
    while (due < now) due += interval;
    const online = store.get().connection.status === 'online';
    if (!online) {
      log.info('event stream open: online');
      backoff.reset();
      const contactAt = new Date(now).toISOString();
      persist('last contact', () => saveLastContact(ports.paths.dataDir, contactAt));
      connection({ status: 'online', lastContactAt: contactAt, lastError: null });
    }
    // Once per heartbeat tried: a stream that a proxy cuts every minute must not put them off for good.
    if (online && stoodIn) return;
    const wait = due - now + (stoodIn ? 0 : jittered(interval, random));
    stoodIn = true;
    connection({ nextAttemptAt: new Date(now + wait).toISOString() });
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
        if (event.type === 'policy.changed' && event.data.etag !== policy.etag()) {
          void exclusive(async () => {
            if (active()) await policy.fetch().catch(failed);
          });
        }
        deps.onServerEvent?.(event);
      },
      // The stream (re)opened: the API knows this PC is alive, so the opening stands in for the
      // heartbeat due next, which waits a whole interval. After an outage every PC reopens its
      // stream; without this each would also send its heartbeat as planned: one call more per PC
      // within minutes, and the API's busiest minutes at twice the steady rate (tests/bench/fleet/).
      onStatus: (status) => {
        if (status.open) return streamOpened();
        streamRetryAt = status.nextAttemptAt;
        if (status.error.code === 'unauthorized' && active()) reenrolNeeded(status.error);
      },
    });
    stream.start();
  }

  return {
    async start() {
      if (running) return;
      running = true;
      const cache = await policy.loadCache();
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
      // It spreads its first call over one heartbeat interval: a fleet switched on in the same
      // minute then calls no faster than it sends heartbeats. Nobody waits for it: the popup shows
      // the PC's own health at once, and a ticket is sent with the stored token without waiting.
      const known = stored !== null && cache.cached && !demo;
      streamFirst = known && deps.events !== false;
      schedule(known ? Math.floor(random() * heartbeatMs()) : 0);
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

    policy: () => policy.policy(),
    api: () => (enrolment ? client : null),
  };
}

/** The API is not there or not answering (as opposed to answering wrongly). */
function unreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.code === 'timeout' || error.code === 'http-5xx' || error.code === 'http-429');
}
