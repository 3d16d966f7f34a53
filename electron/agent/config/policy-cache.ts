import { join } from 'node:path';
import type { ConfigProblem } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Policy } from '../hallo-api/types';
import { cleanStrings } from '../hallo-api/clean-text';
import { validateSchema } from '../hallo-api/validator';

/** The last policy the API gave, so that the agent works from it while offline. */
export interface CachedPolicy {
  etag: string;
  policy: Policy;
  fetchedAt: string;
}

export type CacheRead = { cached: CachedPolicy | null; problem: ConfigProblem | null };

export const policyCachePath = (dataDir: string): string => join(dataDir, 'policy.json');

/** Written whole or not at all (temp file, fsync, rename): a crash never leaves half a policy. */
export async function writePolicyCache(dataDir: string, cached: CachedPolicy): Promise<void> {
  await writeFileAtomic(policyCachePath(dataDir), JSON.stringify(cached));
}

/**
 * Reads the cache back and checks it against the API's own schema: the file lives on a disk that
 * users, tools and bit rot can reach. No cache is normal; a broken one is a problem, never a crash.
 */
export async function readPolicyCache(dataDir: string): Promise<CacheRead> {
  const file = policyCachePath(dataDir);
  const read = await readJsonFile(file);
  if (!read.ok) {
    if (read.missing) return { cached: null, problem: null };
    const unreadable = /^E[A-Z]+$/.test(read.detail);
    return { cached: null, problem: { file, field: '', code: unreadable ? 'unreadable' : 'invalid-json', detail: read.detail } };
  }
  const value = read.value as Partial<Record<keyof CachedPolicy, unknown>> | null;
  const invalid = (field: string, detail: string): CacheRead => ({
    cached: null,
    problem: { file, field, code: 'invalid-value', detail },
  });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('', 'expected a JSON object');
  if (typeof value.etag !== 'string' || value.etag === '') return invalid('etag', 'expected a non-empty string');
  if (typeof value.fetchedAt !== 'string' || Number.isNaN(Date.parse(value.fetchedAt))) {
    return invalid('fetchedAt', 'expected an RFC 3339 time');
  }
  const checked = validateSchema<Policy>('Policy', value.policy);
  if (!checked.ok) {
    const first = checked.issues[0];
    const field = ['policy', ...(first?.pointer.split('/').filter(Boolean) ?? [])].join('.');
    return invalid(field, checked.errors);
  }
  return { cached: { etag: value.etag, policy: cleanStrings(checked.value), fetchedAt: value.fetchedAt }, problem: null };
}
