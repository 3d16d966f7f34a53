import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brandingCapability, LOGO_RETRY_MS } from '../../../electron/agent/branding/capability';
import { LOGO_TIMEOUT_MS } from '../../../electron/agent/branding/logo';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { Policy } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../electron/agent/ports';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';

// state.branding as the popup gets it: the customer's logo fetched, judged, kept for offline and
// for the next start; anything wrong shows hallo,'s own and is named for admins. One data folder
// outlives each run ("restart"); the logo server is a fake HTTP port serving real files.

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/branding/${name}`));
const PNG = fixture('logo-160x48.png');
const LOGO = 'https://cdn.acme.nl/logo.png';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

interface Served {
  status?: number;
  headers?: Record<string, string>;
  /** Sent in chunks of this many bytes, as a socket would. */
  bytes: Uint8Array;
  hang?: boolean;
}

/** A logo server: one answer per URL; `down` refuses every connection; `asked` counts the requests. */
function logoServer() {
  const served = new Map<string, Served>();
  const server = { served, down: false, asked: [] as string[], read: 0, cancelled: 0 };
  const http: HttpTransport = {
    async fetch(url: string, init: HttpRequest): Promise<HttpResponse> {
      server.asked.push(url);
      expect(init.redirect).toBe('manual');
      if (server.down) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
      const answer = served.get(url) ?? { status: 404, bytes: new Uint8Array() };
      if (answer.hang) return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      let at = 0;
      const reader = {
        async read() {
          if (at >= answer.bytes.length) return { done: true };
          const value = answer.bytes.subarray(at, at + 16 * 1024);
          at += value.length;
          server.read += value.length;
          return { done: false, value };
        },
        async cancel() {
          server.cancelled++;
        },
      };
      const status = answer.status ?? 200;
      const headers = new Map(Object.entries(answer.headers ?? {}));
      return {
        status,
        ok: status >= 200 && status < 300,
        headers: { get: (name) => headers.get(name) ?? null },
        text: async () => new TextDecoder().decode(answer.bytes),
        body: { getReader: () => reader, cancel: reader.cancel },
      };
    },
  };
  return { server, http };
}

async function pc() {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-branding-'));
  dirs.push(dataDir);
  return { dataDir, clock: createFakeClock(Date.parse('2026-12-07T09:00:00Z')), ...logoServer() };
}

const policyWith = (branding: Policy['branding']): Policy => ({ ...DEFAULT_POLICY, branding });

/** One run of the capability on the PC's data folder. */
async function boot(env: { dataDir: string; clock: FakeClock; http: HttpTransport }, first: Policy, allowedLinkHosts?: string[]) {
  const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'win32' }));
  let policy = first;
  const log = createLogger({ file: null, clock: env.clock });
  const ctx = {
    clock: env.clock,
    log,
    dataDir: env.dataDir,
    ports: { http: env.http },
    policy: () => policy,
    config: () => ({ config: { allowedLinkHosts }, files: [], problems: [] }),
  } as unknown as CapabilityContext;
  const capability = brandingCapability.create(ctx, sliceStore(store, 'branding', brandingCapability.slices));
  await capability.start?.();
  await settle();
  return {
    capability,
    log,
    state: () => store.get().branding,
    async receive(next: Policy) {
      policy = next;
      capability.onPolicy?.(next);
      await settle();
    },
    stop: async () => capability.stop?.(),
  };
}
const problems = (state: { problems: { code: string; field: string }[] }) => state.problems.map((p) => `${p.field}: ${p.code}`);
const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('branding capability', () => {
  it('shows the customer’s accent, links and logo (a data: URL with its size) from the policy', async () => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: PNG });
    const link = { id: 'intranet', label: { nl: 'Ons intranet', en: 'Our intranet' }, url: 'https://intranet.acme.nl/', where: 'popup' as const };
    const run = await boot(env, policyWith({ accentColor: '#0B5CAD', logoUrl: LOGO, links: [link] }), ['intranet.acme.nl']);
    expect(run.state()).toEqual({
      accentColor: '#0b5cad',
      logo: { dataUrl: dataUrl('image/png', PNG), width: 160, height: 48 },
      links: [link],
      problems: [],
    });
  });

  it.each([
    ['WebP', 'logo-160x48.webp', 'image/webp'],
    ['JPEG', 'logo-160x48.jpg', 'image/jpeg'],
  ])('takes a %s logo by its bytes', async (_, name, type) => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: fixture(name), headers: { 'content-type': 'application/octet-stream' } });
    const run = await boot(env, policyWith({ logoUrl: LOGO }));
    expect(run.state().logo?.dataUrl).toBe(dataUrl(type, fixture(name)));
  });

  it.each([
    ['huge (160 kB, no length said)', { bytes: fixture('noise-200x200.png') }, 'logo-too-large', 'more than 102400 bytes'],
    ['huge (its length said first)', { bytes: fixture('noise-200x200.png'), headers: { 'content-length': '160905' } }, 'logo-too-large', '160905 bytes, at most 102400'],
    ['too many pixels', { bytes: fixture('wide-2000x20.png') }, 'logo-too-large', '2000 × 20 pixels, at most 1024 × 1024'],
    ['not an image', { bytes: new TextEncoder().encode('<!doctype html><h1>Welkom</h1>') }, 'logo-not-image', 'not a PNG, JPEG or WebP by its first bytes'],
    ['a redirect', { status: 302, headers: { location: 'http://elsewhere.example/logo.png' }, bytes: new Uint8Array() }, 'logo-unreachable', 'HTTP 302 (a redirect, not followed)'],
  ] as [string, Served, string, string][])('a logo that is %s: the default shows and the admin is told why', async (_, answer, code, detail) => {
    const env = await pc();
    env.server.served.set(LOGO, answer);
    const run = await boot(env, policyWith({ accentColor: '#0b5cad', logoUrl: LOGO }));
    expect(run.state().logo).toBeNull();
    expect(run.state().accentColor).toBe('#0b5cad');
    expect(run.state().problems).toEqual([{ field: 'branding.logoUrl', code, detail }]);
    // Read no further than the limit: the rest of a huge logo never arrives.
    expect(env.server.read).toBeLessThanOrEqual(100 * 1024 + 16 * 1024);
  });

  it('a logo on http is never fetched', async () => {
    const env = await pc();
    const run = await boot(env, policyWith({ logoUrl: 'http://cdn.acme.nl/logo.png' }));
    expect(env.server.asked).toEqual([]);
    expect(run.state().logo).toBeNull();
    expect(problems(run.state())).toEqual(['branding.logoUrl: logo-http']);
  });

  it('a logo server that does not answer: given up after the timeout, asked again later', async () => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: PNG, hang: true });
    const run = await boot(env, policyWith({ logoUrl: LOGO }));
    expect(run.state().problems).toEqual([]);
    await env.clock.advance(LOGO_TIMEOUT_MS);
    await settle();
    expect(run.state().problems).toEqual([{ field: 'branding.logoUrl', code: 'logo-unreachable', detail: 'no logo within 15 s' }]);
    env.server.served.set(LOGO, { bytes: PNG });
    await env.clock.advance(LOGO_RETRY_MS);
    await settle();
    expect(env.server.asked).toEqual([LOGO, LOGO]);
    expect(run.state()).toMatchObject({ logo: { width: 160, height: 48 }, problems: [] });
  });

  it('the cached logo shows at the next start while offline, without asking the server', async () => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: PNG });
    const policy = policyWith({ logoUrl: LOGO });
    await (await boot(env, policy)).stop();
    env.server.down = true;
    const offline = await boot(env, policy);
    expect(offline.state().logo).toEqual({ dataUrl: dataUrl('image/png', PNG), width: 160, height: 48 });
    expect(offline.state().problems).toEqual([]);
    expect(env.server.asked).toEqual([LOGO]);
  });

  it('a changed URL is fetched anew; until it arrives the old customer’s logo is not shown', async () => {
    const env = await pc();
    const next = 'https://cdn.acme.nl/logo-2025.webp';
    env.server.served.set(LOGO, { bytes: PNG });
    env.server.served.set(next, { bytes: fixture('logo-160x48.webp') });
    const run = await boot(env, policyWith({ logoUrl: LOGO }));
    env.server.down = true;
    await run.receive(policyWith({ logoUrl: next }));
    expect(run.state().logo).toBeNull();
    expect(problems(run.state())).toEqual(['branding.logoUrl: logo-unreachable']);
    env.server.down = false;
    await run.receive(policyWith({ logoUrl: next }));
    expect(run.state().logo?.dataUrl).toBe(dataUrl('image/webp', fixture('logo-160x48.webp')));
    expect(env.server.asked).toEqual([LOGO, next, next]);
    // The cache follows: the next start shows the new one offline.
    await run.stop();
    env.server.down = true;
    expect((await boot(env, policyWith({ logoUrl: next }))).state().logo?.width).toBe(160);
  });

  it('a damaged or planted cache file shows the default logo, and the logo is fetched again', async () => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: PNG });
    await (await boot(env, policyWith({ logoUrl: LOGO }))).stop();
    const file = join(env.dataDir, 'branding', 'logo.json');
    const cached = JSON.parse(await readFile(file, 'utf8')) as { url: string; base64: string };
    await writeFile(file, JSON.stringify({ ...cached, base64: Buffer.from('<svg onload=alert(1)>').toString('base64') }));
    env.server.down = true;
    const run = await boot(env, policyWith({ logoUrl: LOGO }));
    expect(run.state().logo).toBeNull();
    expect(env.server.asked).toEqual([LOGO, LOGO]);
    expect(run.log.recent().map((entry) => entry.msg)).toContain('branding/logo.json is not valid: the default logo shows');
  });

  it('a new policy without branding: hallo,’s own look again', async () => {
    const env = await pc();
    env.server.served.set(LOGO, { bytes: PNG });
    const run = await boot(env, policyWith({ accentColor: '#0b5cad', logoUrl: LOGO }));
    await run.receive(policyWith(undefined));
    expect(run.state()).toEqual({ accentColor: null, logo: null, links: [], problems: [] });
  });
});
