import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';
import type { SecretStore } from '../ports';

/** What enrolment gave this PC. The token is a secret; the rest is not, but belongs with it. */
export interface Enrolment {
  deviceId: string;
  token: string;
  tenantName: string | null;
  /** The API that issued the token: a token from another API is worth nothing there. */
  apiUrl: string | null;
}

export const TOKEN_SECRET = 'device-token';
export const DEVICE_ID_SECRET = 'device-id';

const Details = z.object({ apiUrl: z.string().nullable(), tenantName: z.string().nullable() });
const detailsPath = (dataDir: string) => join(dataDir, 'enrolment.json');

/** The stored enrolment, or null when there is none (or it cannot be read: then we enrol anew). */
export async function readEnrolment(secrets: SecretStore, dataDir: string): Promise<Enrolment | null> {
  const [token, deviceId] = await Promise.all([secrets.get(TOKEN_SECRET), secrets.get(DEVICE_ID_SECRET)]);
  if (!token || !deviceId) return null;
  const read = await readJsonFile(detailsPath(dataDir));
  const details = read.ok ? Details.safeParse(read.value) : null;
  return {
    deviceId,
    token,
    tenantName: details?.success ? details.data.tenantName : null,
    apiUrl: details?.success ? details.data.apiUrl : null,
  };
}

/** Token first: a device id without its token is useless. */
export async function saveEnrolmentSecrets(secrets: SecretStore, enrolment: Enrolment): Promise<void> {
  await secrets.set(TOKEN_SECRET, enrolment.token);
  await secrets.set(DEVICE_ID_SECRET, enrolment.deviceId);
}

/** The details are not secret; a token without them still works (against the configured API). */
export async function saveEnrolmentDetails(dataDir: string, enrolment: Enrolment): Promise<void> {
  await writeFileAtomic(detailsPath(dataDir), JSON.stringify({ apiUrl: enrolment.apiUrl, tenantName: enrolment.tenantName }));
}
