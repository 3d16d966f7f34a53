import type { CaptureCommand, CaptureSignal } from '../../../electron/contract';
import type { CAPTURE_STATUSES } from '../../../electron/contract/remote-state';

// The view engine's sending side: one screen track to the technician's browser over WebRTC, and
// nothing else. The browser's WebRTC objects come in through `CaptureDeps`, so that a unit test
// drives the whole exchange with fakes (tests/unit/renderer/capture-engine.test.ts).

export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

/** The parts of a MediaStream and its tracks this engine uses. */
export interface StreamLike {
  getTracks(): { stop(): void }[];
}

/** The parts of RTCPeerConnection this engine uses. */
export interface PeerLike {
  connectionState: string;
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null;
  onconnectionstatechange: (() => void) | null;
  ondatachannel: ((event: { channel: { label: string; close(): void } }) => void) | null;
  addTransceiver(track: unknown, init: { direction: 'sendonly'; streams: unknown[] }): unknown;
  createOffer(): Promise<{ sdp?: string | undefined }>;
  setLocalDescription(description: { type: 'offer'; sdp?: string | undefined }): Promise<void>;
  setRemoteDescription(description: { type: 'answer'; sdp: string }): Promise<void>;
  addIceCandidate(candidate: RTCIceCandidateInit | undefined): Promise<void>;
  getStats(): Promise<{ forEach(fn: (report: { type: string; framesEncoded?: number }) => void): void }>;
  close(): void;
}

export interface CaptureDeps {
  /** The screen (Electron: getDisplayMedia, the shell's handler picks the display) or the preview's fake source. */
  openStream(): Promise<StreamLike>;
  createPeer(config: { iceServers: RTCIceServer[] }): PeerLike;
  /** remote.captureSignal */
  signal(sessionId: string, signal: CaptureSignal): void;
  /** remote.captureStatus */
  status(sessionId: string, status: CaptureStatus, detail?: string): void;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

/**
 * How often the outbound stats are read until the first frame is encoded. Only between
 * "connected" and the first frame (a few reads); 100 ms keeps `first-frame` close to the truth
 * for remoteFirstFrameMs without a busy loop.
 */
export const FIRST_FRAME_POLL_MS = 100;

interface Running {
  sessionId: string;
  stream: StreamLike | null;
  peer: PeerLike | null;
  /** Candidates that came before the answer: applied once it is set. */
  early: RTCIceCandidateInit[];
  answered: boolean;
  stopPolling: (() => void) | null;
  firstFrame: boolean;
  closed: boolean;
}

export interface CaptureEngine {
  handle(command: CaptureCommand): Promise<void>;
  /** The session streaming now, if any (for the page's data-state). */
  current(): string | null;
}

export function createCaptureEngine(deps: CaptureDeps): CaptureEngine {
  let running: Running | null = null;

  const shutdown = (run: Running, report: CaptureStatus | null, detail?: string) => {
    if (run.closed) return;
    run.closed = true;
    run.stopPolling?.();
    for (const track of run.stream?.getTracks() ?? []) track.stop();
    run.peer?.close();
    if (running === run) running = null;
    if (report) deps.status(run.sessionId, report, detail);
  };

  const watchFirstFrame = (run: Running, peer: PeerLike) => {
    if (run.firstFrame || run.stopPolling) return;
    run.stopPolling = deps.every(FIRST_FRAME_POLL_MS, () => {
      void peer.getStats().then((stats) => {
        let encoded = 0;
        stats.forEach((report) => {
          if (report.type === 'outbound-rtp') encoded += report.framesEncoded ?? 0;
        });
        if (encoded === 0 || run.firstFrame || run.closed) return;
        run.firstFrame = true;
        run.stopPolling?.();
        run.stopPolling = null;
        deps.status(run.sessionId, 'first-frame');
      });
    });
  };

  const start = async (sessionId: string, iceServers: RTCIceServer[]) => {
    if (running) shutdown(running, 'stopped'); // one session at a time: a new start replaces the old
    const run: Running = { sessionId, stream: null, peer: null, early: [], answered: false, stopPolling: null, firstFrame: false, closed: false };
    running = run;
    try {
      run.stream = await deps.openStream();
    } catch (error) {
      return shutdown(run, 'failed', `capture: ${describe(error)}`);
    }
    if (run.closed) {
      // Stopped while the screen was being opened: its tracks stop now, nothing more is said.
      for (const track of run.stream.getTracks()) track.stop();
      return;
    }
    deps.status(sessionId, 'capturing');
    const peer = deps.createPeer({ iceServers });
    run.peer = peer;
    // View only: no channel for input. Whatever the other side opens is closed at once and said.
    peer.ondatachannel = ({ channel }) => {
      channel.close();
      deps.status(sessionId, 'input-dropped', `data channel "${channel.label.slice(0, 100)}"`);
    };
    peer.onicecandidate = ({ candidate }) => {
      if (run.closed) return;
      // No candidate: the end of candidates (the API's RemoteSignal says so by leaving it out).
      deps.signal(sessionId, candidate ? { kind: 'candidate', candidate: pickCandidate(candidate.toJSON()) } : { kind: 'candidate' });
    };
    peer.onconnectionstatechange = () => {
      if (run.closed) return;
      const state = peer.connectionState;
      if (state === 'connected') {
        deps.status(sessionId, 'connected');
        watchFirstFrame(run, peer);
      } else if (state === 'disconnected') deps.status(sessionId, 'disconnected');
      else if (state === 'failed') shutdown(run, 'failed', 'connection failed');
    };
    for (const track of run.stream.getTracks()) peer.addTransceiver(track, { direction: 'sendonly', streams: [run.stream] });
    try {
      const offer = await peer.createOffer();
      await peer.setLocalDescription({ type: 'offer', sdp: offer.sdp });
      if (!run.closed) deps.signal(sessionId, { kind: 'offer', sdp: offer.sdp ?? '' });
    } catch (error) {
      shutdown(run, 'failed', `offer: ${describe(error)}`);
    }
  };

  const apply = async (run: Running, signal: CaptureSignal) => {
    const peer = run.peer;
    if (signal.kind === 'bye') return shutdown(run, 'stopped', 'bye');
    // An offer or input from the technician's side has no place in a view session.
    if (signal.kind === 'input' || signal.kind === 'offer') return deps.status(run.sessionId, 'input-dropped', signal.kind);
    if (!peer) return;
    try {
      if (signal.kind === 'answer' && signal.sdp !== undefined && !run.answered) {
        await peer.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        run.answered = true;
        for (const early of run.early.splice(0)) await peer.addIceCandidate(early);
      } else if (signal.kind === 'candidate') {
        const candidate = signal.candidate ? pickCandidate(signal.candidate) : undefined;
        if (!run.answered) {
          if (candidate) run.early.push(candidate);
        } else await peer.addIceCandidate(candidate);
      }
    } catch (error) {
      // A bad answer or candidate from the other side: said for the admin, the session goes on or fails by itself.
      deps.status(run.sessionId, 'disconnected', `signal ${signal.kind}: ${describe(error)}`);
    }
  };

  return {
    async handle(command) {
      if (command.command === 'start') return start(command.sessionId, command.iceServers as RTCIceServer[]);
      const run = running;
      if (!run || run.sessionId !== command.sessionId) {
        // A stop for a session not streaming here is still answered, so the agent's close can finish.
        if (command.command === 'stop') deps.status(command.sessionId, 'stopped');
        return;
      }
      if (command.command === 'stop') return shutdown(run, 'stopped');
      return apply(run, command.signal);
    },
    current: () => running?.sessionId ?? null,
  };
}

/** Only the fields the contract carries (a browser's candidate JSON may hold more). */
function pickCandidate(init: RTCIceCandidateInit): NonNullable<CaptureSignal['candidate']> {
  return {
    candidate: init.candidate ?? '',
    sdpMid: init.sdpMid ?? null,
    sdpMLineIndex: init.sdpMLineIndex ?? null,
    usernameFragment: init.usernameFragment ?? null,
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 300);
}
