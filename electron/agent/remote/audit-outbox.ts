import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';
import type { HalloApi } from '../hallo-api/client';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { AuditEntry } from './audit-chain';
import { createRetryLoop } from './retry-loop';

/**
 * Sends the audit log to hallo, exactly once per entry: POST /remote-audit in batches of up to 100,
 * oldest first; `<dataDir>/remote/audit-sent.json` keeps the seq of the last batch hallo,
 * acknowledged, written after the 204. An entry written just before a crash is above the cursor
 * and goes at the next start; a batch whose answer was lost is sent again, and the API keeps each
 * entryId once, so nothing is lost and nothing doubles.
 */
export interface AuditOutbox {
  start(): Promise<void>;
  /** Something new to send, or the connection is back. */
  kick(): void;
  /** Resolves once no batch is out (a retry may still wait on the clock). */
  idle(): Promise<void>;
  /** Entries hallo, has not acknowledged yet. */
  unsent(): number;
  stop(): Promise<void>;
}

export const AUDIT_BATCH = 100;
const Cursor = z.object({ ackedSeq: z.number().int().min(0) }).strict();

export function createAuditOutbox(deps: {
  dataDir: string;
  clock: Clock;
  log: Logger;
  api(): HalloApi | null;
  entries(): readonly AuditEntry[];
  /** The count of unsent entries changed. */
  onChange(): void;
}): AuditOutbox {
  const path = join(deps.dataDir, 'remote', 'audit-sent.json');
  let ackedSeq = 0;
  const waiting = () => deps.entries().filter((entry) => entry.seq > ackedSeq);

  const loop = createRetryLoop({
    clock: deps.clock,
    log: deps.log,
    what: 'audit entries',
    async step() {
      const api = deps.api();
      const batch = waiting().slice(0, AUDIT_BATCH);
      if (!api || batch.length === 0) return 'idle';
      await api.sendRemoteAudit(batch);
      const seq = batch.at(-1)!.seq;
      await writeFileAtomic(path, JSON.stringify({ ackedSeq: seq }));
      ackedSeq = seq;
      deps.onChange();
      return 'more';
    },
  });

  return {
    async start() {
      const read = await readJsonFile(path, { ownFile: { maxBytes: 4096 } });
      const parsed = read.ok ? Cursor.safeParse(read.value) : null;
      // A damaged cursor sends everything again: the API keeps each entryId once.
      if (!read.ok && !read.missing) deps.log.warn('remote: the audit cursor is damaged; the whole log goes again', { detail: read.detail });
      ackedSeq = parsed?.success ? parsed.data.ackedSeq : 0;
      loop.kick();
    },
    kick: () => loop.kick(),
    idle: () => loop.idle(),
    unsent: () => waiting().length,
    stop: () => loop.stop(),
  };
}
