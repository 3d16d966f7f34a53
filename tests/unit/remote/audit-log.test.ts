import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/agent/log';
import { createAuditLog } from '../../../electron/agent/remote/audit-log';
import { createFakeClock } from '../../doubles/fake-clock';
import { useDataFolders } from './folders';

const dataDir = useDataFolders('remote-audit');

/** An agent's audit log on `dir`, loaded as at start. */
async function openLog(dir: string) {
  const clock = createFakeClock();
  const log = createAuditLog({ dataDir: dir, clock, log: createLogger({ file: null, clock }) });
  await log.load();
  return log;
}

async function withFive(dir: string) {
  const log = await openLog(dir);
  await log.append('request-received', 'rs_1', { technician: 'Jan' });
  await log.append('consent', 'rs_1', { decision: 'granted', mode: 'view' });
  await log.append('session-started', 'rs_1', {});
  await log.append('session-ended', 'rs_1', { by: 'user', reason: 'ended' });
  await log.append('request-refused', null, { reason: 'bad-signature' });
  return log;
}

const file = (dir: string) => join(dir, 'remote', 'audit.jsonl');
const lines = async (dir: string) => (await readFile(file(dir), 'utf8')).trimEnd().split('\n');

describe('the audit log: tamper-evident', () => {
  it('keeps an intact chain across a restart and goes on from it', async () => {
    const dir = await dataDir();
    await withFive(dir);
    const again = await openLog(dir);
    expect(again.chain()).toEqual({ chain: 'intact', brokenAtSeq: null });
    const next = await again.append('request-received', 'rs_2', {});
    expect(next.seq).toBe(6);
    expect(next.prevHash).toBe(again.entries()[4]!.hash);
    expect((await openLog(dir)).chain().chain).toBe('intact');
  });

  it('finds an edited line, keeps the damaged file aside and says where it broke', async () => {
    const dir = await dataDir();
    await withFive(dir);
    const edited = (await lines(dir)).map((line, i) => (i === 1 ? line.replace('"granted"', '"denied"') : line));
    await writeFile(file(dir), `${edited.join('\n')}\n`);

    const log = await openLog(dir);
    expect(log.chain()).toEqual({ chain: 'broken', brokenAtSeq: 2 });
    const last = log.entries().at(-1)!;
    expect(last).toMatchObject({ kind: 'chain-broken', seq: 6, prevHash: log.entries()[0]!.hash, params: { brokenAtSeq: 2 } });
    const kept = (await readdir(join(dir, 'remote'))).filter((name) => name.startsWith('audit-damaged-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, 'remote', kept[0]!), 'utf8')).toContain('"denied"'); // never repaired
    // Still said after another restart: the chain-broken entry stays in the log.
    expect((await openLog(dir)).chain()).toEqual({ chain: 'broken', brokenAtSeq: 2 });
  });

  it('finds a removed line', async () => {
    const dir = await dataDir();
    await withFive(dir);
    const removed = (await lines(dir)).filter((_, i) => i !== 2);
    await writeFile(file(dir), `${removed.join('\n')}\n`);
    expect((await openLog(dir)).chain()).toEqual({ chain: 'broken', brokenAtSeq: 4 });
  });

  it('finds a removed last line by the head kept beside the log', async () => {
    const dir = await dataDir();
    await withFive(dir);
    await writeFile(file(dir), `${(await lines(dir)).slice(0, 4).join('\n')}\n`);
    expect((await openLog(dir)).chain()).toEqual({ chain: 'broken', brokenAtSeq: 5 });
  });

  it('finds a log that was deleted whole', async () => {
    const dir = await dataDir();
    await withFive(dir);
    await rm(file(dir));
    expect((await openLog(dir)).chain()).toEqual({ chain: 'broken', brokenAtSeq: 1 });
  });

  it('finds an edit made while the agent runs, at the next read', async () => {
    const dir = await dataDir();
    const log = await withFive(dir);
    await writeFile(file(dir), (await readFile(file(dir), 'utf8')).replace('"Jan"', '"Piet"'));
    await log.recheck();
    expect(log.chain()).toEqual({ chain: 'broken', brokenAtSeq: 1 });
  });
});
