/**
 * The six digits the technician reads out on the phone, so that the employee knows the request on
 * the screen is the one being talked about: derived from the signed request itself (the first
 * four bytes of SHA-256 over the compact JWS, modulo a million), so that the agent and hallo,
 * compute the same code without sending it. Shown in two groups of three ("482 913") because
 * that is how people read numbers out. A forger cannot choose the code without the signing key;
 * it names the request, it is no secret. node:crypto (about 2 MB) is fetched at the first call,
 * not imported: the app's main bundle inlines this file, and a static import there would load it
 * at every start (tests/integration/start-modules.test.ts).
 */
export function shortCode(compactJws: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  const digest = createHash('sha256').update(compactJws, 'utf8').digest();
  const digits = String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
