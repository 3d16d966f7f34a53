import { createHash } from 'node:crypto';

/**
 * The short code the technician reads out on the phone ("482 913"): six digits of SHA-256 over
 * the compact JWS as it arrived, so the employee's consent window and the technician's console
 * (the reference server's console page) derive the same code from the same signed request, and
 * no other request has it but by a one-in-a-million chance. Loaded with the first request only
 * (node:crypto is about 2 MB the idle agent does not carry).
 */
export function shortCode(compactJws: string): string {
  const digest = createHash('sha256').update(compactJws, 'utf8').digest();
  const digits = String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
