import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../../electron/agent/agent';
import { createNodePorts } from '../../electron/preview/node-ports';
import { cpuNowMs, round } from './cpu';

// The agent alone in its own process, with the policy's default intervals, against an API given
// on the command line. Prints its CPU use over the idle window and its memory afterwards.
const [apiUrl, enrollmentCode, warmupMs, windowMs] = process.argv.slice(2);
const dataDir = await mkdtemp(join(tmpdir(), 'hallo-bench-'));
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
global.gc?.(); // resident memory as it settles between samples, not mid-collection
const memory = process.memoryUsage();
const rssMb = memory.rss / 2 ** 20;
process.stdout.write(JSON.stringify({ agentIdleCpuPercent: round(cpuPercent, 2), agentRssMb: round(rssMb), agentHeapUsedMb: round(memory.heapUsed / 2 ** 20), agentExternalMb: round(memory.external / 2 ** 20), online: agent.state().connection.status }) + '\n');
await agent.stop();
process.exit(0);
