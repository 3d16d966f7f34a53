import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/agent/hallo-api/api-error';
import type { HalloApi } from '../../../electron/agent/hallo-api/client';
import type { RemoteAuditEntry } from '../../../electron/agent/hallo-api/types';
import { createLogger } from '../../../electron/agent/log';
import { createAuditLog } from '../../../electron/agent/remote/audit-log';
import { createAuditOutbox } from '../../../electron/agent/remote/audit-outbox';
import { createFakeClock, type FakeClock } from '../../doubles/fake-clock';
import { useDataFolders } from './folders';

const dataDir = useDataFolders('remote-outbox');

/** hallo,'s side of POST /remote-audit: keeps each entryId once; each call answers as scripted. */
class FakeAuditApi {
  readonly kept = new Map<string, RemoteAuditEntry>();
  calls = 0;
  /** What the next calls do: 'ok', 'fail' (5xx, nothing kept), 'network', 'lost' (kept, then the answer is lost). */
  script: ('ok' | '5xx' | 'network' | 'lost')[] = [];

  readonly api = {
    sendRemoteAudit: async (entries: RemoteAuditEntry[]) => {
      this.calls++;
      const next = this.script.shift() ?? 'ok';
      if (next === '5xx') throw new ApiError('http-5xx', 'Service Unavailable', 503);
      if (next === 'network') throw new ApiError('network', 'ECONNREFUSED');
      for (const entry of entries) if (!this.kept.has(entry.entryId)) this.kept.set(entry.entryId, entry);
      if (next === 'lost') throw new ApiError('timeout', 'no answer in time');
    },
  } as unknown as HalloApi;
}

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const one of running.splice(0)) await one.stop();
});

async function agentOn(dir: string, clock: FakeClock, api: HalloApi | null) {
  const log = createLogger({ file: null, clock });
  const audit = createAuditLog({ dataDir: dir, clock, log });
  await audit.load();
  const outbox = createAuditOutbox({ dataDir: dir, clock, log, api: () => api, entries: () => audit.entries(), onChange: () => {} });
  running.push(outbox);
  await outbox.start();
  return { audit, outbox };
}

/** Lets the outbox work: its disk writes are real, its waits are on the fake clock. */
async function drain(clock: FakeClock, outbox: { idle(): Promise<void> }) {
  for (let round = 0; round < 50; round++) {
    await outbox.idle();
    if (clock.pending().length === 0) return;
    await clock.runAll();
  }
  throw new Error('the outbox did not settle');
}

async function writeEntries(audit: Awaited<ReturnType<typeof agentOn>>['audit'], count: number) {
  for (let i = 0; i < count; i++) await audit.append('request-refused', null, { reason: 'bad-signature' });
}

describe('the audit outbox: every entry reaches hallo, exactly once', () => {
  it('sends in order through failures, a lost answer and 5xx, and the server holds each entry once', async () => {
    const dir = await dataDir();
    const clock = createFakeClock();
    const server = new FakeAuditApi();
    server.script = ['network', '5xx', 'lost', 'ok'];
    const { audit, outbox } = await agentOn(dir, clock, server.api);
    await writeEntries(audit, 150);
    outbox.kick();
    await drain(clock, outbox);
    expect([...server.kept.values()].map((entry) => entry.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // network, 5xx, lost (kept, answer lost), the first batch again, the second batch.
    expect(server.calls).toBe(5);
    expect(outbox.unsent()).toBe(0);
  }, 30_000); // 150 entries, each written and synced to disk: seconds on a loaded machine

  it('sends after a restart what was written before the agent was killed, and nothing already acknowledged', async () => {
    const dir = await dataDir();
    const clock = createFakeClock();
    const server = new FakeAuditApi();
    const first = await agentOn(dir, clock, server.api);
    await writeEntries(first.audit, 3);
    first.outbox.kick();
    await drain(clock, first.outbox);
    expect(server.kept.size).toBe(3);
    await first.outbox.stop();

    // Offline: two more are written, then the agent dies before it could send them.
    const offline = await agentOn(dir, clock, null);
    await writeEntries(offline.audit, 2);
    expect(offline.outbox.unsent()).toBe(2);

    const calls = server.calls;
    const back = await agentOn(dir, clock, server.api);
    await drain(clock, back.outbox);
    expect(server.calls).toBe(calls + 1);
    expect([...server.kept.values()].map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(back.outbox.unsent()).toBe(0);
  });
});
