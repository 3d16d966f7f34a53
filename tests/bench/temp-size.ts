import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanTemp, TEMP_MIN_AGE_MS } from '../../electron/agent/checks/temp/cleanup';
import { measureTemp } from '../../electron/agent/checks/temp/size';
import { cpuOf, round } from './cpu';

// The temp-files check's cost (`npx tsx tests/bench/temp-size.ts` runs it alone): a temp folder of
// 10 000 small files in 100 folders, made here; sizing it (the first walk cold from our side,
// the page cache holding what the making left; then warm, median of 3), then one cleanup that
// removes them all (its "now" two days on, so that every file is old). CPU of this process.
const FOLDERS = 100;
const FILES_PER_FOLDER = 100;
const WARM_RUNS = 3;

const root = mkdtempSync(join(tmpdir(), 'hallo-bench-temp-'));
try {
  for (let f = 0; f < FOLDERS; f++) {
    const folder = join(root, `setup-${f}`);
    mkdirSync(folder);
    for (let i = 0; i < FILES_PER_FOLDER; i++) writeFileSync(join(folder, `part-${i}.tmp`), 'x'.repeat(512));
  }
  const dirs = { user: [root], system: [] };
  const start = performance.now();
  const cold = await cpuOf(() => measureTemp(dirs));
  const coldWallMs = performance.now() - start;
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await cpuOf(() => measureTemp(dirs)));
  warm.sort((a, b) => a - b);
  const cleanStart = performance.now();
  let removed = 0;
  const clean = await cpuOf(async () => {
    removed = (await cleanTemp([root], { now: Date.now() + 2 * TEMP_MIN_AGE_MS, minAgeMs: TEMP_MIN_AGE_MS })).removed;
  });
  const cleanWallMs = performance.now() - cleanStart;
  process.stdout.write(
    JSON.stringify({
      tempFiles: FOLDERS * FILES_PER_FOLDER,
      tempSizeCpuColdMs: round(cold),
      tempSizeCpuMs: round(warm[Math.floor(WARM_RUNS / 2)]!),
      tempSizeWallColdMs: round(coldWallMs),
      tempCleanCpuMs: round(clean),
      tempCleanWallMs: round(cleanWallMs),
      tempCleanRemoved: removed,
    }) + '\n',
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
