import { z } from 'zod';
import { REMOTE_AUDIT_KINDS } from '../../contract';

// The audit log's chain, pure: each entry carries the previous entry's hash and its own, SHA-256
// over the previous hash and the entry's canonical JSON without `hash`. An edited line no longer
// matches its hash; a removed line leaves the next one pointing at a hash that is not there.
// A removed last line is caught by the head the log keeps beside the file (audit-log.ts).

export const GENESIS_HASH = '0'.repeat(64);

const Param = z.union([z.string().max(500), z.number(), z.boolean()]);
export const AuditEntry = z
  .object({
    entryId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    seq: z.number().int().min(1),
    at: z.string().max(40),
    kind: z.enum(REMOTE_AUDIT_KINDS),
    sessionId: z.string().max(64).optional(),
    params: z.record(z.string(), Param),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
/** One line of the log, as it is also sent to the API (RemoteAuditEntry). */
export type AuditEntry = z.infer<typeof AuditEntry>;
export type AuditParams = AuditEntry['params'];

/** SHA-256 of a text, hex. node:crypto loads with the first entry (loadSha256). */
export type Sha256 = (text: string) => string;

export async function loadSha256(): Promise<Sha256> {
  const { createHash } = await import('node:crypto');
  return (text) => createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with the keys of every object sorted: the same entry always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entry with its hash. */
export function seal(entry: Omit<AuditEntry, 'hash'>, sha256: Sha256): AuditEntry {
  return { ...entry, hash: sha256(entry.prevHash + canonical(entry)) };
}

export interface ChainCheck {
  /** The entries up to the first that does not follow, oldest first. */
  good: AuditEntry[];
  /** The seq of the first line that does not follow (or the one expected there); null: intact. */
  brokenAtSeq: number | null;
}

/**
 * Reads the log's text line by line. Seqs only grow (a chain-broken entry continues after the
 * highest seq ever used, so the API never sees one seq twice); each line must name the previous
 * line's hash and match its own.
 */
export function checkChain(text: string, sha256: Sha256): ChainCheck {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const good: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const line of lines) {
    const parsed = parseLine(line);
    const ok =
      parsed !== null && parsed.seq > prevSeq && parsed.prevHash === prevHash && seal(withoutHash(parsed), sha256).hash === parsed.hash;
    if (!ok) return { good, brokenAtSeq: parsed?.seq ?? prevSeq + 1 };
    good.push(parsed);
    prevHash = parsed.hash;
    prevSeq = parsed.seq;
  }
  return { good, brokenAtSeq: null };
}

function parseLine(line: string): AuditEntry | null {
  try {
    const parsed = AuditEntry.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function withoutHash(entry: AuditEntry): Omit<AuditEntry, 'hash'> {
  const { hash: _hash, ...rest } = entry;
  return rest;
}
