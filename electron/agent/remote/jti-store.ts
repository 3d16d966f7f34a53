import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';

/**
 * The request ids (`jti`) this PC has accepted, each remembered until its request expires (plus the
 * clock skew), in `<dataDir>/remote/seen-requests.json`, written and flushed BEFORE the prompt
 * shows: a replay after an agent restart finds it there. Expired ids are pruned at each write, so
 * the file holds only what arrived in the last few minutes. A damaged file is read as empty and
 * said in the log: the signature and `exp` checks still hold, and only a request of the last five
 * minutes could be replayed.
 */
const SeenFile = z.object({ version: z.literal(1), seen: z.record(z.string().max(64), z.number()) }).strict();
const FILE_MAX_BYTES = 1024 * 1024;

export interface JtiStore {
  /** True when `jti` was remembered and has not expired at `now`. */
  seen(jti: string, now: number): Promise<boolean>;
  /** Remembers `jti` until `until` (epoch ms); resolves once it is on disk. Throws when the disk refuses. */
  remember(jti: string, until: number, now: number): Promise<void>;
}

export function createJtiStore(dataDir: string, onDamaged: (detail: string) => void = () => {}): JtiStore {
  const path = join(dataDir, 'remote', 'seen-requests.json');
  let memory: Map<string, number> | null = null;

  async function load(): Promise<Map<string, number>> {
    if (memory) return memory;
    const read = await readJsonFile(path, { ownFile: { maxBytes: FILE_MAX_BYTES } });
    const parsed = read.ok ? SeenFile.safeParse(read.value) : null;
    if (!read.ok && !read.missing) onDamaged(read.detail);
    if (parsed && !parsed.success) onDamaged('not a list of request ids');
    memory = new Map(parsed?.success ? Object.entries(parsed.data.seen) : []);
    return memory;
  }

  return {
    async seen(jti, now) {
      const until = (await load()).get(jti);
      return until !== undefined && until > now;
    },
    async remember(jti, until, now) {
      const seen = await load();
      const next = new Map([...seen].filter(([, at]) => at > now));
      next.set(jti, until);
      await writeFileAtomic(path, JSON.stringify({ version: 1, seen: Object.fromEntries(next) }));
      memory = next;
    },
  };
}
