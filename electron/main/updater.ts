import type { AppUpdater as ElectronUpdater, UpdateInfo } from 'electron-updater';
import type { SelfUpdateErrorCode } from '../contract';
import type { AppUpdater, OfferedUpdate } from '../agent/ports';
import { SelfUpdateError } from '../agent/selfupdate/errors';
import type { MachineHandoff } from './machine-update/handoff';

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

/** The port, and what the shell does when the app quits (install through the update task). */
export interface ShellUpdater extends AppUpdater {
  /** At Electron's `quit` (sync: the process ends right after). */
  atQuit(): void;
}

/**
 * A per-machine Windows install (machine-update/README.md): electron-updater would start the
 * installer through elevate.exe, a UAC prompt an employee cannot answer. The installer is left
 * for SYSTEM's update task instead, which checks it again and installs it.
 */
export interface MachineInstall {
  handoff: MachineHandoff;
  /** This app's version: what is left in the inbox for it or older is removed. */
  currentVersion: string;
  /** Quits the app (the installer replaces it). */
  quit(): void;
}

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
export function lazyShellUpdater(load: () => Promise<LoadableEngine>, log?: UpdaterLog, machine?: MachineInstall): ShellUpdater {
  let loading: Promise<ShellUpdater> | null = null;
  let loaded: ShellUpdater | null = null;
  let installAtQuit = false;
  const updater = () =>
    (loading ??= load().then((engine) => {
      if (!engine.isUpdaterActive()) throw new SelfUpdateError('feed-unreachable', 'electron-updater is not active in this build (an AppImage not started as one)');
      loaded = createShellUpdater(engine, log, machine);
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
    installNow: async () => loaded?.installNow(),
    atQuit: () => loaded?.atQuit(),
  };
}

export function createShellUpdater(engine: UpdaterEngine, log?: UpdaterLog, machine?: MachineInstall): ShellUpdater {
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
  let lastOffered: string | null = null;
  /** The verified installer and its version, once downloaded (machine mode hands it on). */
  let downloaded: { file: string; version: string } | null = null;
  const through = machine ? machineInstallSteps(machine, log) : null;

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
      lastOffered = String(result.updateInfo.version);
      // Equal or older versions are not "available" to electron-updater (allowDowngrade off), but
      // the feed's version is returned all the same: the agent tells "up to date" from "older".
      return offered(result.updateInfo);
    },

    async download() {
      // A newer version that electron-updater will not take: the feed's minimumSystemVersion is
      // above this OS (AppUpdater.isUpdateAvailable). Nothing to download for this PC.
      if (!downloadable) throw new SelfUpdateError('download-failed', 'no update for this system in the last check');
      const version = lastOffered ?? '';
      if (through) {
        const files = await engine.downloadUpdate().catch((error: unknown) => {
          throw selfUpdateErrorOf(error, 'download');
        });
        if (!files[0]) throw new SelfUpdateError('download-failed', 'electron-updater downloaded no file');
        downloaded = { file: files[0], version };
        if (installAtQuit) await through.leave(downloaded);
        return;
      }
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
      if (!through) {
        engine.autoInstallOnAppQuit = on;
        return;
      }
      // Left in the inbox while installing may happen (the update task also runs at startup, so a
      // shutdown without a quit still installs it); taken back while it must wait.
      if (downloaded) void (on ? through.leave(downloaded) : through.takeBack());
    },

    async installNow() {
      if (!through) {
        // Silent (the employee is away, the agent waited for that) and started again afterwards.
        engine.quitAndInstall(true, true);
        return;
      }
      if (!downloaded) throw new SelfUpdateError('install-failed', 'nothing downloaded to install');
      await through.installNow(downloaded);
    },

    atQuit() {
      if (through && installAtQuit && downloaded) through.atQuit();
    },
  };
}

/** What machine mode adds, step by step (MachineInstall). */
function machineInstallSteps(machine: MachineInstall, log?: UpdaterLog) {
  const { handoff } = machine;
  // What earlier versions' agents left (the update installed it, or a newer one came) goes.
  void handoff.tidy(machine.currentVersion).catch((error: unknown) => log?.warn(`the inbox could not be tidied: ${String(error)}`));
  const leave = (file: { file: string; version: string }) =>
    handoff.leave(file.file, file.version).then(
      () => true,
      (error: unknown) => {
        log?.error(`the installer was not left for the update task: ${String(error)}`);
        return false;
      },
    );
  return {
    leave,
    takeBack: () => handoff.takeBack().catch((error: unknown) => log?.warn(`the installer could not be taken back: ${String(error)}`)),
    async installNow(file: { file: string; version: string }) {
      if (!(await leave(file))) throw new SelfUpdateError('install-failed', 'the installer could not be left for the update task');
      try {
        await handoff.runTask();
      } catch (error) {
        throw new SelfUpdateError('install-failed', String(error));
      }
      machine.quit();
    },
    atQuit: () => handoff.startTask(),
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
