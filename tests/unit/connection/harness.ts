import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedConfig } from '../../../electron/agent/config/managed-config';
import { createConnectionService, type ConnectionDeps, type ConnectionService } from '../../../electron/agent/connection/service';
import type { Policy } from '../../../electron/agent/hallo-api/types';
import { initialState } from '../../../electron/agent/capabilities';
import { createLogger } from '../../../electron/agent/log';
import type { AgentOptions, SecretStore } from '../../../electron/agent/ports';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock } from '../../doubles/fake-clock';
import { createFakeHttp, json, type FakeAnswer, type SeenRequest } from '../hallo-api/fakes';
import { sampleDevice, sampleEnrolled, sampleHeartbeat, samplePolicy } from '../hallo-api/samples';

export const API = 'https://agent.hallo.test/v1';

const made: string[] = [];
const services: ConnectionService[] = [];
/** Stops every service (so its files are written) and removes the data folders the tests made. */
export async function cleanup(): Promise<void> {
  await Promise.all(services.splice(0).map((service) => service.stop()));
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export function memorySecrets(initial: Record<string, string> = {}): SecretStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/**
 * A well-behaved hallo, API in memory; `override` lets a test answer differently per request
 * (return undefined to fall through to the normal answer).
 */
export function fakeApi() {
  const state = { policy: samplePolicy(), etag: '"p1"', validCode: 'GOOD-CODE', token: sampleEnrolled.deviceToken };
  let override: ((req: SeenRequest) => FakeAnswer | undefined) | null = null;
  const http = createFakeHttp((req) => {
    const special = override?.(req);
    if (special) return special;
    const authorised = req.headers.get('Authorization') === `Bearer ${state.token}`;
    switch (`${req.method} ${req.path}`) {
      case 'POST /enroll':
        return (req.body as { enrollmentCode: string }).enrollmentCode === state.validCode
          ? json(201, { ...sampleEnrolled, deviceToken: state.token })
          : json(401, { type: 'about:blank', title: 'Unknown code', status: 401 });
      case 'GET /policy':
        if (!authorised) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
        return req.headers.get('If-None-Match') === state.etag
          ? new Response(null, { status: 304 })
          : json(200, { etag: state.etag, policy: state.policy });
      case 'POST /heartbeat':
        if (!authorised) return json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
        return json(200, { policyEtag: state.etag });
      default:
        return json(404, { type: 'about:blank', title: 'Not found', status: 404 });
    }
  });
  return {
    http,
    state,
    answer(fn: ((req: SeenRequest) => FakeAnswer | undefined) | null) {
      override = fn;
    },
    calls: (path?: string) => http.requests.filter((r) => !path || r.path === path).length,
  };
}

export async function setup(
  opts: {
    config?: Partial<LoadedConfig['config']>;
    problems?: LoadedConfig['problems'];
    secrets?: Record<string, string>;
    dataDir?: string;
    demo?: AgentOptions['demo'];
    events?: boolean;
    random?: () => number;
  } = {},
) {
  const clock = createFakeClock();
  const api = fakeApi();
  const secrets = memorySecrets(opts.secrets);
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-conn-')));
  if (!opts.dataDir) made.push(dataDir);
  const store = new AgentStore(initialState({ appVersion: '0.1.0', platform: 'win32' }));
  const log = createLogger({ file: null, clock });
  const policies: Policy[] = [];
  const config: LoadedConfig = {
    config: 'config' in opts ? (opts.config ?? {}) : { apiUrl: API, enrollmentCode: 'GOOD-CODE' },
    files: ['/etc/hallo-agent/config.json'],
    problems: opts.problems ?? [],
  };
  const deps: ConnectionDeps = {
    store,
    log,
    ports: {
      clock,
      http: api.http,
      secrets,
      idle: { idleSeconds: () => 0 },
      screen: { capture: async () => null },
      paths: { dataDir, configFiles: [] },
    },
    options: { appVersion: '0.1.0', systemLanguages: ['nl-NL'], env: {}, demo: opts.demo },
    config,
    device: async () => sampleDevice,
    heartbeatBody: () => sampleHeartbeat(new Date(clock.now()).toISOString()),
    onPolicy: (policy) => policies.push(policy),
    events: opts.events ?? false,
    random: opts.random ?? (() => 0.5),
  };
  const service = createConnectionService(deps);
  services.push(service);
  const connection = () => store.get().connection;
  /** ms from now until the next planned attempt, as the connection slice says. */
  const nextIn = () => {
    const at = connection().nextAttemptAt;
    return at === null ? null : Date.parse(at) - clock.now();
  };
  return { clock, api, secrets, dataDir, store, log, policies, service, deps, connection, nextIn };
}
