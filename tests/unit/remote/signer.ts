import type { RequestClaims } from '../../../electron/agent/remote/verify';
import { createSigner, type Signer } from '../../reference-api/remote';

// Plays hallo,'s signing service for the remote tests with the reference server's signer: an
// Ed25519 key whose public half goes into the policy, and requests signed as hallo, signs them
// (or, on purpose, not).

export type TestSigner = Signer;

export function createTestSigner(kid = 'test-2026-01'): Promise<TestSigner> {
  return createSigner(kid);
}

/** A request as hallo, sends it: valid for 300 s from `nowMs`, for `deviceId`. */
export function claimsFor(deviceId: string, nowMs: number, more: Partial<RequestClaims> = {}): RequestClaims {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: 'hallo',
    aud: deviceId,
    jti: `rs_${iat}_${Math.random().toString(36).slice(2, 10)}`,
    iat,
    exp: iat + 300,
    technician: { id: 't-1', name: 'Jan van hallo,' },
    ticketNumber: 4711,
    reason: 'Outlook start niet',
    mode: 'view',
    ...more,
  };
}

/** The unsigned token `alg: none` makes (jose refuses to make one). */
export function unsecured(claims: unknown): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}
