import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../../electron/agent/hallo-api/validator';
import { createFakeClock, settle, type FakeClock } from '../../doubles/fake-clock';
import { useDataFolders } from './folders';
import { bootRemote, until, type BootOptions } from './harness';

// The remote capability as the consent window, the bar and hallo, meet it (harness.ts), on the
// fake clock: the 500 ms guard, the grace after a disconnect and the maximum length.

const dataDir = useDataFolders('remote-capability');
const boot = async (opts: Partial<BootOptions> & { clock?: FakeClock } = {}) => bootRemote({ ...opts, dir: opts.dir ?? (await dataDir()), clock: opts.clock ?? createFakeClock() });

describe('the remote capability', () => {
  it.each([
    ['in the final restart countdown', { restartStep: 'countdown' as const }, 'restarting'],
    ['while the restart is under way', { restartStep: 'restarting' as const }, 'restarting'],
    ['with the screen locked', { locked: true }, 'locked'],
    ['with nobody logged on', { userPresent: false }, 'no-user'],
  ])('a request %s is denied at once, without a prompt, told and audited', async (_name, opts, reason) => {
    const run = await boot(opts);
    const sessionId = await run.ask();
    expect(run.remote().request).toBeNull();
    expect(run.remote().history[0]).toMatchObject({ sessionId, outcome: 'denied', denial: reason });
    await until(() => run.hallo.consents.length === 1);
    expect(run.hallo.consents[0]).toMatchObject({ sessionId, body: { decision: 'denied', reason } });
    expect(run.remote().audit.lines.map((l) => [l.kind, l.params.reason ?? null])).toEqual([
      ['consent', reason],
      ['request-received', null],
    ]);
    await run.stop();
  });

  it('control asked, no control engine: the window offers view, and view is granted', async () => {
    const run = await boot();
    const sessionId = await run.ask({ mode: 'control' });
    expect(run.remote().request).toMatchObject({ modeRequested: 'control', controlOffered: false });
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow', mode: 'control' })).toEqual({ outcome: 'too-early' });
    await run.clock.advance(500);
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow', mode: 'control' })).toEqual({ outcome: 'invalid-mode' });
    expect(await run.capability.actions['remote.answer']({ sessionId, answer: 'allow' })).toEqual({ outcome: 'accepted' });
    expect(run.hallo.consents[0]?.body).toMatchObject({ decision: 'granted', mode: 'view' });
    await run.stop();
  });

  it('no capture port: a granted session ends at once as capture-failed, and the receipt says so', async () => {
    const run = await boot({ capture: false });
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.remote().receipt !== null);
    expect(run.remote()).toMatchObject({ session: null, receipt: { sessionId, by: 'agent', reason: 'capture-failed' } });
    await until(() => run.hallo.events.length === 1);
    expect(run.hallo.events[0]?.body).toMatchObject({ type: 'ended', by: 'agent', reason: 'capture-failed' });
    await run.stop();
  });

  it('a capture page that never opens ends the session as capture-failed after 20 s, and the next request is shown', async () => {
    const run = await boot({ captureHangs: true });
    const sessionId = await run.ask();
    await run.clock.advance(500);
    const answered = run.capability.actions['remote.answer']({ sessionId, answer: 'allow' });
    await until(() => run.remote().session !== null);
    await run.clock.advance(20_000);
    expect(await answered).toEqual({ outcome: 'accepted' });
    expect(run.remote().receipt).toMatchObject({ sessionId, by: 'agent', reason: 'capture-failed' });
    const next = await run.ask();
    expect(run.remote().history[0]).toMatchObject({ sessionId: next, outcome: 'pending' });
    expect(run.remote().request?.sessionId).toBe(next);
    await run.stop();
  });

  it('the technician side gone: 10 s to come back, then ended as connection-lost; a reconnect keeps it', async () => {
    const run = await boot();
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.commands.some((c) => c.command === 'start'));
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'first-frame' });
    expect(run.remote().session?.phase).toBe('live');
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'disconnected' });
    await run.clock.advance(9_000);
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'connected' });
    await run.clock.advance(5_000);
    expect(run.remote().session?.phase).toBe('live');
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'disconnected' });
    await run.clock.advance(10_000);
    await until(() => run.remote().receipt !== null);
    expect(run.closed).toEqual([sessionId]);
    expect(run.remote().receipt).toMatchObject({ by: 'agent', reason: 'connection-lost' });
    await run.stop();
  });

  it('ends by itself at the policy\'s maximum length', async () => {
    const run = await boot({ policy: { maxSessionMinutes: 5 } });
    const sessionId = await run.ask();
    await run.allow(sessionId);
    await until(() => run.commands.some((c) => c.command === 'start'));
    run.capability.actions['remote.captureStatus']({ sessionId, status: 'first-frame' });
    await run.clock.advance(5 * 60_000);
    await until(() => run.remote().receipt !== null);
    expect(run.remote().receipt).toMatchObject({ by: 'timeout', reason: 'max-length', minutes: 5 });
    expect(run.closed).toEqual([sessionId]);
    await run.stop();
  });

  it('puts the audit into a ticket\'s diagnostics, checked again: an edit since the start shows there and in the popup', async () => {
    const run = await boot();
    await run.ask();
    const part = await run.capability.diagnostics?.((text) => text);
    expect(part?.remote).toMatchObject({ chain: 'intact', brokenAtSeq: null, lines: [{ seq: 1, kind: 'request-received' }] });
    expect(validateSchema('DiagnosticsRemote', part?.remote).ok).toBe(true);

    const file = join(run.dir, 'remote', 'audit.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"Jan van hallo,"', '"Piet"'));
    const after = await run.capability.diagnostics?.((text) => text);
    expect(after?.remote).toMatchObject({ chain: 'broken', brokenAtSeq: 1, lines: [{ kind: 'chain-broken' }] });
    expect(run.remote().audit).toMatchObject({ chain: 'broken', brokenAtSeq: 1 });
    await run.stop();
  });

  it('a session the agent was killed in is reported ended by agent-stopped at the next start', async () => {
    const dir = await dataDir();
    const clock = createFakeClock();
    const first = await boot({ dir, clock });
    const sessionId = await first.ask();
    await first.allow(sessionId);
    await until(() => first.remote().session !== null && first.remote().history[0]?.outcome === 'granted');
    await settle(); // killed: no stop(), the history on disk says it was granted and not ended

    const next = await boot({ dir, clock });
    await until(() => next.remote().receipt !== null);
    expect(next.remote().receipt).toMatchObject({ sessionId, by: 'agent', reason: 'agent-stopped' });
    expect(next.remote().history[0]).toMatchObject({ sessionId, endedBy: 'agent' });
    await until(() => next.hallo.events.some((e) => e.body.type === 'ended'));
    expect(next.hallo.events.find((e) => e.body.type === 'ended')?.body).toMatchObject({ by: 'agent', reason: 'agent-stopped' });
    await next.stop();
    await first.stop();
  });
});
