import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import { createApiClient } from '../../../electron/agent/hallo-api/client';
import type { Policy } from '../../../electron/agent/hallo-api/types';
import { policyCachePath, readPolicyCache } from '../../../electron/agent/config/policy-cache';
import { createFakeClock } from '../../doubles/fake-clock';
import { createFakeHttp, json } from './fakes';
import { samplePolicy } from './samples';

// A compromised policy source (or a planted cache file): everything the policy puts on screen or
// behind a link is refused by the schema or cleaned before it reaches the agent's state.

const RLO = '\u202E'; // right-to-left override: "088 123 4567" could display as another number
const PDF = '\u202C';

async function fetched(mutate: (policy: Policy) => void): Promise<{ policy?: Policy; refused?: ApiError }> {
  const policy = samplePolicy();
  mutate(policy);
  const http = createFakeHttp(() => json(200, { etag: '"e1"', policy }));
  const api = createApiClient({ baseUrl: 'https://agent.hallo.test/v1', http, clock: createFakeClock(), token: () => 'tok-0123456789abcdef' });
  try {
    const answer = await api.getPolicy();
    return { policy: (answer as { policy: Policy }).policy };
  } catch (error) {
    if (error instanceof ApiError) return { refused: error };
    throw error;
  }
}
const refusedAt = (result: { refused?: ApiError }) => result.refused?.fieldErrors.map((f) => `${f.field} ${f.code}`);

describe('a hostile policy from the API', () => {
  it('20,000 opening hours are refused by the schema (no minutes-long work at every change)', async () => {
    const hours = Array.from({ length: 20_000 }, () => ({ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:00' }));
    const result = await fetched((p) => (p.support.hours = hours));
    expect(result.refused?.code).toBe('invalid-response');
    expect(refusedAt(result)).toContain('/policy/support/hours maxItems');
  });

  it('huge arrays anywhere in the policy are refused: categories, signing keys', async () => {
    const categories = Array.from({ length: 1_000 }, (_, i) => ({ id: `c${i}`, label: { nl: 'x', en: 'x' } }));
    expect(refusedAt(await fetched((p) => (p.tickets.categories = categories)))).toContain('/policy/tickets/categories maxItems');
    const key = samplePolicy().remote.signingKeys[0]!;
    expect(refusedAt(await fetched((p) => (p.remote.signingKeys = Array.from({ length: 1_000 }, () => key))))).toContain('/policy/remote/signingKeys maxItems');
  });

  it('a phone number with bidi overrides or letters is refused, as the ticket form refuses it', async () => {
    expect(refusedAt(await fetched((p) => (p.support.phone = `088 ${RLO}765 4321${PDF}`)))).toContain('/policy/support/phone pattern');
    expect(refusedAt(await fetched((p) => (p.support.phone = 'bel ons')))).toContain('/policy/support/phone pattern');
    expect(refusedAt(await fetched((p) => (p.support.emergencyPhone = `${RLO}112`)))).toContain('/policy/support/emergencyPhone pattern');
    expect((await fetched((p) => (p.support.phone = '+31 (0)88-123 45 67'))).policy?.support.phone).toBe('+31 (0)88-123 45 67');
  });

  it('only https links reach the state: javascript:, http:, file: are refused', async () => {
    for (const url of ['javascript:alert(1)', 'http://mijn.hallo.eu', 'file:///etc/passwd', 'https://mijn.hallo.eu/\u0000x']) {
      expect(refusedAt(await fetched((p) => (p.support.portalUrl = url))), url).toEqual(expect.arrayContaining([expect.stringMatching(/^\/policy\/support\/portalUrl (pattern|format)$/)]));
    }
    expect(refusedAt(await fetched((p) => (p.branding = { accentColor: '#ff0000', logoUrl: 'javascript:x' })))).toContain('/policy/branding/logoUrl pattern');
  });

  it('control and bidi characters in shown text are stripped; the letters stay', async () => {
    const result = await fetched((p) => {
      p.tickets.categories[0]!.label = { nl: `Prin${RLO}ter${PDF}\u0007`, en: 'Prin\u200Fter\u001B[31m' };
      p.support.timeZone = 'Europe/Amsterdam';
    });
    expect(result.policy?.tickets.categories[0]!.label).toEqual({ nl: 'Printer', en: 'Printer[31m' });
  });

  it('over-long text is refused', async () => {
    expect(refusedAt(await fetched((p) => (p.tickets.categories[0]!.label.nl = 'x'.repeat(101))))).toContain('/policy/tickets/categories/0/label/nl maxLength');
  });
});

describe('a planted policy cache', () => {
  it('is held to the same schema, and its text cleaned', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallo-hostile-cache-'));
    try {
      const policy = samplePolicy();
      policy.tickets.categories[0]!.label.nl = `Prin${RLO}ter`;
      await writeFile(policyCachePath(dir), JSON.stringify({ etag: '"e1"', fetchedAt: '2025-03-03T09:00:00Z', policy }));
      expect((await readPolicyCache(dir)).cached?.policy.tickets.categories[0]!.label.nl).toBe('Printer');
      policy.support.portalUrl = 'javascript:alert(1)';
      await writeFile(policyCachePath(dir), JSON.stringify({ etag: '"e1"', fetchedAt: '2025-03-03T09:00:00Z', policy }));
      const read = await readPolicyCache(dir);
      expect(read.cached).toBeNull();
      expect(read.problem).toMatchObject({ field: 'policy.support.portalUrl', code: 'invalid-value' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
