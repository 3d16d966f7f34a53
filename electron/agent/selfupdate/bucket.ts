/**
 * This device's place in a staged rollout, 0–99: the first 4 bytes of SHA-256(deviceId) as an
 * unsigned big-endian integer, mod 100. Fixed by the device id, so a rollout that grows from 10 %
 * to 50 % never takes a device back, and the fleet spreads evenly over the places. node:crypto
 * (about 2 MB) loads here, at the first read of the feed, not at start.
 */
export async function bucketOf(deviceId: string): Promise<number> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(deviceId, 'utf8').digest().readUInt32BE(0) % 100;
}
