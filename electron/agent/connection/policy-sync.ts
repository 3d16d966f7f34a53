import type { ConfigProblem, ConfigState } from '../../contract';
import type { SliceStore } from '../capability';
import type { LoadedConfig } from '../config/managed-config';
import { readPolicyCache, writePolicyCache } from '../config/policy-cache';
import { DEFAULT_POLICY } from '../config/policy-defaults';
import { ApiError } from '../hallo-api/api-error';
import { Backoff } from '../hallo-api/backoff';
import type { HalloApi } from '../hallo-api/client';
import type { Policy } from '../hallo-api/types';
import type { Logger } from '../log';
import type { Clock } from '../ports';

export interface PolicySyncDeps {
  store: SliceStore<'config'>;
  log: Logger;
  clock: Clock;
  dataDir: string;
  config: LoadedConfig;
  random: () => number;
  /** The API client while enrolled, else null (then there is no policy to fetch). */
  client: () => HalloApi | null;
  /** Where the policy came from, for the admin details: `<apiUrl>/policy`. */
  apiUrl: string | null;
  /** Each policy the agent starts working from. A throw is logged, never taken for an API failure. */
  onPolicy: (policy: Policy) => void;
  /** Whether a retry may still be planned (running, not waiting for an admin). */
  active: () => boolean;
  /** A planned retry runs between the connection's steps, never during one. */
  retry: () => void;
  /** Disk writes in order, off the path of the calls. */
  persist: (what: string, write: () => Promise<void>) => void;
}

export interface PolicySync {
  /** The cached policy (or the defaults) at start, handed on as the first one to work from. */
  loadCache(): Promise<{ cached: boolean }>;
  /**
   * Due at start without a cached policy, and after an enrolment: the next step fetches it before
   * its heartbeat. With a cached one the heartbeat's answer says whether there is another
   * (`policyEtag`): a whole fleet starting at 08:30 asks for nothing it already has.
   */
  due(): boolean;
  markDue(): void;
  /**
   * Fetches the policy when the API holds another one. A failure keeps the policy we have, says
   * what went wrong and plans its own retry; only a refused token (`unauthorized`) is thrown,
   * because that is the connection's business.
   */
  fetch(): Promise<void>;
  /** The API names the policy we have (a heartbeat's policyEtag): a cached one is the API's now (admin details). */
  confirm(): void;
  /** A retry of a failing policy is planned: heartbeats do not ask again meanwhile. */
  retrying(): boolean;
  etag(): string | null;
  policy(): Policy;
  halt(): void;
}

/** The policy's life: cache at start, ETag fetches, its own backoff, the `config` slice. */
export function createPolicySync(deps: PolicySyncDeps): PolicySync {
  const { clock, log } = deps;
  // The policy's own: a policy that fails while heartbeats get through is retried on its own timer.
  const backoff = new Backoff({ random: deps.random });
  let policy: Policy = DEFAULT_POLICY;
  let etag: string | null = null;
  let due = true;
  let cacheProblem: ConfigProblem | null = null;
  /** The last policy the API sent that failed its schema: shown to admins until a good one comes. */
  let policyProblem: ConfigProblem | null = null;
  let timer: unknown = null;

  function publish(source: ConfigState['policySource']): void {
    deps.store.set('config', {
      files: deps.config.files,
      problems: [...deps.config.problems, ...(cacheProblem ? [cacheProblem] : []), ...(policyProblem ? [policyProblem] : [])],
      policySource: source,
      policyEtag: etag,
    });
  }

  function apply(): void {
    try {
      deps.onPolicy(policy);
    } catch (error) {
      log.error('applying the policy failed', { error: String(error) });
    }
  }

  function halt(): void {
    clock.clearTimeout(timer);
    timer = null;
  }

  async function refresh(client: HalloApi): Promise<void> {
    const result = await client.getPolicy(etag);
    policyProblem = null;
    if (result.notModified) {
      publish(etag ? 'api' : 'defaults');
      return;
    }
    policy = result.policy;
    etag = result.etag;
    const cached = { etag, policy, fetchedAt: new Date(clock.now()).toISOString() };
    deps.persist('policy cache', () => writePolicyCache(deps.dataDir, cached));
    publish('api');
    log.info('new policy', { etag });
    apply();
  }

  function failed(error: unknown): void {
    const apiError = error instanceof ApiError ? error : null;
    const wait = backoff.next(apiError?.retryAfterMs);
    if (apiError?.code === 'invalid-response' && deps.apiUrl) {
      policyProblem = policyProblemOf(`${deps.apiUrl}/policy`, apiError);
      publish(deps.store.get().config.policySource);
    }
    log.warn('policy not updated: keeping the policy we have', {
      code: apiError?.code ?? 'internal',
      status: apiError?.status,
      detail: apiError?.detail ?? String(error),
      waitMs: wait,
    });
    halt();
    if (!deps.active()) return; // stopped, or waiting for an admin, while the call was out
    timer = clock.setTimeout(() => {
      timer = null;
      deps.retry();
    }, wait);
  }

  return {
    async loadCache() {
      const cache = await readPolicyCache(deps.dataDir);
      cacheProblem = cache.problem;
      if (cache.problem) log.warn('policy cache unusable, using defaults', { ...cache.problem });
      if (cache.cached) {
        policy = cache.cached.policy;
        etag = cache.cached.etag;
        due = false;
      }
      publish(cache.cached ? 'cache' : 'defaults');
      apply();
      return { cached: cache.cached !== null };
    },
    due: () => due,
    markDue: () => void (due = true),
    async fetch() {
      const client = deps.client();
      if (!client) return;
      due = false;
      try {
        await refresh(client);
        backoff.reset();
        halt();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthorized') throw error;
        failed(error);
      }
    },
    confirm() {
      if (deps.store.get().config.policySource === 'cache') publish('api');
    },
    retrying: () => timer !== null,
    etag: () => etag,
    policy: () => policy,
    halt,
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
