import { randomBytes } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { SigningKey } from './demo-policy';

type S = components['schemas'];
/** How long a request is valid: the longest the agent accepts (exp - iat <= 300 s). */
export const REQUEST_LIFETIME_SECONDS = 300;

export interface Signer {
  publicJwk: SigningKey;
  /** Signs `claims` as hallo, does (EdDSA, the policy's kid); `header` overrides, for forgeries. */
  sign(claims: unknown, header?: { kid?: string }): Promise<string>;
}

/** The reference server's own Ed25519 key: its public half goes into the policy it serves. */
export async function createSigner(kid = `reference-${randomBytes(6).toString('base64url')}`): Promise<Signer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const publicJwk: SigningKey = { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), kid, alg: 'EdDSA', use: 'sig' };
  return {
    publicJwk,
    sign: (claims, header) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'EdDSA', kid: header?.kid ?? kid, typ: 'JWT' })
        .sign(privateKey),
  };
}

/** The claims of a request as the portal signs it, issued at `iat` (seconds). */
export function claimsFor(ask: S['PortalRemoteSessionRequest'], sessionId: string, iat: number): S['RemoteSessionRequestClaims'] {
  return {
    iss: 'hallo',
    aud: ask.deviceId,
    jti: sessionId,
    iat,
    exp: iat + REQUEST_LIFETIME_SECONDS,
    technician: ask.technician,
    ...(ask.ticketNumber !== undefined ? { ticketNumber: ask.ticketNumber } : {}),
    reason: ask.reason,
    mode: ask.mode,
  };
}
