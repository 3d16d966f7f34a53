import { createHash } from 'node:crypto';

/**
 * The six digits the technician reads out on the phone, so that the employee knows the request on
 * the screen is the one being talked about: derived from the signed request itself (the first
 * four bytes of SHA-256 over the compact JWS, modulo a million), so that the agent and hallo,
 * compute the same code without sending it. Shown in two groups of three ("482 913") because
 * that is how people read numbers out. A forger cannot choose the code without the signing key;
 * it names the request, it is no secret. The agent imports this file with the first request only
 * (node:crypto is about 2 MB the idle agent does not carry).
 */
export function shortCode(compactJws: string): string {
  const digest = createHash('sha256').update(compactJws, 'utf8').digest();
  const digits = String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
