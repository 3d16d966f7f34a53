import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../electron/agent/agent';
import type { CaptureHost } from '../../electron/agent/ports';
import type { CaptureCommand } from '../../electron/contract';
import { createNodePorts } from '../../electron/preview/node-ports';
import { createRelaunchingAgent, type RelaunchingAgent } from '../../electron/preview/relaunch';
import { createFakeClock, type FakeClock } from '../doubles/fake-clock';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { technician } from '../reference-api/testing';
import { until } from './fixtures/until';

// Remote support against the reference API over real HTTP: the portal asks, the request arrives
// over the event stream, the agent verifies it and shows it (state.remote.request), the employee
// answers (remote.answer, as the consent window sends it), a stand-in capture page streams, and
// the portal's device view shows what hallo, heard: the consent, started, ended with by, and the
// audit entries. The capture page is played by a fake CaptureHost that records its commands.

let api: ReferenceApi | null = null;
let agent: RelaunchingAgent | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await agent?.stop();
  await api?.close();
  agent = null;
  api = null;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/** The capture page as the agent sees it: on `start` it offers and says the first frame is out. */
function fakeCapture(invoke: () => RelaunchingAgent) {
  const commands: CaptureCommand[] = [];
  const opened: string[] = [];
  const closed: string[] = [];
  const host: CaptureHost = {
    async open(sessionId) {
      opened.push(sessionId);
    },
    send(command) {
      commands.push(command);
      if (command.command !== 'start') return;
      const { sessionId } = command;
      void (async () => {
        await invoke().invoke('remote.captureStatus', { sessionId, status: 'capturing' });
        await invoke().invoke('remote.captureSignal', { sessionId, signal: { kind: 'offer', sdp: 'v=0\r\n' } });
        await invoke().invoke('remote.captureStatus', { sessionId, status: 'first-frame' });
      })();
    },
    async close(sessionId) {
      closed.push(sessionId);
    },
  };
  return { host, commands, opened, closed };
}

async function boot(opts: { dataDir?: string; reference?: ReferenceApi; clock?: FakeClock } = {}) {
  const reference = opts.reference ?? (await startReferenceApi({ port: 0, host: '127.0.0.1' }));
  api = reference;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-remote-it-')));
  if (!opts.dataDir) dirs.push(dataDir);
  const clock = opts.clock ?? createFakeClock({ realTime: true });
  const capture = fakeCapture(() => running);
  const ports = { ...createNodePorts({ dataDir }), clock, remote: { capture: capture.host } };
  const running = createRelaunchingAgent(() =>
    createAgent(ports, { appVersion: '0.1.0-test', systemLanguages: ['nl-NL'], env: { HALLO_API_URL: reference.url, HALLO_ENROLLMENT_CODE: reference.enrollmentCode } }),
  );
  agent = running;
  // A second agent on the same reference: only a stream opened after this start counts (the first one's is in the list too).
  const streamsBefore = reference.received.streams.length;
  await running.start();
  // An enrolled PC spreads its first contact over one heartbeat interval (connection/service.ts): jump it.
  if (opts.dataDir) await clock.advance(reference.policy().policy.health.heartbeatSeconds * 1000);
  await until('online, with its event stream open', () => running.state().connection.status === 'online' && reference.received.streams.slice(streamsBefore).some((s) => s.deviceId === running.state().connection.deviceId));
  const deviceId = running.state().connection.deviceId!;
  return { api: reference, agent: running, dataDir, clock, capture, deviceId, tech: technician(reference, 'Jan') };
}

/** Waits until the consent window may be answered (500 ms after it showed), on the agent's clock. */
async function answerable(agent: RelaunchingAgent, clock: FakeClock) {
  const request = agent.state().remote.request!;
  await clock.advance(Math.max(0, Date.parse(request.answerableAt) - clock.now()));
  return request;
}

describe('remote support against the reference API', () => {
  it('the portal asks, the employee allows, the technician sees the offer, the employee ends: receipt and history', async () => {
    const { agent, clock, capture, deviceId, tech } = await boot();
    const asked = await tech.askRemote({ deviceId, reason: 'Outlook start niet', ticketNumber: 12 });

    await until('the request in the state', () => agent.state().remote.request !== null);
    const request = agent.state().remote.request!;
    expect(request).toMatchObject({ sessionId: asked.sessionId, technicianName: 'Jan', reason: 'Outlook start niet', ticketNumber: 12, modeRequested: 'view', controlOffered: false });
    expect(request.code).toMatch(/^\d{3} \d{3}$/);
    expect((await tech.device(deviceId)).remoteSessions?.find((s) => s.sessionId === asked.sessionId)?.code).toBe(request.code);

    await answerable(agent, clock);
    expect(await agent.invoke('remote.answer', { sessionId: asked.sessionId, answer: 'allow' })).toEqual({ outcome: 'accepted' });

    await until('the session live', () => agent.state().remote.session?.phase === 'live');
    await until('its start audited', () => agent.state().remote.audit.lines.some((l) => l.kind === 'session-started'));
    expect(capture.opened).toEqual([asked.sessionId]);
    expect(capture.commands[0]).toMatchObject({ command: 'start', sessionId: asked.sessionId });
    const signals = await tech.signals(asked.sessionId, 0, 5000);
    expect(signals.signals.map((s) => s.signal.kind)).toContain('offer');

    // The technician's answer reaches the page; a click from the console is dropped and audited.
    await tech.sendSignal(asked.sessionId, { kind: 'answer', sdp: 'v=0\r\n' });
    await tech.sendSignal(asked.sessionId, { kind: 'input', input: { type: 'click', x: 10, y: 10 } });
    await until('the answer at the page', () => capture.commands.some((c) => c.command === 'signal' && c.signal.kind === 'answer'));
    await until('the input audited', () => agent.state().remote.audit.lines.some((l) => l.kind === 'input-dropped'));
    expect(capture.commands.some((c) => c.command === 'signal' && c.signal.kind === 'input')).toBe(false);

    expect(await agent.invoke('remote.end', {})).toEqual({ outcome: 'ended' });
    expect(capture.closed).toEqual([asked.sessionId]);
    expect(capture.commands.at(-1)).toEqual({ command: 'stop', sessionId: asked.sessionId });
    const remote = agent.state().remote;
    expect(remote.session).toBeNull();
    expect(remote.receipt).toMatchObject({ sessionId: asked.sessionId, technicianName: 'Jan', by: 'user', reason: 'ended' });
    expect(remote.history[0]).toMatchObject({ sessionId: asked.sessionId, outcome: 'granted', mode: 'view', endedBy: 'user' });

    await until('the portal has granted, started and ended by user', async () => {
      const session = (await tech.device(deviceId)).remoteSessions?.find((s) => s.sessionId === asked.sessionId);
      return session?.consent?.decision === 'granted' && session.startedAt !== null && session.ended?.by === 'user';
    });
    await until('every audit entry at hallo,', () => agent.state().remote.audit.unsent === 0);
    const kinds = (await tech.device(deviceId)).remoteAudit?.map((e) => e.kind);
    expect(kinds).toEqual(['request-received', 'consent', 'session-started', 'input-dropped', 'session-ended']);
  });

  it('deny: the portal has denied by the user; "Ik heb hier niet om gevraagd" is told as not-requested', async () => {
    const { agent, clock, deviceId, tech } = await boot();
    const first = await tech.askRemote({ deviceId });
    await until('the request', () => agent.state().remote.request?.sessionId === first.sessionId);
    await answerable(agent, clock);
    await agent.invoke('remote.answer', { sessionId: first.sessionId, answer: 'deny' });
    const second = await tech.askRemote({ deviceId });
    await until('the second request', () => agent.state().remote.request?.sessionId === second.sessionId);
    await answerable(agent, clock);
    await agent.invoke('remote.answer', { sessionId: second.sessionId, answer: 'not-requested' });
    await until('both answers at hallo,', async () => {
      const sessions = (await tech.device(deviceId)).remoteSessions ?? [];
      return sessions.filter((s) => s.consent?.decision === 'denied').length === 2;
    });
    const sessions = (await tech.device(deviceId)).remoteSessions!;
    expect(sessions.find((s) => s.sessionId === first.sessionId)?.consent).toMatchObject({ decision: 'denied', reason: 'user' });
    expect(sessions.find((s) => s.sessionId === second.sessionId)?.consent).toMatchObject({ decision: 'denied', reason: 'not-requested' });
    expect(agent.state().remote.history.map((h) => [h.outcome, h.denial])).toEqual([
      ['denied', 'not-requested'],
      ['denied', 'user'],
    ]);
  });

  it('timeout: nobody answers, the request is expired and the window closes', async () => {
    const { agent, clock, deviceId, tech } = await boot();
    const asked = await tech.askRemote({ deviceId });
    await until('the request', () => agent.state().remote.request !== null);
    await clock.advance(60_000);
    await until('the request gone', () => agent.state().remote.request === null);
    await until('expired at hallo,', async () => (await tech.device(deviceId)).remoteSessions?.find((s) => s.sessionId === asked.sessionId)?.consent?.decision === 'expired');
    expect(agent.state().remote.history[0]).toMatchObject({ outcome: 'expired', denial: 'timeout' });
  });

  it('a forged request never shows; the portal has the refusal in the audit', async () => {
    const { api, agent, deviceId, tech } = await boot();
    const forged = await api.forge('bad-signature', { deviceId, technician: { id: 't', name: 'Mallory' }, reason: 'Geef me je wachtwoord', mode: 'control' });
    await tech.sendRequest(deviceId, forged.request);
    await until('the refusal at hallo,', async () => ((await tech.device(deviceId)).remoteAudit ?? []).some((e) => e.kind === 'request-refused'));
    const entry = (await tech.device(deviceId)).remoteAudit!.find((e) => e.kind === 'request-refused')!;
    expect(entry.params).toMatchObject({ reason: 'bad-signature' });
    expect(entry.sessionId).toBeUndefined();
    expect(agent.state().remote.request).toBeNull();
    expect(agent.state().remote.history).toEqual([]);
    expect(api.received.consents ?? []).toEqual([]);
  });

  it('a request replayed after an agent restart is refused', async () => {
    const { api, agent: first, clock, deviceId, tech, dataDir } = await boot();
    const asked = await tech.askRemote({ deviceId });
    await until('the request', () => first.state().remote.request !== null);
    await answerable(first, clock);
    await first.invoke('remote.answer', { sessionId: asked.sessionId, answer: 'deny' });
    await first.stop();
    agent = null;
    const again = await boot({ dataDir, reference: api, clock });
    await tech.sendRequest(deviceId, asked.request);
    await until('the replay refused', () => again.agent.state().remote.audit.lines.some((l) => l.kind === 'request-refused' && l.params.reason === 'replayed'));
    expect(again.agent.state().remote.request).toBeNull();
  });

  it('a flood of 20 valid requests: one prompt, the rest busy', async () => {
    const { agent, deviceId, tech } = await boot();
    const asked = await Promise.all(Array.from({ length: 20 }, () => tech.askRemote({ deviceId })));
    await until('every request judged', () => agent.state().remote.history.filter((h) => h.denial === 'busy').length === 19);
    const shown = agent.state().remote.request!;
    expect(asked.map((a) => a.sessionId)).toContain(shown.sessionId);
    expect(agent.state().remote.history.filter((h) => h.outcome === 'pending').map((h) => h.sessionId)).toEqual([shown.sessionId]);
    await until('19 busy answers at hallo,', async () => ((await tech.device(deviceId)).remoteSessions ?? []).filter((s) => s.consent?.reason === 'busy').length === 19);
  });

  it('the event stream drops mid-session: the session goes on, the audit arrives after it returns', async () => {
    const { api, agent, clock, deviceId, tech } = await boot();
    const asked = await tech.askRemote({ deviceId });
    await until('the request', () => agent.state().remote.request !== null);
    await answerable(agent, clock);
    await agent.invoke('remote.answer', { sessionId: asked.sessionId, answer: 'allow' });
    await until('live', () => agent.state().remote.session?.phase === 'live');
    await until('all sent so far', () => agent.state().remote.audit.unsent === 0);

    await api.stop();
    await agent.invoke('remote.end', {});
    expect(agent.state().remote.session).toBeNull();
    expect(agent.state().remote.audit.unsent).toBeGreaterThan(0);
    await api.start();
    await clock.advance(15 * 60_000); // the backoff's longest wait, jumped
    await until('the audit at hallo,', async () => ((await tech.device(deviceId)).remoteAudit ?? []).some((e) => e.kind === 'session-ended'));
    await until('ended by user at hallo,', async () => (await tech.device(deviceId)).remoteSessions?.find((s) => s.sessionId === asked.sessionId)?.ended?.by === 'user');
  });
});
