import type { Language, Notice, RestartStep, UpdatesState } from '../../contract';
import { catalogs } from '../../contract/messages';
import type { SliceStore } from '../capability';
import { DEFAULT_POLICY } from '../config/policy-defaults';
import { ApiError } from '../hallo-api/api-error';
import type { HalloApi } from '../hallo-api/client';
import type { Policy, RestartOutcome } from '../hallo-api/types';
import type { Logger } from '../log';
import type { RestartPort } from '../platform/restart';
import { newUlid } from '../platform/ids';
import { zone as zoneNamed, type Zone } from '../platform/zoned-time';
import type { BusySource, Clock, IdleSource } from '../ports';
import { EMPTY_RESTART_FILE, loadRestartFile, saveRestartFile, type RestartBy, type RestartFile } from './restart-file';
import { beginNeed, defer, plan as planRestart, REMIND, remindLater, type Plan, type RestartRules, type Situation } from './restart-planner';
import { judgeRestartRequest } from './restart-request';
import { hardReasons, type RestartReason, type UpdatesCheck } from './types';
import { withItems } from './status';
import { valueOf } from './updates-view';

// The restart planner at work: its memory on disk (restart-file.ts), run at its `wakeAt` and
// whenever the situation changes (a check, hallo,'s request, the policy, the battery, an action),
// the restart through the port, the outcome reported once after the agent is back. Decisions are
// the planner's (pure); this file only feeds it and carries out what it says.

/** Idle this long counts as away: after the deadline the restart happens then, before any countdown. */
export const AWAY_IDLE_SECONDS = 10 * 60;
/** An outcome hallo, could not take yet is offered again this much later (and when the connection is back). */
export const OUTCOME_RETRY_MS = 5 * 60_000;

export interface RestartServiceDeps {
  store: SliceStore<'updates'>;
  log: Logger;
  clock: Clock;
  dataDir: string;
  restart: RestartPort;
  busy: BusySource;
  idle: IdleSource;
  api: () => HalloApi | null;
  notify: (notice: Notice) => void;
  policy: () => Policy;
  language: () => Language;
}

export interface RestartService {
  /** Reads the file; a restart that was under way is judged at the first check. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Each check of the updates checker: the local reasons. */
  onCheck(check: UpdatesCheck): Promise<void>;
  /** The data of a restart.requested event. */
  onRequest(data: unknown): Promise<void>;
  /** Something the planner looks at changed (policy, battery, resume): plan again. */
  replan(): void;
  defer(at: string): Promise<'deferred' | 'not-offered'>;
  remindLater(): Promise<void>;
  restartNow(): Promise<'restarting' | 'refused' | 'no-need'>;
  acknowledge(): Promise<void>;
  /** A restart was under way when the agent started: its first check should not wait. */
  returning(): boolean;
  /** Offers the outcomes hallo, has not acknowledged yet (e.g. when the connection is back). */
  sendOutcomes(): void;
}

/** policy.restart with the agent's defaults for what an older policy leaves out. */
export function restartRules(policy: Policy): RestartRules {
  const r = policy.restart;
  const d = DEFAULT_POLICY.restart;
  return {
    deadlineHours: r.deadlineHours,
    deferralMinutes: r.deferralMinutes,
    maxDeferrals: r.maxDeferrals,
    quietHours: r.quietHours ?? null,
    finalCountdownMinutes: r.finalCountdownMinutes,
    graceHours: r.graceHours ?? d.graceHours ?? 4,
    pickTimes: r.pickTimes ?? d.pickTimes ?? [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function stepOf(plan: Plan | null, refusedUntil: number | null): RestartStep | null {
  if (plan === null) return null;
  switch (plan.step) {
    case 'prompt':
      return { kind: 'prompt', plugIn: plan.plugIn, options: plan.options.map((o) => ({ kind: o.kind, at: iso(o.at), minutes: o.minutes })) };
    case 'wait':
      return { kind: 'wait', why: plan.why, until: plan.until === null ? null : iso(plan.until) };
    case 'countdown':
      return { kind: 'countdown', endsAt: iso(plan.endsAt), plugIn: plan.plugIn };
    case 'restart':
      return refusedUntil === null ? { kind: 'restarting' } : { kind: 'wait', why: 'refused', until: iso(refusedUntil) };
  }
}

export function createRestartService(deps: RestartServiceDeps): RestartService {
  const { clock, log, store } = deps;
  let file: RestartFile = EMPTY_RESTART_FILE;
  /** Every reason the last check found (soft ones too); kept when a check could not tell. */
  let reasons: RestartReason[] = [];
  let current: Plan | null = null;
  let problem: UpdatesState['restart']['problem'] = null;
  /** After the OS refused: no new attempt before this (the prompt says so meanwhile). */
  let refusedUntil: number | null = null;
  /** The restart that was under way when the agent started: judged at the first check. */
  let backFrom: RestartFile['restarting'] = null;
  let wakeTimer: unknown = null;
  let retryTimer: unknown = null;
  let stopped = false;
  let sending = false;
  // One change at a time: actions, checks, events and timers never interleave their reads and writes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const rules = () => restartRules(deps.policy());
  const zone = (): Zone => zoneNamed(deps.policy().support.timeZone) ?? zoneNamed('Europe/Amsterdam')!;

  async function persist(): Promise<void> {
    if (stopped) return;
    try {
      await saveRestartFile(deps.dataDir, file);
    } catch (error) {
      // The planner goes on from memory; the next write tries again.
      log.error('restart: the planner could not be saved', { error: String(error) });
    }
  }

  function render(): void {
    if (stopped) return;
    const memory = file.memory;
    const { maxDeferrals } = rules();
    store.update('updates', (previous) =>
      withItems({
        ...previous,
        upToDate: file.upToDate,
        lastOutcome: file.lastOutcome,
        restart: {
          needed: memory !== null,
          reasons: reasons.map((r) => ({ code: r.code, soft: r.soft })),
          source: memory?.need.source ?? null,
          halloReason: memory?.need.source === 'hallo' ? file.halloReason : null,
          requestId: memory?.need.requestId ?? null,
          deadline: memory ? iso(memory.deadline) : null,
          deferralsUsed: memory?.deferralsUsed ?? 0,
          deferralsLeft: memory ? Math.max(0, maxDeferrals - memory.deferralsUsed) : 0,
          step: file.restarting ? { kind: 'restarting' } : memory ? stepOf(current, refusedUntil) : null,
          problem,
        },
      }),
    );
  }

  function wakeAt(at: number): void {
    if (wakeTimer !== null) clock.clearTimeout(wakeTimer);
    wakeTimer = stopped ? null : clock.setTimeout(() => replanSoon(), Math.max(0, at - clock.now()));
  }

  async function situation(): Promise<Situation> {
    const busy = await deps.busy.busy().catch(() => false);
    const battery = store.get().health.figures?.battery ?? null;
    const away = deps.idle.idleSeconds() >= AWAY_IDLE_SECONDS || (deps.idle.locked?.() ?? false);
    // The agent runs in the employee's session: someone is logged on. While a remote session runs
    // (state.remote.session) the prompts wait: a restart would cut the technician off mid-help.
    const remoteSession = store.get().remote.session !== null;
    return { now: clock.now(), loggedOn: true, busy, away, remoteSession, battery: battery && { percent: battery.percent, charging: battery.charging } };
  }

  /** Runs the planner and does what it says. Inside `serial`. */
  async function run(): Promise<void> {
    if (stopped) return;
    const memory = file.memory;
    if (memory === null || backFrom !== null) {
      current = null;
      render();
      return;
    }
    const now = clock.now();
    if (refusedUntil !== null && now >= refusedUntil) refusedUntil = null;
    const planned = planRestart(memory, rules(), await situation(), zone());
    const wasAsking = current?.step === 'prompt';
    file = { ...file, memory: planned.memory };
    current = planned.plan;
    // Heard once each time the prompt comes (also with its window hidden), with its two answers as buttons.
    if (planned.plan.step === 'prompt' && !wasAsking) deps.notify({ code: 'restart-needed', params: {}, actions: ['restart-now', 'remind-later'] });
    await persist();
    if (planned.plan.step === 'restart' && refusedUntil === null) {
      await restart(planned.plan.by);
      return;
    }
    wakeAt(refusedUntil ?? planned.wakeAt);
    render();
  }

  function replanSoon(): void {
    void serial(run).catch((error: unknown) => log.error('restart: planning failed', { error: String(error) }));
  }

  /** Kept with its Idempotency-Key (a ULID, as the API asks), so that a resend after a crash is kept once. */
  async function enqueue(body: RestartOutcome): Promise<void> {
    const key = await newUlid(clock.now());
    file = { ...file, outbox: [...file.outbox, { key, body }], lastOutcome: { outcome: body.outcome, at: iso(clock.now()) } };
  }

  /** Asks the OS, with what is under way on disk first, so the agent knows at its next start. */
  async function restart(by: RestartBy): Promise<'restarting' | 'refused'> {
    const memory = file.memory!;
    const now = clock.now();
    file = { ...file, restarting: { by, at: now } };
    await persist();
    render();
    log.info('restart: asking the OS', { by, reasons: memory.need.reasons, requestId: memory.need.requestId });
    const message = catalogs[deps.language()].restart.osMessage;
    const result = await deps.restart.restart({ delaySeconds: 0, message }).catch((error: unknown) => ({ outcome: 'refused' as const, detail: String(error) }));
    if (result.outcome === 'accepted') return 'restarting';
    if (stopped) return 'refused';
    log.warn('restart: the OS refused', { detail: result.detail });
    problem = { code: 'os-refused', detail: result.detail.slice(0, 500), at: iso(now) };
    refusedUntil = now + REMIND;
    file = { ...file, restarting: null };
    await enqueue({
      outcome: 'refused',
      requestId: memory.need.requestId,
      by,
      reasons: memory.need.reasons,
      firstSeenAt: iso(memory.firstSeenAt),
      restartedAt: null,
      deferralsUsed: memory.deferralsUsed,
      stillPending: true,
      detail: result.detail.slice(0, 500),
    });
    await persist();
    deps.notify({ code: 'restart-refused', params: {} });
    wakeAt(refusedUntil);
    render();
    sendOutcomes();
    return 'refused';
  }

  /** After the agent came back from a restart: did the reason clear? Told to hallo, and, once, to the employee. */
  async function judgeReturn(by: RestartBy | null, restartedAt: number | null): Promise<void> {
    const memory = file.memory;
    const hard = hardReasons(reasons);
    const stillPending = hard.length > 0;
    const now = clock.now();
    await enqueue({
      outcome: stillPending ? 'failed' : 'performed',
      requestId: memory?.need.requestId ?? null,
      by,
      reasons: memory?.need.reasons ?? [],
      firstSeenAt: iso(memory?.firstSeenAt ?? restartedAt ?? now),
      restartedAt: restartedAt === null ? null : iso(restartedAt),
      deferralsUsed: memory?.deferralsUsed ?? 0,
      stillPending,
      detail: null,
    });
    if (stillPending) {
      log.warn('restart: back, but a restart is still pending', { reasons: hard.map((r) => r.code) });
      // Asked again from the start of the prompt; the deferrals used stay used.
      file = { ...file, memory: memory && { ...memory, countdownEndsAt: null, snoozedUntil: null, busySince: null } };
      return;
    }
    log.info('restart: done, nothing pending any more', { by });
    const requestId = memory?.need.requestId;
    file = { ...file, memory: null, halloReason: null, upToDate: true, doneRequests: requestId ? [...file.doneRequests, requestId] : file.doneRequests };
    problem = null;
    refusedUntil = null;
    deps.notify({ code: 'updates-up-to-date', params: {} });
  }

  function sendOutcomes(): void {
    if (sending || stopped || file.outbox.length === 0) return;
    const api = deps.api();
    if (!api) return;
    sending = true;
    void (async () => {
      for (const entry of file.outbox) {
        try {
          await api.reportRestartOutcome(entry.body, entry.key);
        } catch (error) {
          const refusedForGood = error instanceof ApiError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
          if (!refusedForGood) {
            log.warn('restart: outcome not delivered yet', { error: String(error) });
            if (retryTimer !== null) clock.clearTimeout(retryTimer);
            retryTimer = stopped ? null : clock.setTimeout(() => ((retryTimer = null), sendOutcomes()), OUTCOME_RETRY_MS);
            return;
          }
          log.error('restart: hallo, refused the outcome; dropped', { error: String(error) });
        }
        await serial(async () => {
          file = { ...file, outbox: file.outbox.filter((e) => e.key !== entry.key) };
          await persist();
        });
      }
    })().finally(() => {
      sending = false;
    });
  }

  return {
    start: () =>
      serial(async () => {
        const loaded = await loadRestartFile(deps.dataDir);
        file = loaded.file;
        backFrom = file.restarting;
        if (loaded.damaged !== null) {
          log.warn('restart: the planner’s file is damaged; starting over', { detail: loaded.damaged });
          problem = { code: 'memory-damaged', detail: loaded.damaged, at: iso(clock.now()) };
        }
        render();
        sendOutcomes();
      }),

    async stop() {
      stopped = true;
      if (wakeTimer !== null) clock.clearTimeout(wakeTimer);
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      wakeTimer = retryTimer = null;
      await queue;
    },

    onCheck: (check) =>
      serial(async () => {
        const found = valueOf(check.restart);
        if (found !== null) reasons = found;
        const hard = hardReasons(reasons);
        if (backFrom !== null) {
          await judgeReturn(backFrom.by, backFrom.at);
          backFrom = null;
          file = { ...file, restarting: null };
        } else if (file.memory === null && hard.length > 0) {
          log.info('restart: needed', { reasons: hard.map((r) => r.code) });
          file = { ...file, memory: beginNeed({ source: 'local', requestId: null, reasons: hard.map((r) => r.code), deadline: null }, rules(), clock.now()) };
        } else if (file.memory?.need.source === 'local' && hard.length === 0 && 'value' in check.restart) {
          // Cleared without us (the employee restarted, or the package manager finished): done.
          await judgeReturn(null, null);
        } else if (file.memory && hard.length > 0) {
          const codes = hard.map((r) => r.code);
          const need = file.memory.need;
          file = { ...file, memory: { ...file.memory, need: { ...need, reasons: need.source === 'hallo' ? [...new Set(['hallo-request', ...codes])] : codes } } };
        }
        await persist();
        sendOutcomes();
        await run();
      }),

    onRequest: (data) =>
      serial(async () => {
        const now = clock.now();
        const verdict = judgeRestartRequest(data, now);
        if (!verdict.ok) {
          log.warn('restart: hallo,’s request refused', { requestId: verdict.requestId, detail: verdict.detail });
          problem = { code: 'request-refused', detail: verdict.detail, at: iso(now) };
          if (verdict.requestId !== null) {
            // The API has no answer for a request as such: the outcome `refused` settles it in the
            // portal, with the reason for the technician.
            await enqueue({ outcome: 'refused', requestId: verdict.requestId, by: null, reasons: ['hallo-request'], firstSeenAt: iso(now), restartedAt: null, deferralsUsed: 0, stillPending: false, detail: `refused by the agent: ${verdict.detail}` });
            await persist();
            sendOutcomes();
          }
          render();
          return;
        }
        const { requestId } = verdict.need;
        if (requestId !== null && (file.doneRequests.includes(requestId) || file.memory?.need.requestId === requestId)) return; // replayed
        const fresh = beginNeed(verdict.need, rules(), now);
        const memory = file.memory
          ? {
              ...file.memory,
              need: { ...verdict.need, reasons: [...new Set(['hallo-request', ...file.memory.need.reasons])] },
              deadline: Math.min(file.memory.deadline, fresh.deadline),
            }
          : fresh;
        log.info('restart: requested by hallo,', { requestId, deadline: iso(memory.deadline) });
        file = { ...file, memory, halloReason: verdict.halloReason };
        await persist();
        await run();
      }),

    replan: replanSoon,

    defer: (at) =>
      serial(async () => {
        const memory = file.memory;
        if (memory === null) return 'not-offered';
        const moved = defer(memory, rules(), Date.parse(at), clock.now(), zone());
        if (moved === 'not-offered') return 'not-offered';
        file = { ...file, memory: moved };
        await run();
        return 'deferred';
      }),

    remindLater: () =>
      serial(async () => {
        if (file.memory === null) return;
        file = { ...file, memory: remindLater(file.memory, clock.now()) };
        await run();
      }),

    restartNow: () =>
      serial(async () => {
        if (file.memory === null || backFrom !== null) return 'no-need';
        if (file.restarting !== null) return 'restarting'; // the OS agreed already: not asked twice
        return restart('user');
      }),

    acknowledge: () =>
      serial(async () => {
        file = { ...file, upToDate: false };
        problem = null;
        await persist();
        render();
      }),

    returning: () => backFrom !== null,
    sendOutcomes,
  };
}
