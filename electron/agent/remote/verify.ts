import { z } from 'zod';
import type { REMOTE_REFUSALS } from '../../contract';
import type { Policy } from '../hallo-api/types';
import type { JtiStore } from './jti-store';

// A technician's request (remote-session.requested) is judged here, once, before anything is
// shown. Only a request that passes every check reaches the consent machine; anything else is
// refused with a code of REMOTE_REFUSALS, audited, and never shown or answered (its sessionId
// cannot be trusted, so nothing is POSTed to its consent endpoint).

export type RemoteRefusal = (typeof REMOTE_REFUSALS)[number];

/**
 * The largest token looked at, checked before any parsing: a real request is about 700 characters
 * (header, claims with a 200-character name and a 500-character reason, signature, base64url).
 * The event stream lets a line of 1 MiB through (hallo-api/events-stream.ts); this limit is the one
 * that holds for a request.
 */
export const MAX_REQUEST_CHARS = 8 * 1024;
/** A request lives at most this long (hallo-agent-api.md: exp - iat <= 300 s). */
export const MAX_LIFETIME_SECONDS = 300;
/** How far this PC's clock may be off from hallo,'s, in either direction. */
export const CLOCK_SKEW_SECONDS = 60;

/** The payload, strictly: an unknown field is a request this agent does not understand (RemoteSessionRequestClaims). */
export const RequestClaims = z
  .object({
    iss: z.literal('hallo'),
    aud: z.string().min(1).max(128),
    jti: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    iat: z.number().int(),
    exp: z.number().int(),
    technician: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200) }).strict(),
    ticketNumber: z.number().int().min(1).optional(),
    reason: z.string().min(1).max(500),
    mode: z.enum(['view', 'control']),
  })
  .strict();
export type RequestClaims = z.infer<typeof RequestClaims>;

export type Verdict =
  | { ok: true; claims: RequestClaims }
  /** `sessionId`: only once the signature held (the request is hallo,'s own, e.g. an expired or replayed one). */
  | { ok: false; reason: RemoteRefusal; detail: string; sessionId?: string };

export interface VerifyInput {
  /** This PC's device id (state.connection.deviceId); null before enrolment: nothing is for us. */
  deviceId: string | null;
  signingKeys: Policy['remote']['signingKeys'];
  now: number;
  jti: JtiStore;
}

/** The signature part may be empty (`alg: none`), so that such a token is named for its algorithm. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Checks a request in this order: size, shape, algorithm (EdDSA only), a key, the signature, the
 * payload's schema, audience, lifetime, time, and last the replay (only a request that is hallo,'s
 * own and current is worth a line on disk). `jose` loads at the first request.
 */
export async function verifyRequest(token: unknown, input: VerifyInput): Promise<Verdict> {
  if (typeof token !== 'string') return refuse('malformed', 'not a string');
  if (token.length > MAX_REQUEST_CHARS) return refuse('too-large', `${token.length} characters (at most ${MAX_REQUEST_CHARS})`);
  if (!COMPACT_JWS.test(token)) return refuse('malformed', 'not a compact JWS');
  const jose = await import('jose');
  let header: ReturnType<typeof jose.decodeProtectedHeader>;
  try {
    header = jose.decodeProtectedHeader(token);
  } catch {
    return refuse('malformed', 'the header is not readable');
  }
  if (header.alg !== 'EdDSA') return refuse('bad-algorithm', `alg ${String(header.alg)}`);
  if (header.crit !== undefined) return refuse('malformed', 'crit headers are not understood');
  if (input.signingKeys.length === 0) return refuse('no-keys', 'the policy has no signing keys');
  const jwk = input.signingKeys.find((key) => key.kid === header.kid);
  if (!jwk) return refuse('unknown-kid', `kid ${typeof header.kid === 'string' ? header.kid.slice(0, 128) : 'missing'}`);
  let payload: Uint8Array;
  try {
    const key = await jose.importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'EdDSA');
    ({ payload } = await jose.compactVerify(token, key, { algorithms: ['EdDSA'] }));
  } catch (error) {
    return refuse('bad-signature', error instanceof Error ? error.name : 'not verified');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return refuse('malformed', 'the payload is not JSON');
  }
  const parsed = RequestClaims.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'payload';
    return refuse('malformed', `the payload fails its schema at ${where}`);
  }
  const claims = parsed.data;
  const sessionId = claims.jti;
  if (input.deviceId === null || claims.aud !== input.deviceId) return refuse('wrong-audience', 'for another device', sessionId);
  if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS) return refuse('lifetime-too-long', `${claims.exp - claims.iat} s`, sessionId);
  if (claims.exp <= claims.iat) return refuse('malformed', 'exp is not after iat', sessionId);
  const now = input.now / 1000;
  if (claims.iat > now + CLOCK_SKEW_SECONDS) return refuse('not-yet-valid', `issued ${Math.round(claims.iat - now)} s ahead`, sessionId);
  if (claims.exp + CLOCK_SKEW_SECONDS <= now) return refuse('expired', `expired ${Math.round(now - claims.exp)} s ago`, sessionId);
  if (await input.jti.seen(claims.jti, input.now)) return refuse('replayed', 'this request was seen before', sessionId);
  return { ok: true, claims };
}

/** When a verified request's id may be forgotten: it can no longer pass the expiry check. */
export function rememberUntil(claims: RequestClaims): number {
  return (claims.exp + CLOCK_SKEW_SECONDS) * 1000;
}

function refuse(reason: RemoteRefusal, detail: string, sessionId?: string): Verdict {
  return { ok: false, reason, detail, ...(sessionId !== undefined ? { sessionId } : {}) };
}
