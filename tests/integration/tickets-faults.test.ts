import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyDraft, TicketDraft } from '../../electron/contract';
import { startReferenceApi, type Fault, type ReferenceApi } from '../reference-api/server';
import { bundleLikeMain } from './fixtures/bundle';
import { seededRandom } from '../doubles/seeded-random';

// Fault injection: many seeded random runs, each with the real agent in a child process sending
// tickets and replies (to two tickets of its own, mixed with the tickets) into a mix of API faults,
// SIGKILLed at a moment of sending (when it says `sending`, when the server has the request, or a
// while after the request left) and started again on the same data folder (the restarted agent
// carries on into the next run). Afterwards every ticket and reply the agent said was saved is on
// the server exactly once, the replies to each ticket in the order they were written, no outbox
// file was damaged, and nothing went out before a Retry-After had passed (unless the agent was
// killed before it could write it down).
// HALLO_FAULT_SEED=<n> repeats a failing run's sequence; HALLO_FAULT_RUNS sets how many runs.

const RUNS = Number(process.env.HALLO_FAULT_RUNS ?? 50);
const BASE_SEED = Number(process.env.HALLO_FAULT_SEED ?? Math.floor(Math.random() * 1e9));
const BUNDLE = 'tests/.tmp/faults/tickets-agent.mjs';
const FAULT_KINDS = ['500', '503', '429', 'timeout', 'reset', 'lose-response'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];
const KILL_MOMENTS = ['on-sending', 'on-arrival', 'after-sending'] as const;
type KillMoment = (typeof KILL_MOMENTS)[number];
/** Timers fire on the millisecond, the two clocks are one: this is only rounding. */
const RETRY_AFTER_SLACK_MS = 50;
/** How long a request written by a process may take to reach the server, on a busy machine. */
const IN_FLIGHT_MS = 1000;
/** The outbox's requests: POST /tickets, and a reply's POST /tickets/{ticketId}/messages. */
const OUTBOX_POST = /^\/tickets(\/[^/]+\/messages)?$/;
/** Replies take seq numbers from here on in a run's commands, tickets below. */
const REPLY_SEQ = 100;

/** mulberry32 (tests/doubles/seeded-random.ts): good enough to pick faults. */
const prng = seededRandom;

interface ShownEntry {
  id: string;
  status: string;
  number: number | null;
  attempts: number;
  error: string | null;
  httpStatus: number | null;
  nextAttemptAt: string | null;
}
type Line = Record<string, unknown> & { outbox?: ShownEntry[]; pendingReplies?: number; receivedAt: number };

/** One agent process: commands in, JSON lines out (also into `sink`, the lane's history). */
class AgentProcess {
  readonly lines: Line[] = [];
  private wake: () => void = () => undefined;
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    sink: Line[],
  ) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: Line;
      try {
        line = { ...(JSON.parse(text) as Record<string, unknown>), receivedAt: Date.now() };
      } catch {
        line = { raw: text, receivedAt: Date.now() };
      }
      this.lines.push(line);
      sink.push(line);
      this.wake();
    });
    child.stderr.resume();
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  static async start(api: ReferenceApi, dataDir: string, sink: Line[]): Promise<AgentProcess> {
    const child = spawn(process.execPath, [BUNDLE, api.url, api.enrollmentCode, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
    const agent = new AgentProcess(child, sink);
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

  outbox(): ShownEntry[] {
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i]!.outbox) return this.lines[i]!.outbox!;
    return [];
  }

  /** Replies still in the outbox (queued or sending), as the agent last said. */
  pendingReplies(): number | null {
    for (let i = this.lines.length - 1; i >= 0; i--) if (typeof this.lines[i]!.pendingReplies === 'number') return this.lines[i]!.pendingReplies!;
    return null;
  }

  /** SIGKILL, now (it may be called inside the server's request handler). */
  killNow(): void {
    this.child.kill('SIGKILL');
  }

  async kill(): Promise<void> {
    this.killNow();
    await this.exited;
  }
}

function faultOf(kind: FaultKind, random: () => number, slow: boolean): Fault {
  const where = { method: 'POST' as const, path: '/tickets', times: random() < 0.8 ? 1 : 2 };
  // Some runs ask for a wait that outlasts a crash and a restart; most keep it short.
  const retryAfter = (short: number) => (slow ? 1 + Math.floor(random() * 3) : short);
  switch (kind) {
    case '500':
      return { ...where, kind: 'status', status: 500 };
    case '503':
      return { ...where, kind: 'status', status: 503, retryAfter: retryAfter(random() < 0.7 ? 0 : 1) };
    case '429':
      return { ...where, kind: 'status', status: 429, retryAfter: retryAfter(0) };
    default:
      return { ...where, kind };
  }
}

const kindOf = (fault: Fault): FaultKind => (fault.kind === 'status' ? (String(fault.status ?? 503) as FaultKind) : (fault.kind as FaultKind));

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

function replyFor(tag: string, ticketId: string): ReplyDraft {
  return { ticketId, text: `Antwoord ${tag}\nHet lukt nog steeds niet. 😬 مرحبا`, intent: 'reply', includeScreenshot: false };
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const totals = {
  runs: 0,
  tickets: 0,
  replies: 0,
  kills: zero(KILL_MOMENTS),
  /** Requests a fault was queued to hit (`times` each). */
  faultsQueued: zero(FAULT_KINDS),
  /** Requests a fault did hit, as the server saw them: one that no request met does not count. */
  faultsFired: zero(FAULT_KINDS),
  retryAfter: {
    /** Fired 429/503 with Retry-After >= 1 s whose next ticket request was checked. */
    checked: 0,
    /** ... of them with a restart of the agent in the wait, honoured from disk. */
    acrossRestart: 0,
    /** ... where the agent was killed before it could have written the wait down (not a failure). */
    killedBeforeKnown: 0,
    /** ... where the agent had given up on the request (its timeout) before this busy server read it. */
    answeredTooLate: 0,
    longestSeconds: 0,
  },
  duplicates: 0,
  lost: 0,
  damaged: 0,
  failedSeeds: [] as number[],
};

/** A request as the lane's server received it: when, and the fault it met. */
interface Arrival {
  at: number;
  fault: Fault | null;
}

/**
 * One API, one data folder and the agent that carries over from run to run there: each run's
 * restart is the next run's agent. Three lanes run side by side, each with its own faults.
 */
interface Lane {
  api: ReferenceApi;
  dataDir: string;
  agent: AgentProcess;
  /** Every line of every agent process in this lane, in the order they came. */
  lines: Line[];
  /** POST /tickets and replies as the server received them. */
  arrivals: Arrival[];
  /** The two tickets of this lane's agent that its replies go to. */
  targets: string[];
  /** Every reply saved in this lane, oldest first: its id (the Idempotency-Key), ticket and tag. */
  replies: { id: string; ticketId: string; tag: string }[];
  /** Arrivals before this index have been checked against the Retry-After they met. */
  checked: number;
  kills: number[];
  /** Set while a kill waits for the server to receive the next ticket request. */
  onArrival: (() => void) | null;
}
const LANES = 3;
const lanes: Lane[] = [];

beforeAll(async () => {
  await bundleLikeMain('tests/integration/fixtures/tickets-agent.ts', BUNDLE);
  for (let i = 0; i < LANES; i++) {
    const api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
    const dataDir = await mkdtemp(join(tmpdir(), 'hallo-faults-'));
    const lines: Line[] = [];
    const lane: Lane = { api, dataDir, lines, arrivals: [], targets: [], replies: [], checked: 0, kills: [], onArrival: null, agent: await AgentProcess.start(api, dataDir, lines) };
    api.faults.onRequest(({ method, path, at, fault }) => {
      if (method !== 'POST' || !OUTBOX_POST.test(path)) return;
      lane.arrivals.push({ at, fault: fault ? { ...fault } : null });
      lane.onArrival?.();
    });
    // Two tickets to reply to, sent before any fault.
    for (let seq = 0; seq < 2; seq++) lane.agent.send({ seq, submit: draftFor(`target-${i}-${seq}`, () => 0) });
    const sent = await lane.agent.until(() => lane.agent.outbox().filter((e) => e.status === 'sent').length === 2, 20_000);
    if (!sent) throw new Error(`lane ${i}: its two tickets were not sent`);
    lane.targets = lane.agent.outbox().map((e) => api.tickets.find((t) => t.idempotencyKey === e.id)!.ticketId);
    lanes.push(lane);
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the lane's agent at one of the moments of sending; resolves once it is gone. */
async function killAtAMomentOfSending(lane: Lane, from: number, random: () => number): Promise<KillMoment> {
  const pick = random();
  const moment: KillMoment = pick < 0.35 ? 'on-sending' : pick < 0.7 ? 'on-arrival' : 'after-sending';
  const agent = lane.agent;
  const sending = (l: Line) => !!l.outbox?.some((e) => e.status === 'sending');
  if (moment === 'on-sending') {
    // The agent says `sending`: the request is about to leave, or has, and maybe a few ms more.
    await agent.until(sending, 3000, from);
    if (random() < 0.6) await sleep(Math.floor(random() * 40));
  } else if (moment === 'on-arrival') {
    // The server has the request's head (and most likely its body): killed while it is processed.
    const delay = random() < 0.5 ? 0 : Math.floor(random() * 30);
    await new Promise<void>((done) => {
      const give = setTimeout(() => {
        lane.onArrival = null;
        done();
      }, 3000);
      lane.onArrival = () => {
        lane.onArrival = null;
        clearTimeout(give);
        if (delay === 0) agent.killNow(); // inside the server's handler, before it answers
        setTimeout(done, delay);
      };
    });
  } else {
    // A while after the request left: waiting for an answer, a timeout, a backoff, a retry.
    await agent.until(sending, 3000, from);
    await sleep(50 + Math.floor(random() * 550));
  }
  lane.kills.push(Date.now());
  await agent.kill();
  totals.kills[moment]++;
  return moment;
}

async function run(seed: number, lane: Lane): Promise<{ saved: string[]; tags: Map<string, string>; replies: Lane['replies'] }> {
  const random = prng(seed);
  const { api } = lane;
  const tags = new Map<string, string>(); // id → the unique text in its description
  const replies: Lane['replies'] = [];
  const slow = random() < 0.3;
  const faults = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]!;
    const fault = faultOf(kind, random, slow);
    totals.faultsQueued[kind] += fault.times ?? 1;
    return fault;
  });
  api.faults.clear();
  const firedBefore = api.faults.fired.length;
  api.faults.push(...faults);

  const count = 1 + Math.floor(random() * 4);
  const replyCount = Math.floor(random() * 4);
  const sent: string[] = [];
  const written: { tag: string; ticketId: string }[] = [];
  let from = lane.agent.lines.length; // this run's lines only
  // Tickets and replies mixed, in a random order; replies to the same ticket in the order written.
  const commands = [
    ...Array.from({ length: count }, (_, i) => ({ seq: i, submit: draftFor(`run-${seed}-${i}`, random) })),
    ...Array.from({ length: replyCount }, (_, j) => ({ seq: REPLY_SEQ + j, reply: replyFor(`reply-${seed}-${j}`, lane.targets[Math.floor(random() * 2)]!) })),
  ].sort(() => random() - 0.5);
  for (const command of commands) {
    if ('submit' in command) sent[command.seq] = `run-${seed}-${command.seq}`;
    else written[command.seq - REPLY_SEQ] = { tag: `reply-${seed}-${command.seq - REPLY_SEQ}`, ticketId: command.reply.ticketId };
    lane.agent.send(command);
  }
  const kills = random() < 0.2 ? 2 : 1;
  for (let k = 0; k < kills; k++) {
    const agent = lane.agent;
    await killAtAMomentOfSending(lane, from, random);
    if (k === 0) {
      for (const line of agent.lines.slice(from)) {
        if (line.outcome !== 'saved') continue;
        const seq = Number(line.seq);
        if (seq < REPLY_SEQ) tags.set(String(line.id), sent[seq]!);
        else replies.push({ id: String(line.id), ...written[seq - REPLY_SEQ]! });
      }
    }
    lane.agent = await AgentProcess.start(api, lane.dataDir, lane.lines);
    from = 0;
  }
  const saved = [...tags.keys()];
  const agent = lane.agent;
  const atServer = (id: string) => api.tickets.some((t) => t.thread.some((m) => m.idempotencyKey === id));
  const done = await agent.until(
    () => saved.every((id) => agent.outbox().some((e) => e.id === id && e.status === 'sent')) && agent.pendingReplies() === 0 && replies.every((r) => atServer(r.id)),
    30_000,
  );
  for (const fired of api.faults.fired.slice(firedBefore)) totals.faultsFired[kindOf(fired.fault)]++;
  if (!done) throw new Error(`not all sent: ${JSON.stringify(agent.outbox())}, ${agent.pendingReplies()} replies waiting`);
  lane.replies.push(...replies.sort((a, b) => (a.id < b.id ? -1 : 1)));
  return { saved, tags, replies };
}

/** Whether the agent had a ticket request out at `at` (by its own start/end lines; one at a time). */
function waitingAt(lane: Lane, at: number): boolean {
  let last: Line | null = null;
  for (const line of lane.lines) {
    if (typeof line.request !== 'string' || typeof line.at !== 'number' || line.at > at) continue;
    if (!last || line.at >= (last.at as number)) last = line;
  }
  return last?.request === 'start';
}

/**
 * A ticket request that met a Retry-After (429 or 503, >= 1 s): the next one must not arrive before
 * it has passed: not from the same process, and not from one started after a kill, which reads it
 * from the outbox. Only a kill before the agent had written it down (no line ever showed the wait),
 * or before the answer reached it (the request came from a process already killed), may lose it.
 */
function checkRetryAfter(seed: number, lane: Lane): void {
  for (; lane.checked < lane.arrivals.length - 1; lane.checked++) {
    const met = lane.arrivals[lane.checked]!;
    const seconds = met.fault?.kind === 'status' ? (met.fault.retryAfter ?? 0) : 0;
    if (seconds < 1) continue;
    const until = met.at + seconds * 1000 - RETRY_AFTER_SLACK_MS;
    const next = lane.arrivals[lane.checked + 1]!;
    // A request the killed process wrote may reach the server just after the kill: nobody hears its answer.
    const killed = lane.kills.find((at) => at > met.at - IN_FLIGHT_MS && at < next.at);
    totals.retryAfter.checked++;
    totals.retryAfter.longestSeconds = Math.max(totals.retryAfter.longestSeconds, seconds);
    if (next.at >= until) {
      if (killed !== undefined) totals.retryAfter.acrossRestart++;
      continue;
    }
    // The agent shows a wait only once it is on disk: a line that shows it (from the killed process,
    // or from the next one, read back) means it was there to be honoured.
    const known = lane.lines.some(
      (l) =>
        l.receivedAt > met.at &&
        l.receivedAt < next.at &&
        l.outbox?.some((e) => e.status === 'queued' && e.httpStatus === met.fault!.status && e.nextAttemptAt !== null && Date.parse(e.nextAttemptAt) >= until),
    );
    if (killed !== undefined && !known) {
      totals.retryAfter.killedBeforeKnown++;
      continue;
    }
    // On a loaded machine this process (the server) may read a request only after the agent's own
    // timeout ended it: the 503 goes to a closed socket and the agent never hears it.
    if (killed === undefined && !waitingAt(lane, met.at)) {
      totals.retryAfter.answeredTooLate++;
      continue;
    }
    const kills = lane.kills.map((at) => at - met.at).filter((ms) => ms > -5000 && ms < 5000);
    throw new Error(
      `seed ${seed}: a ticket request came ${next.at - met.at} ms after a ${met.fault!.status} with Retry-After ${seconds} s` +
        ` (${known ? 'the agent had shown the wait' : 'no kill in between'}; kills at ${JSON.stringify(kills)} ms from it)`,
    );
  }
}

async function verify(seed: number, lane: Lane, saved: string[], tags: Map<string, string>, replies: Lane['replies']): Promise<void> {
  const { tickets } = lane.api;
  for (const reply of replies) {
    const thread = tickets.find((t) => t.ticketId === reply.ticketId)!.thread;
    const byKey = thread.filter((m) => m.idempotencyKey === reply.id).length;
    const byContent = tickets.flatMap((t) => t.thread).filter((m) => m.text?.startsWith(`Antwoord ${reply.tag}\n`)).length;
    if (byKey === 0 || byContent === 0) totals.lost++;
    if (byKey > 1 || byContent > 1) totals.duplicates++;
    if (byKey !== 1 || byContent !== 1) throw new Error(`seed ${seed}: reply ${reply.id} (${reply.tag}): ${byKey} by key, ${byContent} by content`);
  }
  // Per ticket, the replies arrived in the order they were written (their ULIDs).
  for (const ticketId of lane.targets) {
    const written = lane.replies.filter((r) => r.ticketId === ticketId).map((r) => r.id);
    // A reply saved by a process killed before it could say so may arrive too: it is not checked.
    const keys = tickets.find((t) => t.ticketId === ticketId)!.thread.flatMap((m) => (m.idempotencyKey && written.includes(m.idempotencyKey) ? [m.idempotencyKey] : []));
    if (JSON.stringify(keys) !== JSON.stringify(written)) throw new Error(`seed ${seed}: replies to ${ticketId} arrived as ${JSON.stringify(keys)}, written as ${JSON.stringify(written)}`);
  }
  for (const id of saved) {
    const byKey = tickets.filter((t) => t.idempotencyKey === id).length;
    const byContent = tickets.filter((t) => t.request.description.includes(`${tags.get(id)}\n`)).length;
    if (byKey === 0 || byContent === 0) totals.lost++;
    if (byKey > 1 || byContent > 1) totals.duplicates++;
    if (byKey !== 1 || byContent !== 1) throw new Error(`seed ${seed}: ticket ${id} (${tags.get(id)}): ${byKey} by key, ${byContent} by content`);
  }
  const damaged = await readdir(join(lane.dataDir, 'outbox', 'damaged')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  totals.damaged += damaged.length;
  if (damaged.length > 0) throw new Error(`seed ${seed}: damaged outbox files: ${damaged.join(', ')}`);
  checkRetryAfter(seed, lane);
}

describe('tickets under faults and crashes', () => {
  it(
    `${RUNS} seeded runs: every saved ticket and reply is on the server exactly once, replies in order per ticket`,
    async () => {
      let next = 0;
      await Promise.all(
        lanes.map(async (lane) => {
          for (let i = next++; i < RUNS; i = next++) {
            const seed = BASE_SEED + i;
            try {
              const { saved, tags, replies } = await run(seed, lane);
              await verify(seed, lane, saved, tags, replies);
              totals.runs++;
              totals.tickets += saved.length;
              totals.replies += replies.length;
            } catch (error) {
              totals.failedSeeds.push(seed);
              process.stdout.write(`tickets-faults: run with seed ${seed} failed (HALLO_FAULT_SEED=${seed} HALLO_FAULT_RUNS=1 repeats it): ${String(error)}\n`);
              throw error;
            }
          }
        }),
      );
      process.stdout.write(`tickets-faults: ${JSON.stringify(totals)}\n`);
      for (const lane of lanes) {
        const keys = lane.api.tickets.map((t) => t.idempotencyKey);
        expect(new Set(keys).size).toBe(keys.length);
        expect(lane.api.received.serverErrors).toEqual([]);
      }
      expect(totals).toMatchObject({ runs: RUNS, duplicates: 0, lost: 0, damaged: 0 });
      expect(totals.tickets).toBeGreaterThanOrEqual(RUNS);
      if (RUNS >= 20) expect(totals.replies).toBeGreaterThan(RUNS / 2);
      if (RUNS >= 20) {
        // Enough runs that every fault reached the server and every kind of kill happened.
        for (const kind of FAULT_KINDS) expect(totals.faultsFired[kind], `faults fired: ${kind}`).toBeGreaterThan(0);
        for (const moment of KILL_MOMENTS) expect(totals.kills[moment], `kills: ${moment}`).toBeGreaterThan(0);
        expect(totals.retryAfter.checked).toBeGreaterThan(0);
        expect(totals.retryAfter.longestSeconds).toBeGreaterThanOrEqual(2);
      }
    },
    360_000, // replies as well as tickets: under the whole suite on two cores 50 runs took longer than 240 s
  );
});
