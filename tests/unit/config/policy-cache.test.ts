import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { policyCachePath, readPolicyCache, writePolicyCache } from '../../../electron/agent/config/policy-cache';
import { samplePolicy } from '../hallo-api/samples';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallo-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cached = () => ({ etag: '"e1"', policy: samplePolicy(), fetchedAt: '2025-03-03T09:00:00.000Z' });

describe('policy cache', () => {
  it('reads back what it wrote, and leaves no temp file behind', async () => {
    await writePolicyCache(dir, cached());
    expect(await readPolicyCache(dir)).toEqual({ cached: cached(), problem: null });
    expect(await readdir(dir)).toEqual(['policy.json']);
  });

  it('replaces the old cache whole', async () => {
    await writePolicyCache(dir, cached());
    const next = { ...cached(), etag: '"e2"' };
    next.policy.health.heartbeatSeconds = 600;
    await writePolicyCache(dir, next);
    expect((await readPolicyCache(dir)).cached).toEqual(next);
    expect(JSON.parse(await readFile(policyCachePath(dir), 'utf8'))).toEqual(next);
  });

  it('creates the data folder when it does not exist yet', async () => {
    const deeper = join(dir, 'a', 'b');
    await writePolicyCache(deeper, cached());
    expect((await readPolicyCache(deeper)).cached?.etag).toBe('"e1"');
  });

  it('fails a write on an unwritable place, and keeps the old cache', async () => {
    await writePolicyCache(dir, cached());
    await mkdir(join(dir, 'blocked'));
    await writeFile(join(dir, 'blocked', 'x'), '');
    await expect(writePolicyCache(join(dir, 'blocked', 'x'), cached())).rejects.toThrow();
    expect((await readPolicyCache(dir)).cached?.etag).toBe('"e1"');
  });

  it('no cache is no problem', async () => {
    expect(await readPolicyCache(dir)).toEqual({ cached: null, problem: null });
  });

  it('a truncated cache is a problem, not a crash', async () => {
    await writeFile(policyCachePath(dir), JSON.stringify(cached()).slice(0, 80));
    const read = await readPolicyCache(dir);
    expect(read.cached).toBeNull();
    expect(read.problem).toMatchObject({ file: policyCachePath(dir), field: '', code: 'invalid-json' });
  });

  it('a cache whose policy fails the schema names the field', async () => {
    const bad = cached() as { policy: { health: { heartbeatSeconds: unknown } } };
    bad.policy.health.heartbeatSeconds = 5;
    await writeFile(policyCachePath(dir), JSON.stringify(bad));
    const read = await readPolicyCache(dir);
    expect(read.cached).toBeNull();
    expect(read.problem).toMatchObject({ code: 'invalid-value', field: 'policy.health.heartbeatSeconds' });
  });

  it('a cache without etag or time is refused', async () => {
    await writeFile(policyCachePath(dir), JSON.stringify({ policy: samplePolicy(), fetchedAt: 'now' }));
    expect((await readPolicyCache(dir)).problem).toMatchObject({ code: 'invalid-value', field: 'etag' });
    await writeFile(policyCachePath(dir), JSON.stringify({ etag: 'x', policy: samplePolicy(), fetchedAt: 'now' }));
    expect((await readPolicyCache(dir)).problem).toMatchObject({ code: 'invalid-value', field: 'fetchedAt' });
    await writeFile(policyCachePath(dir), 'null');
    expect((await readPolicyCache(dir)).problem).toMatchObject({ code: 'invalid-value', field: '' });
  });
});

describe('default policy', () => {
  it('claims no servicedesk details and trusts no signing key until hallo, says so', () => {
    expect(DEFAULT_POLICY.support).toMatchObject({ phone: '', email: '', portalUrl: '', hours: [] });
    expect(DEFAULT_POLICY.remote.signingKeys).toEqual([]);
    expect(DEFAULT_POLICY.health).toEqual({ heartbeatSeconds: 300, sampleSeconds: 60 });
  });
});

