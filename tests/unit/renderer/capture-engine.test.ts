import { describe, expect, it } from 'vitest';
import type { CaptureSignal } from '../../../electron/contract';
import { createCaptureEngine, type CaptureStatus, type PeerLike } from '../../../renderer/src/capture/engine';

// The capture page's engine driven as the agent drives it (start, the technician's signals, stop),
// with a fake screen and a fake RTCPeerConnection: what the agent and the technician would see.

class FakeTrack {
  stopped = false;
  stop() {
    this.stopped = true;
  }
}

class FakePeer implements PeerLike {
  connectionState = 'new';
  onicecandidate: PeerLike['onicecandidate'] = null;
  onconnectionstatechange: PeerLike['onconnectionstatechange'] = null;
  ondatachannel: PeerLike['ondatachannel'] = null;
  transceivers: { track: unknown; direction: string }[] = [];
  local: string | null = null;
  remote: string | null = null;
  candidates: (RTCIceCandidateInit | undefined)[] = [];
  closed = false;
  framesEncoded = 0;
  constructor(readonly config: { iceServers: RTCIceServer[] }) {}
  addTransceiver(track: unknown, init: { direction: 'sendonly' }) {
    this.transceivers.push({ track, direction: init.direction });
    return {};
  }
  async createOffer() {
    return { sdp: 'v=0 offer' };
  }
  async setLocalDescription(description: { sdp?: string | undefined }) {
    this.local = description.sdp ?? null;
  }
  async setRemoteDescription(description: { sdp: string }) {
    this.remote = description.sdp;
  }
  async addIceCandidate(candidate: RTCIceCandidateInit | undefined) {
    this.candidates.push(candidate);
  }
  async getStats() {
    const reports = [{ type: 'outbound-rtp', framesEncoded: this.framesEncoded }, { type: 'transport' }];
    return { forEach: (fn: (r: { type: string; framesEncoded?: number }) => void) => reports.forEach(fn) };
  }
  close() {
    this.closed = true;
  }
  become(state: string) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

function harness(opts: { failOpen?: boolean } = {}) {
  const tracks = [new FakeTrack()];
  const peers: FakePeer[] = [];
  const signals: { sessionId: string; signal: CaptureSignal }[] = [];
  const statuses: { sessionId: string; status: CaptureStatus; detail?: string | undefined }[] = [];
  const timers = new Set<() => void>();
  const engine = createCaptureEngine({
    openStream: async () => {
      if (opts.failOpen) throw new DOMException('Permission denied', 'NotAllowedError');
      return { getTracks: () => tracks };
    },
    createPeer: (config) => {
      const peer = new FakePeer(config);
      peers.push(peer);
      return peer;
    },
    signal: (sessionId, signal) => signals.push({ sessionId, signal }),
    status: (sessionId, status, detail) => statuses.push({ sessionId, status, detail }),
    every: (_ms, fn) => {
      timers.add(fn);
      return () => timers.delete(fn);
    },
  });
  const tick = async () => {
    for (const fn of [...timers]) fn();
    await new Promise((settle) => setTimeout(settle, 0));
  };
  return { engine, tracks, peers, signals, statuses, timers, tick, said: () => statuses.map((s) => s.status) };
}

const ICE = [{ urls: 'stun:stun.hallo.example:3478' }];

describe('the capture engine', () => {
  it('streams the screen send-only with the API’s ICE servers and offers it to the technician', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: ICE });
    const peer = h.peers[0]!;
    expect(peer.config.iceServers).toEqual(ICE);
    expect(peer.transceivers).toEqual([{ track: h.tracks[0], direction: 'sendonly' }]);
    expect(h.said()).toEqual(['capturing']);
    expect(h.signals).toEqual([{ sessionId: 's1', signal: { kind: 'offer', sdp: 'v=0 offer' } }]);

    peer.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 }) } });
    peer.onicecandidate?.({ candidate: null });
    expect(h.signals.slice(1).map((s) => s.signal)).toEqual([
      { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } },
      { kind: 'candidate' },
    ]);
  });

  it('applies the answer, and candidates that came before it once it is there', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    const early = { candidate: 'candidate:2 1 udp 1 127.0.0.1 6000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    await h.engine.handle({ command: 'signal', sessionId: 's1', signal: { kind: 'candidate', candidate: early } });
    expect(h.peers[0]!.candidates).toEqual([]);
    await h.engine.handle({ command: 'signal', sessionId: 's1', signal: { kind: 'answer', sdp: 'v=0 answer' } });
    expect(h.peers[0]!.remote).toBe('v=0 answer');
    expect(h.peers[0]!.candidates).toEqual([{ ...early, usernameFragment: null }]);
  });

  it('says connected, then first-frame once the stats show an encoded frame, and stops asking', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    const peer = h.peers[0]!;
    peer.become('connected');
    await h.tick();
    expect(h.said()).toEqual(['capturing', 'connected']);
    peer.framesEncoded = 3;
    await h.tick();
    expect(h.said()).toEqual(['capturing', 'connected', 'first-frame']);
    expect(h.timers.size).toBe(0);
  });

  it('has no input channel: a data channel the technician opens is closed at once and reported', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    let closed = false;
    h.peers[0]!.ondatachannel?.({ channel: { label: 'mouse', close: () => (closed = true) } });
    expect(closed).toBe(true);
    expect(h.statuses.at(-1)).toEqual({ sessionId: 's1', status: 'input-dropped', detail: 'data channel "mouse"' });
    await h.engine.handle({ command: 'signal', sessionId: 's1', signal: { kind: 'input', input: { x: 1, y: 2 } } });
    expect(h.said().at(-1)).toBe('input-dropped');
  });

  it('stop: every track stopped, the connection closed, stopped said', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    await h.engine.handle({ command: 'stop', sessionId: 's1' });
    expect(h.tracks.every((t) => t.stopped)).toBe(true);
    expect(h.peers[0]!.closed).toBe(true);
    expect(h.said().at(-1)).toBe('stopped');
    expect(h.engine.current()).toBeNull();
  });

  it('a bye from the technician stops the stream too', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    await h.engine.handle({ command: 'signal', sessionId: 's1', signal: { kind: 'bye' } });
    expect(h.tracks[0]!.stopped).toBe(true);
    expect(h.statuses.at(-1)).toEqual({ sessionId: 's1', status: 'stopped', detail: 'bye' });
  });

  it('disconnected is said (the agent waits for a reconnect); failed ends the stream', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    h.peers[0]!.become('disconnected');
    expect(h.said().at(-1)).toBe('disconnected');
    expect(h.tracks[0]!.stopped).toBe(false);
    h.peers[0]!.become('failed');
    expect(h.said().at(-1)).toBe('failed');
    expect(h.tracks[0]!.stopped).toBe(true);
  });

  it('a screen that cannot be captured is failed, with the reason for the admin', async () => {
    const h = harness({ failOpen: true });
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    expect(h.statuses).toEqual([{ sessionId: 's1', status: 'failed', detail: 'capture: NotAllowedError: Permission denied' }]);
    expect(h.peers).toEqual([]);
  });

  it('signals for another session are ignored; a stop for it is still answered', async () => {
    const h = harness();
    await h.engine.handle({ command: 'start', sessionId: 's1', iceServers: [] });
    await h.engine.handle({ command: 'signal', sessionId: 'other', signal: { kind: 'answer', sdp: 'x' } });
    expect(h.peers[0]!.remote).toBeNull();
    await h.engine.handle({ command: 'stop', sessionId: 'other' });
    expect(h.statuses.at(-1)).toEqual({ sessionId: 'other', status: 'stopped', detail: undefined });
    expect(h.tracks[0]!.stopped).toBe(false);
  });
});
