import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';

// When this PC last reached the API, kept across restarts: after a reboot the admin view says
// "Laatste contact: gisteren 17:02", not "–", until the first new contact. Not a secret.

const LastContact = z.object({ at: z.iso.datetime() });
const lastContactPath = (dataDir: string) => join(dataDir, 'last-contact.json');

/** The remembered time (RFC 3339), or null when there is none or it cannot be read. */
export async function readLastContact(dataDir: string): Promise<string | null> {
  const read = await readJsonFile(lastContactPath(dataDir));
  const parsed = read.ok ? LastContact.safeParse(read.value) : null;
  return parsed?.success ? parsed.data.at : null;
}

export async function saveLastContact(dataDir: string, at: string): Promise<void> {
  await writeFileAtomic(lastContactPath(dataDir), JSON.stringify({ at }));
}
