import type { UpdatesState } from '../../contract';
import { defineCapability } from '../capability';
import { busyReaderForThisMachine, createBusySource } from './busy/source';
import { createUpdatesChecker, type UpdatesChecker } from './checker';
import { createRestartService } from './restart-service';
import { withItems } from './status';
import { checkView, updatesSummary } from './updates-view';

const HOUR = 60 * 60_000;
/**
 * The check at login waits this long: the first minutes belong to the employee's own programs, and
 * a check costs seconds of CPU (apt-get -s upgrade: about 9 s on the bench machine, npm run bench).
 */
export const FIRST_CHECK_DELAY_MS = 2 * 60_000;

const INITIAL: UpdatesState = {
  checking: false,
  lastCheckedAt: null,
  pending: null,
  pendingProblem: null,
  installed: null,
  restart: { needed: false, reasons: [], source: null, halloReason: null, requestId: null, deadline: null, deferralsUsed: 0, deferralsLeft: 0, step: null, problem: null },
  upToDate: false,
  items: [],
  lastOutcome: null,
};

/**
 * Updates and the restart: what is pending and installed (the checker, in the background on the
 * policy's interval, at start and after resume), and a restart that fits around the work but gets
 * done (restart-service.ts: the planner, its file, the port, the outcome).
 */
export const updatesCapability = defineCapability({
  name: 'updates',
  slices: ['updates'],
  initial: () => ({ updates: INITIAL }),
  create(ctx, store) {
    const ports = ctx.ports.updates;
    const log = ctx.log.child('updates');
    // Windows: the agent's one long-lived PowerShell for the provider and the busy source (started at first use).
    const sharedPowerShell = () => ctx.powershell();
    const restart = createRestartService({
      store,
      log,
      clock: ctx.clock,
      dataDir: ctx.dataDir,
      // Without a restart port (tests that do not need one) nothing restarts the computer: refused and said.
      restart: ports?.restart ?? { restart: async () => ({ outcome: 'refused', detail: 'no restart port in this agent' }) },
      busy: ports?.busy ?? createBusySource(busyReaderForThisMachine({ powershell: sharedPowerShell }), { clock: ctx.clock, log: log.child('busy') }),
      idle: ctx.ports.idle,
      api: ctx.api,
      notify: ctx.notify,
      policy: ctx.policy,
      language: () => store.get().settings.language,
    });
    let checker: UpdatesChecker | null = null;
    let stopped = false;
    let firstTimer: unknown = null;
    const unsubscribers: (() => void)[] = [];
    const intervalMs = () => (ctx.policy().updates?.checkHours ?? 4) * HOUR;

    /** The restart's judgement of the latest check: `checking` lasts until it is done. */
    let judged: Promise<void> = Promise.resolve();
    /**
     * The checker, made at the first check (at login that waits FIRST_CHECK_DELAY_MS): the
     * providers, their tools and parsers load then, not at start, so the idle agent never holds
     * them before. What the UI shows at start (a pending restart) is restart-service.ts's.
     */
    let making: Promise<UpdatesChecker | null> | null = null;
    const ready = () =>
      (making ??= (async () => {
        const provider = ports?.provider ?? (await (await import('./provider')).providerForThisMachine({ clock: ctx.clock, ...(process.platform === 'win32' ? { powershell: sharedPowerShell() } : {}) }));
        if (stopped) return null;
        checker = createUpdatesChecker({
          provider,
          clock: ctx.clock,
          intervalMs: intervalMs(),
          onCheck(result) {
            if (stopped) return;
            store.update('updates', (s) => withItems({ ...s, ...checkView(result) }));
            judged = restart.onCheck(result).catch((error: unknown) => log.error('restart: a check could not be judged', { error: String(error) }));
          },
        });
        checker.start(); // the interval, and a first check
        return checker;
      })().catch((error: unknown) => {
        making = null; // the next check tries again
        log.error('updates: no provider', { error: String(error) });
        return null;
      }));
    /** A check in the background: `checking` while it runs; never awaited by anyone on a hot path. */
    const check = (trigger: 'login' | 'resume' | 'admin') => {
      if (stopped) return;
      store.update('updates', (s) => ({ ...s, checking: true }));
      void ready()
        .then((made) => made?.checkNow(trigger)) // joins the first check when it just started
        .then(() => judged)
        .finally(() => !stopped && store.update('updates', (s) => ({ ...s, checking: false })));
    };

    return {
      actions: {
        'updates.check': () => check('admin'),
        'updates.defer': async ({ at }) => ({ outcome: await restart.defer(at) }),
        'updates.remindLater': () => restart.remindLater(),
        'updates.restartNow': async () => ({ outcome: await restart.restartNow() }),
        'updates.acknowledge': () => restart.acknowledge(),
      },
      async start() {
        await restart.start();
        // The agent starts at login: that check comes a little later, or at once after a restart we made.
        const delay = restart.returning() ? 0 : (ctx.options.updates?.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
        if (delay === 0) check('login');
        else firstTimer = ctx.clock.setTimeout(() => check('login'), delay);
        const battery = () => JSON.stringify(store.get().health.figures?.battery ?? null);
        let lastBattery = battery();
        let lastStatus = store.get().connection.status;
        const remoteSession = () => store.get().remote.session !== null;
        let lastRemoteSession = remoteSession();
        unsubscribers.push(
          store.subscribe((patch) => {
            if (patch.health && battery() !== lastBattery) {
              lastBattery = battery();
              restart.replan();
            }
            if (patch.remote && remoteSession() !== lastRemoteSession) {
              lastRemoteSession = remoteSession(); // a session began (hold the prompts) or ended (plan again)
              restart.replan();
            }
            if (patch.connection && store.get().connection.status !== lastStatus) {
              lastStatus = store.get().connection.status;
              if (lastStatus === 'online') restart.sendOutcomes();
            }
          }),
        );
        if (ports?.onResume)
          unsubscribers.push(
            ports.onResume(() => {
              check('resume');
              restart.replan();
            }),
          );
      },
      async stop() {
        stopped = true;
        if (firstTimer !== null) ctx.clock.clearTimeout(firstTimer);
        checker?.stop();
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
        await restart.stop();
      },
      onPolicy(policy, previous) {
        if (policy.updates?.checkHours !== previous.updates?.checkHours) checker?.setInterval(intervalMs());
        if (JSON.stringify(policy.restart) !== JSON.stringify(previous.restart) || policy.support.timeZone !== previous.support.timeZone) restart.replan();
      },
      onServerEvent(event) {
        if (event.type === 'restart.requested') void restart.onRequest(event.data).catch((error: unknown) => log.error('restart: a request could not be handled', { error: String(error) }));
      },
      heartbeat: () => ({ updates: updatesSummary(store.get().updates) }),
      diagnostics: () => ({ updates: updatesSummary(store.get().updates) }),
    };
  },
});
