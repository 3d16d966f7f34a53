import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJtiStore } from '../../../electron/agent/remote/jti-store';
import { rememberUntil, verifyRequest, type RemoteRefusal } from '../../../electron/agent/remote/verify';
import { claimsFor, createTestSigner, unsecured, type TestSigner } from './signer';
import { useDataFolders } from './folders';

const dataDir = useDataFolders('remote-verify');
const DEVICE = 'dev_01HXYZ';
const NOW = Date.parse('2026-12-07T10:00:00Z');
let hallo: TestSigner;
let stranger: TestSigner;

beforeAll(async () => {
  hallo = await createTestSigner('hallo-2026-01');
  stranger = await createTestSigner('hallo-2026-01'); // same kid, another key: a forgery
});

async function verify(token: unknown, opts: { dir?: string; keys?: TestSigner[]; now?: number } = {}) {
  const dir = opts.dir ?? (await dataDir());
  return verifyRequest(token, {
    deviceId: DEVICE,
    signingKeys: (opts.keys ?? [hallo]).map((key) => key.publicJwk),
    now: opts.now ?? NOW,
    jti: createJtiStore(dir),
  });
}

const hs256 = (claims: unknown) => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signing = `${b64({ alg: 'HS256', kid: 'hallo-2026-01' })}.${b64(claims)}`;
  // HMAC keyed with the public key's x: the classic algorithm-confusion forgery.
  return `${signing}.${createHmac('sha256', hallo.publicJwk.x).update(signing).digest('base64url')}`;
};

function changeSignature(jws: string): string {
  const at = jws.lastIndexOf('.') + 10;
  return jws.slice(0, at) + (jws[at] === 'A' ? 'B' : 'A') + jws.slice(at + 1);
}

describe('verifyRequest: a request is refused before anything is shown', () => {
  const table: [string, () => Promise<unknown>, RemoteRefusal, { keys?: () => TestSigner[] }?][] = [
    ['signed by another key under a known kid', () => stranger.sign(claimsFor(DEVICE, NOW)), 'bad-signature'],
    // One character early in the signature: the last one of 86 carries 4 unused bits, so changing it may change nothing.
    ['a signature changed in one place', async () => changeSignature(await hallo.sign(claimsFor(DEVICE, NOW))), 'bad-signature'],
    ['a kid the policy does not list', async () => (await createTestSigner('other-kid')).sign(claimsFor(DEVICE, NOW)), 'unknown-kid'],
    ['for another device', () => hallo.sign(claimsFor('dev_other', NOW)), 'wrong-audience'],
    ['expired beyond the clock skew', () => hallo.sign(claimsFor(DEVICE, NOW - 400_000)), 'expired'],
    ['issued in the future beyond the skew', () => hallo.sign(claimsFor(DEVICE, NOW + 120_000)), 'not-yet-valid'],
    ['valid for more than 300 s', () => hallo.sign({ ...claimsFor(DEVICE, NOW), exp: NOW / 1000 + 301 }), 'lifetime-too-long'],
    ['alg none', async () => unsecured(claimsFor(DEVICE, NOW)), 'bad-algorithm'],
    ['alg HS256 keyed with the public key', async () => hs256(claimsFor(DEVICE, NOW)), 'bad-algorithm'],
    ['a payload with a field the schema does not know', () => hallo.sign({ ...claimsFor(DEVICE, NOW), scope: 'everything' }), 'malformed'],
    ['a payload without a technician', () => hallo.sign({ ...claimsFor(DEVICE, NOW), technician: undefined }), 'malformed'],
    ['another issuer', () => hallo.sign({ ...claimsFor(DEVICE, NOW), iss: 'evil' }), 'malformed'],
    ['not a JWS at all', async () => 'hello', 'malformed'],
    ['not a string', async () => ({ request: 1 }), 'malformed'],
    ['a token of a megabyte', async () => `${'a'.repeat(1024 * 1024)}.b.c`, 'too-large'],
    ['a token just over the limit', async () => `${'a'.repeat(8 * 1024)}.b.c`, 'too-large'],
    ['no signing keys in the policy', () => hallo.sign(claimsFor(DEVICE, NOW)), 'no-keys', { keys: () => [] }],
  ];

  it.each(table.map(([name, make, reason, opts]) => [`${name} → ${reason}`, make, reason, opts] as const))('%s', async (_name, make, reason, opts) => {
    const verdict = await verify(await make(), opts?.keys ? { keys: opts.keys() } : {});
    expect(verdict).toMatchObject({ ok: false, reason });
  });

  it('accepts hallo,\'s own request within the skew, with its claims', async () => {
    const claims = claimsFor(DEVICE, NOW + 50_000); // issued 50 s "ahead" of this PC's clock
    const verdict = await verify(await hallo.sign(claims));
    expect(verdict).toEqual({ ok: true, claims });
  });

  it('names the session only when the signature held', async () => {
    const expired = claimsFor(DEVICE, NOW - 400_000);
    expect(await verify(await hallo.sign(expired))).toMatchObject({ reason: 'expired', sessionId: expired.jti });
    expect(await verify(await stranger.sign(claimsFor(DEVICE, NOW)))).not.toHaveProperty('sessionId');
  });

  it('refuses a replayed request, also after an agent restart (a new store on the same folder)', async () => {
    const dir = await dataDir();
    const claims = claimsFor(DEVICE, NOW);
    const token = await hallo.sign(claims);
    const first = createJtiStore(dir);
    const verdict = await verifyRequest(token, { deviceId: DEVICE, signingKeys: [hallo.publicJwk], now: NOW, jti: first });
    expect(verdict.ok).toBe(true);
    await first.remember(claims.jti, rememberUntil(claims), NOW);
    expect(await verify(token, { dir, now: NOW + 1_000 })).toMatchObject({ ok: false, reason: 'replayed' });
    // A restarted agent reads the folder anew.
    const again = await verifyRequest(token, { deviceId: DEVICE, signingKeys: [hallo.publicJwk], now: NOW + 2_000, jti: createJtiStore(dir) });
    expect(again).toMatchObject({ ok: false, reason: 'replayed', sessionId: claims.jti });
  });
});
