import type { components } from '../../../electron/agent/hallo-api/openapi';
import { describeSession } from './view';

// The technician's console (the reference server's stand-in for hallo,'s portal): it answers the
// device's offer with a receive-only video, trickles its candidates, shows the screen, and ends
// the session. The portal token comes from the URL fragment (`#token=…`): a browser never sends
// a fragment to the server. Bundled by the server at the first request (console-route.ts).

type S = components['schemas'];
const API = '/v1/portal/remote-sessions';
/** The long poll's wait; the server answers at once when the device has sent something. */
const WAIT_MS = 20_000;

const main = document.querySelector('main')!;
const sessionId = main.dataset.session ?? '';
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const status = document.getElementById('state')!;
const technician = document.getElementById('technician')!;
const video = document.getElementById('screen') as HTMLVideoElement;
const endButton = document.getElementById('end') as HTMLButtonElement;
const clickButton = document.getElementById('click') as HTMLButtonElement;

let peer: RTCPeerConnection | null = null;
let lastView: S['PortalRemoteSessionView'] | null = null;
let over = false;

const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function send(signal: S['RemoteSignal']): Promise<void> {
  await fetch(`${API}/${encodeURIComponent(sessionId)}/signal`, { method: 'POST', headers, body: JSON.stringify(signal) }).catch(() => undefined);
}

function frames(): number {
  return video.srcObject ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
}

function render(): void {
  video.dataset.frames = String(frames());
  if (!lastView) return;
  technician.textContent = lastView.technician.name;
  const said = describeSession(lastView, { frames: frames() });
  status.dataset.state = said.state;
  if (status.textContent !== said.text) status.textContent = said.text;
  if (said.over && !over) finish();
}

/** The session is over: the stream stops at once, whatever the device still sends. */
function finish(): void {
  over = true;
  peer?.close();
  peer = null;
  video.srcObject = null;
  video.dataset.frames = '0'; // at once, not at the next count: the stream is gone
  endButton.disabled = true;
  clickButton.disabled = true;
}

async function apply(signal: S['RemoteSignal']): Promise<void> {
  if (signal.kind === 'offer' && signal.sdp) {
    peer?.close();
    const created = new RTCPeerConnection({ iceServers: [] });
    peer = created;
    created.ontrack = ({ streams, track }) => {
      video.srcObject = streams[0] ?? new MediaStream([track]);
      // The wall-clock moment the first frame is shown (remoteFirstFrameMs in `npm run bench`).
      video.requestVideoFrameCallback(() => {
        video.dataset.firstFrameAt ??= String(Date.now());
      });
    };
    created.onicecandidate = ({ candidate }) => {
      const json = candidate?.toJSON();
      void send(
        json?.candidate
          ? { kind: 'candidate', candidate: { candidate: json.candidate, sdpMid: json.sdpMid ?? null, sdpMLineIndex: json.sdpMLineIndex ?? null } }
          : { kind: 'candidate' },
      );
    };
    created.onconnectionstatechange = () => {
      main.dataset.connection = created.connectionState;
    };
    await created.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
    const answer = await created.createAnswer();
    await created.setLocalDescription(answer);
    await send({ kind: 'answer', sdp: answer.sdp ?? '' });
  } else if (signal.kind === 'candidate' && peer) {
    await peer.addIceCandidate(signal.candidate ?? undefined).catch(() => undefined);
  } else if (signal.kind === 'bye') {
    finish();
  }
}

async function poll(): Promise<void> {
  let after = 0;
  while (!over) {
    let page: S['PortalSignalPage'];
    try {
      // The first look answers at once, so the state shows before anything happens.
      const waitMs = lastView === null ? 0 : WAIT_MS;
      const res = await fetch(`${API}/${encodeURIComponent(sessionId)}/signals?after=${after}&waitMs=${waitMs}`, { headers });
      if (!res.ok) {
        status.dataset.state = 'error';
        status.textContent = res.status === 401 ? 'Geen toegang: open de console met #token=…' : `De server antwoordde ${res.status}`;
        if (res.status === 401 || res.status === 404) return;
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      page = (await res.json()) as S['PortalSignalPage'];
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    for (const { seq, signal } of page.signals) {
      after = Math.max(after, seq);
      await apply(signal).catch((error: unknown) => console.warn('console: signal failed', signal.kind, error));
    }
    lastView = page.session;
    render();
  }
}

endButton.addEventListener('click', () => {
  void fetch(`${API}/${encodeURIComponent(sessionId)}`, { method: 'DELETE', headers });
});
// The view engine has no input channel: the device drops this and audits it.
// (The generated type of `input` is an object with no known keys; any object is what the API takes.)
const CLICK = { type: 'click', x: 0.5, y: 0.5 } as unknown as S['RemoteSignal']['input'];
clickButton.addEventListener('click', () => void send({ kind: 'input', input: CLICK }));

// Frames are counted a few times a second while the page is open (the tests read data-frames).
setInterval(render, 250);
void poll();
