import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../electron/agent/config/policy-defaults';
import { historyPath } from '../../electron/agent/health/history-file';
import { appendHistory, compactHistory, HISTORY_SPAN_MS } from '../../electron/agent/health/history';
import type { HistoryPoint } from '../../electron/contract';
import { createFakeClock } from '../doubles/fake-clock';
import { laptopWithHistory } from '../unit/health/helpers';
import { round } from './cpu';

// The health history's file after a day: the real health service on the recorded Windows laptop,
// sampling at the policy's default rate for 24 hours on the fake clock, saving to a real folder.
// Then the worst case, a policy sampling every 5 s (the file's text as the store writes it: a day
// of such samples kept as the history keeps them), and what one sample's bookkeeping costs then.

const HOUR = 3_600_000;

async function bytesAfterADay(sampleSeconds: number): Promise<{ bytes: number; points: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-bench-history-'));
  try {
    const clock = createFakeClock(Date.parse('2026-03-02T09:00:00Z'));
    const { store, service, historyFile } = laptopWithHistory({ dataDir, clock, sampleSeconds });
    service.start();
    // The service's first sample reads the (absent) file in real time before it samples.
    while (store.get().health.collectedAt === null) await new Promise((done) => setTimeout(done, 10));
    await clock.advance(HISTORY_SPAN_MS);
    service.stop();
    await historyFile.flush();
    return { bytes: (await stat(historyPath(dataDir))).size, points: store.get().health.history.length };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const END = Date.parse('2026-03-03T09:00:00Z');
const point = (at: number): HistoryPoint => ({ at: new Date(at).toISOString(), cpuLoadPercent: 12.3, memoryUsedPercent: 45.6, diskFreePercent: 7.8 });

/** A day of samples every 5 s, as the history keeps them at its end. */
function dayAt5s(): HistoryPoint[] {
  const day: HistoryPoint[] = [];
  for (let at = END - HISTORY_SPAN_MS + 5000; at <= END; at += 5000) day.push(point(at));
  return compactHistory(day, END);
}

/** One sample's bookkeeping (append, downsample) on a full day kept at the 5-second rate, mean over an hour of samples. */
function appendMs(): number {
  const end = END;
  let history = dayAt5s();
  const started = performance.now();
  let samples = 0;
  for (let at = end + 5000; at <= end + HOUR; at += 5000, samples++) history = appendHistory(history, point(at));
  return (performance.now() - started) / samples;
}

const atDefault = await bytesAfterADay(DEFAULT_POLICY.health.sampleSeconds);
const atFastest = dayAt5s();
process.stdout.write(
  JSON.stringify({
    historyBytes: atDefault.bytes,
    historyPoints: atDefault.points,
    historyBytesAt5s: Buffer.byteLength(JSON.stringify({ version: 1, points: atFastest })),
    historyPointsAt5s: atFastest.length,
    historyAppendMs: round(appendMs(), 3),
  }) + '\n',
);
