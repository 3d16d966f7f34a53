import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryPoint } from '../../../electron/contract';
import { createHealthService } from '../../../electron/agent/health/service';
import { createHistoryFile, historyPath } from '../../../electron/agent/health/history-file';
import { DEFAULT_THRESHOLDS } from '../../../electron/agent/health/rules';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock, type FakeClock } from '../../doubles/fake-clock';
import { useDataFolders } from '../remote/folders';
import { fakeProbes, loadFixture, testState } from './helpers';

const MIN = 60_000;
const START = Date.parse('2026-03-02T09:00:00Z');
const newFolder = useDataFolders('history');
let clock: FakeClock;

/** The health service as the capability wires it: on a data folder, the Windows laptop's probes, a sample a minute unless told. */
function run(dataDir: string, sampleSeconds = 60, write?: (path: string, data: string) => Promise<void>) {
  const state = testState();
  const store = new AgentStore({ ...state, app: { ...state.app, platform: 'win32' } });
  const log = createLogger({ file: null, clock });
  const historyFile = createHistoryFile({ dataDir, log: log.child('health'), clock, write });
  const service = createHealthService({
    store,
    log,
    clock,
    probes: fakeProbes(loadFixture('windows11-laptop')).probes,
    thresholds: () => DEFAULT_THRESHOLDS,
    sampleSeconds: () => sampleSeconds,
    historyFile,
  });
  return {
    store,
    log,
    history: () => store.get().health.history,
    /** Starts, and waits (in real time: the saved history is read from disk) for the first sample. */
    async start() {
      service.start();
      await vi.waitFor(() => expect(store.get().health.collectedAt).not.toBeNull());
    },
    async stop() {
      service.stop();
      await historyFile.flush();
    },
  };
}

const saved = async (dataDir: string) => (JSON.parse(await readFile(historyPath(dataDir), 'utf8')) as { points: HistoryPoint[] }).points;
const damaged = (log: ReturnType<typeof createLogger>) => log.recent().filter((e) => e.msg === 'the history file is damaged; the history starts anew');

describe('the health history on disk', () => {
  beforeEach(() => {
    clock = createFakeClock(START);
  });

  it('survives a restart: after three hours, a stop and ten minutes off, the charts go on from the saved points', async () => {
    const dataDir = await newFolder();
    const before = run(dataDir);
    await before.start();
    await clock.advance(3 * 60 * MIN);
    await before.stop();
    const kept = before.history();
    expect(kept).toHaveLength(2 * 12 + 61); // 09:00–10:59 as 5-minute means, 11:00–12:00 every minute

    await clock.advance(10 * MIN);
    const after = run(dataDir);
    await after.start();
    await clock.advance(0);
    const history = after.history();
    expect(history[0]!.at).toBe('2026-03-02T09:00:00.000Z');
    expect(history.at(-1)!.at).toBe('2026-03-02T12:10:00.000Z');
    // What aged past the hour while the PC was off (11:00–11:09) became two means; nothing else changed.
    expect(history).toHaveLength(24 + 2 + 51 + 1);
    expect(history.slice(0, 24)).toEqual(kept.slice(0, 24));
    expect(history.slice(24, 26).map((p) => p.at.slice(11, 16))).toEqual(['11:00', '11:05']);
    expect(history.filter((p) => p.at >= '2026-03-02T11:10:00.000Z' && p.at <= '2026-03-02T12:00:00.000Z')).toEqual(
      kept.filter((p) => p.at >= '2026-03-02T11:10:00.000Z'),
    );
    expect(history.at(-1)).toMatchObject({ diskFreePercent: 8 }); // C: of the laptop: 40.9 of 510.8 GB free
    await after.stop();
  });

  it('is written at most once a minute while sampling every 5 seconds, and once more at stop', async () => {
    const written: number[] = []; // the point count of each write
    const agent = run(await newFolder(), 5, async (_path, data) => void written.push((JSON.parse(data) as { points: unknown[] }).points.length));
    await agent.start();
    await clock.advance(0);
    expect(written).toEqual([1]);
    await clock.advance(55_000);
    expect(agent.history()).toHaveLength(12);
    expect(written).toEqual([1]); // the minute has not passed
    await clock.advance(5_000);
    expect(written).toEqual([1, 12]); // at 60 s, just before that tick's sample
    await clock.advance(20_000);
    await agent.stop();
    expect(written).toEqual([1, 12, 17]);
  });

  it('drops saved points older than 24 hours at start', async () => {
    const dataDir = await newFolder();
    const first = run(dataDir);
    await first.start();
    await clock.advance(2 * 60 * MIN);
    await first.stop();
    await clock.advance(23 * 60 * MIN); // a day off but an hour
    const next = run(dataDir);
    await next.start();
    await clock.advance(0);
    // 25 h after 09:00: only what came after 10:00 yesterday, in 5-minute means; the bucket cut by the edge goes with it.
    expect(next.history().map((p) => p.at.slice(0, 16)).slice(0, 3)).toEqual(['2026-03-02T10:05', '2026-03-02T10:10', '2026-03-02T10:15']);
    await next.stop();
  });

  const point = (minutesAgo: number, cpu: unknown = 10): Record<string, unknown> => ({
    at: new Date(START - minutesAgo * MIN).toISOString(),
    cpuLoadPercent: cpu,
    memoryUsedPercent: 50,
    diskFreePercent: 20,
  });

  it.each([
    { name: 'not JSON', content: '{"version":1,"points":[{"at":' },
    { name: 'larger than 1 MB', content: JSON.stringify({ version: 1, points: [point(5)], pad: 'x'.repeat(1024 * 1024) }) },
    { name: 'another version', content: JSON.stringify({ version: 2, points: [point(5)] }) },
    { name: 'points that are no list', content: JSON.stringify({ version: 1, points: { 0: point(5) } }) },
    { name: 'more points than the history ever holds', content: JSON.stringify({ version: 1, points: Array.from({ length: 5000 }, (_, i) => point(i / 100)) }) },
    { name: 'a list of something else', content: JSON.stringify([1, 2, 3]) },
  ])('a file that is $name is refused: the history starts anew, said in the log, and the new samples are saved', async ({ content }) => {
    const dataDir = await newFolder();
    await mkdir(dirname(historyPath(dataDir)), { recursive: true });
    await writeFile(historyPath(dataDir), content);
    const agent = run(dataDir);
    await agent.start();
    await clock.advance(2 * MIN);
    expect(agent.history().map((p) => p.at)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T09:01:00.000Z', '2026-03-02T09:02:00.000Z']);
    expect(damaged(agent.log)).toHaveLength(1);
    await agent.stop();
    expect(await saved(dataDir)).toEqual(agent.history());
  });

  it('points of the wrong type or out of range are dropped, the good ones kept', async () => {
    const dataDir = await newFolder();
    await mkdir(dirname(historyPath(dataDir)), { recursive: true });
    const points = [
      point(30),
      point(25, 'veel'),
      point(20, 1e9),
      { ...point(15), at: 'gisteren' },
      { ...point(12), at: 12 },
      point(10, -1),
      { ...point(8), extra: 'x'.repeat(100) },
      point(5, null),
    ];
    await writeFile(historyPath(dataDir), JSON.stringify({ version: 1, points }));
    const agent = run(dataDir);
    await agent.start();
    await clock.advance(0);
    expect(agent.history().map((p) => [p.at.slice(11, 16), p.cpuLoadPercent])).toEqual([
      ['08:30', 10],
      ['08:52', 10], // an unknown key is dropped with the point's other fields kept
      ['08:55', null],
      ['09:00', 23.4], // the new sample
    ]);
    expect(agent.log.recent().find((e) => e.msg === 'history points refused')?.data).toEqual({ refused: 5 });
    await agent.stop();
  });

  it.skipIf(process.platform === 'win32')('a history file that is a link elsewhere is not followed: the file it points at stays as it was', async () => {
    const dataDir = await newFolder();
    const elsewhere = join(await newFolder(), 'secret.json');
    const secret = JSON.stringify({ version: 1, points: [point(5)] });
    await writeFile(elsewhere, secret);
    await mkdir(dirname(historyPath(dataDir)), { recursive: true });
    await symlink(elsewhere, historyPath(dataDir));
    const agent = run(dataDir);
    await agent.start();
    await clock.advance(0);
    expect(agent.history()).toHaveLength(1); // the linked point was not read
    expect(damaged(agent.log)).toHaveLength(1);
    await agent.stop();
    expect(await readFile(elsewhere, 'utf8')).toBe(secret);
    expect(await saved(dataDir)).toEqual(agent.history());
  });
});
