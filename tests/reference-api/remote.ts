import { randomBytes } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { SigningKey } from './demo-policy';
import { problem, type Handler } from './http';

type S = components['schemas'];
const LIFETIME_SECONDS = 300;

export interface Signer {
  publicJwk: SigningKey;
  sign(claims: S['RemoteSessionRequestClaims']): Promise<string>;
}

/** The reference server's own Ed25519 key: its public half goes into the policy it serves. */
export async function createSigner(): Promise<Signer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `reference-${randomBytes(6).toString('base64url')}`;
  const jwk = await exportJWK(publicKey);
  const publicJwk: SigningKey = { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), kid, alg: 'EdDSA', use: 'sig' };
  return {
    publicJwk,
    sign: (claims) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .sign(privateKey),
  };
}

/** POST /portal/remote-sessions: sign the request and send it to the device's event stream. */
export function requestSession(signer: Signer): Handler {
  return async ({ store, streams, body }) => {
    const ask = body as S['PortalRemoteSessionRequest'];
    if (!store.devices.has(ask.deviceId)) return problem(404, 'unknown-device', `No device ${ask.deviceId}`);
    const sessionId = `rs_${ulid()}`;
    const iat = Math.floor(store.now() / 1000);
    const claims: S['RemoteSessionRequestClaims'] = {
      iss: 'hallo',
      aud: ask.deviceId,
      jti: sessionId,
      iat,
      exp: iat + LIFETIME_SECONDS,
      technician: ask.technician,
      ...(ask.ticketNumber !== undefined ? { ticketNumber: ask.ticketNumber } : {}),
      reason: ask.reason,
      mode: ask.mode,
    };
    const request = await signer.sign(claims);
    const expiresAt = new Date((iat + LIFETIME_SECONDS) * 1000).toISOString();
    store.sessions.set(sessionId, { sessionId, deviceId: ask.deviceId, mode: ask.mode, request, expiresAt, status: 'requested' });
    streams.emit(ask.deviceId, 'remote-session.requested', { request });
    const reply: S['PortalRemoteSession'] = { sessionId, request, expiresAt };
    return { status: 201, body: reply };
  };
}

/** DELETE /portal/remote-sessions/{sessionId}: the technician withdraws the request. */
export const cancelSession: Handler = ({ store, streams, params }) => {
  const session = store.sessions.get(params.sessionId!);
  if (!session) return problem(404, 'unknown-session', `No session ${params.sessionId}`);
  session.status = 'cancelled';
  streams.emit(session.deviceId, 'remote-session.cancelled', { sessionId: session.sessionId });
  return { status: 204 };
};

/** POST /remote-sessions/{sessionId}/consent: one answer per request, from the device it was for. */
export const consent: Handler = ({ store, params, body, device }) => {
  const session = store.sessions.get(params.sessionId!);
  if (!session || session.deviceId !== device!.deviceId) return problem(404, 'unknown-session', `No session ${params.sessionId}`);
  const answer = body as S['ConsentRequest'];
  store.received.consents.push({ deviceId: device!.deviceId, sessionId: session.sessionId, body: answer });
  if (session.status !== 'requested') return problem(409, 'session-not-pending', `The session is ${session.status}`);
  if (answer.decision === 'granted' && store.now() > Date.parse(session.expiresAt)) {
    session.status = 'expired';
    return problem(409, 'session-not-pending', 'The request expired before it was granted');
  }
  session.status = answer.decision;
  if (answer.decision !== 'granted') return { status: 200, body: {} satisfies S['ConsentResponse'] };
  const connection: S['RemoteConnection'] = {
    engine: 'reference',
    url: `https://remote.hallo.eu/reference/${session.sessionId}`,
    token: randomBytes(16).toString('base64url'),
    expiresAt: session.expiresAt,
  };
  return { status: 200, body: { connection } satisfies S['ConsentResponse'] };
};

/** POST /remote-sessions/{sessionId}/events: started/ended, kept for the audit trail. */
export const sessionEvent: Handler = ({ store, params, body, device }) => {
  const session = store.sessions.get(params.sessionId!);
  if (!session || session.deviceId !== device!.deviceId) return problem(404, 'unknown-session', `No session ${params.sessionId}`);
  store.received.sessionEvents.push({ deviceId: device!.deviceId, sessionId: session.sessionId, body: body as S['SessionEventRequest'] });
  return { status: 204 };
};
