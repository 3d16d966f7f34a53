import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../../electron/agent/agent';
import type { TicketDraft } from '../../electron/contract';
import { healthDiagnostics } from '../../electron/agent/health/diagnostics';
import { buildDiagnostics } from '../../electron/agent/tickets/diagnostics';
import { probeProcesses } from '../../electron/agent/tickets/processes';
import { currentUserMasker } from '../../electron/agent/platform/mask';
import { createNodePorts } from '../../electron/preview/node-ports';
import { startReferenceApi } from '../reference-api/server';
import { round } from './cpu';

// Ticket figures, in a process of their own (`npx tsx tests/bench/tickets.ts` runs them alone):
// the real agent and the reference API on 127.0.0.1. "Press Send" is tickets.submit after the
// form was opened (tickets.startReport, which starts the process list); it ends when the API's
// 201 shows as `sent` in the state. The diagnostics are timed apart, through tickets.preview
// (which makes them as Send does): a preview of the same draft would let Send reuse its body.
// A reply is sent from the open thread of the first ticket (tickets.sendReply); it ends when the
// API's 201 shows in the thread as `sent`. Prints one JSON line.
const TICKETS = 200;
const REPLIES = 200;

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const draft = (i: number): TicketDraft => ({
  description: `Mijn computer is traag (${i})\nSinds vanochtend duurt alles lang, Outlook hangt steeds.`,
  categoryId: 'slow',
  impact: 'cannot-work',
  contact: { name: 'Anna de Vries', phone: '06 12345678', email: 'anna@example.nl' },
  relatedItemId: null,
  includeScreenshot: false,
  includeProcesses: true,
});

/**
 * The largest body the agent can make without a screenshot: a full description, an hour of
 * history, 64 checks with long parameters, every log line at its cut, 20 long process names.
 */
function worstCaseKb(agentState: ReturnType<ReturnType<typeof createAgent>['state']>): number {
  const long = 'x'.repeat(300);
  const state = {
    overall: agentState.overall,
    health: {
      ...agentState.health,
      history: Array.from({ length: 720 }, (_, i) => ({ at: new Date(i * 5000).toISOString(), cpuLoadPercent: 12.3, memoryUsedPercent: 45.6 })),
      items: Array.from({ length: 64 }, (_, i) => ({ id: `disk-space:${long}${i}`, check: 'disk-space' as const, severity: 'attention' as const, code: 'health.disk-space.low', params: { mount: long, freeGb: 1, freePercent: 2, sizeGb: 3 } })),
    },
  };
  const recent = Array.from({ length: 100 }, () => ({ at: new Date().toISOString(), level: 'error' as const, scope: 'connection', msg: 'y'.repeat(3000) }));
  const proc = { name: 'z'.repeat(255), pid: 123456, cpuPercent: 99.9, memoryBytes: 1e10 };
  const diagnostics = buildDiagnostics({
    parts: healthDiagnostics({ state, device: agentState.device!, appVersion: 'bench', mask: currentUserMasker() }),
    recent,
    processes: { byCpu: Array(10).fill(proc), byMemory: Array(10).fill(proc) },
    appVersion: 'bench',
    now: Date.now(),
    mask: currentUserMasker(),
    relatedItemId: long,
  });
  const body = { subject: 'x'.repeat(80), description: 'é'.repeat(2000), category: 'other', urgency: 'normal', contact: { name: 'n'.repeat(200), email: 'anna@example.nl', phone: '06 12345678' }, diagnostics, attachments: [] };
  return Buffer.byteLength(JSON.stringify(body)) / 1024;
}

async function main() {
  log(`tickets: ${TICKETS} sent one after another, with diagnostics, without screenshot`);
  const coldStart = performance.now();
  await probeProcesses(currentUserMasker());
  const processesColdMs = performance.now() - coldStart;

  const api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-bench-tickets-'));
  const agent = createAgent(createNodePorts({ dataDir }), {
    appVersion: 'bench',
    systemLanguages: ['nl-NL'],
    env: { HALLO_API_URL: api.url, HALLO_ENROLLMENT_CODE: api.enrollmentCode },
  });
  try {
    await agent.start();
    while (agent.state().connection.status !== 'online' || agent.state().health.items.length === 0) await new Promise((r) => setTimeout(r, 50));

    const sentAt = new Map<string, number>();
    agent.subscribe((patch) => {
      for (const entry of patch.tickets?.outbox ?? []) if (entry.status === 'sent' && !sentAt.has(entry.id)) sentAt.set(entry.id, performance.now());
    });
    const submitMs: number[] = [];
    const collectMs: number[] = [];
    for (let i = 0; i < TICKETS; i++) {
      await agent.invoke('tickets.startReport', { relatedItemId: null });
      const collectStart = performance.now();
      await agent.invoke('tickets.preview', { draft: draft(i) });
      collectMs.push(performance.now() - collectStart);
      await agent.invoke('tickets.cancelReport', {});
    }
    for (let i = 0; i < TICKETS; i++) {
      await agent.invoke('tickets.startReport', { relatedItemId: null });
      const start = performance.now();
      const result = await agent.invoke('tickets.submit', { draft: draft(i) });
      if (result.outcome !== 'saved') throw new Error(`not saved: ${JSON.stringify(result)}`);
      while (!sentAt.has(result.id)) await new Promise((r) => setImmediate(r));
      submitMs.push(sentAt.get(result.id)! - start);
    }

    // Replies, one after another, on the first ticket's conversation.
    await until(() => agent.state().tickets.list.length > 0);
    const ticketId = agent.state().tickets.list.at(-1)!.ticketId;
    await agent.invoke('tickets.openThread', { ticketId });
    const repliedAt = new Map<string, number>();
    agent.subscribe((patch) => {
      for (const m of patch.tickets?.thread?.messages ?? []) if (m.delivery === 'sent' && !repliedAt.has(m.text)) repliedAt.set(m.text, performance.now());
    });
    const replyMs: number[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const text = `Na een herstart werkt het nog niet (${i}).`;
      const start = performance.now();
      const result = await agent.invoke('tickets.sendReply', { draft: { ticketId, text, intent: 'reply', includeScreenshot: false } });
      if (result.outcome !== 'saved') throw new Error(`reply not saved: ${JSON.stringify(result)}`);
      while (!repliedAt.has(text)) await new Promise((r) => setImmediate(r));
      replyMs.push(repliedAt.get(text)! - start);
    }
    const replied = api.tickets.find((t) => t.ticketId === ticketId)!.thread.filter((m) => m.author === 'employee' && m.seq > 1).length;
    if (replied !== REPLIES) throw new Error(`the API has ${replied} replies, expected ${REPLIES}`);
    replyMs.sort((a, b) => a - b);
    submitMs.sort((a, b) => a - b);
    collectMs.sort((a, b) => a - b);
    const bodies = api.received.tickets.filter((t) => t.status === 201).map((t) => Buffer.byteLength(JSON.stringify(t.body)));
    if (api.tickets.length !== TICKETS) throw new Error(`the API has ${api.tickets.length} tickets, expected ${TICKETS}`);
    return {
      ticketSubmitP50Ms: round(percentile(submitMs, 50)),
      ticketSubmitP95Ms: round(percentile(submitMs, 95)),
      diagnosticsCollectMs: round(percentile(collectMs, 50)),
      diagnosticsCollectP95Ms: round(percentile(collectMs, 95)),
      diagnosticsProcessesColdMs: round(processesColdMs),
      ticketPayloadKb: round(Math.max(...bodies) / 1024),
      ticketPayloadWorstCaseKb: round(worstCaseKb(agent.state())),
      replySubmitP50Ms: round(percentile(replyMs, 50)),
      replySubmitP95Ms: round(percentile(replyMs, 95)),
    };
  } finally {
    await agent.stop();
    await api.close();
    // A last log line may still be on its way to the log file: retry rather than fail the figures.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
process.exit(0);
