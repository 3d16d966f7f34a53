import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapCodeStatistics } from 'node:v8';
import { createAgent } from '../../electron/agent/agent';
import { createNodePorts } from '../../electron/preview/node-ports';
import { cpuNowMs, round } from './cpu';
import { writeDayOfHistory } from './day-of-history';

// The agent alone in its own process, with the policy's default intervals, against an API given
// on the command line. Prints its CPU use over the idle window and its memory afterwards. It starts
// with a full day of health history on disk (as after a day's work), at its largest: a sample every 5 s.
const [apiUrl, enrollmentCode, warmupMs, windowMs] = process.argv.slice(2);
const SETTLE_MS = 1_000;
const dataDir = await mkdtemp(join(tmpdir(), 'hallo-bench-'));
await writeDayOfHistory(dataDir, Date.now());
const agent = createAgent(createNodePorts({ dataDir }), {
  appVersion: 'bench',
  systemLanguages: ['nl-NL'],
  env: { HALLO_API_URL: apiUrl, HALLO_ENROLLMENT_CODE: enrollmentCode },
});
await agent.start();
await new Promise((done) => setTimeout(done, Number(warmupMs)));
global.gc?.();
const startCpu = cpuNowMs();
const startAt = performance.now();
await new Promise((done) => setTimeout(done, Number(windowMs)));
const cpuPercent = ((cpuNowMs() - startCpu) / (performance.now() - startAt)) * 100;
// Resident memory as it settles between samples, not mid-collection: a collection hands the pages
// it freed back to the OS on background threads, so right after gc() the resident set still holds
// them (measured here: up to 11 MB more than a few milliseconds later). Read once they are back.
global.gc?.();
await new Promise((done) => setTimeout(done, SETTLE_MS));
process.stdout.write(
  JSON.stringify({
    agentIdleCpuPercent: round(cpuPercent, 2),
    ...memoryFigures(),
    online: agent.state().connection.status,
    historyPointsLoaded: agent.state().health.history.length,
  }) + '\n',
);
await agent.stop();
process.exit(0);

/**
 * The agent's memory, in MiB:
 * - agentRssMb: resident set, what the OS counts against the process (the issue's target).
 * - agentHeapUsedMb: live JavaScript objects, compiled code and bytecode included.
 * - agentHeapCommittedMb: the heap's pages held from the OS, used or not (V8's heapTotal).
 * - agentCodeMb: of the heap, compiled code and bytecode, plus the script sources held outside it:
 *   what loading modules costs, apart from the objects they make.
 * - agentExternalMb: memory outside the heap held by JavaScript objects (Buffers, ArrayBuffers).
 * - agentNativeMb: the rest of the resident set: rss minus heap committed minus external, i.e.
 *   Node's own code and data, native libraries, thread stacks and the allocator's slack.
 * - agentFileBackedMb (Linux, else null): the part of rss read from files (the node executable and
 *   shared libraries), which loading a built-in module like fetch's undici pages in.
 */
function memoryFigures() {
  const memory = process.memoryUsage();
  const code = getHeapCodeStatistics();
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  const fileBacked = fileBackedBytes();
  return {
    agentRssMb: mb(memory.rss),
    agentHeapUsedMb: mb(memory.heapUsed),
    agentHeapCommittedMb: mb(memory.heapTotal),
    agentCodeMb: mb(code.code_and_metadata_size + code.bytecode_and_metadata_size + code.external_script_source_size),
    agentExternalMb: mb(memory.external),
    agentNativeMb: mb(memory.rss - memory.heapTotal - memory.external),
    agentFileBackedMb: fileBacked === null ? null : mb(fileBacked),
  };
}

function fileBackedBytes(): number | null {
  try {
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
    const bytes = kb('Rss') - kb('Anonymous');
    return Number.isFinite(bytes) ? bytes : null;
  } catch {
    return null; // not Linux
  }
}
