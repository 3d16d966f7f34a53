import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import openapi from '../../electron/agent/hallo-api/openapi.json';
import { operations } from '../../electron/agent/hallo-api/validator';

export type Security = 'none' | 'device' | 'portal';

/** Who may call an operation, as openapi.json says (operation security, else the global one). */
export function securityOf(operationId: string): Security {
  const schemes = operations.get(operationId)?.operation.security ?? openapi.security;
  if (schemes.length === 0) return 'none';
  return schemes.some((s) => 'portalToken' in s) ? 'portal' : 'device';
}

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(headers.authorization ?? '');
  return match ? match[1]! : null;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
