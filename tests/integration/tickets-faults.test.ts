import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDraft } from '../../electron/contract';
import { startReferenceApi, type Fault, type ReferenceApi } from '../reference-api/server';

// Fault injection: many seeded random runs, each with the real agent in a child process sending
// tickets into a mix of API faults, SIGKILLed at a moment of sending and started again on the same
// data folder (the restarted agent carries on into the next run). Afterwards every ticket the agent said was saved is on the server exactly once.
// HALLO_FAULT_SEED=<n> repeats a failing run's sequence; HALLO_FAULT_RUNS sets how many runs.

const RUNS = Number(process.env.HALLO_FAULT_RUNS ?? 50);
const BASE_SEED = Number(process.env.HALLO_FAULT_SEED ?? Math.floor(Math.random() * 1e9));
const BUNDLE = 'tests/.tmp/faults/tickets-agent.mjs';
const FAULT_KINDS = ['500', '503', '429', 'timeout', 'reset', 'lose-response'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

/** mulberry32: small, seedable, good enough to pick faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Line = Record<string, unknown> & { outbox?: { id: string; status: string; number: number | null }[] };

/** One agent process: commands in, JSON lines out. */
class AgentProcess {
  readonly lines: Line[] = [];
  private wake: () => void = () => undefined;
  readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      try {
        this.lines.push(JSON.parse(text) as Line);
      } catch {
        this.lines.push({ raw: text });
      }
      this.wake();
    });
    child.stderr.resume();
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  static async start(api: ReferenceApi, dataDir: string): Promise<AgentProcess> {
    const child = spawn(process.execPath, [BUNDLE, api.url, api.enrollmentCode, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
    const agent = new AgentProcess(child);
    await agent.until((l) => l.ready === true, 20_000);
    return agent;
  }

  send(command: unknown): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The first line (from `from` on) that matches; null when `ms` pass or the process ends first. */
  async until(match: (line: Line) => boolean, ms: number, from = 0): Promise<Line | null> {
    const end = Date.now() + ms;
    let exited = false;
    void this.exited.then(() => {
      exited = true;
      this.wake();
    });
    for (;;) {
      const found = this.lines.slice(from).find(match);
      if (found) return found;
      if (exited || Date.now() >= end) return null;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.max(1, end - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
  }

  outbox(): { id: string; status: string; number: number | null }[] {
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i]!.outbox) return this.lines[i]!.outbox!;
    return [];
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

function faultOf(kind: FaultKind, random: () => number): Fault {
  const where = { method: 'POST' as const, path: '/tickets', times: random() < 0.8 ? 1 : 2 };
  switch (kind) {
    case '500':
      return { ...where, kind: 'status', status: 500 };
    case '503':
      return { ...where, kind: 'status', status: 503, retryAfter: random() < 0.7 ? 0 : 1 };
    case '429':
      return { ...where, kind: 'status', status: 429, retryAfter: 0 };
    default:
      return { ...where, kind };
  }
}

function draftFor(tag: string, random: () => number): TicketDraft {
  return {
    description: `Storing ${tag}\nHet scherm bevriest steeds. 😬 مرحبا`,
    categoryId: 'slow',
    impact: random() < 0.5 ? 'can-work' : 'cannot-work',
    contact: { name: 'Test Medewerker', phone: '', email: '' },
    relatedItemId: null,
    includeScreenshot: false,
    includeProcesses: false,
  };
}

const totals = {
  runs: 0,
  tickets: 0,
  kills: 0,
  faultsInjected: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
  duplicates: 0,
  lost: 0,
  failedSeeds: [] as number[],
};

/**
 * One API, one data folder and the agent that carries over from run to run there: each run's
 * restart is the next run's agent. Three lanes run side by side, each with its own faults.
 */
interface Lane {
  api: ReferenceApi;
  dataDir: string;
  agent: AgentProcess;
}
const LANES = 3;
const lanes: Lane[] = [];

beforeAll(async () => {
  await build({
    entryPoints: ['tests/integration/fixtures/tickets-agent.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: BUNDLE,
    logLevel: 'warning',
  });
  for (let i = 0; i < LANES; i++) {
    const api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
    const dataDir = await mkdtemp(join(tmpdir(), 'hallo-faults-'));
    lanes.push({ api, dataDir, agent: await AgentProcess.start(api, dataDir) });
  }
}, 60_000);

afterAll(async () => {
  for (const lane of lanes) {
    await lane.agent.kill();
    await lane.api.close();
    await rm(lane.dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`tickets-faults: base seed ${BASE_SEED}: ${JSON.stringify(totals)}\n`);
});

async function run(seed: number, lane: Lane): Promise<{ saved: string[]; tags: Map<string, string> }> {
  const random = prng(seed);
  const { api } = lane;
  const tags = new Map<string, string>(); // id → the unique text in its description
  const faults = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]!;
    totals.faultsInjected[kind]++;
    return faultOf(kind, random);
  });
  api.faults.clear();
  api.faults.push(...faults);

  const count = 1 + Math.floor(random() * 4);
  const sent: string[] = [];
  let from = lane.agent.lines.length; // this run's lines only
  for (let i = 0; i < count; i++) {
    const tag = `run-${seed}-${i}`;
    sent.push(tag);
    lane.agent.send({ seq: i, submit: draftFor(tag, random) });
  }
  const kills = random() < 0.2 ? 2 : 1;
  for (let k = 0; k < kills; k++) {
    // A random moment of sending: a request is out, and maybe a few milliseconds more.
    await lane.agent.until((l) => !!l.outbox?.some((e) => e.status === 'sending'), 3000, from);
    if (random() < 0.6) await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
    if (k === 0) for (const line of lane.agent.lines.slice(from)) if (line.outcome === 'saved') tags.set(String(line.id), sent[Number(line.seq)]!);
    await lane.agent.kill();
    totals.kills++;
    lane.agent = await AgentProcess.start(api, lane.dataDir);
    from = 0;
  }
  const saved = [...tags.keys()];
  const agent = lane.agent;
  const done = await agent.until(() => saved.every((id) => agent.outbox().some((e) => e.id === id && e.status === 'sent')), 30_000);
  if (!done) throw new Error(`not all sent: ${JSON.stringify(agent.outbox())}`);
  return { saved, tags };
}

function verify(seed: number, lane: Lane, saved: string[], tags: Map<string, string>): void {
  const { tickets } = lane.api;
  for (const id of saved) {
    const byKey = tickets.filter((t) => t.idempotencyKey === id).length;
    const byContent = tickets.filter((t) => t.request.description.includes(`${tags.get(id)}\n`)).length;
    if (byKey === 0 || byContent === 0) totals.lost++;
    if (byKey > 1 || byContent > 1) totals.duplicates++;
    if (byKey !== 1 || byContent !== 1) throw new Error(`seed ${seed}: ticket ${id} (${tags.get(id)}): ${byKey} by key, ${byContent} by content`);
  }
}

describe('tickets under faults and crashes', () => {
  it(
    `${RUNS} seeded runs: every saved ticket is on the server exactly once`,
    async () => {
      let next = 0;
      await Promise.all(
        lanes.map(async (lane) => {
          for (let i = next++; i < RUNS; i = next++) {
            const seed = BASE_SEED + i;
            try {
              const { saved, tags } = await run(seed, lane);
              verify(seed, lane, saved, tags);
              totals.runs++;
              totals.tickets += saved.length;
            } catch (error) {
              totals.failedSeeds.push(seed);
              process.stdout.write(`tickets-faults: run with seed ${seed} failed (HALLO_FAULT_SEED=${seed} HALLO_FAULT_RUNS=1 repeats it): ${String(error)}\n`);
              throw error;
            }
          }
        }),
      );
      for (const lane of lanes) {
        const keys = lane.api.tickets.map((t) => t.idempotencyKey);
        expect(new Set(keys).size).toBe(keys.length);
        expect(lane.api.received.serverErrors).toEqual([]);
      }
      expect(totals).toMatchObject({ runs: RUNS, duplicates: 0, lost: 0 });
      expect(totals.tickets).toBeGreaterThanOrEqual(RUNS);
    },
    240_000,
  );
});
