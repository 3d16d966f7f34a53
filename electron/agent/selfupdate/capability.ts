import type { SelfUpdateErrorCode, SelfUpdateState } from '../../contract';
import { defineCapability } from '../capability';
import { bucketOf } from './bucket';
import type * as Decide from './decide';
import { SelfUpdateError } from './errors';
import { FIRST_CHECK_DELAY_MS, firstCheckDelayMs, nextCheckDelayMs } from './schedule';
import { selfUpdateSettings, type SelfUpdateSettings } from './settings';

export const INITIAL_SELF_UPDATE: SelfUpdateState = {
  phase: 'disabled',
  channel: 'stable',
  feedUrl: null,
  feedSource: null,
  stagingPercentage: 100,
  bucket: null,
  lastCheckedAt: null,
  available: null,
  heldBack: false,
  installWhen: null,
  waitingFor: null,
  lastError: null,
};

/** A failure's code: the updater's own, else what failed at that step. */
const codeOf = (error: unknown, otherwise: SelfUpdateErrorCode): SelfUpdateErrorCode => (error instanceof SelfUpdateError ? error.code : otherwise);
const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * The agent keeping itself current through ctx.ports.updater (electron-updater in the app, the
 * feed reader in the preview): reads the feed 10 minutes after start (plus 3 s per bucket place),
 * then every checkHours ± 10 % and on `selfUpdate.check`; downloads a newer version for this
 * device's bucket at once, in the background; installs it at quit, with the computer's restart,
 * or unasked after 24 hours while the user is away, never during a remote session or the
 * restart's countdown (decide.ts). For admins only: employees never hear of it.
 */
export const selfUpdateCapability = defineCapability({
  name: 'selfupdate',
  slices: ['selfUpdate'],
  initial: () => ({ selfUpdate: INITIAL_SELF_UPDATE }),
  create(ctx, store) {
    const log = ctx.log.child('selfupdate');
    const updater = ctx.ports.updater;
    const current = ctx.options.appVersion;
    let settings: SelfUpdateSettings = selfUpdateSettings(ctx.config().config, ctx.policy());
    let started = false;
    let stopped = false;
    let checkTimer: unknown = null;
    let installTimer: unknown = null;
    let checking: Promise<void> | null = null;
    let downloading: Promise<void> | null = null;
    /** The version downloaded and verified, and since when (the 24 hours before installing unasked). */
    let ready: { version: string; at: number } | null = null;
    let installAtQuit: boolean | null = null;
    let unsubscribe: (() => void) | null = null;
    /** decide.ts and its semver functions: loaded at the first read of the feed, not at start. */
    let decide: typeof Decide | null = null;

    const slice = () => store.get().selfUpdate;
    const set = (patch: Partial<SelfUpdateState>) => {
      if (!stopped) store.set('selfUpdate', { ...slice(), ...patch });
    };
    const enabled = () => updater !== undefined && settings.feedUrl !== null;
    /** The bucket of the device it was worked out for; null until the first read of the feed (bucket.ts). */
    let known: { deviceId: string; bucket: number } | null = null;
    const bucket = async (): Promise<number | null> => {
      const deviceId = store.get().connection.deviceId;
      if (deviceId === null) return null;
      if (known?.deviceId !== deviceId) known = { deviceId, bucket: await bucketOf(deviceId) };
      if (slice().bucket !== known.bucket) set({ bucket: known.bucket });
      return known.bucket;
    };

    /** The slice's configuration part; the phase follows whether there is a feed and an updater. */
    const publishSettings = () => {
      const phase = enabled() ? (slice().phase === 'disabled' ? 'idle' : slice().phase) : 'disabled';
      set({ phase, channel: settings.channel, feedUrl: settings.feedUrl, feedSource: settings.feedSource, stagingPercentage: settings.stagingPercentage });
    };

    const planCheck = (delayMs: number) => {
      ctx.clock.clearTimeout(checkTimer);
      checkTimer = stopped || !enabled() ? null : ctx.clock.setTimeout(() => void check('scheduled'), delayMs);
    };
    /** The first read: 10 minutes after start, then as many 3 s as the bucket's place (schedule.ts). */
    const planFirstCheck = () => {
      ctx.clock.clearTimeout(checkTimer);
      checkTimer =
        stopped || !enabled()
          ? null
          : ctx.clock.setTimeout(() => {
              checkTimer = null;
              void bucket().then((place) => {
                if (checkTimer === null) planCheck(firstCheckDelayMs(place) - FIRST_CHECK_DELAY_MS);
              });
            }, FIRST_CHECK_DELAY_MS);
    };

    const fail = (code: SelfUpdateErrorCode, error: unknown, what: string) => {
      const detail = detailOf(error);
      log.warn(`self-update: ${what} failed: nothing installed`, { code, detail, feedUrl: settings.feedUrl });
      set({ lastError: { code, detail } });
    };

    /** Reads the feed once; a second ask joins it. Plans the next read when done. */
    const check = (reason: 'scheduled' | 'admin'): Promise<void> =>
      (checking ??= (async () => {
        if (!updater || settings.feedUrl === null) {
          log.info('self-update: no check: disabled', { reason, feedUrl: settings.feedUrl, updater: updater !== undefined });
          return;
        }
        const feed = { url: settings.feedUrl, channel: settings.channel };
        const before = slice().phase;
        set({ phase: before === 'ready' || before === 'downloading' ? before : 'checking' });
        log.info('self-update: reading the feed', { reason, ...feed, current });
        try {
          const offered = await updater.check(feed);
          if (stopped) return;
          const place = await bucket();
          decide ??= await import('./decide');
          if (stopped) return;
          const verdict = decide.judgeOffer({ current, offered: offered.version, bucket: place, stagingPercentage: settings.stagingPercentage });
          const lastCheckedAt = new Date(ctx.clock.now()).toISOString();
          const rest = ready ? 'ready' : downloading ? 'downloading' : 'idle';
          log.info(`self-update: the feed offers ${offered.version}: ${verdict}`, { current, bucket: place, stagingPercentage: settings.stagingPercentage });
          if (verdict === 'invalid' || verdict === 'older') {
            set({ phase: rest, lastCheckedAt, available: null, heldBack: false });
            return verdict === 'older'
              ? fail('older-version', `offered ${offered.version}, running ${current}`, 'the check')
              : fail('feed-invalid', `not a version: ${offered.version}`, 'the check');
          }
          if (verdict === 'up-to-date') return set({ phase: rest, lastCheckedAt, available: null, heldBack: false, lastError: null });
          const available = { version: offered.version, releaseDate: offered.releaseDate };
          if (verdict === 'held-back') return set({ phase: rest, lastCheckedAt, available, heldBack: true, lastError: null });
          set({ lastCheckedAt, available, heldBack: false, lastError: null });
          if (ready?.version === offered.version) return set({ phase: 'ready' });
          void download(offered.version);
        } catch (error) {
          if (stopped) return;
          set({ phase: ready ? 'ready' : 'idle', lastCheckedAt: new Date(ctx.clock.now()).toISOString() });
          fail(codeOf(error, 'feed-unreachable'), error, 'the check');
        }
      })().finally(() => {
        checking = null;
        planCheck(nextCheckDelayMs(settings.checkHours, Math.random()));
      }));

    /** Downloads in the background; the updater verifies the file (sha512, the publisher's signature). */
    const download = (version: string): Promise<void> =>
      (downloading ??= (async () => {
        if (!updater) return;
        ready = null;
        set({ phase: 'downloading', installWhen: null, waitingFor: null });
        log.info(`self-update: downloading ${version}`);
        try {
          await updater.download();
          if (stopped) return;
          ready = { version, at: ctx.clock.now() };
          log.info(`self-update: ${version} downloaded and verified`);
          set({ phase: 'ready', lastError: null });
          judgeInstall();
        } catch (error) {
          if (stopped) return;
          set({ phase: 'idle' });
          fail(codeOf(error, 'download-failed'), error, `the download of ${version}`);
        }
      })().finally(() => (downloading = null)));

    /** When a ready update installs, judged again whenever a session or the restart changes. */
    const judgeInstall = () => {
      ctx.clock.clearTimeout(installTimer);
      installTimer = null;
      if (!updater || !ready || !decide || stopped) return; // ready only after a read, which loaded decide
      const { remote, updates } = store.get();
      const plan = decide.installPlan({
        remoteSession: remote.session !== null,
        restart: updates.restart,
        readyAt: ready.at,
        now: ctx.clock.now(),
        idleSeconds: ctx.ports.idle.idleSeconds(),
      });
      if (plan.installAtQuit !== installAtQuit) {
        installAtQuit = plan.installAtQuit;
        updater.setInstallAtQuit(plan.installAtQuit);
        log.info(`self-update: ${ready.version} ${plan.installAtQuit ? `installs ${plan.installWhen}` : `waits for the ${plan.waitingFor}`}`);
      }
      if (slice().installWhen !== plan.installWhen || slice().waitingFor !== plan.waitingFor) set({ installWhen: plan.installWhen, waitingFor: plan.waitingFor });
      if (plan.againInMs !== null) installTimer = ctx.clock.setTimeout(judgeInstall, plan.againInMs);
      if (!plan.installNow) return;
      log.info(`self-update: installing ${ready.version} now: ready for 24 hours and the user away`);
      set({ phase: 'installing' });
      const installing = ready;
      const failed = (error: unknown) => {
        if (stopped || ready !== installing) return;
        ready = { ...installing, at: ctx.clock.now() }; // not again before another 24 hours
        set({ phase: 'ready' });
        fail(codeOf(error, 'install-failed'), error, `installing ${installing.version}`);
        judgeInstall(); // still at quit; unasked again in 24 hours
      };
      try {
        void Promise.resolve(updater.installNow()).catch(failed);
      } catch (error) {
        failed(error);
      }
    };

    return {
      actions: { 'selfUpdate.check': () => check('admin') },
      start() {
        started = true;
        publishSettings();
        log.info(enabled() ? 'self-update: on' : 'self-update: off', { ...settings, updater: updater !== undefined, current });
        planFirstCheck();
        let deviceId = store.get().connection.deviceId;
        unsubscribe = store.subscribe((patch) => {
          if (patch.remote || patch.updates) judgeInstall();
          // Enrolled (again): the new device's place is worked out at the next read of the feed.
          if (patch.connection && patch.connection.deviceId !== deviceId) {
            deviceId = patch.connection.deviceId;
            set({ bucket: null });
          }
        });
      },
      stop() {
        stopped = true;
        unsubscribe?.();
        ctx.clock.clearTimeout(checkTimer);
        ctx.clock.clearTimeout(installTimer);
      },
      onPolicy(policy) {
        const was = enabled();
        settings = selfUpdateSettings(ctx.config().config, policy);
        if (!started) return;
        publishSettings();
        if (was === enabled()) return;
        log.info(enabled() ? 'self-update: on (policy)' : 'self-update: off (policy)', { ...settings });
        planFirstCheck(); // off: clears the timer
      },
    };
  },
});
