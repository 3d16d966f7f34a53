import { connectBridge } from '../bridge/connect';
import type { CaptureBridge } from '../bridge/types';
import { createCaptureEngine, type StreamLike } from './engine';
import { fakeScreenStream } from './fake-source';

// The hidden capture window's page: it hears the agent's `remote.capture` commands (start, a
// technician's signal, stop) and streams the screen. In Electron the preload is there and
// getDisplayMedia gets the screen the shell's handler picks (no OS picker: the consent window was
// the consent); in the preview there is no desktop, so a painted stand-in is sent instead.

const bridge: CaptureBridge = connectBridge<'capture'>();
const inElectron = bridge.kind === 'preload';

const openStream = async (): Promise<StreamLike> =>
  inElectron ? navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }) : fakeScreenStream();

const report = (promise: Promise<unknown>) => void promise.catch(() => undefined); // the agent may be gone; nothing to do here

const engine = createCaptureEngine({
  openStream,
  createPeer: (config) => new RTCPeerConnection(config) as never,
  signal: (sessionId, signal) => report(bridge.actions['remote.captureSignal']({ sessionId, signal })),
  status: (sessionId, status, detail) => {
    document.body.dataset.session = engine.current() ?? '';
    document.body.dataset.status = status;
    report(bridge.actions['remote.captureStatus']({ sessionId, status, ...(detail === undefined ? {} : { detail }) }));
  },
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    return () => clearInterval(timer);
  },
});

bridge.on('remote.capture', (command) => void engine.handle(command));
// Listening: the host's open() may resolve (the preview host sees the socket; Electron did-finish-load).
document.body.dataset.status = 'listening';
