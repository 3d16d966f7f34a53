import { constants } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { REMOTE_AUDIT_KINDS } from '../../contract';
import { readJsonFile, readOwnFile, syncDir, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { newUlid } from '../platform/ids';
import type { Clock } from '../ports';
import { checkChain, GENESIS_HASH, loadSha256, seal, type AuditEntry, type AuditParams, type Sha256 } from './audit-chain';

/**
 * The remote-support audit log: `<dataDir>/remote/audit.jsonl`, one entry per line, appended and
 * flushed (fsync) before the entry counts, chained by hash (audit-chain.ts). Beside it
 * `audit-head.json`, the last entry's seq and hash, so that a removed last line is found too.
 * Checked at start and on each read (diagnostics). A break is never repaired in place: the
 * damaged file is moved aside (`audit-damaged-<when>.jsonl`, for admins), the log goes on from the
 * last good entry with a `chain-broken` entry that names the first bad seq and the kept file,
 * and the slice says `broken` for as long as that entry is in the log.
 */
export interface AuditLog {
  load(): Promise<void>;
  /** Appends one entry; resolves once it is on disk. Throws when the disk refuses. */
  append(kind: AuditKind, sessionId: string | null, params: AuditParams): Promise<AuditEntry>;
  /** Reads the file again and checks the chain (a break found now is handled as at start). */
  recheck(): Promise<void>;
  /** Every good entry, oldest first. */
  entries(): readonly AuditEntry[];
  chain(): { chain: 'intact' | 'broken'; brokenAtSeq: number | null };
}

export type AuditKind = (typeof REMOTE_AUDIT_KINDS)[number];

const Head = z.object({ seq: z.number().int().min(0), hash: z.string().max(64) }).strict();
/** Far beyond years of requests (an entry is about 400 bytes); a planted giant is not read. */
const LOG_MAX_BYTES = 32 * 1024 * 1024;
// O_NOFOLLOW: a link planted in our folder must not receive the log (POSIX; 0 on Windows).
const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

export function createAuditLog(deps: { dataDir: string; clock: Clock; log: Logger }): AuditLog {
  const dir = join(deps.dataDir, 'remote');
  const path = join(dir, 'audit.jsonl');
  const headPath = join(dir, 'audit-head.json');
  let sha256: Sha256 | null = null;
  let good: AuditEntry[] = [];
  /** The highest seq ever used, also by lines now in a damaged file: seqs never repeat. */
  let highestSeq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const hasher = async () => (sha256 ??= await loadSha256());

  async function readText(): Promise<{ text: string } | { missing: true } | { unreadable: string }> {
    try {
      return { text: await readOwnFile(path, LOG_MAX_BYTES) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? { missing: true } : { unreadable: code ?? String(error) };
    }
  }

  async function check(): Promise<void> {
    const read = await readText();
    const head = await readJsonFile(headPath, { ownFile: { maxBytes: 4096 } });
    const headValue = head.ok ? Head.safeParse(head.value) : null;
    if ('missing' in read) {
      good = [];
      // No log but a head that says there were entries: the whole file went.
      if (headValue?.success && headValue.data.seq > 0) await breakAt(1, headValue.data.seq, null);
      return;
    }
    if ('unreadable' in read) {
      deps.log.error('remote: the audit log cannot be read', { detail: read.unreadable });
      good = [];
      await breakAt(1, headValue?.success ? headValue.data.seq : 0, null);
      return;
    }
    const found = checkChain(read.text, await hasher());
    good = found.good;
    const last = good.at(-1);
    const seqsInFile = [...read.text.matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1]));
    highestSeq = Math.max(highestSeq, ...seqsInFile, headValue?.success ? headValue.data.seq : 0);
    let brokenAtSeq = found.brokenAtSeq;
    if (brokenAtSeq === null && headValue?.success) {
      const { seq, hash } = headValue.data;
      // The head may lag by the one entry appended just before a crash, never lead.
      const atHead = good.find((entry) => entry.seq === seq);
      if (seq > (last?.seq ?? 0)) brokenAtSeq = (last?.seq ?? 0) + 1;
      else if (seq > 0 && atHead?.hash !== hash) brokenAtSeq = seq;
    }
    if (brokenAtSeq !== null) await breakAt(brokenAtSeq, highestSeq, read.text);
  }

  /** Keeps the damaged file aside, writes the good part anew and says where it broke. */
  async function breakAt(brokenAtSeq: number, seenSeq: number, text: string | null): Promise<void> {
    highestSeq = Math.max(highestSeq, seenSeq);
    const keptAs = `audit-damaged-${new Date(deps.clock.now()).toISOString().replace(/[-:.]/g, '')}.jsonl`;
    if (text !== null) await rename(path, join(dir, keptAs));
    deps.log.error('remote: the audit chain is broken; the damaged log is kept aside', { brokenAtSeq, keptAs: text !== null ? keptAs : null });
    await writeFileAtomic(path, good.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    await write('chain-broken', null, { brokenAtSeq, ...(text !== null ? { keptAs } : {}) });
  }

  async function write(kind: AuditKind, sessionId: string | null, params: AuditParams): Promise<AuditEntry> {
    const last = good.at(-1);
    const entry = seal(
      {
        entryId: await newUlid(deps.clock.now()),
        seq: Math.max(highestSeq, last?.seq ?? 0) + 1,
        at: new Date(deps.clock.now()).toISOString(),
        kind,
        ...(sessionId !== null ? { sessionId } : {}),
        params,
        prevHash: last?.hash ?? GENESIS_HASH,
      },
      await hasher(),
    );
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(path, APPEND, 0o600);
    try {
      const fresh = (await handle.stat()).size === 0;
      await handle.write(`${JSON.stringify(entry)}\n`);
      await handle.sync(); // flushed before it counts
      if (fresh) await syncDir(dir);
    } finally {
      await handle.close();
    }
    good = [...good, entry];
    highestSeq = entry.seq;
    await writeFileAtomic(headPath, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
    return entry;
  }

  return {
    load: () => serial(check),
    recheck: () => serial(check),
    append: (kind, sessionId, params) => serial(() => write(kind, sessionId, params)),
    entries: () => good,
    chain() {
      const mark = good.findLast((entry) => entry.kind === 'chain-broken');
      const at = mark?.params.brokenAtSeq;
      return mark ? { chain: 'broken', brokenAtSeq: typeof at === 'number' ? at : null } : { chain: 'intact', brokenAtSeq: null };
    },
  };
}
