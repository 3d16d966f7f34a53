import type { AppUpdater as ElectronUpdater, UpdateInfo } from 'electron-updater';
import type { SelfUpdateErrorCode } from '../contract';
import type { AppUpdater, OfferedUpdate } from '../agent/ports';
import { SelfUpdateError } from '../agent/selfupdate/errors';

// The agent's AppUpdater port over electron-updater 6.8 (read in node_modules/electron-updater/out).
// It checks, downloads and installs when the agent says; whether and when is the agent's
// (agent/selfupdate/). What electron-updater would decide by itself is switched off here.

/** What of electron-updater's `autoUpdater` the adapter uses. */
export type UpdaterEngine = Pick<
  ElectronUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'disableWebInstaller'
  | 'isUserWithinRollout'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
>;

/** Where electron-updater's own lines go (the agent's log). */
export interface UpdaterLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

// electron-updater puts a feed it cannot parse into its error line whole (`rawData: …`).
const LOG_LINE_MAX = 1000;
const clipped = (message: unknown) => String(message).slice(0, LOG_LINE_MAX);

type LoadableEngine = UpdaterEngine & { isUpdaterActive(): boolean };

/**
 * electron-updater's `autoUpdater` (NsisUpdater, MacUpdater, AppImageUpdater or DebUpdater, chosen
 * by platform). Named imports of it fail in Node's ESM (`autoUpdater` is a lazy getter that
 * cjs-module-lexer cannot see): it is read from the default export.
 */
export async function loadAutoUpdater(): Promise<LoadableEngine> {
  const module = (await import('electron-updater')) as unknown as { default: { autoUpdater: LoadableEngine } };
  return module.default.autoUpdater;
}

/**
 * The port for a packaged app, loading electron-updater at its first use: the agent's first check
 * is minutes after start, and electron-updater is about 2.8 MB of heap and 0.4 s to load
 * (measured with `node --expose-gc`, require('electron-updater')) that login need not pay.
 * Where it is not active (an AppImage not started as one cannot replace itself) every check
 * fails, and says why.
 */
export function lazyShellUpdater(load: () => Promise<LoadableEngine>, log?: UpdaterLog): AppUpdater {
  let loading: Promise<AppUpdater> | null = null;
  let loaded: AppUpdater | null = null;
  let installAtQuit = false;
  const updater = () =>
    (loading ??= load().then((engine) => {
      if (!engine.isUpdaterActive()) throw new SelfUpdateError('feed-unreachable', 'electron-updater is not active in this build (an AppImage not started as one)');
      loaded = createShellUpdater(engine, log);
      loaded.setInstallAtQuit(installAtQuit);
      return loaded;
    }));
  return {
    check: async (feed) => (await updater()).check(feed),
    download: async () => (await updater()).download(),
    setInstallAtQuit(on) {
      installAtQuit = on;
      loaded?.setInstallAtQuit(on);
    },
    // Before electron-updater is loaded nothing has been downloaded, so there is nothing to install.
    installNow: () => loaded?.installNow(),
  };
}

export function createShellUpdater(engine: UpdaterEngine, log?: UpdaterLog): AppUpdater {
  // The agent starts the download when it has decided to (staging, version); never on a check.
  engine.autoDownload = false;
  // Nothing installs at quit until the agent says so (setInstallAtQuit).
  let installAtQuit = false;
  engine.autoInstallOnAppQuit = false;
  // An older version is never installed. (Setting `channel` on electron-updater turns downgrades
  // on, AppUpdater.js `set channel`; the channel goes through setFeedURL instead.)
  engine.allowDowngrade = false;
  // The staged rollout is the agent's (a bucket from the device id, state.selfUpdate): a feed's own
  // `stagingPercentage` must not hold a device back a second time by electron-updater's random id.
  engine.isUserWithinRollout = () => true;
  // hallo, publishes full installers (nsis, not nsis-web): a feed that offers a web installer is refused.
  engine.disableWebInstaller = true;
  engine.logger = log
    ? { info: (m: unknown) => log.info(clipped(m)), warn: (m: unknown) => log.warn(clipped(m)), error: (m: unknown) => log.error(clipped(m)) }
    : null;
  // Whether the last check found a version electron-updater will download (newer, for this OS).
  let downloadable = false;

  return {
    async check({ url, channel }): Promise<OfferedUpdate> {
      downloadable = false;
      // The generic provider reads `<url>/<channel><-mac|-linux|>.yml`: latest*.yml for stable.
      engine.setFeedURL({ provider: 'generic', url, channel: channel === 'beta' ? 'beta' : 'latest' });
      let result: Awaited<ReturnType<ElectronUpdater['checkForUpdates']>>;
      try {
        result = await engine.checkForUpdates();
      } catch (error) {
        throw selfUpdateErrorOf(error, 'check');
      }
      // null: electron-updater is not active (unpackaged, or an AppImage not run as one);
      // lazyShellUpdater refuses those before, so in the app this does not happen.
      if (!result) throw new SelfUpdateError('feed-unreachable', 'electron-updater is not active in this build');
      downloadable = result.isUpdateAvailable;
      // Equal or older versions are not "available" to electron-updater (allowDowngrade off), but
      // the feed's version is returned all the same: the agent tells "up to date" from "older".
      return offered(result.updateInfo);
    },

    async download() {
      // A newer version that electron-updater will not take: the feed's minimumSystemVersion is
      // above this OS (AppUpdater.isUpdateAvailable). Nothing to download for this PC.
      if (!downloadable) throw new SelfUpdateError('download-failed', 'no update for this system in the last check');
      // electron-updater registers its install-at-quit handler only if autoInstallOnAppQuit is on
      // when a download completes (BaseUpdater.addQuitHandler); the handler reads the flag again
      // at quit, so it is on while downloading and then back to what the agent said.
      engine.autoInstallOnAppQuit = true;
      try {
        await engine.downloadUpdate();
      } catch (error) {
        throw selfUpdateErrorOf(error, 'download');
      } finally {
        engine.autoInstallOnAppQuit = installAtQuit;
      }
    },

    setInstallAtQuit(on) {
      installAtQuit = on;
      engine.autoInstallOnAppQuit = on;
    },

    installNow() {
      // Silent (the employee is away, the agent waited for that) and started again afterwards.
      engine.quitAndInstall(true, true);
    },
  };
}

function offered(info: UpdateInfo): OfferedUpdate {
  // electron-updater's js-yaml reads an unquoted timestamp as a Date (the reference server's feed
  // has one; electron-builder quotes it): an ISO string either way.
  const date: unknown = info.releaseDate;
  const releaseDate = date instanceof Date ? date.toISOString() : typeof date === 'string' && date !== '' ? date : null;
  return { version: String(info.version), releaseDate };
}

/** electron-updater's `code`s that mean the feed itself is wrong (not a file, not a version, no file for us). */
const FEED_INVALID = new Set([
  'ERR_UPDATER_INVALID_VERSION', // the feed's version is not semver (or absent: garbage that parsed as YAML)
  'ERR_UPDATER_INVALID_UPDATE_INFO', // not YAML (Provider.parseUpdateInfo)
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
  'ERR_UPDATER_ASSET_NOT_FOUND',
  'ERR_UPDATER_WEB_INSTALLER_DISABLED', // a web installer offered: hallo, publishes full ones
]);

/**
 * What an electron-updater failure means for the admin. `during` decides the rest: a check that
 * fails otherwise did not reach the feed (HTTP errors, `net::ERR_*`, ECONNREFUSED, the channel
 * file missing: ERR_UPDATER_CHANNEL_FILE_NOT_FOUND); a download that fails otherwise failed.
 */
export function selfUpdateErrorOf(error: unknown, during: 'check' | 'download'): SelfUpdateError {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  const detail = typeof message === 'string' ? message.slice(0, 500) : String(error);
  const as = (selfCode: SelfUpdateErrorCode) => new SelfUpdateError(selfCode, detail);
  if (code === 'ENOSPC' || code === 'EDQUOT') return as('disk-full');
  // The sha512 in the feed against the file (DigestTransform), or the X-Checksum-Sha2 header (no code).
  if (code === 'ERR_CHECKSUM_MISMATCH' || (typeof message === 'string' && /checksum mismatch/i.test(message))) return as('hash-mismatch');
  // NsisUpdater.verifySignature: not signed by `publisherName` (electron-builder.yml).
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return as('signature-invalid');
  if ((typeof code === 'string' && FEED_INVALID.has(code)) || name === 'YAMLException') return as('feed-invalid');
  return as(during === 'check' ? 'feed-unreachable' : 'download-failed');
}
