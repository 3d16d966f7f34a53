import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../../electron/contract';
import { createConnectionService } from '../../../electron/agent/connection/service';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import { backoffDelay } from '../../../electron/agent/hallo-api/backoff';
import { json, problem } from '../hallo-api/fakes';
import { sampleEnrolled, samplePolicy } from '../hallo-api/samples';
import { API, cleanup, setup } from './harness';

const HOUR = 3_600_000;

/** How many tries backoff allows in `ms` (random 0.5): more calls than this would be a loop. */
function triesWithin(ms: number): number {
  let tries = 0;
  for (let t = 0; t <= ms; tries++) t += backoffDelay(tries, undefined, { random: () => 0.5 });
  return tries;
}

/** Starts the service and lets the first contact (spread over at most 30 s) happen. */
async function started(h: Awaited<ReturnType<typeof setup>>) {
  await h.service.start();
  await h.clock.advance(30_000);
  return h;
}

describe('connection service', () => {
  afterEach(cleanup);

  it('enrols with the configured code, fetches and caches the policy, sends a heartbeat: online', async () => {
    const h = await started(await setup());
    expect(h.api.http.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /enroll', 'GET /policy', 'POST /heartbeat']);
    expect(h.secrets.values.get('device-token')).toBe(sampleEnrolled.deviceToken);
    expect(h.secrets.values.get('device-id')).toBe(sampleEnrolled.deviceId);
    expect(h.connection()).toMatchObject({
      status: 'online',
      demo: false,
      apiUrl: API,
      deviceId: 'dev-1',
      tenantName: 'Bakkerij Jansen',
      lastContactAt: expect.any(String),
      lastError: null,
    });
    expect(h.store.get().config).toEqual({
      files: ['/etc/hallo-agent/config.json'],
      problems: [],
      policySource: 'api',
      policyEtag: '"p1"',
    });
    expect(h.policies).toEqual([DEFAULT_POLICY, samplePolicy()]);
    await h.service.stop();
    const cached = JSON.parse(await readFile(join(h.dataDir, 'policy.json'), 'utf8'));
    expect(cached).toMatchObject({ etag: '"p1"', policy: samplePolicy() });
    h.service.stop();
  });

  it('sends heartbeats every heartbeatSeconds, jittered by at most 10 %', async () => {
    const low = await setup({ random: () => 0 });
    await low.service.start();
    await low.clock.advance(0); // random 0: the first contact comes at once
    expect(low.nextIn()).toBe(270_000);
    await low.clock.advance(269_999);
    expect(low.api.calls('/heartbeat')).toBe(1);
    await low.clock.advance(1);
    expect(low.api.calls('/heartbeat')).toBe(2);
    expect(low.api.calls('/policy')).toBe(1); // etag unchanged: no refetch
    low.service.stop();
    const high = await setup({ random: () => 0.9999 });
    await high.service.start();
    await high.clock.advance(0); // a new PC has nothing to show yet: it calls at once
    expect(high.api.calls('/heartbeat')).toBe(1);
    expect(high.nextIn()).toBe(Math.round(300_000 * (0.9 + 0.2 * 0.9999)));
    await high.service.stop();
  });

  it('a PC that knows its token and policy spreads its first call over one heartbeat interval', async () => {
    const first = await setup();
    await first.service.start();
    await first.clock.advance(0);
    await first.service.stop();
    const again = await setup({
      dataDir: first.dataDir,
      config: { apiUrl: API },
      secrets: Object.fromEntries(first.secrets.values),
      random: () => 0.9999,
    });
    await again.service.start();
    await again.clock.advance(299_969);
    expect(again.api.calls()).toBe(0);
    await again.clock.advance(1); // 0.9999 · 300 s: a fleet switched on in one minute calls no faster than its heartbeats
    expect(again.api.calls('/heartbeat')).toBe(1);
    await again.service.stop();
  });

  it('with the event stream, that PC\'s first contact is the stream\'s opening alone; the heartbeat follows one interval later', async () => {
    const first = await setup();
    await first.service.start();
    await first.clock.advance(0);
    await first.service.stop();
    const h = await setup({ dataDir: first.dataDir, config: { apiUrl: API }, secrets: Object.fromEntries(first.secrets.values), events: true });
    h.api.answer((req) =>
      req.path === '/events' ? new Response(new ReadableStream({ start: () => undefined }), { headers: { 'Content-Type': 'text/event-stream' } }) : undefined,
    );
    await h.service.start();
    await h.clock.advance(150_000); // random 0.5 of the 300-s spread
    expect(h.api.http.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /events']);
    expect(h.connection()).toMatchObject({ status: 'online', lastContactAt: new Date(h.clock.now()).toISOString() });
    expect(h.nextIn()).toBe(300_000);
    await h.clock.advance(300_000);
    expect(h.api.calls('/heartbeat')).toBe(1);
    await h.service.stop();
  });

  it('without a token or a code: not-enrolled, and no call at all', async () => {
    const h = await setup({ config: { apiUrl: API } });
    await h.service.start();
    await h.clock.advance(HOUR);
    expect(h.connection().status).toBe('not-enrolled');
    expect(h.api.http.requests).toEqual([]);
  });

  it('uses a stored token instead of enrolling again', async () => {
    const h = await started(
      await setup({ config: { apiUrl: API }, secrets: { 'device-token': sampleEnrolled.deviceToken, 'device-id': 'dev-7' } }),
    );
    expect(h.api.calls('/enroll')).toBe(0);
    expect(h.connection()).toMatchObject({ status: 'online', deviceId: 'dev-7' });
    h.service.stop();
  });

  it('talks to the bundled reference API in demo mode and says so', async () => {
    const h = await started(await setup({ config: {}, demo: { apiUrl: API, enrollmentCode: 'GOOD-CODE' } }));
    expect(h.connection()).toMatchObject({ status: 'online', demo: true, apiUrl: API });
    h.service.stop();
  });

  it('5xx: offline with the error, retries at the heartbeat\'s pace growing to 15 minutes, back online on success', async () => {
    const h = await started(await setup({ random: () => 0.999 }));
    h.api.answer((req) => (req.path === '/heartbeat' ? problem(503) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'http-5xx', status: 503 } });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const wait = h.nextIn()!;
      waits.push(wait);
      const before = h.api.calls('/heartbeat');
      await h.clock.advance(wait - 1);
      expect(h.api.calls('/heartbeat')).toBe(before); // nothing before the planned time
      await h.clock.advance(1);
      expect(h.api.calls('/heartbeat')).toBe(before + 1);
    }
    // One interval, two, then the 15-minute cap; each jittered (+9.98 % with random 0.999). Never
    // sooner than the heartbeat would have come: a failing fleet calls no more often than a working one.
    expect(waits).toEqual([329_940, 659_880, 989_820, 989_820, 989_820, 989_820]);
    expect(h.connection().lastContactAt).not.toBeNull(); // the last good contact is kept
    h.api.answer(null);
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    h.api.answer((req) => (req.path === '/heartbeat' ? problem(500) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.nextIn()).toBe(329_940); // the pace starts again from one interval after a success
    h.service.stop();
  });

  it('429: waits as long as Retry-After says, plus a random part of one interval', async () => {
    const h = await started(await setup());
    h.api.answer((req) => (req.path === '/heartbeat' ? problem(429, { 'Retry-After': '900' }) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'http-429', status: 429 } });
    // 900 s and half of the 300-s interval (random 0.5): every PC told "900" does not come back at once.
    expect(h.nextIn()).toBe(1_050_000);
    const before = h.api.calls();
    await h.clock.advance(1_049_999);
    expect(h.api.calls()).toBe(before);
    await h.clock.advance(1);
    expect(h.api.calls()).toBe(before + 1);
    h.service.stop();
  });

  it('a policy that fails its schema: the heartbeat still counts, the problem is shown and logged, the policy retried with backoff', async () => {
    const h = await started(await setup());
    const firstContact = h.connection().lastContactAt;
    h.api.state.etag = '"p2"';
    h.api.answer((req) => (req.path === '/policy' ? json(200, { etag: '"p2"', policy: { support: 'gone' } }) : undefined));
    await h.clock.advance(h.nextIn()!);
    // Contact: the heartbeat went through. The PC is not offline because of a bad policy.
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    expect(h.connection().lastContactAt).not.toBe(firstContact);
    expect(h.connection().lastContactAt).toBe(new Date(h.clock.now()).toISOString());
    // The last good policy is kept; the admin details say where, which field and what is wrong.
    expect(h.service.policy()).toEqual(samplePolicy());
    expect(h.store.get().config.policyEtag).toBe('"p1"');
    expect(h.store.get().config.problems).toEqual([
      { file: `${API}/policy`, field: expect.stringMatching(/^policy\.[a-z]+$/), code: 'invalid-value', detail: expect.stringContaining('/policy/') },
    ]);
    expect(h.log.recent().filter((e) => e.msg === 'policy not updated: keeping the policy we have').map((e) => e.data?.code)).toEqual([
      'invalid-response',
    ]);
    // Tried again on its own timer with backoff: more than once an hour, never a loop.
    const before = h.api.calls('/policy');
    await h.clock.advance(HOUR);
    const retries = h.api.calls('/policy') - before;
    expect(retries).toBeGreaterThan(1);
    expect(retries).toBeLessThanOrEqual(triesWithin(HOUR));
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    // hallo, fixes the policy: the next retry takes it and the problem is gone.
    const fixed = samplePolicy();
    fixed.support.phone = '020 - 111 22 33';
    h.api.state.policy = fixed;
    h.api.answer(null);
    await h.clock.advance(15 * 60_000);
    expect(h.service.policy()).toEqual(fixed);
    expect(h.store.get().config).toMatchObject({ problems: [], policySource: 'api', policyEtag: '"p2"' });
    await h.service.stop();
    expect(h.clock.pending()).toEqual([]);
  });

  it('a policy the API cannot serve now (5xx) while heartbeats get through: online, cached policy kept, retried', async () => {
    const h = await started(await setup());
    h.api.state.etag = '"p2"';
    h.api.answer((req) => (req.path === '/policy' ? problem(503) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    expect(h.service.policy()).toEqual(samplePolicy());
    expect(h.store.get().config.problems).toEqual([]); // a passing outage is for the log, not a broken configuration
    expect(h.log.recent().some((e) => e.msg === 'policy not updated: keeping the policy we have' && e.data?.code === 'http-5xx')).toBe(true);
    const before = h.api.calls('/policy');
    h.api.answer(null);
    await h.clock.advance(10_000);
    expect(h.api.calls('/policy')).toBeGreaterThan(before); // retried long before the next heartbeat
    expect(h.store.get().config.policyEtag).toBe('"p2"');
    await h.service.stop();
  });

  it('a token refused while fetching the policy again: reenroll, the retries stop', async () => {
    const h = await started(await setup());
    h.api.state.etag = '"p2"';
    h.api.answer((req) => (req.path === '/policy' ? problem(503) : undefined));
    await h.clock.advance(h.nextIn()!);
    h.api.answer(null);
    h.api.state.token = 'revoked';
    await h.clock.advance(60_000);
    expect(h.connection()).toMatchObject({ status: 'reenroll', lastError: { code: 'unauthorized' } });
    expect(h.clock.pending()).toEqual([]);
  });

  it('garbage from the heartbeat: invalid-response, offline, calm retries', async () => {
    const h = await started(await setup());
    h.api.answer((req) => (req.path === '/heartbeat' ? new Response('<html>', { status: 200 }) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'invalid-response' } });
    expect(h.service.policy()).toEqual(samplePolicy());
    const before = h.api.calls('/heartbeat');
    await h.clock.advance(HOUR);
    expect(h.api.calls('/heartbeat') - before).toBeLessThanOrEqual(triesWithin(HOUR)); // backoff, not a loop
    await h.clock.advance(h.nextIn()!);
    expect(h.nextIn()).toBe(900_000); // at the cap (15 min; random 0.5 is the middle of ±10 %)
    h.service.stop();
  });

  it('a hanging API: timeout after 15 s, offline, backoff', async () => {
    const h = await started(await setup());
    h.api.answer(() => 'hang');
    await h.clock.advance(h.nextIn()!);
    expect(h.connection().status).toBe('online');
    await h.clock.advance(15_000);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'timeout' } });
    const before = h.api.calls();
    await h.clock.advance(HOUR);
    expect(h.api.calls() - before).toBeLessThanOrEqual(triesWithin(HOUR));
    h.service.stop();
  });

  it('401: reenroll, no more calls; an admin enrols again and the cycle restarts', async () => {
    const h = await started(await setup());
    h.api.state.token = 'revoked-then-new-token';
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'reenroll', nextAttemptAt: null, lastError: { code: 'unauthorized' } });
    expect(h.secrets.values.get('device-token')).toBe(sampleEnrolled.deviceToken); // kept until an admin acts
    const calls = h.api.calls();
    await h.clock.advance(24 * HOUR);
    expect(h.api.calls()).toBe(calls);
    expect(h.clock.pending()).toEqual([]);

    await expect(h.service.enroll('WRONG-CODE')).rejects.toEqual(new ActionError('enroll-rejected', 'HTTP 401: Unknown code'));
    expect(h.connection().status).toBe('reenroll');
    await h.service.enroll('GOOD-CODE');
    await h.clock.advance(0);
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    expect(h.secrets.values.get('device-token')).toBe('revoked-then-new-token');
    h.service.stop();
  });

  it('accepts the code as an admin types it: any case, spaces for dashes', async () => {
    const h = await setup({ config: { apiUrl: API } });
    await h.service.start();
    await h.service.enroll(' good code ');
    await h.clock.advance(0);
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    h.service.stop();
  });

  it('accepts a configured code in lower case', async () => {
    const h = await started(await setup({ config: { apiUrl: API, enrollmentCode: 'good-code' } }));
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null });
    h.service.stop();
  });

  it('an enrolment code the API refuses: not-enrolled with enroll-rejected, not retried', async () => {
    const h = await started(await setup({ config: { apiUrl: API, enrollmentCode: 'EXPIRED' } }));
    expect(h.connection()).toMatchObject({ status: 'not-enrolled', lastError: { code: 'enroll-rejected' } });
    await h.clock.advance(24 * HOUR);
    expect(h.api.calls('/enroll')).toBe(1);
  });

  it('admin.enroll while the API is down answers unavailable', async () => {
    const h = await setup({ config: { apiUrl: API } });
    await h.service.start();
    h.api.answer(() => problem(503));
    await expect(h.service.enroll('GOOD-CODE')).rejects.toMatchObject({ code: 'unavailable' });
    h.service.stop();
  });

  it('remembers the last contact across a restart, until the next one', async () => {
    const first = await started(await setup());
    const contact = first.connection().lastContactAt;
    expect(contact).not.toBeNull();
    await first.service.stop();
    const h = await setup({ dataDir: first.dataDir, config: { apiUrl: API }, secrets: Object.fromEntries(first.secrets.values) });
    await h.service.start();
    expect(h.connection()).toMatchObject({ status: 'starting', lastContactAt: contact });
    h.service.stop();
  });

  it('starts from the cached policy and asks for it only when the heartbeat names another, with If-None-Match', async () => {
    const first = await started(await setup());
    await first.service.stop();
    const h = await setup({ dataDir: first.dataDir, config: { apiUrl: API }, secrets: Object.fromEntries(first.secrets.values) });
    await h.service.start();
    expect(h.store.get().config).toMatchObject({ policySource: 'cache', policyEtag: '"p1"' });
    expect(h.policies).toEqual([samplePolicy()]);
    await h.clock.advance(300_000);
    // The heartbeat's policyEtag is the cached one: a fleet starting at 08:30 asks for nothing it has.
    expect(h.api.http.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /heartbeat']);
    expect(h.store.get().config.policySource).toBe('api'); // the API named it: the admin sees it as the API's
    h.api.state.etag = '"p1b"'; // the API's policy has another ETag but the same content: 304 for our If-None-Match below
    h.api.answer((req) => (req.path === '/policy' && req.headers.get('If-None-Match') === '"p1"' ? new Response(null, { status: 304 }) : undefined));
    await h.clock.advance(h.nextIn()!);
    const policyCall = h.api.http.requests.find((r) => r.path === '/policy');
    expect(policyCall?.headers.get('If-None-Match')).toBe('"p1"');
    expect(h.store.get().config).toMatchObject({ policySource: 'api', policyEtag: '"p1"' });
    expect(h.policies).toHaveLength(1); // 304: nothing new to apply
    h.service.stop();
  });

  it('a new policyEtag in the heartbeat answer fetches the new policy and applies it', async () => {
    const h = await started(await setup({ random: () => 0 }));
    const changed = samplePolicy();
    changed.health.heartbeatSeconds = 60;
    h.api.state.policy = changed;
    h.api.state.etag = '"p2"';
    await h.clock.advance(h.nextIn()!);
    expect(h.policies.at(-1)).toEqual(changed);
    expect(h.store.get().config.policyEtag).toBe('"p2"');
    expect(h.nextIn()).toBe(54_000); // the new interval (60 s), jittered with random 0
    h.service.stop();
  });

  it('a corrupt cache is a problem for the admin; the defaults apply', async () => {
    const base = await setup({ config: { apiUrl: API } });
    await writeFile(join(base.dataDir, 'policy.json'), '{"etag":');
    const h = await setup({
      dataDir: base.dataDir,
      config: { apiUrl: API },
      problems: [{ file: '/etc/hallo-agent/config.json', field: 'language', code: 'invalid-value', detail: 'x' }],
    });
    await h.service.start();
    expect(h.store.get().config.policySource).toBe('defaults');
    expect(h.store.get().config.problems.map((p) => [p.file, p.code])).toEqual([
      ['/etc/hallo-agent/config.json', 'invalid-value'],
      [join(base.dataDir, 'policy.json'), 'invalid-json'],
    ]);
    expect(h.policies).toEqual([DEFAULT_POLICY]);
    h.service.stop();
  });

  it('a token from another API is not used there: enrols again', async () => {
    const first = await started(await setup());
    await first.service.stop();
    const h = await started(
      await setup({
        dataDir: first.dataDir,
        config: { apiUrl: 'https://other.hallo.test/v1', enrollmentCode: 'GOOD-CODE' },
        secrets: Object.fromEntries(first.secrets.values),
      }),
    );
    expect(h.api.http.requests[0]?.url).toBe('https://other.hallo.test/v1/enroll');
    h.service.stop();
  });

  it('after stop no request is made and no timer is left', async () => {
    const h = await started(await setup());
    const stopping = h.service.stop();
    expect(h.clock.pending()).toEqual([]);
    await stopping;
    const calls = h.api.calls();
    await h.clock.advance(24 * HOUR);
    expect(h.api.calls()).toBe(calls);
  });

  it('stop during the first spread: nothing is ever sent', async () => {
    const h = await setup();
    await h.service.start();
    h.service.stop();
    await h.clock.advance(HOUR);
    expect(h.api.http.requests).toEqual([]);
  });

  it('opens the event stream once online; policy.changed fetches the new policy at once', async () => {
    const encoder = new TextEncoder();
    let push: (text: string) => void = () => undefined;
    const h = await setup({ events: true });
    h.api.answer((req) =>
      req.path === '/events'
        ? new Response(new ReadableStream({ start: (c) => void (push = (t) => c.enqueue(encoder.encode(t))) }), {
            headers: { 'Content-Type': 'text/event-stream' },
          })
        : undefined,
    );
    await started(h);
    const events = h.api.http.requests.filter((r) => r.path === '/events');
    expect(events.map((r) => r.headers.get('Authorization'))).toEqual([`Bearer ${sampleEnrolled.deviceToken}`]);
    const changed = samplePolicy();
    changed.support.phone = '020 - 765 43 21';
    h.api.state.policy = changed;
    h.api.state.etag = '"p3"';
    push('id: 5\nevent: policy.changed\ndata: {"etag":"\\"p3\\""}\n\n');
    await h.clock.advance(0);
    expect(h.policies.at(-1)).toEqual(changed);
    expect(h.store.get().config.policyEtag).toBe('"p3"');
    await h.service.stop();
    expect(h.clock.pending()).toEqual([]);
  });

  it('a refused heartbeat (4xx) is not retried before the next interval', async () => {
    const h = await started(await setup());
    h.api.answer((req) => (req.path === '/heartbeat' ? problem(400) : undefined));
    await h.clock.advance(h.nextIn()!);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'http-4xx', status: 400 } });
    expect(h.nextIn()).toBe(300_000);
    await h.service.stop();
  });

  it('a heartbeat body that cannot be made is our bug: logged, retried calmly, nothing sent', async () => {
    const h = await setup();
    const service = createConnectionService({
      ...h.deps, // the harness's own service is never started
      heartbeatBody: () => {
        throw new Error('no snapshot');
      },
    });
    await service.start();
    await h.clock.advance(30_000);
    expect(h.store.get().connection).toMatchObject({ status: 'offline', lastError: { code: 'internal' } });
    expect(h.api.calls('/heartbeat')).toBe(0);
    expect(h.log.recent().some((e) => e.level === 'error' && e.msg === 'connection step failed')).toBe(true);
    await service.stop();
  });

  it('while the API is away an enrolled PC probes it with its event stream only; the stream opening brings it back, its heartbeats in their old rhythm', async () => {
    let down = false;
    let cut: (error: Error) => void = () => undefined;
    const h = await setup({ events: true });
    const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    h.api.answer((req) => {
      if (down) return refused();
      if (req.path !== '/events') return undefined;
      return new Response(new ReadableStream({ start: (c) => void (cut = (error) => c.error(error)) }), { headers: { 'Content-Type': 'text/event-stream' } });
    });
    await started(h); // enrolled, heartbeat at 0, stream open; now 30 s
    // The opening stood in for the heartbeat due at 5 minutes: the next comes at 10 (random 0.5: no jitter).
    expect(h.nextIn()).toBe(600_000 - 30_000);
    down = true;
    cut(new TypeError('terminated'));
    await h.clock.advance(600_000 - 30_000); // the stream tried 3 times (0.5 s, 1 s, then within 10 min); the heartbeat once
    expect(h.api.calls('/heartbeat')).toBe(2);
    expect(h.connection()).toMatchObject({ status: 'offline', lastError: { code: 'network' } });
    // Offline, the PC's next call is the stream's next try (31.5 s + 300 s + 300 s), not a heartbeat as well.
    expect(h.nextIn()).toBe(631_500 - 600_000);
    await h.clock.advance(10_000);
    down = false;
    await h.clock.advance(21_500);
    expect(h.connection()).toMatchObject({ status: 'online', lastError: null, lastContactAt: new Date(h.clock.now()).toISOString() });
    expect(h.api.calls('/heartbeat')).toBe(2); // back through the stream, no heartbeat with it
    expect(h.api.calls('/events')).toBe(5);
    // The stream stood in for the heartbeat that would have come at 15 minutes; the next at 20.
    expect(h.nextIn()).toBe(1_200_000 - 631_500);
    await h.clock.advance(h.nextIn()!);
    expect(h.api.calls('/heartbeat')).toBe(3);
    expect(h.connection().status).toBe('online');
    await h.service.stop();
  });
});
