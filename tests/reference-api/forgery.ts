import { createHmac } from 'node:crypto';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import type { REMOTE_REFUSALS } from '../../electron/contract/remote-state';
import { claimsFor, createSigner, REQUEST_LIFETIME_SECONDS, type Signer } from './remote';

type S = components['schemas'];

/**
 * The forged requests tests and demos can send (through POST /portal/devices/{id}/events), each
 * with the refusal the agent must give it. A replay needs no forging: send an earlier request's
 * `request` again.
 */
export const FORGERIES = {
  /** Signed by another key under the server's own kid. */
  'bad-signature': 'bad-signature',
  /** Signed by another key with a kid the policy does not list. */
  'unknown-kid': 'unknown-kid',
  /** For another device. */
  'wrong-audience': 'wrong-audience',
  /** Issued ten minutes ago, expired five minutes ago. */
  expired: 'expired',
  /** Issued ten minutes from now. */
  'not-yet-valid': 'not-yet-valid',
  /** Valid for an hour (exp - iat > 300). */
  'lifetime-too-long': 'lifetime-too-long',
  /** `alg: none`, no signature. */
  'alg-none': 'bad-algorithm',
  /** HS256 keyed with the public key: the algorithm-confusion attack. */
  'alg-hs256': 'bad-algorithm',
  /** Signed by the real key, but `mode: "admin"` fails the payload schema. */
  malformed: 'malformed',
  /** Signed by the real key, a megabyte of padding in the payload. */
  'too-large': 'too-large',
} as const satisfies Record<string, (typeof REMOTE_REFUSALS)[number]>;
export type Forgery = keyof typeof FORGERIES;

const TOO_LARGE_BYTES = 1024 * 1024;

/** A forged request for `ask.deviceId` (unknown to the server: consent for it gets 404). */
export async function forgeRequest(signer: Signer, kind: Forgery, ask: S['PortalRemoteSessionRequest'], now: number): Promise<{ request: string; sessionId: string }> {
  const sessionId = `rs_${ulid()}`;
  const iat = Math.floor(now / 1000);
  const claims = claimsFor(ask, sessionId, iat);
  const kid = signer.publicJwk.kid;
  const request = await (async () => {
    switch (kind) {
      case 'bad-signature':
        return (await createSigner(kid)).sign(claims);
      case 'unknown-kid':
        return (await createSigner()).sign(claims);
      case 'wrong-audience':
        return signer.sign({ ...claims, aud: `${ask.deviceId}-elsewhere` });
      case 'expired':
        return signer.sign({ ...claims, iat: iat - 600, exp: iat - 600 + REQUEST_LIFETIME_SECONDS });
      case 'not-yet-valid':
        return signer.sign({ ...claims, iat: iat + 600, exp: iat + 600 + REQUEST_LIFETIME_SECONDS });
      case 'lifetime-too-long':
        return signer.sign({ ...claims, exp: iat + 3600 });
      case 'alg-none':
        return `${part({ alg: 'none', kid, typ: 'JWT' })}.${part(claims)}.`;
      case 'alg-hs256': {
        const input = `${part({ alg: 'HS256', kid, typ: 'JWT' })}.${part(claims)}`;
        return `${input}.${createHmac('sha256', signer.publicJwk.x).update(input).digest('base64url')}`;
      }
      case 'malformed':
        return signer.sign({ ...claims, mode: 'admin' });
      case 'too-large':
        return signer.sign({ ...claims, padding: 'x'.repeat(TOO_LARGE_BYTES) });
    }
  })();
  return { request, sessionId };
}

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
