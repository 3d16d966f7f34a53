import type { ActionResult, ChecksState } from '../../contract';
import { defineCapability } from '../capability';
import { currentUserMasker, maskDeep } from '../platform/mask';
import { createChecksChecker, type ChecksChecker } from './checker';
import { cleanupItemIds, systemMounts } from './cleanup-offer';
import { factsOf } from './facts';
import { defaultTempDirs } from './temp/size';
import { checksItems, enabledChecks, resolveChecksPolicy } from './rules';
import type { ChecksReading, ChecksSource } from './types';

export const INITIAL_CHECKS: ChecksState = {
  checking: false,
  lastCheckedAt: null,
  items: [],
  probes: [],
  facts: { lastTimeSyncAt: null, lastScan: null },
  cleanup: { itemIds: [], running: false, last: null },
};

/** The check at login waits this long: the first minute belongs to the employee's own programs (the updates check waits 2 min). */
export const FIRST_CHECKS_DELAY_MS = 30_000;
const MINUTE = 60_000;

type CleanResult = ActionResult<'checks.cleanTemp'>;

/**
 * The PC's protection and upkeep: antivirus, firewall, disk encryption, time, Microsoft 365 and
 * temporary files, read by this machine's source on their own interval (checker.ts) and judged by
 * the policy (rules.ts); the facts the maintenance timeline needs (facts.ts); and "Tijdelijke
 * bestanden opruimen", offered on the lines it helps (cleanup-offer.ts).
 */
export const checksCapability = defineCapability({
  name: 'checks',
  slices: ['checks'],
  initial: () => ({ checks: INITIAL_CHECKS }),
  create(ctx, store) {
    const log = ctx.log.child('checks');
    const platform = store.get().app.platform as NodeJS.Platform;
    const policy = () => resolveChecksPolicy(ctx.policy().checks);
    const tempDirs = ctx.ports.checks?.tempDirs ?? defaultTempDirs(platform, process.env);
    const mounts = systemMounts(platform, process.env);
    const mask = currentUserMasker();
    let stopped = false;
    let unsubscribe: (() => void) | null = null;

    let making: Promise<ChecksSource> | null = null;
    /** This machine's probes load at the first check, not at start: the idle agent never holds them before. */
    const source = () =>
      (making ??= ctx.ports.checks?.source
        ? Promise.resolve(ctx.ports.checks.source)
        : import('./sources/this-machine')
            .then((m) => m.checksSourceForThisMachine({ clock: ctx.clock, powershell: () => ctx.powershell(), platform, tempDirs }))
            .catch((error: unknown) => {
              making = null; // the next check tries again
              throw error;
            }));

    /** The offer follows the lines: recomputed whenever the checks or the health lines change. */
    const offer = (s: ChecksState): ChecksState => {
      const itemIds = cleanupItemIds(s.items, store.get().health.items, mounts);
      return JSON.stringify(itemIds) === JSON.stringify(s.cleanup.itemIds) ? s : { ...s, cleanup: { ...s.cleanup, itemIds } };
    };

    const onReading = (reading: ChecksReading) => {
      if (stopped) return;
      const now = ctx.clock.now();
      const items = checksItems(reading.findings, policy(), { platform, sizeUnits: store.get().app.sizeUnits, now });
      for (const item of items) if (item.code === 'health.unknown') log.warn('a check could not be read', { id: item.id, reason: item.params.reason });
      store.update('checks', (s) =>
        offer({
          ...s,
          checking: false,
          lastCheckedAt: new Date(now).toISOString(),
          items,
          // A source that gave no probe runs (it hung) leaves the last ones for the admin to read.
          probes: reading.probes.length ? maskDeep(reading.probes, mask) : s.probes,
          facts: factsOf(reading.findings, s.facts),
        }),
      );
    };

    const checker: ChecksChecker = createChecksChecker({
      source,
      clock: ctx.clock,
      which: () => enabledChecks(policy()),
      intervalMs: () => policy().intervalMinutes * MINUTE,
      onStart: () => !stopped && store.update('checks', (s) => (s.checking ? s : { ...s, checking: true })),
      onReading,
    });

    async function cleanTemp(): Promise<CleanResult> {
      const nothing = { freedBytes: 0, removed: 0, skipped: 0 };
      if (store.get().checks.cleanup.running) return { outcome: 'running', ...nothing };
      store.update('checks', (s) => ({ ...s, cleanup: { ...s.cleanup, running: true } }));
      let result: CleanResult;
      try {
        // Loaded at the first cleanup: the idle agent never holds it before.
        const { cleanTemp: clean, TEMP_MIN_AGE_MS } = await import('./temp/cleanup');
        const done = await clean(tempDirs.user, { now: ctx.clock.now(), minAgeMs: TEMP_MIN_AGE_MS, platform });
        const figures = { freedBytes: done.freedBytes, removed: done.removed, skipped: done.skipped };
        const failed = done.notCleaned.length >= tempDirs.user.length && done.removed === 0;
        result = { outcome: failed ? 'failed' : 'cleaned', ...figures };
        log.info('temporary files cleaned', { ...figures, notCleaned: done.notCleaned.map(mask) });
        if (!stopped && !failed) store.update('checks', (s) => ({ ...s, cleanup: { ...s.cleanup, last: { at: new Date(ctx.clock.now()).toISOString(), ...figures } } }));
      } catch (error) {
        log.error('temporary files could not be cleaned', { error: mask(String(error)) });
        result = { outcome: 'failed', ...nothing };
      }
      if (!stopped) {
        store.update('checks', (s) => ({ ...s, cleanup: { ...s.cleanup, running: false } }));
        void checker.recheck(); // measure again: the line says what is left
      }
      return result;
    }

    return {
      actions: {
        'checks.refresh': async () => {
          await checker.checkNow();
        },
        'checks.cleanTemp': () => cleanTemp(),
      },
      start() {
        checker.start(ctx.options.checks?.firstCheckDelayMs ?? FIRST_CHECKS_DELAY_MS);
        let lastHealth = store.get().health.items;
        unsubscribe = store.subscribe((patch) => {
          if (!patch.health || store.get().health.items === lastHealth) return;
          lastHealth = store.get().health.items;
          store.update('checks', offer);
        });
        const resume = ctx.ports.updates?.onResume?.(() => void checker.checkNow());
        if (resume) {
          const off = unsubscribe;
          unsubscribe = () => (off(), resume());
        }
      },
      stop() {
        stopped = true;
        checker.stop();
        unsubscribe?.();
        unsubscribe = null;
      },
      onPolicy(next, previous) {
        if (JSON.stringify(next.checks) === JSON.stringify(previous.checks)) return;
        checker.reschedule();
        void checker.recheck(); // which checks run, and their thresholds: read and judge anew
      },
    };
  },
});
