import type { MaintenanceEntry, MaintenanceState } from '../../contract';
import { defineCapability } from '../capability';
import { followUpDelay } from '../hallo-api/follow-up';
import { zone } from '../platform/zoned-time';
import { fromHallo, mergeTimeline } from './merge';
import { MaintenanceMemory } from './memory';
import { observeUpkeep, type UpkeepSources } from './observe';

export const INITIAL_MAINTENANCE: MaintenanceState = { entries: [], fetchedAt: null, stale: false };

/** hallo,'s list is asked again this often: upkeep is done in nightly and monthly runs, not by the minute. */
export const MAINTENANCE_REFRESH_MS = 6 * 60 * 60_000;

/**
 * "Onderhoud": the upkeep done on this PC in the last 30 days, from hallo, (GET /maintenance:
 * once online after start, every 6 hours, and on `maintenance.refresh`; cached in
 * <data>/maintenance/hallo.json for offline, `stale` when the last fetch failed) and from the
 * agent's own observations (observe.ts, kept in observed.json), merged by merge.ts.
 */
export const maintenanceCapability = defineCapability({
  name: 'maintenance',
  slices: ['maintenance'],
  initial: () => ({ maintenance: INITIAL_MAINTENANCE }),
  create(ctx, store) {
    const log = ctx.log.child('maintenance');
    const memory = new MaintenanceMemory(ctx.dataDir, log);
    let hallo: MaintenanceEntry[] = [];
    let halloOf: string | null = null; // the device hallo,'s list is of
    let fetchedAt: string | null = null;
    let stale = false;
    let observed: MaintenanceEntry[] = [];
    let fetchedThisRun = false;
    let stopped = false;
    let timer: unknown = null;
    let unsubscribe: (() => void) | null = null;
    let fetching: Promise<void> | null = null;
    /** Writes in the order they were asked, so that an older list never lands after a newer one. */
    let writes: Promise<void> = Promise.resolve();
    const queue = (write: () => Promise<void>) => (writes = writes.then(write));

    const publish = () => {
      if (!stopped) store.set('maintenance', { entries: mergeTimeline(hallo, observed, ctx.clock.now()), fetchedAt, stale });
    };

    /** The calendar day in the policy's time zone (the servicedesk's, where the PC is), UTC when unknown. */
    const dayOf = (at: number) => {
      const wall = zone(ctx.policy().support.timeZone)?.wall(at);
      if (!wall) return new Date(at).toISOString().slice(0, 10);
      return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
    };

    const sourcesOf = (): UpkeepSources => ({ updates: store.get().updates, checks: store.get().checks });
    let lastSources = '';
    const observe = () => {
      const sources = sourcesOf();
      const key = JSON.stringify([sources.updates.installed, sources.checks.cleanup.last, sources.checks.facts]);
      if (key === lastSources) return;
      lastSources = key;
      const seen = observeUpkeep(sources, observed, { now: ctx.clock.now(), dayOf });
      if (!seen.changed) return;
      observed = seen.entries;
      publish();
      const entries = observed;
      void queue(() => memory.saveObserved(entries));
    };

    const schedule = () => {
      ctx.clock.clearTimeout(timer);
      timer = stopped
        ? null
        : ctx.clock.setTimeout(() => {
            publish(); // entries older than 30 days leave the list even while nothing is fetched
            void fetchHallo();
          }, MAINTENANCE_REFRESH_MS);
    };

    /** One fetch at a time; a second ask joins it. Each fetch plans the next in 6 hours. */
    const fetchHallo = (): Promise<void> =>
      (fetching ??= (async () => {
        const api = ctx.api();
        const deviceId = store.get().connection.deviceId;
        if (!api) return; // not enrolled: hallo, has nothing for this PC yet
        try {
          const list = await api.maintenance();
          if (stopped) return;
          hallo = list.entries.map(fromHallo);
          halloOf = deviceId;
          fetchedAt = new Date(ctx.clock.now()).toISOString();
          stale = false;
          fetchedThisRun = true;
          publish();
          const copy = { deviceId, fetchedAt, entries: hallo };
          void queue(() => memory.saveHallo(copy)); // stop() waits for it; a refresh need not
        } catch (error) {
          if (stopped) return;
          if (!stale) log.warn("hallo,'s maintenance list could not be fetched: the cached one is shown", { error: String(error) });
          stale = true;
          publish();
        }
      })().finally(() => {
        fetching = null;
        schedule();
      }));

    /**
     * The run's first fetch: at once without a list from before to show; with one, after this run's
     * share of the spread (hallo-api/follow-up.ts), so that a fleet starting together asks apart.
     */
    const firstDelayMs = followUpDelay(ctx.options);
    let delayed = false;
    let firstTimer: unknown = null;
    const firstFetch = () => {
      if (firstTimer !== null) return; // the spread's fetch is still to come
      if (halloOf === null || firstDelayMs === 0 || delayed) return void fetchHallo();
      delayed = true;
      firstTimer = ctx.clock.setTimeout(() => {
        firstTimer = null;
        if (!fetchedThisRun && !stopped) void fetchHallo();
      }, firstDelayMs);
    };

    return {
      actions: { 'maintenance.refresh': () => fetchHallo() },
      async start() {
        const [copy, seen] = await Promise.all([memory.loadHallo(), memory.loadObserved()]);
        const deviceId = store.get().connection.deviceId;
        if (copy && (deviceId === null || copy.deviceId === deviceId)) {
          hallo = copy.entries;
          halloOf = copy.deviceId;
          fetchedAt = copy.fetchedAt;
        }
        observed = seen;
        publish();
        observe();
        let status = store.get().connection.status;
        unsubscribe = store.subscribe((patch) => {
          if (patch.updates || patch.checks) observe();
          if (!patch.connection) return;
          const now = store.get().connection;
          if (now.deviceId !== null && halloOf !== null && now.deviceId !== halloOf) {
            // Enrolled again as another device: the old device's upkeep is not this one's.
            hallo = [];
            halloOf = null;
            fetchedAt = null;
            publish();
            void fetchHallo();
          }
          const cameOnline = now.status === 'online' && status !== 'online';
          status = now.status;
          // Once online after start, and again after an outage that made the last fetch fail.
          if (cameOnline && !fetchedThisRun) firstFetch();
          else if (cameOnline && stale) void fetchHallo();
        });
        if (status === 'online') firstFetch();
        else schedule(); // offline or not enrolled: still every 6 hours (old entries leave; a fetch is tried)
      },
      async stop() {
        stopped = true;
        unsubscribe?.();
        unsubscribe = null;
        ctx.clock.clearTimeout(timer);
        ctx.clock.clearTimeout(firstTimer);
        timer = null;
        // A fetch still out is not awaited (up to the API's timeout): once stopped, it writes nothing.
        await writes;
      },
    };
  },
});
