import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../files';
import { ApiError } from '../hallo-api/api-error';
import type { HalloApi } from '../hallo-api/client';
import type { ConsentRequest, SessionEventRequest } from '../hallo-api/types';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { createRetryLoop } from './retry-loop';

/**
 * What hallo, must hear about a request or a session and may hear late: a consent that is not
 * `granted` (denied, expired: nothing waits for its answer) and the session events `started` and
 * `ended`. Kept in `<dataDir>/remote/calls.json` (written atomically before the call is said to be
 * made) and sent in order, retried with the connection's backoff, removed after the API took it;
 * a dropped event stream or a crash loses none. A call the API refuses for good (4xx: the session
 * is unknown or over) is dropped and logged: sending it again cannot change the answer. hallo,
 * records a session's `started`/`ended` once per session, so a call whose answer was lost and that
 * goes again does not double.
 */
export type RemoteCall =
  | { kind: 'consent'; sessionId: string; body: ConsentRequest }
  | { kind: 'event'; sessionId: string; body: SessionEventRequest };

export interface CallOutbox {
  start(): Promise<void>;
  /** Resolves once the call is on disk; then it goes as soon as the API can be reached. */
  add(call: RemoteCall): Promise<void>;
  kick(): void;
  idle(): Promise<void>;
  pending(): readonly RemoteCall[];
  stop(): Promise<void>;
}

const CallsFile = z
  .object({
    version: z.literal(1),
    calls: z.array(
      z.object({ kind: z.enum(['consent', 'event']), sessionId: z.string().max(64), body: z.record(z.string(), z.unknown()) }).strict(),
    ).max(1000),
  })
  .strict();

export function createCallOutbox(deps: { dataDir: string; clock: Clock; log: Logger; api(): HalloApi | null }): CallOutbox {
  const path = join(deps.dataDir, 'remote', 'calls.json');
  let calls: RemoteCall[] = [];
  let writes: Promise<void> = Promise.resolve();
  const save = (next: RemoteCall[]) => {
    calls = next;
    const done = writes.then(() => writeFileAtomic(path, JSON.stringify({ version: 1, calls: next })));
    writes = done.catch(() => undefined);
    return done;
  };

  const loop = createRetryLoop({
    clock: deps.clock,
    log: deps.log,
    what: 'consent and session events',
    async step() {
      const api = deps.api();
      const call = calls[0];
      if (!api || !call) return 'idle';
      try {
        if (call.kind === 'consent') await api.consent(call.sessionId, call.body);
        else await api.sessionEvent(call.sessionId, call.body);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'http-4xx')) throw error;
        deps.log.warn('remote: hallo, refused a call for good; dropped', { kind: call.kind, sessionId: call.sessionId, error: String(error) });
      }
      await save(calls.filter((c) => c !== call));
      return 'more';
    },
  });

  return {
    async start() {
      const read = await readJsonFile(path, { ownFile: { maxBytes: 1024 * 1024 } });
      const parsed = read.ok ? CallsFile.safeParse(read.value) : null;
      if ((!read.ok && !read.missing) || (parsed && !parsed.success)) deps.log.error('remote: the calls file is damaged; its calls are lost', {});
      // The bodies were checked when they were made; the API's validator checks them again on the way out.
      calls = parsed?.success ? (parsed.data.calls as RemoteCall[]) : [];
      loop.kick();
    },
    async add(call) {
      await save([...calls, call]);
      loop.kick();
    },
    kick: () => loop.kick(),
    idle: () => loop.idle(),
    pending: () => calls,
    stop: async () => {
      await loop.stop();
      await writes;
    },
  };
}
